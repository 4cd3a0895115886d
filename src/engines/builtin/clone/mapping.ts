/**
 * The parameter mappings of voice conversion, each a pure function on WORLD-style frames:
 *
 * - F0: log-Gaussian normalisation, ln f' = μ_t + (ln f − μ_s)·σ_t/σ_s (the standard
 *   baseline of the Voice Conversion Challenges; Toda et al., Interspeech 2016);
 * - envelope: piecewise-linear frequency warping by the ratio of vocal-tract warp factors
 *   (VTLN warp; Eide & Gish, ICASSP 1996), then an equaliser on a 1/7-octave grid that
 *   moves the warped source's long-term average envelope onto the target's and, in voiced
 *   frames, scales the frame's deviation from it by the ratio of the speakers' spreads
 *   (spectral-shape equalisation: mean and variance mapping per band);
 * - aperiodicity: a dB offset of the band aperiodicity by the ratio of mean levels;
 * - rate: resampling of the frame sequence in time.
 */
import type { VoiceProfile } from '../../../core/types.js'
import { percentile } from '../../../dsp/signal.js'
import type { WorldParams } from '../../../dsp/world/common.js'
import { envelopeDbAt, PROFILE_GRID_HZ } from '../../../voice/profile.js'

export interface MappingLimits {
  /** Allowed range of σ_t/σ_s. */
  readonly f0SpreadRatio: readonly [number, number]
  /** Allowed range of the formant warp ratio. */
  readonly warp: readonly [number, number]
  /** Largest equaliser gain (±dB). */
  readonly equaliserDb: number
  /** Share of the long-term-envelope difference applied (the rest is text, not speaker). */
  readonly equaliserStrength: number
  /** Allowed range of the per-band spread ratio (target / source) of the envelope shape. */
  readonly envelopeSpreadRatio: readonly [number, number]
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
  envelopeSpreadRatio: [0.7, 1.4],
  aperiodicityDb: 8,
  rate: [0.8, 1.25],
}

const clamp = (value: number, [lo, hi]: readonly [number, number]): number =>
  Math.min(hi, Math.max(lo, value))

/** Voiced seconds from which a segment's own F0 centre fully replaces the voice's. */
const SEGMENT_F0_SECONDS = 1

/** σ_t/σ_s of log F0, limited to limits.f0SpreadRatio: the F0 mapping's spread factor. */
export function f0SpreadRatio(source: VoiceProfile, target: VoiceProfile, limits = DEFAULT_LIMITS): number {
  return clamp(target.f0.logStd / Math.max(1e-3, source.f0.logStd), limits.f0SpreadRatio)
}

/** Log of a profile's median F0 (older profiles without a median: the log mean). */
export function logCentre(profile: VoiceProfile): number {
  return profile.f0.medianHz ? Math.log(profile.f0.medianHz) : profile.f0.logMean
}

/**
 * Maps every voiced frame's F0 from the source's log-Gaussian to the target's:
 * ln f' = c_t + (ln f − c_s)·σ_t/σ_s, with medians as the centres c (a monotonic map
 * sends the source median exactly onto the target median; means would not, for skewed
 * contours). The source centre is the segment's own median, blended with the voice
 * profile's for segments with under a second of voicing: a built-in voice's sentences sit
 * a semitone or two off its long-term centre, and the target should be met per segment.
 *
 * `shiftSemitones` is a register shift the source speech carries on purpose (an emotion's
 * F0 level, engines/builtin/emotion-prosody.ts): centring on the segment's own median would
 * erase it, so the target centre is moved by the same amount and the shift survives
 * exactly, whatever the spread ratio.
 */
export function mapF0(
  f0: Float64Array,
  framePeriod: number,
  source: VoiceProfile,
  target: VoiceProfile,
  limits = DEFAULT_LIMITS,
  shiftSemitones = 0,
): Float64Array {
  const spread = f0SpreadRatio(source, target, limits)
  const voiced = Array.from(f0)
    .filter((f) => f > 0)
    .sort((a, b) => a - b)
  const weight = Math.min(1, (voiced.length * framePeriod) / SEGMENT_F0_SECONDS)
  // Nearest-rank median (the upper middle for an even count), as the profile's medianHz.
  const segmentCentre = voiced.length > 0 ? Math.log(percentile(voiced, 0.5)) : 0
  // Below a second of voicing the voice's centre stands in; it is neutral, so shift it too.
  const shift = (shiftSemitones * Math.LN2) / 12
  const sourceCentre = weight * segmentCentre + (1 - weight) * (logCentre(source) + shift)
  const targetCentre = logCentre(target) + shift
  return f0.map((f) =>
    f > 0 ? Math.min(1000, Math.max(40, Math.exp(targetCentre + (Math.log(f) - sourceCentre) * spread))) : 0,
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

/**
 * Value at `hz` of a curve on PROFILE_GRID_HZ (a profile's envelope or envelopeStd, dB),
 * interpolated on log frequency, held at the ends.
 */
export function gridValueAt(values: readonly number[], hz: number): number {
  const grid = PROFILE_GRID_HZ
  if (hz <= grid[0]) return values[0]
  if (hz >= grid[grid.length - 1]) return values[values.length - 1]
  const position = (Math.log(hz / grid[0]) / Math.log(grid[grid.length - 1] / grid[0])) * (grid.length - 1)
  const i = Math.floor(position)
  const t = position - i
  return values[i] + (values[i + 1] - values[i]) * t
}

export interface Equaliser {
  /**
   * Gain (dB per FFT bin) for one frame's envelope after warping. Every frame gets the
   * static part (target long-term shape minus the warped source's); voiced frames also get
   * the dynamic part, which scales the frame's deviation from the source's mean shape by
   * the ratio of the speakers' spreads (mean-and-variance mapping per band, as cepstral
   * mean/variance normalisation does per coefficient).
   */
  gainFor(warpedEnvelope: Float64Array, voiced: boolean): Float64Array
}

export function createEqualiser(
  source: VoiceProfile,
  target: VoiceProfile,
  alpha: number,
  sampleRate: number,
  fftSize: number,
  limits = DEFAULT_LIMITS,
): Equaliser {
  const nyquist = sampleRate / 2
  const grid = PROFILE_GRID_HZ
  const sourceHz = grid.map((hz) => unwarpFrequency(hz, alpha, nyquist))
  const sourceMean = sourceHz.map((hz) => gridValueAt(source.envelope, hz))
  const staticPart = grid.map((hz, g) => gridValueAt(target.envelope, hz) - sourceMean[g])
  const spreadRatio = grid.map((hz, g) => {
    if (!source.envelopeStd || !target.envelopeStd) return 1
    const s = gridValueAt(source.envelopeStd, sourceHz[g])
    const t = gridValueAt(target.envelopeStd, hz)
    return s > 0.1 ? clamp(t / s, limits.envelopeSpreadRatio) : 1
  })
  const bins = fftSize / 2 + 1
  const lastGrid = grid[grid.length - 1]
  // Grid position of every bin (log frequency, clamped to the grid's ends).
  const binPosition = Float64Array.from({ length: bins }, (_, k) => {
    const hz = Math.max(grid[0], Math.min(lastGrid, (k * sampleRate) / fftSize))
    return (Math.log(hz / grid[0]) / Math.log(lastGrid / grid[0])) * (grid.length - 1)
  })
  const toBins = (values: readonly number[]): Float64Array => {
    const out = new Float64Array(bins)
    for (let k = 0; k < bins; k++) {
      const i = Math.min(grid.length - 2, Math.floor(binPosition[k]))
      const t = binPosition[k] - i
      out[k] = values[i] + (values[i + 1] - values[i]) * t
    }
    return out
  }
  // No smoothing across the grid (1/7 octave): the speaker's spectral detail at that scale is
  // what makes the voice recognisable; measured on the real clips, smoothing over three
  // grid points cut the similarity gain by about a third.
  const finish = (raw: readonly number[]): Float64Array => {
    const mean = raw.reduce((a, b) => a + b, 0) / raw.length
    return toBins(
      raw.map((v) =>
        Math.max(-limits.equaliserDb, Math.min(limits.equaliserDb, (v - mean) * limits.equaliserStrength)),
      ),
    )
  }
  const staticGain = finish(staticPart)
  const dynamic = spreadRatio.some((r) => r !== 1)
  return {
    gainFor(warpedEnvelope, voiced) {
      if (!voiced || !dynamic) return staticGain
      const shape = grid.map((hz) => envelopeDbAt(warpedEnvelope, sampleRate, hz))
      const level = shape.reduce((a, b) => a + b, 0) / shape.length
      return finish(staticPart.map((s, g) => s + (shape[g] - level - sourceMean[g]) * (spreadRatio[g] - 1)))
    },
  }
}

/** Warps one power envelope (log-domain interpolation between bins). */
export function warpEnvelope(envelope: Float64Array, alpha: number, sampleRate: number): Float64Array {
  const bins = envelope.length
  const nyquist = sampleRate / 2
  const out = new Float64Array(bins)
  for (let k = 0; k < bins; k++) {
    const hz = (k / (bins - 1)) * nyquist
    const position = (unwarpFrequency(hz, alpha, nyquist) / nyquist) * (bins - 1)
    const i = Math.min(bins - 2, Math.floor(position))
    const t = position - i
    const logPower = Math.log(envelope[i] + 1e-30) * (1 - t) + Math.log(envelope[i + 1] + 1e-30) * t
    out[k] = Math.exp(logPower)
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
