/**
 * The hook from a resolved emotion to the built-in voices' prosody (F0 level and range,
 * contour shape, rate, pauses, energy, voice quality). The engine routes every request's
 * emotion through here.
 *
 * The emotion-to-acoustics table lives in emotion/correlates.ts (engine-agnostic, shared
 * with audio -> emotion), grounded in Murray & Arnott (1993), Schröder (2001, 2004),
 * Burkhardt & Sendlmeier (2000), Cahn (1990) and Banse & Scherer (1996); see that file and
 * docs/emotion.md for the direction table. blendCorrelates mixes emotions by weight in
 * semitone / dB / log-factor units, so intensity grows smoothly and monotonically from
 * neutral and mixes keep their proportions; a use_random seed gives a reproducible
 * variant. This file only names each correlate after the control that realises it.
 */
import type { ResolvedEmotion } from '../../core/types.js'
import { blendCorrelates } from '../../emotion/correlates.js'
import { type ProsodyControls, resolveProsody } from './prosody.js'

export function emotionToProsody(emotion: ResolvedEmotion): ProsodyControls {
  const c = blendCorrelates(emotion)
  return resolveProsody({
    pitchShiftSemitones: c.f0Semitones,
    pitchRangeScale: c.f0RangeScale,
    rate: c.rate,
    pauseScale: c.pauseScale,
    gainDb: c.intensityDb,
    tiltDbPerOctave: c.tiltDbPerOctave,
    breathiness: c.breathiness,
    finalRiseSemitones: c.finalSemitones,
  })
}
