/** OpenAI voice names -> built-in voices: gender, language, spreading over several voices. */
import { describe, expect, it } from 'vitest'
import type { EngineVoice } from '../../../src/engines/engine.js'
import { isOpenAiVoice, mapOpenAiVoice, OPENAI_VOICES } from '../../../src/runtime/openai-voices.js'

const v = (name: string, lang: 'zh' | 'en', gender: 'female' | 'male', isDefault = false): EngineVoice => ({
  name,
  lang,
  gender,
  isDefault,
  licence: 'test',
  description: name,
})

describe('OpenAI voice mapping', () => {
  const voices = [
    v('en-a', 'en', 'male', true),
    v('en-b', 'en', 'male'),
    v('en-c', 'en', 'male'),
    v('en-f', 'en', 'female'),
    v('zh-f', 'zh', 'female', true),
  ]

  it('knows all 13 OpenAI voices, case-insensitively', () => {
    expect(OPENAI_VOICES).toHaveLength(13)
    expect(isOpenAiVoice('Alloy')).toBe(true)
    expect(isOpenAiVoice('zh-f')).toBe(false)
  })

  it('spreads male OpenAI voices over the male voices, the default first', () => {
    const males = OPENAI_VOICES.filter((o) => o.gender === 'male').map((o) =>
      mapOpenAiVoice(o.name, voices, 'en'),
    )
    expect(males).toEqual(['en-a', 'en-b', 'en-c', 'en-a', 'en-b', 'en-c', 'en-a'])
  })

  it('uses the language default when no voice of that gender exists', () => {
    expect(mapOpenAiVoice('onyx', voices, 'zh')).toBe('zh-f')
    expect(mapOpenAiVoice('onyx', [v('x', 'en', 'male')], 'zh')).toBeUndefined()
  })
})
