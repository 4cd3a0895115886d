/**
 * F0 refinement from instantaneous frequency, after the idea of StoneMask (M. Morise,
 * WORLD, IEICE Trans. Inf. & Syst. E99-D(7), 2016): a Blackman window three periods
 * long, the spectrum of the windowed signal and of the signal under the window's time
 * derivative give the instantaneous frequency at each harmonic (F. Auger & P. Flandrin,
 * "Improving the readability of time-frequency representations by the reassignment
 * method", IEEE TSP 1995); the refined F0 is the amplitude-weighted mean of IF_h / h.
 */
import { fftOf } from '../fft.js'

/** Corrections above this fraction of the initial F0 are distrusted. */
const MAX_CORRECTION = 0.2

function refineOne(x: Float32Array | Float64Array, sampleRate: number, time: number, f0: number): number {
  if (f0 <= 0 || f0 > sampleRate / 12) return 0
  const half = Math.floor((1.5 * sampleRate) / f0 + 1)
  const length = 2 * half + 1
  const fftSize = 2 ** (2 + Math.floor(Math.log2(length)))
  const fft = fftOf(fftSize)
  const bins = fft.bins
  const centre = Math.round(time * sampleRate)
  const main = new Float64Array(length)
  const derivative = new Float64Array(length)
  const window = new Float64Array(length)
  const last = x.length - 1
  for (let i = 0; i < length; i++) {
    const t = (i - half) / length
    window[i] = 0.42 + 0.5 * Math.cos(2 * Math.PI * t) + 0.08 * Math.cos(4 * Math.PI * t)
  }
  for (let i = 0; i < length; i++) {
    // d/dn of the window by central differences (one-sided at the ends).
    const next = i + 1 < length ? window[i + 1] : 0
    const previous = i > 0 ? window[i - 1] : 0
    const value = x[Math.min(last, Math.max(0, centre + i - half))]
    main[i] = value * window[i]
    derivative[i] = value * ((next - previous) / 2)
  }
  const mainRe = new Float64Array(bins)
  const mainIm = new Float64Array(bins)
  const diffRe = new Float64Array(bins)
  const diffIm = new Float64Array(bins)
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
