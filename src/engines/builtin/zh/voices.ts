/** The built-in Mandarin voices: names, metadata, and where their packs live. */
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { EngineVoice } from '../../engine.js'

export type ZhVoiceName = 'zh-female' | 'zh-male'

export const ZH_VOICES: readonly (EngineVoice & { readonly name: ZhVoiceName })[] = [
  {
    name: 'zh-female',
    lang: 'zh',
    gender: 'female',
    licence: 'CC-BY-3.0',
    description:
      'Mandarin, female — recorded syllables of 聲優 羅竺與徵音梅林開發委員會錄音組 (ChionMeilin, vocal source Chu Lo), from gcin-voice.',
    isDefault: true,
  },
  {
    name: 'zh-male',
    lang: 'zh',
    gender: 'male',
    licence: 'LGPL-3.0-only',
    description: 'Mandarin, male — recorded syllables of Edward Der-Hua Liu, from gcin-voice.',
    isDefault: false,
  },
]

export function isZhVoiceName(name: string): name is ZhVoiceName {
  return ZH_VOICES.some((v) => v.name === name)
}

/**
 * voices/ at the package root: four levels above this file both in src/ (tsx, tests) and
 * in dist/ (the built package), since both mirror engines/builtin/zh/.
 */
export function defaultVoicesDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../../../voices')
}
