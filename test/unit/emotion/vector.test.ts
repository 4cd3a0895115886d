import { describe, expect, it } from 'vitest'
import { MynahError } from '../../../src/core/errors.js'
import {
  dominantEmotion,
  EMOTION_LABELS,
  EMOTION_NAMES,
  EMOTION_PRESETS,
  emotionPreset,
  formatEmotionVector,
  INDEXTTS2_EMOTION_BIAS,
  normalizeLikeIndexTTS2,
  validateAlpha,
  validateEmotionVector,
} from '../../../src/emotion/index.js'

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (error) {
    return error instanceof MynahError ? `${error.code}:${error.status}:${error.message}` : String(error)
  }
  return undefined
}

describe('EmotionVector', () => {
  it('keeps IndexTTS2 order and names', () => {
    expect(EMOTION_NAMES).toEqual([
      'happy',
      'angry',
      'sad',
      'afraid',
      'disgusted',
      'melancholic',
      'surprised',
      'calm',
    ])
    expect(EMOTION_LABELS.map((l) => l.zh).join(' ')).toBe('高兴 愤怒 悲伤 恐惧 反感 低落 惊讶 自然')
    expect(EMOTION_LABELS.map((l) => l.name)).toEqual([...EMOTION_NAMES])
  })

  it('validates objects by name (English and Chinese) and arrays of 8', () => {
    expect(validateEmotionVector({ happy: 0.8, sad: 0.2 })).toEqual([0.8, 0, 0.2, 0, 0, 0, 0, 0])
    expect(validateEmotionVector({ 高兴: 0.5, 低落: 1 })).toEqual([0.5, 0, 0, 0, 0, 1, 0, 0])
    expect(validateEmotionVector({ Calm: 1 })).toEqual([0, 0, 0, 0, 0, 0, 0, 1])
    expect(validateEmotionVector([0, 0, 0.8, 0, 0, 0, 0, 0])).toEqual([0, 0, 0.8, 0, 0, 0, 0, 0])
    expect(validateEmotionVector({})).toEqual([0, 0, 0, 0, 0, 0, 0, 0])
  })

  it('rejects bad input with E_EMOTION_INVALID (400) and a precise message', () => {
    expect(codeOf(() => validateEmotionVector({ joy: 0.5 }))).toMatch(
      /^E_EMOTION_INVALID:400:.*unknown emotion "joy"/,
    )
    expect(codeOf(() => validateEmotionVector({ happy: 1.2 }))).toMatch(
      /"happy" must be between 0 and 1, got 1.2/,
    )
    expect(codeOf(() => validateEmotionVector({ sad: -0.1 }))).toMatch(/between 0 and 1/)
    expect(codeOf(() => validateEmotionVector({ sad: '0.5' }))).toMatch(/must be a number/)
    expect(codeOf(() => validateEmotionVector({ sad: Number.NaN }))).toMatch(/must be a number/)
    expect(codeOf(() => validateEmotionVector([1, 2, 3]))).toMatch(/exactly 8 weights.*got 3/)
    expect(codeOf(() => validateEmotionVector([0, 0, 0, 0, 0, 0, 0, 2]))).toMatch(/weight 7 \(calm\)/)
    expect(codeOf(() => validateEmotionVector('happy'))).toMatch(/expected an object/)
    expect(codeOf(() => validateEmotionVector(null))).toMatch(/got null/)
    expect(codeOf(() => validateEmotionVector({ happy: 0.1, 高兴: 0.2 }))).toMatch(/given twice/)
    expect(codeOf(() => validateAlpha(1.5))).toMatch(/alpha must be between 0 and 1/)
    expect(validateAlpha(undefined)).toBe(1)
    expect(validateAlpha(0.6)).toBe(0.6)
  })

  it('finds the dominant emotion and formats vectors', () => {
    expect(dominantEmotion([0, 0.2, 0.7, 0, 0, 0, 0, 0])).toBe('sad')
    expect(dominantEmotion([0, 0, 0, 0, 0, 0, 0, 0])).toBeUndefined()
    expect(formatEmotionVector([0.8, 0, 0.2, 0, 0, 0, 0, 0])).toBe('happy=0.80,sad=0.20')
  })
})

describe('normalizeLikeIndexTTS2', () => {
  it('applies the per-emotion bias of infer_v2.normalize_emo_vec', () => {
    expect(INDEXTTS2_EMOTION_BIAS).toEqual([0.9375, 0.875, 1.0, 1.0, 0.9375, 0.9375, 0.6875, 0.5625])
    const v = normalizeLikeIndexTTS2([0, 0, 0.5, 0, 0, 0, 0, 0])
    expect(v).toEqual([0, 0, 0.5, 0, 0, 0, 0, 0])
    expect(normalizeLikeIndexTTS2([0, 0, 0, 0, 0, 0, 0, 1])[7]).toBeCloseTo(0.5625)
  })

  it('caps the sum at 0.8 keeping proportions', () => {
    const v = normalizeLikeIndexTTS2([1, 1, 0, 0, 0, 0, 0, 0])
    expect(v[0] + v[1]).toBeCloseTo(0.8, 10)
    expect(v[0] / v[1]).toBeCloseTo(0.9375 / 0.875, 10)
    const raw = normalizeLikeIndexTTS2([0.6, 0.6, 0, 0, 0, 0, 0, 0], false)
    expect(raw[0]).toBeCloseTo(0.4, 10)
  })
})

describe('EMOTION_PRESETS', () => {
  it('has every pure emotion and only valid mixes', () => {
    for (const name of EMOTION_NAMES)
      expect(EMOTION_PRESETS[name].vector[EMOTION_NAMES.indexOf(name)]).toBe(1)
    for (const preset of Object.values(EMOTION_PRESETS)) {
      expect(validateEmotionVector([...preset.vector])).toEqual(preset.vector)
      expect(preset.zh.length).toBeGreaterThan(0)
    }
    expect(emotionPreset('Excited')?.vector[0]).toBeGreaterThan(0)
    expect(emotionPreset('惊恐')?.name).toBe('terrified')
    expect(emotionPreset('nope')).toBeUndefined()
  })
})
