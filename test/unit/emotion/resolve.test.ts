import { describe, expect, it, vi } from 'vitest'
import { MynahError } from '../../../src/core/errors.js'
import type { Audio, EmotionSpec } from '../../../src/core/types.js'
import {
  dominantEmotion,
  EMOTION_CORRELATES,
  emotionModeOf,
  measureAcousticFeatures,
  resolveEmotion,
  scaleByAlpha,
  type TextEmotionClassifier,
} from '../../../src/emotion/index.js'
import { synthVoice } from './synth-voice.js'

const noDecode = async (): Promise<Audio> => {
  throw new Error('decodeAudio must not be called')
}
const ctx = { text: '我今天特别开心！', decodeAudio: noDecode }

async function errorOf(spec: unknown): Promise<string> {
  try {
    await resolveEmotion(spec as EmotionSpec, ctx)
  } catch (error) {
    if (error instanceof MynahError) return `${error.code} ${error.status} ${error.message}`
    throw error
  }
  return 'no error'
}

describe('emotionModeOf: IndexTTS2 precedence text > vector > audio > speaker', () => {
  const audio = new Uint8Array([1, 2, 3])
  it('infers the mode from what is given', () => {
    expect(emotionModeOf(undefined)).toBe('speaker')
    expect(emotionModeOf({})).toBe('speaker')
    expect(emotionModeOf({ audio })).toBe('audio')
    expect(emotionModeOf({ audio, vector: { sad: 1 } })).toBe('vector')
    expect(emotionModeOf({ audio, vector: { sad: 1 }, text: 'so happy' })).toBe('text')
    expect(emotionModeOf({ text: '   ' })).toBe('speaker')
    expect(emotionModeOf({ mode: 'audio', vector: { sad: 1 }, audio })).toBe('audio')
  })
})

describe('resolveEmotion', () => {
  it('speaker mode: no emotion, alpha forced to 1', async () => {
    expect(await resolveEmotion(undefined, ctx)).toEqual({
      vector: [0, 0, 0, 0, 0, 0, 0, 0],
      alpha: 1,
      source: 'speaker',
    })
    const r = await resolveEmotion({ mode: 'speaker', vector: { sad: 1 }, alpha: 0.3, random: true }, ctx)
    expect(r).toEqual({ vector: [0, 0, 0, 0, 0, 0, 0, 0], alpha: 1, source: 'speaker' })
  })

  it('vector mode: alpha scales and truncates to 4 decimals as IndexTTS2', async () => {
    const r = await resolveEmotion({ vector: { happy: 0.77777, sad: 0.3 }, alpha: 0.6 }, ctx)
    expect(r.source).toBe('vector')
    expect(r.alpha).toBe(0.6)
    expect(r.vector).toEqual([0.4666, 0, 0.18, 0, 0, 0, 0, 0])
    expect(scaleByAlpha([1, 0, 0, 0, 0, 0, 0, 0], 1)).toEqual([1, 0, 0, 0, 0, 0, 0, 0])
    // a vector disables the emotion reference audio: decodeAudio is never called
    const withAudio = await resolveEmotion(
      { vector: [0, 0, 0, 0.5, 0, 0, 0, 0], audio: new Uint8Array(10) },
      ctx,
    )
    expect(withAudio.vector[3]).toBe(0.5)
  })

  it('text mode reads the emotion text, else the main text, and overrides any vector', async () => {
    const own = await resolveEmotion({ mode: 'text' }, ctx)
    expect(own.source).toBe('text')
    expect(dominantEmotion(own.vector)).toBe('happy')
    const described = await resolveEmotion({ text: '你吓死我了！', vector: { happy: 1 } }, ctx)
    expect(dominantEmotion(described.vector)).toBe('afraid')
    const calm = await resolveEmotion({ mode: 'text' }, { ...ctx, text: '会议在三楼。' })
    expect(calm.vector).toEqual([0, 0, 0, 0, 0, 0, 0, 1])
    const scaled = await resolveEmotion({ mode: 'text', alpha: 0.5 }, { ...ctx, text: '会议在三楼。' })
    expect(scaled.vector[7]).toBe(0.5)
  })

  it('uses a pluggable (possibly async) classifier and clamps its output', async () => {
    const classifier: TextEmotionClassifier = {
      id: 'fake',
      classify: vi.fn(async () => [1.2, 0, 0, 0, 0, 0, 0, -1] as const),
    }
    const r = await resolveEmotion({ text: 'whatever' }, { ...ctx, classifier, lang: 'en' })
    expect(classifier.classify).toHaveBeenCalledWith('whatever', 'en')
    expect(r.vector).toEqual([1, 0, 0, 0, 0, 0, 0, 0])
  })

  it('random: seeded in vector and text modes only, deterministic under a seed', async () => {
    const a = await resolveEmotion({ vector: { sad: 1 }, random: true }, { ...ctx, seed: 42 })
    const b = await resolveEmotion({ vector: { sad: 1 }, random: true }, { ...ctx, seed: 42 })
    expect(a.randomSeed).toBe(42)
    expect(b).toEqual(a)
    const unseeded = await resolveEmotion({ vector: { sad: 1 }, random: true }, ctx)
    expect(Number.isInteger(unseeded.randomSeed)).toBe(true)
    expect((await resolveEmotion({ vector: { sad: 1 } }, ctx)).randomSeed).toBeUndefined()
    expect((await resolveEmotion({ mode: 'text', random: true }, { ...ctx, seed: 7 })).randomSeed).toBe(7)
  })

  it('audio mode decodes the clip, reads its emotion relative to the neutral profile, scales by alpha', async () => {
    const c = EMOTION_CORRELATES.angry
    const clip = synthVoice({
      f0Hz: 120 * 2 ** (c.f0Semitones / 12),
      rangeSt: 6 * c.f0RangeScale,
      syllablesPerSecond: 4.5 * c.rate,
      gainDb: c.intensityDb,
      slopeDbPerOctave: -9 + c.tiltDbPerOctave,
      finalSt: c.finalSemitones,
      breathiness: c.breathiness,
    })
    const decodeAudio = vi.fn(async () => clip)
    const neutral = measureAcousticFeatures(synthVoice())
    const bytes = new Uint8Array([9, 9, 9])
    const full = await resolveEmotion({ audio: bytes }, { ...ctx, decodeAudio, neutral })
    expect(decodeAudio).toHaveBeenCalledWith(bytes)
    expect(full.source).toBe('audio')
    expect(dominantEmotion(full.vector)).toBe('angry')
    const half = await resolveEmotion({ audio: bytes, alpha: 0.5 }, { ...ctx, decodeAudio, neutral })
    expect(half.vector[1]).toBeCloseTo(full.vector[1] * 0.5, 6)
  })

  it('rejects invalid input with E_EMOTION_INVALID (400)', async () => {
    expect(await errorOf({ vector: { joy: 1 } })).toMatch(/^E_EMOTION_INVALID 400 .*unknown emotion "joy"/)
    expect(await errorOf({ vector: { happy: 2 } })).toMatch(/between 0 and 1/)
    expect(await errorOf({ vector: { happy: 0.5 }, alpha: -0.1 })).toMatch(/alpha must be between 0 and 1/)
    expect(await errorOf({ mode: 'speaker', vector: [1, 2] })).toMatch(/exactly 8/)
    expect(await errorOf({ mode: 'vector' })).toMatch(/needs weights/)
    expect(await errorOf({ mode: 'audio' })).toMatch(/needs an emotion reference clip/)
    expect(await errorOf({ mode: 'loud' })).toMatch(/unknown mode "loud"/)
    expect(await errorOf({ random: 'yes' })).toMatch(/random must be true or false/)
    expect(await errorOf('happy')).toMatch(/must be an object/)
  })

  it('passes decoding errors through and honours an aborted signal', async () => {
    const failing = async (): Promise<Audio> => {
      throw new MynahError('E_AUDIO_UNREADABLE', { detail: 'bad header' })
    }
    await expect(
      resolveEmotion({ audio: new Uint8Array(4) }, { ...ctx, decodeAudio: failing }),
    ).rejects.toMatchObject({
      code: 'E_AUDIO_UNREADABLE',
    })
    const controller = new AbortController()
    controller.abort()
    await expect(
      resolveEmotion({ vector: { sad: 1 } }, { ...ctx, signal: controller.signal }),
    ).rejects.toMatchObject({
      code: 'E_CANCELLED',
    })
  })
})
