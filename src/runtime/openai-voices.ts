/**
 * OpenAI's voice names mapped onto the engine's built-in voices, so clients written for
 * OpenAI's API work unchanged. Each OpenAI voice has a gender (from OpenAI's own voice
 * previews); it maps to a built-in voice of that gender in the main language of the text
 * (the facade decides the language, as for any request without a voice). When
 * an engine has several voices of one gender, the OpenAI voices of that gender are spread
 * over them in a fixed order, so `echo` and `onyx` sound different where possible.
 */
import type { Lang } from '../core/types.js'
import type { EngineVoice } from '../engines/engine.js'

export type Gender = 'female' | 'male'

/** In OpenAI's documented order (audio.speech.create `voice`). */
export const OPENAI_VOICES: readonly { readonly name: string; readonly gender: Gender }[] = [
  { name: 'alloy', gender: 'female' },
  { name: 'ash', gender: 'male' },
  { name: 'ballad', gender: 'male' },
  { name: 'coral', gender: 'female' },
  { name: 'echo', gender: 'male' },
  { name: 'fable', gender: 'male' },
  { name: 'onyx', gender: 'male' },
  { name: 'nova', gender: 'female' },
  { name: 'sage', gender: 'female' },
  { name: 'shimmer', gender: 'female' },
  { name: 'verse', gender: 'male' },
  { name: 'marin', gender: 'female' },
  { name: 'cedar', gender: 'male' },
]

export function isOpenAiVoice(name: string): boolean {
  return OPENAI_VOICES.some((v) => v.name === name.toLowerCase())
}

/**
 * The built-in voice an OpenAI voice name stands for, or undefined to let the engine use
 * its default voice for the language (no built-in voice of that language and gender).
 */
export function mapOpenAiVoice(name: string, voices: readonly EngineVoice[], lang: Lang): string | undefined {
  const wanted = OPENAI_VOICES.find((v) => v.name === name.toLowerCase())
  if (!wanted) return undefined
  const sameGender = OPENAI_VOICES.filter((v) => v.gender === wanted.gender)
  const rank = sameGender.findIndex((v) => v.name === wanted.name)
  const candidates = voices
    .filter((v) => v.lang === lang && v.gender === wanted.gender)
    .sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name))
  if (candidates.length > 0) return candidates[rank % candidates.length]?.name
  return voices.find((v) => v.lang === lang && v.isDefault)?.name
}
