/**
 * F0 refinement from instantaneous frequency, after the idea of StoneMask (M. Morise,
 * WORLD, IEICE Trans. Inf. & Syst. E99-D(7), 2016): a Blackman window three periods
 * long, the spectrum of the windowed signal and of the signal under the window's time
 * derivative give the instantaneous frequency at each harmonic (F. Auger & P. Flandrin,
 * "Improving the readability of time-frequency representations by the reassignment
 * method", IEEE TSP 1995); the refined F0 is the amplitude-weighted mean of IF_h / h.
 */
import { fftOf } from '../fft.js'
import { scratch } from './common.js'

/** Corrections above this fraction of the initial F0 are distrusted. */
const MAX_CORRECTION = 0.2

/** Most window lengths kept (one per F0 step of the speaker's range; oldest dropped first). */
const MAX_CACHED_WINDOWS = 256

interface Window {
  /** Blackman window, `length` taps centred on the middle one. */
  readonly value: Float64Array
  /** Its time derivative per sample, by central differences (one-sided at the ends). */
  readonly slope: Float64Array
}

const windows = new Map<number, Window>()

function windowOf(length: number, half: number): Window {
  let w = windows.get(length)
  if (w) return w
  const value = new Float64Array(length)
  const slope = new Float64Array(length)
  for (let i = 0; i < length; i++) {
    const t = (i - half) / length
    value[i] = 0.42 + 0.5 * Math.cos(2 * Math.PI * t) + 0.08 * Math.cos(4 * Math.PI * t)
  }
  for (let i = 0; i < length; i++) {
    const next = i + 1 < length ? value[i + 1] : 0
    const previous = i > 0 ? value[i - 1] : 0
    slope[i] = (next - previous) / 2
  }
  if (windows.size >= MAX_CACHED_WINDOWS) windows.delete(windows.keys().next().value as number)
  w = { value, slope }
  windows.set(length, w)
  return w
}

function refineOne(x: Float32Array | Float64Array, sampleRate: number, time: number, f0: number): number {
  if (f0 <= 0 || f0 > sampleRate / 12) return 0
  const half = Math.floor((1.5 * sampleRate) / f0 + 1)
  const length = 2 * half + 1
  const fftSize = 2 ** (2 + Math.floor(Math.log2(length)))
  const fft = fftOf(fftSize)
  const bins = fft.bins
  const centre = Math.round(time * sampleRate)
  const window = windowOf(length, half)
  const main = scratch('stonemask-main', length)
  const derivative = scratch('stonemask-derivative', length)
  const last = x.length - 1
  for (let i = 0; i < length; i++) {
    const value = x[Math.min(last, Math.max(0, centre + i - half))]
    main[i] = value * window.value[i]
    derivative[i] = value * window.slope[i]
  }
  const mainRe = scratch('stonemask-main-re', bins)
  const mainIm = scratch('stonemask-main-im', bins)
  const diffRe = scratch('stonemask-diff-re', bins)
  const diffIm = scratch('stonemask-diff-im', bins)
  fft.forward(main, mainRe, mainIm)
  fft.forward(derivative, diffRe, diffIm)

  const fix = (initial: number, harmonics: number): number => {
    let numerator = 0
    let denominator = 0
    for (let h = 1; h <= harmonics; h++) {
      const k = Math.round((initial * h * fftSize) / sampleRate)
      if (k <= 0 || k >= bins) break
      const power = mainRe[k] * mainRe[k] + mainIm[k] * mainIm[k]
      if (power === 0) continue
      // Reassigned frequency: ω_k - Im(X_dw · conj X) / |X|² (rad/sample).
      const cross = diffIm[k] * mainRe[k] - diffRe[k] * mainIm[k]
      const instantaneous = (k * sampleRate) / fftSize - ((cross / power) * sampleRate) / (2 * Math.PI)
      const amplitude = Math.sqrt(power)
      numerator += amplitude * instantaneous
      denominator += amplitude * h
    }
    return denominator > 0 ? numerator / denominator : 0
  }

  const tentative = fix(f0, 2)
  if (tentative <= 0 || tentative > 2 * f0) return f0
  const refined = fix(tentative, 6)
  return Math.abs(refined - f0) / f0 > MAX_CORRECTION ? f0 : refined
}

/** Refines every voiced frame of `f0` (frames at i * framePeriod); unvoiced frames stay 0. */
export function refineF0(
  x: Float32Array | Float64Array,
  sampleRate: number,
  f0: Float64Array,
  framePeriod: number,
): Float64Array {
  const out = new Float64Array(f0.length)
  for (let i = 0; i < f0.length; i++)
    out[i] = f0[i] > 0 ? refineOne(x, sampleRate, i * framePeriod, f0[i]) : 0
  return out
}
