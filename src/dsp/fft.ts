/**
 * The one real-input FFT of mynah's DSP, over fft.js (radix-4, about twice as fast here as
 * the radix-2 two-for-one transform the WORLD-style vocoder first carried). Buffers are
 * allocated once per size, so analysis loops that run thousands of FFTs allocate nothing;
 * `fftOf(size)` shares one instance per size (JS is single-threaded).
 */
import FFT from 'fft.js'

export class RealFFT {
  readonly size: number
  /** Bins of the one-sided spectrum: size / 2 + 1. */
  readonly bins: number
  private readonly fft: FFT
  private readonly input: Float64Array
  private readonly spectrum: number[]
  private readonly time: number[]

  constructor(size: number) {
    if (size < 4 || (size & (size - 1)) !== 0)
      throw new RangeError(`FFT size must be a power of two ≥ 4, got ${size}`)
    this.size = size
    this.bins = size / 2 + 1
    this.fft = new FFT(size)
    this.input = new Float64Array(size)
    this.spectrum = this.fft.createComplexArray() as number[]
    this.time = this.fft.createComplexArray() as number[]
  }

  /**
   * One-sided spectrum of a real signal. `input` may be shorter than the FFT size (the rest
   * is taken as zeros). Writes `bins` values into outRe / outIm.
   */
  forward(input: ArrayLike<number>, outRe: Float64Array, outIm: Float64Array): void {
    const n = this.size
    const length = Math.min(input.length, n)
    const x = this.input
    for (let i = 0; i < length; i++) x[i] = input[i]
    x.fill(0, length)
    this.fft.realTransform(this.spectrum, x)
    for (let k = 0; k <= n / 2; k++) {
      outRe[k] = this.spectrum[2 * k]
      outIm[k] = this.spectrum[2 * k + 1]
    }
  }

  /** Inverse of forward(): a real signal of `size` samples from a one-sided spectrum (scaled by 1/N). */
  inverse(inRe: ArrayLike<number>, inIm: ArrayLike<number>, output: Float64Array): void {
    const n = this.size
    const s = this.spectrum
    for (let k = 0; k <= n / 2; k++) {
      s[2 * k] = inRe[k]
      s[2 * k + 1] = inIm[k]
    }
    // Hermitian symmetry: the upper half mirrors the lower half, conjugated.
    for (let k = n / 2 + 1; k < n; k++) {
      s[2 * k] = inRe[n - k]
      s[2 * k + 1] = -inIm[n - k]
    }
    this.fft.inverseTransform(this.time, s)
    for (let i = 0; i < n; i++) output[i] = this.time[2 * i]
  }
}

const cache = new Map<number, RealFFT>()

/** Shared FFT instance for a size. */
export function fftOf(size: number): RealFFT {
  let fft = cache.get(size)
  if (!fft) {
    fft = new RealFFT(size)
    cache.set(size, fft)
  }
  return fft
}

/** Smallest power of two ≥ n (at least 4, the smallest FFT). */
export function nextPow2(n: number): number {
  let size = 4
  while (size < n) size <<= 1
  return size
}
