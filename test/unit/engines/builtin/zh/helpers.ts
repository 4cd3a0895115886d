/** Shared fixtures for the zh voice tests: voices loaded once per worker, audio measurements. */
import type { Syllable } from '../../../../../src/core/types.js'
import { loadZhVoice, type ZhVoice, type ZhVoiceName } from '../../../../../src/engines/builtin/zh/index.js'

const cache = new Map<ZhVoiceName, Promise<ZhVoice>>()
export function voice(name: ZhVoiceName): Promise<ZhVoice> {
  let v = cache.get(name)
  if (!v) {
    v = loadZhVoice(name)
    cache.set(name, v)
  }
  return v
}

/** Syllables for a space-separated toned pinyin string; every syllable ends a word. */
export function syllables(text: string, wordEnd = true): Syllable[] {
  return text.split(/\s+/).map((p) => ({ text: p, pinyin: p, wordEnd }))
}

export function rmsDb(x: Float32Array, start = 0, end = x.length): number {
  let s = 0
  for (let i = start; i < end; i++) s += x[i] * x[i]
  return 10 * Math.log10(s / Math.max(1, end - start) + 1e-20)
}
