import { describe, expect, it } from 'vitest'
import { zhuyinToPinyin } from '../../../../../tools/lib/zhuyin.js'

const CASES: [string, string][] = [
  ['ㄅㄚ', 'ba1'],
  ['ㄅㄚ1', 'ba5'],
  ['ㄇㄚ3', 'ma3'],
  ['ㄓ', 'zhi1'],
  ['ㄙ4', 'si4'],
  ['ㄖ4', 'ri4'],
  ['ㄧ', 'yi1'],
  ['ㄧㄡ3', 'you3'],
  ['ㄌㄧㄡ2', 'liu2'],
  ['ㄉㄨㄟ4', 'dui4'],
  ['ㄨㄟ2', 'wei2'],
  ['ㄏㄨㄣ2', 'hun2'],
  ['ㄨㄣ3', 'wen3'],
  ['ㄉㄨㄥ1'.replace('1', ''), 'dong1'],
  ['ㄨㄥ', 'weng1'],
  ['ㄩ', 'yu1'],
  ['ㄐㄩ4', 'ju4'],
  ['ㄑㄩㄢ2', 'quan2'],
  ['ㄒㄩㄝ2', 'xue2'],
  ['ㄌㄩ4', 'lv4'],
  ['ㄋㄩㄝ4', 'nve4'],
  ['ㄐㄩㄥ3', 'jiong3'],
  ['ㄩㄥ3', 'yong3'],
  ['ㄩㄣ2', 'yun2'],
  ['ㄅㄛ2', 'bo2'],
  ['ㄜ4', 'e4'],
  ['ㄝ4', 'ê4'],
  ['ㄦ2', 'er2'],
  ['ㄣ', 'en1'],
  ['ㄥ', 'eng1'],
  ['ㄧㄛ', 'yo1'],
  ['ㄧㄞ2', 'yai2'],
  ['ㄓㄨㄤ4', 'zhuang4'],
  ['ㄘㄨㄢ4', 'cuan4'],
  ['ㄍㄜ1', 'ge5'],
]

describe('zhuyin → pinyin', () => {
  it.each(CASES)('%s → %s', (zhuyin, pinyin) => {
    const r = zhuyinToPinyin(zhuyin)
    expect(r.ok && r.pinyin).toBe(pinyin)
  })

  it('rejects letter names and non-zhuyin', () => {
    for (const name of ['ㄅ', 'ㄇ1', 'ㄒ', 'abc', 'ㄅㄚ5']) expect(zhuyinToPinyin(name).ok).toBe(false)
  })
})
