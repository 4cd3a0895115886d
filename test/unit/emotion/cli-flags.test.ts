import { Command } from 'commander'
import { describe, expect, it } from 'vitest'
import {
  addEmotionOptions,
  type EmotionFlags,
  parseEmotionArgument,
  parseEmotionFlags,
  withReferenceAudio,
} from '../../../src/cli/emotion-flags.js'
import { MynahError } from '../../../src/core/errors.js'

function errorOf(flags: EmotionFlags): string {
  try {
    parseEmotionFlags(flags)
  } catch (error) {
    if (error instanceof MynahError) return `${error.code} ${error.message}`
    throw error
  }
  return 'no error'
}

describe('emotion CLI flags', () => {
  it('parses weights by name, eight numbers and presets', () => {
    expect(parseEmotionFlags({ emotion: 'happy=0.8,sad=0.2' }).spec).toEqual({
      vector: [0.8, 0, 0.2, 0, 0, 0, 0, 0],
    })
    expect(parseEmotionFlags({ emotion: '高兴=0.5，低落=0.5' }).spec?.vector).toEqual([
      0.5, 0, 0, 0, 0, 0.5, 0, 0,
    ])
    expect(parseEmotionFlags({ emotion: '0,0,0.8,0,0,0,0,0' }).spec?.vector).toEqual([
      0, 0, 0.8, 0, 0, 0, 0, 0,
    ])
    expect(parseEmotionFlags({ emotion: 'excited' }).spec?.vector).toEqual([0.7, 0, 0, 0, 0, 0, 0.4, 0])
    expect(parseEmotionArgument('sad')).toEqual([0, 0, 1, 0, 0, 0, 0, 0])
  })

  it('parses the other flags and returns the reference path for the command to read', () => {
    const parsed = parseEmotionFlags({
      emotionRef: 'clip.wav',
      emotionAlpha: '0.6',
      emotionRandom: true,
      emotionMode: 'AUDIO',
    })
    expect(parsed).toEqual({ spec: { alpha: 0.6, random: true, mode: 'audio' }, referencePath: 'clip.wav' })
    const bytes = new Uint8Array([1, 2])
    expect(withReferenceAudio(parsed.spec ?? {}, bytes).audio).toBe(bytes)
    expect(parseEmotionFlags({ emotionText: '快躲起来！' }).spec).toEqual({ text: '快躲起来！' })
    expect(parseEmotionFlags({})).toEqual({})
  })

  it('rejects bad values with E_EMOTION_INVALID', () => {
    expect(errorOf({ emotion: 'happy=1.5' })).toMatch(/^E_EMOTION_INVALID .*between 0 and 1/)
    expect(errorOf({ emotion: 'joy=0.5' })).toMatch(/unknown emotion "joy"/)
    expect(errorOf({ emotion: 'happy=lots' })).toMatch(/is not a number/)
    expect(errorOf({ emotion: 'happy=0.5,happy=0.2' })).toMatch(/given twice/)
    expect(errorOf({ emotion: 'ecstatic' })).toMatch(/neither weights/)
    expect(errorOf({ emotion: '1,2,3' })).toMatch(/exactly 8/)
    expect(errorOf({ emotionAlpha: '2' })).toMatch(/alpha must be between 0 and 1/)
    expect(errorOf({ emotionAlpha: 'x' })).toMatch(/not a number/)
    expect(errorOf({ emotionMode: 'loud' })).toMatch(/use speaker, audio, vector, text/)
    expect(errorOf({ emotionMode: 'audio' })).toMatch(/needs --emotion-ref/)
    expect(errorOf({ emotionMode: 'vector' })).toMatch(/needs --emotion WEIGHTS/)
    expect(errorOf({ emotionText: ' ' })).toMatch(/--emotion-text is empty/)
  })

  it('registers the options on a commander command', () => {
    const cmd = addEmotionOptions(new Command('say').exitOverride())
    cmd.parse(['--emotion', 'sad=1', '--emotion-alpha', '0.5', '--emotion-random'], { from: 'user' })
    const spec = parseEmotionFlags(cmd.opts<EmotionFlags>()).spec
    expect(spec).toEqual({ vector: [0, 0, 1, 0, 0, 0, 0, 0], alpha: 0.5, random: true })
  })
})
