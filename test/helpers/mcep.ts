/**
 * Mel-cepstra of power envelopes and the mel-cepstral distortion (MCD) between two
 * parameter sets. The mel-cepstrum is the cepstrum of the log amplitude on the frequency
 * axis warped by a first-order all-pass (Tokuda et al., "Mel-generalized cepstral
 * analysis", ICSLP 1994), with the usual α per sample rate (0.42 at 16 kHz, 0.466 at
 * 24 kHz; SPTK's table). MCD = 10/ln10 · sqrt(2 Σ_{m=1..D} (c_m − c'_m)²) dB
 * (Kubichek, "Mel-cepstral distance measure for objective speech quality assessment",
 * 1993), c0 (energy) excluded, averaged over frames.
 */
import type { WorldParams } from '../../src/dsp/world/common.js'

const ALPHA_TABLE: readonly (readonly [number, number])[] = [
  [8000, 0.31],
  [16000, 0.42],
  [22050, 0.455],
  [24000, 0.466],
  [32000, 0.504],
  [44100, 0.544],
  [48000, 0.554],
]

/** All-pass warping constant approximating the mel scale at a sample rate. */
export function melAlpha(sampleRate: number): number {
  if (sampleRate <= ALPHA_TABLE[0][0]) return ALPHA_TABLE[0][1]
  for (let i = 1; i < ALPHA_TABLE.length; i++) {
    const [r1, a1] = ALPHA_TABLE[i]
    if (sampleRate <= r1) {
      const [r0, a0] = ALPHA_TABLE[i - 1]
      return a0 + ((a1 - a0) * (sampleRate - r0)) / (r1 - r0)
    }
  }
  return ALPHA_TABLE[ALPHA_TABLE.length - 1][1]
}

/** Points on the warped axis used for the cosine transform. */
const GRID = 256

const unwarpCache = new Map<string, Float64Array>()

/** Linear frequencies (rad) that land on a uniform grid of the warped axis. */
function unwarpedGrid(alpha: number): Float64Array {
  const key = alpha.toFixed(4)
  let grid = unwarpCache.get(key)
  if (!grid) {
    grid = new Float64Array(GRID + 1)
    for (let i = 0; i <= GRID; i++) {
      const warped = (Math.PI * i) / GRID
      // The inverse of an all-pass warp with α is the warp with −α.
      grid[i] = warped + 2 * Math.atan((-alpha * Math.sin(warped)) / (1 + alpha * Math.cos(warped)))
    }
    unwarpCache.set(key, grid)
  }
  return grid
}

/** Mel-cepstrum c_0..c_order of a power envelope (fftSize/2+1 bins). */
export function melCepstrum(power: Float64Array, sampleRate: number, order = 24): Float64Array {
  const bins = power.length
  const grid = unwarpedGrid(melAlpha(sampleRate))
  const logAmplitude = new Float64Array(GRID + 1)
  for (let i = 0; i <= GRID; i++) {
    const position = (grid[i] / Math.PI) * (bins - 1)
    const k = Math.min(bins - 2, Math.floor(position))
    const t = position - k
    const p = power[k] + (power[k + 1] - power[k]) * t
    logAmplitude[i] = 0.5 * Math.log(Math.max(p, 1e-20))
  }
  const c = new Float64Array(order + 1)
  for (let m = 0; m <= order; m++) {
    // Trapezoid rule for (1/π) ∫_0^π log|H(ω̃)| cos(mω̃) dω̃.
    let sum = 0.5 * (logAmplitude[0] + logAmplitude[GRID] * Math.cos(m * Math.PI))
    for (let i = 1; i < GRID; i++) sum += logAmplitude[i] * Math.cos((m * Math.PI * i) / GRID)
    c[m] = sum / GRID
  }
  return c
}

/** Distortion between two mel-cepstra in dB (c0 excluded). */
export function cepstralDistance(a: Float64Array, b: Float64Array): number {
  let sum = 0
  for (let m = 1; m < Math.min(a.length, b.length); m++) sum += (a[m] - b[m]) ** 2
  return (10 / Math.LN10) * Math.sqrt(2 * sum)
}

export interface McdOptions {
  readonly order?: number
  /** Frames quieter than the loudest reference frame by more than this (dB) are skipped (default 40). */
  readonly floorDb?: number
}

/**
 * Mean MCD between the envelopes of two analyses on the same frame grid (e.g. a signal and
 * its resynthesis analysed with the same F0), over the reference's non-silent frames.
 */
export function melCepstralDistortion(
  reference: WorldParams,
  test: WorldParams,
  options: McdOptions = {},
): number {
  const order = options.order ?? 24
  const floorDb = options.floorDb ?? 40
  const frames = Math.min(reference.envelope.length, test.envelope.length)
  const cepstra = reference.envelope.slice(0, frames).map((e) => melCepstrum(e, reference.sampleRate, order))
  // c0 is the mean log amplitude: 20/ln10 · c0 is the frame level in dB.
  const levels = cepstra.map((c) => (20 / Math.LN10) * c[0])
  const loudest = Math.max(...levels)
  let sum = 0
  let count = 0
  for (let i = 0; i < frames; i++) {
    if (levels[i] < loudest - floorDb) continue
    sum += cepstralDistance(cepstra[i], melCepstrum(test.envelope[i], test.sampleRate, order))
    count++
  }
  return count > 0 ? sum / count : Number.NaN
}
