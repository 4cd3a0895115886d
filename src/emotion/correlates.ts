/**
 * Acoustic correlates of the eight emotions: how each one moves F0 level, F0 range, contour
 * shape, speaking rate, pauses, intensity, spectral tilt and breathiness relative to the
 * speaker's neutral manner. One table serves both directions: the built-in engine realises
 * a vector through it (engines/builtin/emotion-prosody.ts) and audio -> vector uses it as
 * the prototypes it matches measured features against (audio/classify.ts).
 *
 * Directions come from the literature on emotional speech synthesis:
 * - I. R. Murray & J. L. Arnott (1993), "Toward the simulation of emotion in synthetic
 *   speech: A review of the literature on human vocal emotion", JASA 93(2), Table I —
 *   anger, happiness, sadness, fear, disgust: rate, pitch average, pitch range, intensity,
 *   voice quality, pitch changes.
 * - M. Schröder (2001), "Emotional speech synthesis: a review", Eurospeech, Table 1, and
 *   Schröder (2004), "Speech and emotion research" (PhD thesis, Saarland), ch. 11 — the
 *   arousal dimension (higher arousal: higher and wider F0, faster, louder, flatter tilt),
 *   used for calm and melancholic, which the categorical studies do not cover.
 * - F. Burkhardt & W. F. Sendlmeier (2000), "Verification of acoustical correlates of
 *   emotional speech using formant-synthesis", ISCA Workshop on Speech and Emotion —
 *   boredom (our melancholic: low, narrow, slow), sadness (breathy, slow, narrow), fear
 *   (high F0, fast).
 * - J. E. Cahn (1990), "The generation of affect in synthesized speech", J. American Voice
 *   I/O Society 8 — surprise (high, wide, rising final contour, slightly fast).
 * - R. Banse & K. R. Scherer (1996), "Acoustic profiles in vocal emotion expression", JPSP
 *   70(3) — fear realised as anxiety (quiet, breathy) rather than panic.
 *
 * The papers give directions and rough sizes, not one set of numbers (their studies differ
 * by speaker and language); the magnitudes below are mynah's, kept moderate so that the
 * DSP realisation stays natural, with the ordering the papers report (e.g. fear highest in
 * F0, disgust slowest, melancholic narrowest).
 */
import type { EmotionName, ResolvedEmotion } from '../core/types.js'
import { EMOTION_NAMES } from './vector.js'

export interface AcousticCorrelates {
  /** F0 level change in semitones. */
  readonly f0Semitones: number
  /** F0 range (excursion around the mean, in log F0) multiplied by this. */
  readonly f0RangeScale: number
  /** Speaking-rate factor (syllables per second ×). */
  readonly rate: number
  /** Pause-duration factor. */
  readonly pauseScale: number
  /** Intensity change in dB. */
  readonly intensityDb: number
  /** Spectral tilt change in dB per octave (+ flatter: tense, bright; − steeper: soft, lax). */
  readonly tiltDbPerOctave: number
  /** Aspiration-noise amount added, 0..1. */
  readonly breathiness: number
  /** Phrase-final F0 movement in semitones (+ rising, − falling). */
  readonly finalSemitones: number
}

export const NEUTRAL_CORRELATES: AcousticCorrelates = {
  f0Semitones: 0,
  f0RangeScale: 1,
  rate: 1,
  pauseScale: 1,
  intensityDb: 0,
  tiltDbPerOctave: 0,
  breathiness: 0,
  finalSemitones: 0,
}

type CorrelateField = keyof AcousticCorrelates

/** Every field of AcousticCorrelates. */
const FIELDS = Object.keys(NEUTRAL_CORRELATES) as CorrelateField[]

/**
 * The fields that are factors (1 = neutral). They mix, and are compared with measurements,
 * as logarithms; the other fields are additive already (semitones, dB, dB/oct, 0..1).
 */
export const LOG_FIELDS: ReadonlySet<CorrelateField> = new Set(['f0RangeScale', 'rate', 'pauseScale'])

/** Correlates as deviations from neutral in additive units (0 = neutral for every field). */
export type CorrelateDeviation = Record<CorrelateField, number>

/** The deviation from neutral of `c`: the log of each LOG_FIELDS factor, the rest as they are. */
export function toDeviation(c: AcousticCorrelates): CorrelateDeviation {
  const d = {} as CorrelateDeviation
  for (const k of FIELDS) d[k] = LOG_FIELDS.has(k) ? Math.log(c[k]) : c[k]
  return d
}

/** Inverse of toDeviation. */
export function fromDeviation(d: CorrelateDeviation): AcousticCorrelates {
  const c = {} as Record<CorrelateField, number>
  for (const k of FIELDS) c[k] = LOG_FIELDS.has(k) ? Math.exp(d[k]) : d[k]
  return c
}

/** Correlates of each emotion at weight 1. */
export const EMOTION_CORRELATES: Readonly<Record<EmotionName, AcousticCorrelates>> = {
  // M&A: pitch much higher, range much wider, rate faster (or slower), intensity higher,
  // "smooth upward inflections", breathy/blaring quality.
  happy: {
    f0Semitones: 3,
    f0RangeScale: 1.35,
    rate: 1.08,
    pauseScale: 0.9,
    intensityDb: 2.5,
    tiltDbPerOctave: 1.5,
    breathiness: 0.1,
    finalSemitones: 1.5,
  },
  // M&A (hot anger): pitch very much higher, range much wider, rate slightly faster,
  // intensity higher, abrupt falls on stressed syllables, tense articulation (flat tilt).
  angry: {
    f0Semitones: 2,
    f0RangeScale: 1.3,
    rate: 1.1,
    pauseScale: 0.8,
    intensityDb: 5,
    tiltDbPerOctave: 3,
    breathiness: 0,
    finalSemitones: -1.5,
  },
  // M&A: slightly lower, slightly narrower, slightly slower, lower intensity, downward
  // inflections; Burkhardt & Sendlmeier: breathy phonation, longer pauses.
  sad: {
    f0Semitones: -2,
    f0RangeScale: 0.75,
    rate: 0.82,
    pauseScale: 1.35,
    intensityDb: -3.5,
    tiltDbPerOctave: -3,
    breathiness: 0.3,
    finalSemitones: -2,
  },
  // M&A: pitch very much higher, range much wider, rate much faster, irregular voicing;
  // intensity per Banse & Scherer's anxiety (lower) with breathy voice.
  afraid: {
    f0Semitones: 5,
    f0RangeScale: 1.25,
    rate: 1.22,
    pauseScale: 0.85,
    intensityDb: -2.5,
    tiltDbPerOctave: -1,
    breathiness: 0.35,
    finalSemitones: 1,
  },
  // M&A: pitch very much lower, range slightly wider, rate very much slower, intensity
  // lower, grumbled chest tone, wide downward terminal inflections.
  disgusted: {
    f0Semitones: -2.5,
    f0RangeScale: 1.15,
    rate: 0.8,
    pauseScale: 1.25,
    intensityDb: -2.5,
    tiltDbPerOctave: -1.5,
    breathiness: 0.1,
    finalSemitones: -3,
  },
  // Burkhardt & Sendlmeier's boredom and Schröder's low arousal / negative valence:
  // lower, much narrower (monotone), slower, quieter, lax voice, long pauses.
  melancholic: {
    f0Semitones: -2.5,
    f0RangeScale: 0.55,
    rate: 0.88,
    pauseScale: 1.4,
    intensityDb: -2.5,
    tiltDbPerOctave: -2,
    breathiness: 0.15,
    finalSemitones: -0.5,
  },
  // Cahn: pitch higher, range much wider, rising final contour, slightly faster, louder.
  surprised: {
    f0Semitones: 4,
    f0RangeScale: 1.6,
    rate: 1.06,
    pauseScale: 0.9,
    intensityDb: 1.5,
    tiltDbPerOctave: 1,
    breathiness: 0.1,
    finalSemitones: 4,
  },
  // Schröder (2004) low arousal, neutral valence: slightly lower, narrower, slower, softer.
  calm: {
    f0Semitones: -0.75,
    f0RangeScale: 0.88,
    rate: 0.94,
    pauseScale: 1.15,
    intensityDb: -1,
    tiltDbPerOctave: -0.5,
    breathiness: 0.05,
    finalSemitones: -0.5,
  },
}

/** Expected direction of the four measured quantities at weight 1, relative to neutral. */
export type Direction = 1 | -1
export interface MeasuredDirections {
  readonly f0Mean: Direction
  readonly f0Range: Direction
  readonly rate: Direction
  readonly energy: Direction
}

/** The direction table of docs/emotion.md, derived from EMOTION_CORRELATES. */
export function expectedDirections(name: EmotionName): MeasuredDirections {
  const d = toDeviation(EMOTION_CORRELATES[name])
  const sign = (x: number): Direction => (x >= 0 ? 1 : -1)
  return {
    f0Mean: sign(d.f0Semitones),
    f0Range: sign(d.f0RangeScale),
    rate: sign(d.rate),
    energy: sign(d.intensityDb),
  }
}

const EMOTION_DEVIATIONS = Object.fromEntries(
  EMOTION_NAMES.map((name) => [name, toDeviation(EMOTION_CORRELATES[name])]),
) as Record<EmotionName, CorrelateDeviation>

/** Deterministic PRNG (mulberry32) for seeded random realisations. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Spread of a random realisation: each emotion's deviations are scaled by 1 ± this. */
export const RANDOM_SPREAD = 0.3

/**
 * Mix the correlates of a resolved emotion by weight. Weights act on deviations from
 * neutral in additive units (semitones, dB, dB/oct, breathiness) and in log units for the
 * factors (range, rate, pauses), so the result moves smoothly and monotonically from
 * neutral as any weight grows. When the weights sum to more than 1 they are divided by the
 * sum: the mix keeps its proportions and never exceeds full intensity.
 *
 * With `randomSeed` (IndexTTS2 use_random) each emotion's deviations are scaled by a
 * seeded factor in 1 ± RANDOM_SPREAD: another realisation of the same emotion, as
 * IndexTTS2 picks a random exemplar instead of the one nearest the speaker.
 */
export function blendCorrelates(emotion: Pick<ResolvedEmotion, 'vector' | 'randomSeed'>): AcousticCorrelates {
  const weights = emotion.vector.map((w) => (Number.isFinite(w) && w > 0 ? w : 0))
  const sum = weights.reduce((a, b) => a + b, 0)
  const norm = sum > 1 ? 1 / sum : 1
  const random = emotion.randomSeed === undefined ? undefined : seededRandom(emotion.randomSeed)
  const mix = toDeviation(NEUTRAL_CORRELATES)
  EMOTION_NAMES.forEach((name, i) => {
    const jitter = random ? 1 + RANDOM_SPREAD * (2 * random() - 1) : 1
    const w = weights[i] * norm * jitter
    if (w === 0) return
    const d = EMOTION_DEVIATIONS[name]
    for (const k of FIELDS) mix[k] += w * d[k]
  })
  mix.breathiness = Math.min(1, Math.max(0, mix.breathiness))
  return fromDeviation(mix)
}
