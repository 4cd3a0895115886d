/**
 * The parameter mappings of voice conversion, each a pure function on WORLD-style frames:
 *
 * - F0: log-Gaussian normalisation, ln f' = μ_t + (ln f − μ_s)·σ_t/σ_s (the standard
 *   baseline of the Voice Conversion Challenges; Toda et al., Interspeech 2016);
 * - envelope: piecewise-linear frequency warping by the ratio of vocal-tract warp factors
 *   (VTLN warp; Eide & Gish, ICASSP 1996), then a smooth equaliser that moves the warped
 *   source's long-term average envelope onto the target's (spectral-shape equalisation);
 * - aperiodicity: a dB offset of the band aperiodicity by the ratio of mean levels;
 * - rate: resampling of the frame sequence in time.
 */
import type { VoiceProfile } from '../../../core/types.js'
import type { WorldParams } from '../../../dsp/world/common.js'
import { PROFILE_GRID_HZ } from '../../../voice/profile.js'

export interface MappingLimits {
  /** Allowed range of σ_t/σ_s. */
  readonly f0SpreadRatio: readonly [number, number]
  /** Allowed range of the formant warp ratio. */
  readonly warp: readonly [number, number]
  /** Largest equaliser gain (±dB). */
  readonly equaliserDb: number
  /** Share of the long-term-envelope difference applied (the rest is text, not speaker). */
  readonly equaliserStrength: number
  /** Largest aperiodicity offset (±dB). */
  readonly aperiodicityDb: number
  /** Allowed range of the speaking-rate factor. */
  readonly rate: readonly [number, number]
}

export const DEFAULT_LIMITS: MappingLimits = {
  f0SpreadRatio: [0.5, 2],
  warp: [0.8, 1.25],
  equaliserDb: 15,
  equaliserStrength: 1,
  aperiodicityDb: 8,
  rate: [0.8, 1.25],
}

const clamp = (value: number, [lo, hi]: readonly [number, number]): number =>
  Math.min(hi, Math.max(lo, value))

/** Maps every voiced frame's F0 from the source's log-Gaussian to the target's. */
export function mapF0(
  f0: Float64Array,
  source: VoiceProfile,
  target: VoiceProfile,
  limits = DEFAULT_LIMITS,
): Float64Array {
  const spread = clamp(target.f0.logStd / Math.max(1e-3, source.f0.logStd), limits.f0SpreadRatio)
  return f0.map((f) =>
    f > 0
      ? Math.min(1000, Math.max(40, Math.exp(target.f0.logMean + (Math.log(f) - source.f0.logMean) * spread)))
      : 0,
  )
}

/** The formant warp ratio applied to the source (target warp / source warp, limited). */
export function warpRatio(source: VoiceProfile, target: VoiceProfile, limits = DEFAULT_LIMITS): number {
  return clamp(target.warp / source.warp, limits.warp)
}

/**
 * Source frequency (Hz) that lands on output frequency `hz` under a piecewise-linear warp:
 * f_out = α·f_in below a knee, then a straight line to (Nyquist, Nyquist) so the whole band
 * stays covered.
 */
export function unwarpFrequency(hz: number, alpha: number, nyquist: number): number {
  const knee = (0.85 * nyquist) / Math.max(1, alpha) // input frequency of the knee
  const kneeOut = alpha * knee
  if (hz <= kneeOut) return hz / alpha
  return knee + ((hz - kneeOut) * (nyquist - knee)) / (nyquist - kneeOut)
}

/** Value of a profile's long-term envelope (dB) at `hz`, interpolated on log frequency, held at the ends. */
export function profileEnvelopeAt(profile: VoiceProfile, hz: number): number {
  const grid = PROFILE_GRID_HZ
  const values = profile.envelope
  if (hz <= grid[0]) return values[0]
  if (hz >= grid[grid.length - 1]) return values[values.length - 1]
  const position = (Math.log(hz / grid[0]) / Math.log(grid[grid.length - 1] / grid[0])) * (grid.length - 1)
  const i = Math.floor(position)
  const t = position - i
  return values[i] + (values[i + 1] - values[i]) * t
}

/**
 * Equaliser gain (dB) per output frequency bin: target long-term envelope minus the warped
 * source's, level removed, smoothed, scaled by strength and limited.
 */
export function equaliserDb(
  source: VoiceProfile,
  target: VoiceProfile,
  alpha: number,
  sampleRate: number,
  fftSize: number,
  limits = DEFAULT_LIMITS,
): Float64Array {
  const nyquist = sampleRate / 2
  const grid = PROFILE_GRID_HZ
  const raw = grid.map(
    (hz) => profileEnvelopeAt(target, hz) - profileEnvelopeAt(source, unwarpFrequency(hz, alpha, nyquist)),
  )
  const smooth = raw.map((_, i) => {
    let acc = 0
    let weight = 0
    for (let j = -1; j <= 1; j++) {
      const k = i + j
      if (k < 0 || k >= raw.length) continue
      const w = 2 - Math.abs(j)
      acc += raw[k] * w
      weight += w
    }
    return acc / weight
  })
  const mean = smooth.reduce((a, b) => a + b, 0) / smooth.length
  const shaped = smooth.map((v) =>
    Math.max(-limits.equaliserDb, Math.min(limits.equaliserDb, (v - mean) * limits.equaliserStrength)),
  )
  const bins = fftSize / 2 + 1
  const out = new Float64Array(bins)
  const lastGrid = grid[grid.length - 1]
  for (let k = 0; k < bins; k++) {
    const hz = Math.max(grid[0], Math.min(lastGrid, (k * sampleRate) / fftSize))
    const position = (Math.log(hz / grid[0]) / Math.log(lastGrid / grid[0])) * (grid.length - 1)
    const i = Math.min(grid.length - 2, Math.floor(position))
    const t = position - i
    out[k] = shaped[i] + (shaped[i + 1] - shaped[i]) * t
  }
  return out
}

/** Warps one power envelope (log-domain interpolation between bins) and applies a dB gain per bin. */
export function warpEnvelope(
  envelope: Float64Array,
  alpha: number,
  sampleRate: number,
  gainDb: Float64Array,
): Float64Array {
  const bins = envelope.length
  const nyquist = sampleRate / 2
  const out = new Float64Array(bins)
  for (let k = 0; k < bins; k++) {
    const hz = (k / (bins - 1)) * nyquist
    const position = (unwarpFrequency(hz, alpha, nyquist) / nyquist) * (bins - 1)
    const i = Math.min(bins - 2, Math.floor(position))
    const t = position - i
    const logPower = Math.log(envelope[i] + 1e-30) * (1 - t) + Math.log(envelope[i + 1] + 1e-30) * t
    out[k] = Math.exp(logPower + (gainDb[k] * Math.LN10) / 10)
  }
  return out
}

/** dB offset that moves the source's mean aperiodicity to the target's. */
export function aperiodicityOffsetDb(
  source: VoiceProfile,
  target: VoiceProfile,
  limits = DEFAULT_LIMITS,
): number {
  const db = 20 * Math.log10(Math.max(1e-3, target.aperiodicity) / Math.max(1e-3, source.aperiodicity))
  return Math.max(-limits.aperiodicityDb, Math.min(limits.aperiodicityDb, db))
}

/**
 * Speaking-rate factor (>1 = faster) from the target's to the source's syllable rate.
 * Syllable rates differ between languages by structure, so the factor is 1 unless both
 * profiles are of the same language (or the target's language is unknown).
 */
export function rateFactor(source: VoiceProfile, target: VoiceProfile, limits = DEFAULT_LIMITS): number {
  if (target.lang && source.lang && target.lang !== source.lang) return 1
  if (!(source.rate > 0) || !(target.rate > 0)) return 1
  return clamp(target.rate / source.rate, limits.rate)
}

/** Resamples the frame sequence in time by `factor` (>1 = shorter output). */
export function timeScale(params: WorldParams, factor: number): WorldParams {
  if (Math.abs(factor - 1) < 1e-3) return params
  const frames = Math.max(1, Math.round(params.f0.length / factor))
  const last = params.f0.length - 1
  const f0 = new Float64Array(frames)
  const envelope: Float64Array[] = []
  const bandAperiodicity: Float64Array[] = []
  for (let j = 0; j < frames; j++) {
    const position = Math.min(last, j * factor)
    const i = Math.floor(position)
    const next = Math.min(last, i + 1)
    const t = position - i
    const a = params.f0[i]
    const b = params.f0[next]
    f0[j] = a > 0 && b > 0 ? a + (b - a) * t : t < 0.5 ? a : b
    const ea = params.envelope[i]
    const eb = params.envelope[next]
    envelope.push(ea.map((v, k) => v + (eb[k] - v) * t))
    const pa = params.bandAperiodicity[i]
    const pb = params.bandAperiodicity[next]
    bandAperiodicity.push(pa.map((v, k) => v + (pb[k] - v) * t))
  }
  return {
    ...params,
    f0,
    envelope,
    bandAperiodicity,
    length: Math.round(params.length / factor),
  }
}
