/**
 * Prosody controls shared by the built-in voices. The emotion room maps an 8-dim emotion
 * vector onto these; the Mandarin renderer realises all of them, the English (flite) voice
 * what it can. NEUTRAL_PROSODY is the identity: a voice rendered with it sounds as built.
 */

export interface ProsodyControls {
  /** Shift of the whole F0 contour, semitones (0 = the voice's own register; +12 = an octave up). */
  pitchShiftSemitones: number
  /** Scale of pitch movements around the register — tone excursions, declination, final rise (1 = as modelled, 0 = monotone, 1.5 = lively). */
  pitchRangeScale: number
  /** Speaking-rate factor (1 = normal, 2 = twice as fast): syllable durations are divided by it. */
  rate: number
  /** Scale of the pauses at breaks (1 = as modelled, 0 = no pauses); pauses are also divided by rate. */
  pauseScale: number
  /** Output gain, dB. */
  gainDb: number
  /** Spectral tilt added, dB per octave around 1 kHz (negative = darker/softer, positive = brighter/tenser). */
  tiltDbPerOctave: number
  /** Breathiness 0..1: aspiration noise mixed into voiced speech, shaped by its envelope. */
  breathiness: number
  /** Extra F0 rise on the last syllable of a sentence, semitones (questions, surprise; negative = a deeper final fall). */
  finalRiseSemitones: number
}

export const NEUTRAL_PROSODY: Readonly<ProsodyControls> = Object.freeze({
  pitchShiftSemitones: 0,
  pitchRangeScale: 1,
  rate: 1,
  pauseScale: 1,
  gainDb: 0,
  tiltDbPerOctave: 0,
  breathiness: 0,
  finalRiseSemitones: 0,
})

/** Limits each control is clamped to before rendering (keeps DSP inside its working range). */
export const PROSODY_LIMITS: Readonly<Record<keyof ProsodyControls, readonly [number, number]>> =
  Object.freeze({
    pitchShiftSemitones: [-12, 12],
    pitchRangeScale: [0, 3],
    rate: [0.3, 3],
    pauseScale: [0, 4],
    gainDb: [-30, 12],
    tiltDbPerOctave: [-12, 12],
    breathiness: [0, 1],
    finalRiseSemitones: [-12, 12],
  })

/**
 * A pause's length under the prosody: scaled by pauseScale and divided by the speaking rate
 * (times `speed`, where the request's speed is not folded into rate yet). Any unit.
 */
export function scaledPause(
  pause: number,
  prosody: Pick<ProsodyControls, 'pauseScale' | 'rate'>,
  speed = 1,
): number {
  return (pause * prosody.pauseScale) / (prosody.rate * speed)
}

/** Merge partial controls over NEUTRAL_PROSODY and clamp every field to PROSODY_LIMITS (NaN → neutral). */
export function resolveProsody(controls: Partial<ProsodyControls> = {}): ProsodyControls {
  const out = { ...NEUTRAL_PROSODY }
  for (const key of Object.keys(NEUTRAL_PROSODY) as (keyof ProsodyControls)[]) {
    const v = controls[key]
    if (typeof v !== 'number' || !Number.isFinite(v)) continue
    const [lo, hi] = PROSODY_LIMITS[key]
    out[key] = Math.min(hi, Math.max(lo, v))
  }
  return out
}
