/**
 * The 8-dimensional emotion vector of IndexTTS2: weights 0..1 in the fixed order
 * [happy, angry, sad, afraid, disgusted, melancholic, surprised, calm]
 * (IndexTTS2 infer_v2.py, QwenEmotion.desired_vector_order: 高兴 愤怒 悲伤 恐惧 反感 低落 惊讶 自然).
 */
import { MynahError } from '../core/errors.js'
import { EMOTION_NAMES, type EmotionName, type EmotionVector } from '../core/types.js'

export type { EmotionName, EmotionVector }
export { EMOTION_NAMES }

export interface EmotionLabel {
  readonly name: EmotionName
  /** IndexTTS2's Chinese key (QwenEmotion, infer_v2.py). */
  readonly zh: string
  /** The slider caption of IndexTTS2's web UI (webui.py: 喜 怒 哀 惧 厌恶 低落 惊喜 平静). */
  readonly zhShort: string
  readonly en: string
}

/** Names of the eight dimensions, in vector order. */
export const EMOTION_LABELS: readonly EmotionLabel[] = [
  { name: 'happy', zh: '高兴', zhShort: '喜', en: 'Happy' },
  { name: 'angry', zh: '愤怒', zhShort: '怒', en: 'Angry' },
  { name: 'sad', zh: '悲伤', zhShort: '哀', en: 'Sad' },
  { name: 'afraid', zh: '恐惧', zhShort: '惧', en: 'Afraid' },
  { name: 'disgusted', zh: '反感', zhShort: '厌恶', en: 'Disgusted' },
  { name: 'melancholic', zh: '低落', zhShort: '低落', en: 'Melancholic' },
  { name: 'surprised', zh: '惊讶', zhShort: '惊喜', en: 'Surprised' },
  { name: 'calm', zh: '自然', zhShort: '平静', en: 'Calm' },
]

export const NEUTRAL_VECTOR: EmotionVector = [0, 0, 0, 0, 0, 0, 0, 0]
/** IndexTTS2's fallback when nothing is detected in an emotion text (QwenEmotion.convert). */
export const CALM_VECTOR: EmotionVector = [0, 0, 0, 0, 0, 0, 0, 1]

export function emotionIndex(name: EmotionName): number {
  return EMOTION_NAMES.indexOf(name)
}

/** Build a vector from 8 numbers (no validation; use validateEmotionVector for user input). */
export function toVector(values: ArrayLike<number>): EmotionVector {
  return [values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7]]
}

/** A vector with one emotion at `weight` and the rest 0. */
export function pureEmotion(name: EmotionName, weight = 1): EmotionVector {
  const v = new Array<number>(8).fill(0)
  v[emotionIndex(name)] = weight
  return toVector(v)
}

export function vectorSum(v: EmotionVector): number {
  let sum = 0
  for (const x of v) sum += x
  return sum
}

export function scaleVector(v: EmotionVector, factor: number): EmotionVector {
  return toVector(v.map((x) => x * factor))
}

/** The heaviest emotion (first in vector order on ties); undefined for the all-zero vector. */
export function dominantEmotion(v: EmotionVector): EmotionName | undefined {
  let best = -1
  let bestWeight = 0
  for (let i = 0; i < 8; i++) {
    if (v[i] > bestWeight) {
      best = i
      bestWeight = v[i]
    }
  }
  return best < 0 ? undefined : EMOTION_NAMES[best]
}

/** Accepts the canonical English name, IndexTTS2's Chinese keys and UI captions, case-insensitively. */
export function emotionNameOf(key: string): EmotionName | undefined {
  const k = key.trim().toLowerCase()
  for (const label of EMOTION_LABELS) {
    if (k === label.name || k === label.zh || k === label.zhShort) return label.name
  }
  return undefined
}

function invalid(detail: string): MynahError {
  return new MynahError('E_EMOTION_INVALID', { detail })
}

function checkWeight(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw invalid(`${where} must be a number between 0 and 1, got ${JSON.stringify(value) ?? String(value)}`)
  if (value < 0 || value > 1) throw invalid(`${where} must be between 0 and 1, got ${value}`)
  return value
}

/**
 * Validate user input into an EmotionVector. Accepts an object keyed by emotion name
 * (English, or IndexTTS2's Chinese keys; missing names are 0) or an array of exactly 8
 * numbers in EMOTION_NAMES order. Every weight must be a finite number in 0..1.
 * Throws E_EMOTION_INVALID (HTTP 400) naming the offending entry.
 */
export function validateEmotionVector(input: unknown): EmotionVector {
  if (Array.isArray(input)) {
    if (input.length !== 8)
      throw invalid(
        `an emotion array needs exactly 8 weights in the order ${EMOTION_NAMES.join(', ')}; got ${input.length}`,
      )
    return toVector(input.map((x, i) => checkWeight(x, `weight ${i} (${EMOTION_NAMES[i]})`)))
  }
  if (input === null || typeof input !== 'object')
    throw invalid(
      `expected an object of weights by name or an array of 8 weights, got ${input === null ? 'null' : typeof input}`,
    )
  const out = new Array<number>(8).fill(0)
  const seen = new Set<EmotionName>()
  for (const [key, value] of Object.entries(input)) {
    const name = emotionNameOf(key)
    if (!name) throw invalid(`unknown emotion "${key}"; use one of ${EMOTION_NAMES.join(', ')}`)
    if (seen.has(name)) throw invalid(`emotion "${name}" is given twice`)
    seen.add(name)
    out[emotionIndex(name)] = checkWeight(value, `"${key}"`)
  }
  return toVector(out)
}

/** Validate IndexTTS2 emo_alpha: a number in 0..1 (undefined -> `fallback`). */
export function validateAlpha(input: unknown, fallback = 1): number {
  if (input === undefined) return fallback
  if (typeof input !== 'number' || !Number.isFinite(input))
    throw invalid(`alpha must be a number between 0 and 1, got ${JSON.stringify(input) ?? String(input)}`)
  if (input < 0 || input > 1) throw invalid(`alpha must be between 0 and 1, got ${input}`)
  return input
}

/** "happy=0.8, sad=0.2" style rendering, for logs and --json output; zeros are left out. */
export function formatEmotionVector(v: EmotionVector, digits = 2): string {
  const parts: string[] = []
  for (let i = 0; i < 8; i++) if (v[i] > 0) parts.push(`${EMOTION_NAMES[i]}=${v[i].toFixed(digits)}`)
  return parts.length > 0 ? parts.join(',') : 'neutral'
}
