/**
 * Named emotion mixes for the CLI (`--emotion excited`), the web UI's preset menu and API
 * callers. Weights are raw (before IndexTTS2's UI normalisation) and within 0..1.
 * The pure emotions are presets too, so every dimension has a name that selects it alone.
 */
import type { EmotionName, EmotionVector } from '../core/types.js'
import { EMOTION_LABELS, EMOTION_NAMES, pureEmotion, toVector } from './vector.js'

export interface EmotionPreset {
  readonly name: string
  readonly zh: string
  readonly description: string
  readonly vector: EmotionVector
}

function mix(weights: Partial<Record<EmotionName, number>>): EmotionVector {
  return toVector(EMOTION_NAMES.map((n) => weights[n] ?? 0))
}

/** What each pure emotion sounds like (the preset menu's captions). */
const PURE_DESCRIPTIONS: Readonly<Record<EmotionName, string>> = {
  happy: 'Joyful, bright and lively.',
  angry: 'Hot anger: loud, tense, fast.',
  sad: 'Grief: low, slow, soft, falling.',
  afraid: 'Anxious fear: high, fast, breathy.',
  disgusted: 'Disgust: low, slow, wide falling ends.',
  melancholic: 'Low spirits: flat, low and quiet.',
  surprised: 'Surprise: high, wide, rising.',
  calm: 'Calm and relaxed.',
}

/** One preset per dimension, named and captioned as EMOTION_LABELS names it. */
const PURE: readonly EmotionPreset[] = EMOTION_LABELS.map((label) => ({
  name: label.name,
  zh: label.zh,
  description: PURE_DESCRIPTIONS[label.name],
  vector: pureEmotion(label.name),
}))

const MIXES: readonly EmotionPreset[] = [
  { name: 'neutral', zh: '中性', description: "The voice's own manner; no emotion added.", vector: mix({}) },
  {
    name: 'excited',
    zh: '兴奋',
    description: 'Happy and surprised.',
    vector: mix({ happy: 0.7, surprised: 0.4 }),
  },
  { name: 'cheerful', zh: '愉快', description: 'Gently happy.', vector: mix({ happy: 0.5, calm: 0.3 }) },
  {
    name: 'furious',
    zh: '暴怒',
    description: 'Anger with contempt.',
    vector: mix({ angry: 0.9, disgusted: 0.3 }),
  },
  {
    name: 'annoyed',
    zh: '不耐烦',
    description: 'Mild irritation.',
    vector: mix({ angry: 0.4, disgusted: 0.3 }),
  },
  {
    name: 'grieving',
    zh: '哀痛',
    description: 'Deep sadness in low spirits.',
    vector: mix({ sad: 0.8, melancholic: 0.4 }),
  },
  {
    name: 'wistful',
    zh: '惆怅',
    description: 'Quiet longing.',
    vector: mix({ melancholic: 0.5, calm: 0.3, happy: 0.1 }),
  },
  {
    name: 'terrified',
    zh: '惊恐',
    description: 'Fear with shock.',
    vector: mix({ afraid: 0.9, surprised: 0.4 }),
  },
  {
    name: 'nervous',
    zh: '紧张',
    description: 'Mild worry.',
    vector: mix({ afraid: 0.4, calm: 0.2 }),
  },
  {
    name: 'astonished',
    zh: '震惊',
    description: 'Strong surprise with a little fear.',
    vector: mix({ surprised: 0.9, afraid: 0.2 }),
  },
  {
    name: 'contemptuous',
    zh: '轻蔑',
    description: 'Cool disdain.',
    vector: mix({ disgusted: 0.7, calm: 0.2 }),
  },
  { name: 'soothing', zh: '安抚', description: 'Calm and warm.', vector: mix({ calm: 0.7, happy: 0.2 }) },
]

/** Every preset by name: the eight pure emotions first, then the mixes. */
export const EMOTION_PRESETS: Readonly<Record<string, EmotionPreset>> = Object.freeze(
  Object.fromEntries([...PURE, ...MIXES].map((p) => [p.name, p])),
)

export function emotionPreset(name: string): EmotionPreset | undefined {
  const key = name.trim().toLowerCase()
  return EMOTION_PRESETS[key] ?? Object.values(EMOTION_PRESETS).find((p) => p.zh === name.trim())
}
