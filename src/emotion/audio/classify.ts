/**
 * Audio -> emotion vector. The clip's features are expressed as deviations from the
 * speaker's neutral profile (F0 in semitones, range and rate as log ratios, level and
 * tilt in dB, high-band aperiodicity for breathiness) and matched against the deviations each emotion is expected to cause
 * (correlates.ts, the same table the built-in engine realises). For every emotion the
 * best intensity a ∈ [0.25, 1] along its prototype is fitted by least squares; the residuals
 * give a softmax posterior, the heaviest emotion's intensity scales the result.
 * A clip that does not deviate from neutral reads as calm (IndexTTS2's default).
 */
import type { Audio, EmotionVector, VoiceProfile } from '../../core/types.js'
import { EMOTION_CORRELATES, toDeviation } from '../correlates.js'
import { EMOTION_NAMES, toVector } from '../vector.js'
import { type AcousticFeatures, measureAcousticFeatures } from './features.js'

/** What "neutral" means for this speaker: features of a neutral clip, or parts of them. */
export type NeutralProfile = Partial<AcousticFeatures>

const FEATURES = ['f0', 'range', 'rate', 'energy', 'tilt', 'final', 'breath'] as const
type Feature = (typeof FEATURES)[number]

/**
 * Typical spread of each deviation between neutral sentences of one speaker: the unit in
 * which a deviation counts as evidence. Measured on neutral Mandarin renderings of
 * different sentences: F0 level and energy vary by about ±0.5 (st, dB), range and rate by
 * ±0.15 and ±0.1 (log ratio), tilt by ±0.15 dB/oct, the final movement by ±3 st — in a tone
 * language the last syllable's lexical tone dominates it, so it is weak evidence.
 */
const SCALE: Readonly<Record<Feature, number>> = {
  f0: 0.8,
  range: 0.15,
  rate: 0.08,
  energy: 0.8,
  tilt: 0.6,
  final: 3.5,
  breath: 0.04,
}
/**
 * High-band aperiodicity added by fully breathy voice (breathiness 1). Aspiration noise
 * fills the band above 2 kHz between harmonics; on the built-in voices breathiness 0.3
 * raises the measure by about 0.19, so one unit of breathiness is taken as +0.6.
 */
const HF_NOISE_PER_BREATHINESS = 0.6
/** Softmax temperature on squared standardised residuals. */
const TEMPERATURE = 1
/**
 * Smallest intensity an emotion is fitted with: an emotion that is present moves the voice
 * at least this much, so a clip without deviation is explained by neutral (calm), not by
 * every emotion at intensity 0.
 */
const MIN_INTENSITY = 0.25

/** Population defaults used when no neutral profile is known (then level and tilt are ignored). */
const MALE_NEUTRAL_HZ = 115
const FEMALE_NEUTRAL_HZ = 205
const DEFAULT_RANGE_ST = 7
const DEFAULT_RATE = 4.5

function prototype(name: (typeof EMOTION_NAMES)[number]): Record<Feature, number> {
  const d = toDeviation(EMOTION_CORRELATES[name])
  return {
    f0: d.f0Semitones,
    range: d.f0RangeScale,
    rate: d.rate,
    energy: d.intensityDb,
    tilt: d.tiltDbPerOctave,
    final: d.finalSemitones,
    breath: HF_NOISE_PER_BREATHINESS * d.breathiness,
  }
}

const PROTOTYPES = EMOTION_NAMES.map(prototype)

export interface AudioEmotionAnalysis {
  readonly vector: EmotionVector
  /** Deviations from neutral that were matched (units as in SCALE). */
  readonly deviations: Readonly<Record<Feature, number>>
  /** Posterior over the eight emotions (sums to 1). */
  readonly posterior: EmotionVector
  /** Fitted intensity of each emotion, 0..1. */
  readonly intensity: EmotionVector
  readonly features: AcousticFeatures
}

/** Neutral profile from a VoiceProfile (F0 statistics and rate; level and tilt unknown). */
export function neutralFromVoiceProfile(profile: VoiceProfile): NeutralProfile {
  const st = (12 * profile.f0.logMean) / Math.LN2
  return {
    f0MeanSt: st,
    // 10th–90th percentile of a normal distribution spans 2.56 standard deviations.
    f0RangeSt: (2.56 * 12 * profile.f0.logStd) / Math.LN2,
  }
}

function deviations(
  f: AcousticFeatures,
  neutral: NeutralProfile | undefined,
): { d: Record<Feature, number>; use: Record<Feature, boolean> } {
  const guessHz = f.f0MeanSt > 12 * Math.log2(160) ? FEMALE_NEUTRAL_HZ : MALE_NEUTRAL_HZ
  const n = {
    f0: neutral?.f0MeanSt ?? 12 * Math.log2(guessHz),
    range: neutral?.f0RangeSt ?? DEFAULT_RANGE_ST,
    rate: neutral?.rate ?? DEFAULT_RATE,
    energy: neutral?.energyDb,
    tilt: neutral?.tiltDbPerOctave,
    final: neutral?.f0FinalSt ?? 0,
    breath: neutral?.hfNoise,
  }
  const safeLog = (a: number, b: number): number => (a > 0 && b > 0 ? Math.log(a / b) : 0)
  const d: Record<Feature, number> = {
    f0: f.voicedSeconds > 0 ? f.f0MeanSt - n.f0 : 0,
    range: safeLog(f.f0RangeSt, n.range),
    rate: safeLog(f.rate, n.rate),
    energy: n.energy === undefined ? 0 : f.energyDb - n.energy,
    tilt: n.tilt === undefined ? 0 : f.tiltDbPerOctave - n.tilt,
    final: f.f0FinalSt - n.final,
    breath: n.breath === undefined ? 0 : f.hfNoise - n.breath,
  }
  const use: Record<Feature, boolean> = {
    f0: f.voicedSeconds > 0,
    range: f.voicedSeconds > 0,
    rate: f.rate > 0,
    energy: n.energy !== undefined,
    tilt: n.tilt !== undefined && f.voicedSeconds > 0,
    final: f.voicedSeconds > 0,
    breath: n.breath !== undefined && f.voicedSeconds > 0,
  }
  return { d, use }
}

/** Emotion vector from measured features relative to a neutral profile. */
export function featuresToEmotion(
  features: AcousticFeatures,
  neutral?: NeutralProfile,
): AudioEmotionAnalysis {
  const { d, use } = deviations(features, neutral)
  const residuals: number[] = []
  const intensity: number[] = []
  for (const p of PROTOTYPES) {
    let dp = 0
    let pp = 0
    for (const k of FEATURES) {
      if (!use[k]) continue
      dp += (d[k] * p[k]) / SCALE[k] ** 2
      pp += p[k] ** 2 / SCALE[k] ** 2
    }
    const a = pp > 0 ? Math.min(1, Math.max(MIN_INTENSITY, dp / pp)) : 0
    let r = 0
    for (const k of FEATURES) if (use[k]) r += ((d[k] - a * p[k]) / SCALE[k]) ** 2
    residuals.push(r)
    intensity.push(a)
  }
  // Neutral (no deviation) is read as calm at full weight.
  let neutralResidual = 0
  for (const k of FEATURES) if (use[k]) neutralResidual += (d[k] / SCALE[k]) ** 2
  const calm = EMOTION_NAMES.indexOf('calm')
  if (neutralResidual < residuals[calm]) {
    residuals[calm] = neutralResidual
    intensity[calm] = 1
  }
  const best = Math.min(...residuals)
  const odds = residuals.map((r) => Math.exp(-(r - best) / (2 * TEMPERATURE)))
  const total = odds.reduce((a, b) => a + b, 0)
  const posterior = odds.map((o) => o / total)
  const top = posterior.indexOf(Math.max(...posterior))
  const strength = top === calm ? 1 : Math.max(0.2, intensity[top])
  const vector = toVector(
    posterior.map((p) => {
      const w = p * strength
      return w < 0.02 ? 0 : Math.round(w * 1000) / 1000
    }),
  )
  return {
    vector,
    deviations: d,
    posterior: toVector(posterior),
    intensity: toVector(intensity),
    features,
  }
}

function isAudio(value: unknown): value is Audio {
  return typeof value === 'object' && value !== null && 'samples' in value && 'sampleRate' in value
}

/**
 * Emotion of a speech clip. `neutral` is the speaker's neutral profile — measured features
 * of a neutral clip (or the clip itself). Without it, F0 is compared with a population
 * average for the clip's register and level and tilt are not used, which is much weaker.
 */
export function audioToEmotion(audio: Audio, neutral?: NeutralProfile | Audio): EmotionVector {
  return analyzeAudioEmotion(audio, neutral).vector
}

export function analyzeAudioEmotion(audio: Audio, neutral?: NeutralProfile | Audio): AudioEmotionAnalysis {
  const profile = isAudio(neutral) ? measureAcousticFeatures(neutral) : neutral
  return featuresToEmotion(measureAcousticFeatures(audio), profile)
}
