/**
 * Small spectral helpers shared by the WORLD-style analysis and synthesis: F0-adaptive
 * windowing, rectangular smoothing along frequency, the "DC correction" that folds the
 * negative-frequency image of the lowest harmonic back in, and minimum-phase spectra from
 * log amplitudes (homomorphic method, Oppenheim & Schafer, "Discrete-Time Signal
 * Processing", §13.8). The ideas follow Morise's CheapTrick/D4C papers (Speech Commun. 2015,
 * 2016); the code is written for mynah.
 */
import { fftOf } from '../fft.js'

/** Frames of the analysis: F0 per frame plus the spectral parameters, all at one frame period. */
export interface WorldParams {
  readonly sampleRate: number
  /** Seconds between frames; frame i sits at i * framePeriod. */
  readonly framePeriod: number
  /** FFT size of the spectra; each spectral frame has fftSize / 2 + 1 bins. */
  readonly fftSize: number
  /** F0 in Hz per frame, 0 where unvoiced. */
  readonly f0: Float64Array
  /** Smooth power spectral envelope per frame (linear power, per-sample variance scale). */
  readonly envelope: Float64Array[]
  /**
   * Band aperiodicity per frame in dB (≤ 0), one value per coarse band centre in
   * `bandFrequencies`. 0 dB = noise, very negative = periodic.
   */
  readonly bandAperiodicity: Float64Array[]
  /** Centre frequency (Hz) of each band of bandAperiodicity. */
  readonly bandFrequencies: Float64Array
  /** Length of the analysed signal in samples (synthesis reproduces it). */
  readonly length: number
}

/** Lowest F0 the analysis is designed for; sets the FFT size (three periods must fit). */
export const F0_FLOOR = 71
/** F0 used for spectral analysis of unvoiced frames (CheapTrick's default). */
export const UNVOICED_F0 = 500
/** Tiny floor added to power spectra so logs stay finite. */
export const SAFE_MIN = 1e-12

/** FFT size for envelopes: the power of two above three periods of the lowest F0, doubled. */
export function envelopeFftSize(sampleRate: number): number {
  return 2 ** (1 + Math.floor(Math.log2((3 * sampleRate) / F0_FLOOR)))
}

/**
 * Windowed segment of `x` centred at `time` (s): window length ratio × period, Hann or
 * Blackman shaped on the continuous time axis (the fractional sample offset of the centre
 * is honoured), mean removed in proportion to the window so the DC bin carries no
 * leakage. Returns the segment and the window actually used.
 */
export function windowedSegment(
  x: Float32Array | Float64Array,
  sampleRate: number,
  f0: number,
  time: number,
  ratio: number,
  shape: 'hann' | 'blackman',
  out: Float64Array,
): { length: number; window: Float64Array } {
  const half = Math.round((ratio * sampleRate) / f0 / 2)
  const length = 2 * half + 1
  const window = scratch('window', length)
  const centre = time * sampleRate
  const rounded = Math.round(centre)
  const bias = centre - rounded
  const last = x.length - 1
  // cos(π·position) advanced by a rotation per sample instead of a Math.cos call each.
  const step = (Math.PI * f0 * 2) / (sampleRate * ratio)
  const start = (-half - bias) * step
  const rotateC = Math.cos(step)
  const rotateS = Math.sin(step)
  let c = Math.cos(start)
  let s = Math.sin(start)
  let sumWindowed = 0
  let sumWindow = 0
  for (let i = 0; i < length; i++) {
    const w = shape === 'hann' ? 0.5 + 0.5 * c : 0.42 + 0.5 * c + 0.08 * (2 * c * c - 1)
    const index = Math.min(last, Math.max(0, rounded + i - half))
    const value = x[index] * w
    window[i] = w
    out[i] = value
    sumWindowed += value
    sumWindow += w
    const nc = c * rotateC - s * rotateS
    s = s * rotateC + c * rotateS
    c = nc
  }
  const mean = sumWindow > 0 ? sumWindowed / sumWindow : 0
  for (let i = 0; i < length; i++) out[i] -= window[i] * mean
  out.fill(0, length)
  return { length, window }
}

const scratchBuffers = new Map<string, Float64Array>()

/**
 * A reusable buffer of at least `length` values (contents undefined) for hot loops; the
 * returned view is valid until the next call with the same name.
 */
export function scratch(name: string, length: number): Float64Array {
  let buffer = scratchBuffers.get(name)
  if (!buffer || buffer.length < length) {
    buffer = new Float64Array(Math.max(length, 2 * (buffer?.length ?? 0)))
    scratchBuffers.set(name, buffer)
  }
  return buffer.subarray(0, length)
}

/**
 * Rectangular smoothing along frequency: output(f) = mean of input over [f - width/2,
 * f + width/2], by differences of a cumulative sum with mirrored edges (exact for a
 * piecewise-constant spectrum). `input` has fftSize/2+1 bins.
 */
export function smoothLinear(
  input: Float64Array,
  width: number,
  sampleRate: number,
  fftSize: number,
  output: Float64Array,
): void {
  const bins = fftSize / 2 + 1
  const df = sampleRate / fftSize
  const pad = Math.floor(width / df) + 2
  const extended = bins + 2 * pad
  // cumulative[i] = integral up to the upper edge of extended bin i - 1.
  const cumulative = scratch('smooth', extended + 1)
  cumulative[0] = 0
  for (let i = 0; i < extended; i++) {
    const k = i - pad
    const mirrored = k < 0 ? -k : k >= bins ? 2 * (bins - 1) - k : k
    cumulative[i + 1] = cumulative[i] + input[mirrored] * df
  }
  // Extended bin i covers [(i - pad - 0.5) df, (i - pad + 0.5) df).
  const halfWidthBins = width / df / 2
  for (let k = 0; k < bins; k++) {
    let p = k + halfWidthBins + pad + 0.5
    let i = Math.min(extended - 1, Math.max(0, Math.floor(p)))
    const upper = cumulative[i] + (cumulative[i + 1] - cumulative[i]) * (p - i)
    p = k - halfWidthBins + pad + 0.5
    i = Math.min(extended - 1, Math.max(0, Math.floor(p)))
    const lower = cumulative[i] + (cumulative[i + 1] - cumulative[i]) * (p - i)
    output[k] = (upper - lower) / width
  }
}

/**
 * Adds the mirror image of the band below F0 (the negative-frequency side of the first
 * harmonic that the window spreads across 0 Hz), so the envelope below F0 is not dented.
 */
export function dcCorrection(spectrum: Float64Array, f0: number, sampleRate: number, fftSize: number): void {
  const df = sampleRate / fftSize
  const limit = Math.min(spectrum.length - 1, 1 + Math.floor(f0 / df))
  const replica = scratch('replica', limit)
  for (let k = 0; k < limit; k++) {
    const source = (f0 - k * df) / df
    const i = Math.floor(source)
    const fraction = source - i
    const a = spectrum[Math.max(0, Math.min(spectrum.length - 1, i))]
    const b = spectrum[Math.max(0, Math.min(spectrum.length - 1, i + 1))]
    replica[k] = a + (b - a) * fraction
  }
  for (let k = 0; k < limit; k++) spectrum[k] += replica[k]
}

/**
 * Minimum-phase complex spectrum whose log amplitude is `logAmplitude` (natural log, one-sided,
 * fftSize/2+1 bins): fold the real cepstrum onto positive quefrency and exponentiate.
 */
export function minimumPhase(logAmplitude: Float64Array, outRe: Float64Array, outIm: Float64Array): void {
  const bins = logAmplitude.length
  const fftSize = (bins - 1) * 2
  const fft = fftOf(fftSize)
  const zeros = scratch('minphase-zeros', bins).fill(0)
  const cepstrum = scratch('minphase-cepstrum', fftSize)
  fft.inverse(logAmplitude, zeros, cepstrum)
  for (let n = 1; n < fftSize / 2; n++) cepstrum[n] *= 2
  cepstrum.fill(0, fftSize / 2 + 1)
  fft.forward(cepstrum, outRe, outIm)
  for (let k = 0; k < bins; k++) {
    const magnitude = Math.exp(outRe[k])
    const phase = outIm[k]
    outRe[k] = magnitude * Math.cos(phase)
    outIm[k] = magnitude * Math.sin(phase)
  }
}

/** Deterministic Gaussian noise (xorshift32 + Box–Muller) so synthesis is reproducible. */
export class GaussianNoise {
  private state: number
  private spare: number | undefined

  constructor(seed = 0x9e3779b9) {
    this.state = seed >>> 0 || 1
  }

  private uniform(): number {
    let s = this.state
    s ^= s << 13
    s >>>= 0
    s ^= s >>> 17
    s ^= s << 5
    s >>>= 0
    this.state = s
    return (s + 0.5) / 4294967296
  }

  next(): number {
    if (this.spare !== undefined) {
      const value = this.spare
      this.spare = undefined
      return value
    }
    const u = this.uniform()
    const v = this.uniform()
    const radius = Math.sqrt(-2 * Math.log(u))
    this.spare = radius * Math.sin(2 * Math.PI * v)
    return radius * Math.cos(2 * Math.PI * v)
  }
}
