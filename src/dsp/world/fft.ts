/**
 * Real-input FFT of a power-of-two size, computed through a complex FFT of half the size
 * (the "two-for-one" packing: even samples in the real part, odd samples in the imaginary
 * part, then one butterfly stage to separate them; Brigham, "The Fast Fourier Transform",
 * ch. 9). Buffers and twiddle tables are allocated once per size, so the analysis loops
 * that run thousands of FFTs allocate nothing.
 */

export class RealFFT {
  readonly size: number
  /** Bins of the one-sided spectrum: size / 2 + 1. */
  readonly bins: number
  private readonly half: number
  private readonly reverse: Uint32Array
  private readonly twiddleRe: Float64Array
  private readonly twiddleIm: Float64Array
  /** e^{-2πik/N} for the split stage, k = 0..N/2. */
  private readonly splitRe: Float64Array
  private readonly splitIm: Float64Array
  private readonly workRe: Float64Array
  private readonly workIm: Float64Array

  constructor(size: number) {
    if (size < 4 || (size & (size - 1)) !== 0)
      throw new RangeError(`FFT size must be a power of two ≥ 4, got ${size}`)
    this.size = size
    this.half = size / 2
    this.bins = this.half + 1
    const half = this.half
    const bits = Math.log2(half)
    this.reverse = new Uint32Array(half)
    for (let i = 0; i < half; i++) {
      let r = 0
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b)
      this.reverse[i] = r
    }
    this.twiddleRe = new Float64Array(half / 2)
    this.twiddleIm = new Float64Array(half / 2)
    for (let i = 0; i < half / 2; i++) {
      this.twiddleRe[i] = Math.cos((-2 * Math.PI * i) / half)
      this.twiddleIm[i] = Math.sin((-2 * Math.PI * i) / half)
    }
    this.splitRe = new Float64Array(half + 1)
    this.splitIm = new Float64Array(half + 1)
    for (let k = 0; k <= half; k++) {
      this.splitRe[k] = Math.cos((-2 * Math.PI * k) / size)
      this.splitIm[k] = Math.sin((-2 * Math.PI * k) / size)
    }
    this.workRe = new Float64Array(half)
    this.workIm = new Float64Array(half)
  }

  /** In-place radix-2 complex FFT of size N/2 on the work buffers (forward sign). */
  private complexForward(re: Float64Array, im: Float64Array): void {
    const n = this.half
    const rev = this.reverse
    for (let i = 0; i < n; i++) {
      const j = rev[i]
      if (j > i) {
        const tr = re[i]
        re[i] = re[j]
        re[j] = tr
        const ti = im[i]
        im[i] = im[j]
        im[j] = ti
      }
    }
    for (let len = 2; len <= n; len <<= 1) {
      const halfLen = len >> 1
      const step = n / len
      for (let start = 0; start < n; start += len) {
        for (let k = 0; k < halfLen; k++) {
          const wr = this.twiddleRe[k * step]
          const wi = this.twiddleIm[k * step]
          const a = start + k
          const b = a + halfLen
          const xr = re[b] * wr - im[b] * wi
          const xi = re[b] * wi + im[b] * wr
          re[b] = re[a] - xr
          im[b] = im[a] - xi
          re[a] += xr
          im[a] += xi
        }
      }
    }
  }

  /**
   * One-sided spectrum of a real signal. `input` may be shorter than the FFT size (the rest
   * is taken as zeros). Writes `bins` values into outRe / outIm.
   */
  forward(input: ArrayLike<number>, outRe: Float64Array, outIm: Float64Array): void {
    const half = this.half
    const re = this.workRe
    const im = this.workIm
    const length = Math.min(input.length, this.size)
    for (let i = 0; i < half; i++) {
      const e = 2 * i
      re[i] = e < length ? input[e] : 0
      im[i] = e + 1 < length ? input[e + 1] : 0
    }
    this.complexForward(re, im)
    for (let k = 0; k <= half; k++) {
      const a = k === half ? 0 : k
      const b = k === 0 ? 0 : half - k
      // Z[k] and conj(Z[N/2 - k]) give the even (E) and odd (O) half-spectra.
      const zr = re[a]
      const zi = im[a]
      const cr = re[b]
      const ci = -im[b]
      const er = 0.5 * (zr + cr)
      const ei = 0.5 * (zi + ci)
      // O = (Z - conj Z') / (2i)
      const or = 0.5 * (zi - ci)
      const oi = -0.5 * (zr - cr)
      const wr = this.splitRe[k]
      const wi = this.splitIm[k]
      outRe[k] = er + (or * wr - oi * wi)
      outIm[k] = ei + (or * wi + oi * wr)
    }
  }

  /** Inverse of forward(): a real signal of `size` samples from a one-sided spectrum (scaled by 1/N). */
  inverse(inRe: ArrayLike<number>, inIm: ArrayLike<number>, output: Float64Array): void {
    const half = this.half
    const re = this.workRe
    const im = this.workIm
    for (let k = 0; k < half; k++) {
      const xr = inRe[k]
      const xi = inIm[k]
      const cr = inRe[half - k]
      const ci = -inIm[half - k]
      const er = 0.5 * (xr + cr)
      const ei = 0.5 * (xi + ci)
      // O = (X - conj X') / (2 W^k), with 1/W^k = conj(W^k)
      const dr = 0.5 * (xr - cr)
      const di = 0.5 * (xi - ci)
      const wr = this.splitRe[k]
      const wi = -this.splitIm[k]
      const or = dr * wr - di * wi
      const oi = dr * wi + di * wr
      // Z = E + iO, conjugated so that the forward transform computes the inverse.
      re[k] = er - oi
      im[k] = -(ei + or)
    }
    this.complexForward(re, im)
    const scale = 1 / half
    for (let i = 0; i < half; i++) {
      output[2 * i] = re[i] * scale
      output[2 * i + 1] = -im[i] * scale
    }
  }
}

const cache = new Map<number, RealFFT>()

/** Shared FFT instance for a size (the work buffers make it single-threaded, which JS is). */
export function fftOf(size: number): RealFFT {
  let fft = cache.get(size)
  if (!fft) {
    fft = new RealFFT(size)
    cache.set(size, fft)
  }
  return fft
}

/** Smallest power of two ≥ n. */
export function nextPow2(n: number): number {
  let size = 4
  while (size < n) size <<= 1
  return size
}
