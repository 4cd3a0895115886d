/**
 * The hook from a resolved emotion to the built-in voices' prosody (F0 level and range,
 * rate, energy, voice quality). Neutral for now: the emotion issue fills this in, and the
 * engine already routes every request's emotion through here.
 */
import type { ResolvedEmotion } from '../../core/types.js'
import { NEUTRAL_PROSODY, type ProsodyControls } from './prosody.js'

export function emotionToProsody(_emotion: ResolvedEmotion): ProsodyControls {
  return NEUTRAL_PROSODY
}
