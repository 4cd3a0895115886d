/**
 * EmotionSpec -> ResolvedEmotion with IndexTTS2's precedence (infer_v2.py `infer`, webui.py
 * `gen_single`):
 *
 * 1. Mode: explicit `mode`, else inferred — `text` given -> text, `vector` -> vector,
 *    `audio` -> audio, nothing -> speaker (text > vector > audio > speaker).
 * 2. text and vector modes drop the emotion reference audio ("use_emo_text or emo_vector
 *    disables emo_audio_prompt"); text mode replaces any vector with the one read from the
 *    emotion text, or from the main text when no emotion text is given.
 * 3. A vector (given or read from text) is scaled by alpha, clamped to 0..1, each weight
 *    truncated to 4 decimals as IndexTTS2 does.
 * 4. audio mode: the reference clip's emotion is blended with the speaker's own by alpha —
 *    here the clip's vector is measured (audioToEmotion) and scaled by alpha; the remaining
 *    weight is the speaker's own manner.
 * 5. speaker mode: no emotion beyond the voice's own; alpha is forced to 1 (IndexTTS2: "must
 *    always use alpha=1.0 when we don't have an external reference voice").
 * 6. use_random affects only modes that have a vector (vector, text): a seed is recorded
 *    and engines pick a random realisation of each emotion from it.
 *
 * Differences from IndexTTS2, all on the side of telling the caller: weights or alpha
 * outside 0..1 are rejected (E_EMOTION_INVALID) instead of clamped, and an explicit mode
 * whose input is missing (mode 'audio' without a clip, 'vector' without weights) is an
 * error instead of a silent fall-back to the speaker's emotion.
 */
import { randomInt } from 'node:crypto'
import { MynahError, throwIfAborted } from '../core/errors.js'
import type {
  Audio,
  EmotionMode,
  EmotionSpec,
  EmotionVector,
  LangOption,
  ResolvedEmotion,
} from '../core/types.js'
import { audioToEmotion, type NeutralProfile } from './audio/classify.js'
import { lexiconClassifier, type TextEmotionClassifier } from './text/classifier.js'
import { NEUTRAL_VECTOR, scaleVector, toVector, validateAlpha, validateEmotionVector } from './vector.js'

export interface EmotionContext {
  /** The text being spoken (used by text mode when the spec has no emotion text). */
  readonly text: string
  /** Decoder for the emotion reference clip (audio/decodeAudio). */
  readonly decodeAudio: (bytes: Uint8Array) => Promise<Audio>
  /** Seed for use_random; a fresh random seed per call when absent. Tests pass one. */
  readonly seed?: number
  /** Text classifier; the built-in lexicon classifier when absent. */
  readonly classifier?: TextEmotionClassifier
  /** Language hint for the text classifier. */
  readonly lang?: LangOption
  /** The speaker's neutral profile, for audio mode (audio -> vector is relative to it). */
  readonly neutral?: NeutralProfile
  readonly signal?: AbortSignal
}

const SPEAKER: ResolvedEmotion = { vector: NEUTRAL_VECTOR, alpha: 1, source: 'speaker' }
const MODES: readonly EmotionMode[] = ['speaker', 'audio', 'vector', 'text']

function invalid(detail: string): MynahError {
  return new MynahError('E_EMOTION_INVALID', { detail })
}

/** The mode IndexTTS2 would use for this spec. */
export function emotionModeOf(spec: EmotionSpec | undefined): EmotionMode {
  if (!spec) return 'speaker'
  if (spec.mode !== undefined) {
    if (!MODES.includes(spec.mode))
      throw invalid(`unknown mode "${String(spec.mode)}"; use ${MODES.join(', ')}`)
    return spec.mode
  }
  if (typeof spec.text === 'string' && spec.text.trim().length > 0) return 'text'
  if (spec.vector !== undefined) return 'vector'
  if (spec.audio !== undefined && spec.audio.length > 0) return 'audio'
  return 'speaker'
}

/** IndexTTS2: `int(x * scale * 10000) / 10000` for every weight when alpha ≠ 1. */
export function scaleByAlpha(vector: EmotionVector, alpha: number): EmotionVector {
  const scale = Math.max(0, Math.min(1, alpha))
  if (scale === 1) return vector
  return toVector(vector.map((x) => Math.trunc(x * scale * 10000) / 10000))
}

function clamp01(vector: EmotionVector): EmotionVector {
  return toVector(vector.map((x) => (Number.isFinite(x) ? Math.max(0, Math.min(1, x)) : 0)))
}

export async function resolveEmotion(
  spec: EmotionSpec | undefined,
  context: EmotionContext,
): Promise<ResolvedEmotion> {
  if (spec === undefined || spec === null) return SPEAKER
  if (typeof spec !== 'object') throw invalid('the emotion must be an object')
  throwIfAborted(context.signal)
  const alpha = validateAlpha(spec.alpha)
  if (spec.random !== undefined && typeof spec.random !== 'boolean')
    throw invalid('random must be true or false')
  if (spec.text !== undefined && typeof spec.text !== 'string')
    throw invalid('the emotion text must be a string')
  // Validate what was given even when the mode does not use it: bad input is a 400 either way.
  const given = spec.vector === undefined ? undefined : validateEmotionVector(spec.vector)
  const mode = emotionModeOf(spec)
  const seed = (): number | undefined => (spec.random ? (context.seed ?? randomInt(2 ** 31)) : undefined)

  switch (mode) {
    case 'speaker':
      return SPEAKER
    case 'vector': {
      if (!given) throw invalid('mode "vector" needs weights (emotion vector)')
      return withSeed({ vector: scaleByAlpha(given, alpha), alpha, source: 'vector' }, seed())
    }
    case 'text': {
      const text = spec.text !== undefined && spec.text.trim().length > 0 ? spec.text : context.text
      const classifier = context.classifier ?? lexiconClassifier()
      const read = clamp01(await classifier.classify(text, context.lang ?? 'auto'))
      throwIfAborted(context.signal)
      return withSeed({ vector: scaleByAlpha(read, alpha), alpha, source: 'text' }, seed())
    }
    case 'audio': {
      if (!spec.audio || spec.audio.length === 0)
        throw invalid('mode "audio" needs an emotion reference clip')
      const clip = await context.decodeAudio(spec.audio)
      throwIfAborted(context.signal)
      const measured = audioToEmotion(clip, context.neutral)
      return { vector: scaleVector(measured, alpha), alpha, source: 'audio' }
    }
  }
}

function withSeed(emotion: ResolvedEmotion, seed: number | undefined): ResolvedEmotion {
  return seed === undefined ? emotion : { ...emotion, randomSeed: seed }
}
