/**
 * pinyinPerChar(): toned pinyin for each code point of a line, aligned with `[...line]`.
 * The line is not normalized (so positions stay aligned): digits and Latin letters give
 * null. Inline overrides `<word|reading>` and the glossary are honoured: the override's
 * markup characters give null, its word characters their given reading (or null when the
 * reading is an English spelling).
 */

import { readChineseLine, type ToneMode } from './g2p/zh.js'
import { applyGlossary, type Glossary } from './glossary.js'
import { parseOverrides } from './overrides.js'
import { codePointIndex } from './script.js'

export interface PinyinOptions {
  readonly glossary?: Glossary
  /**
   * 'spoken' (default): tone sandhi (3-3, 一, 不) and neutral tones as pronounced.
   * 'citation': the dictionary tone of each character (what polyphone corpora label).
   */
  readonly tones?: ToneMode
}

/**
 * One entry per code point: toned pinyin ("hang2", "lv4", "de5"), "r5" for an erhua 儿
 * (the previous character keeps its own syllable), null for anything that is not read as
 * Chinese.
 */
export function pinyinPerChar(line: string, options: PinyinOptions = {}): (string | null)[] {
  const cps = [...line]
  const result: (string | null)[] = cps.map(() => null)
  // Plain text (override markup removed) with a map back to line positions.
  const plain: string[] = []
  const origin: number[] = []
  const forced = new Map<number, string | null>()
  const cpIndex = codePointIndex(cps)
  // The same override parsing as the synthesis path; its warnings are not this function's to report.
  for (const piece of parseOverrides(line, [])) {
    const from = cpIndex[piece.offset] ?? cps.length
    const word = [...(piece.kind === 'en' ? piece.source : piece.text)]
    word.forEach((ch, k) => {
      if (piece.kind !== 'text')
        forced.set(plain.length, piece.kind === 'zh' ? (piece.pinyin[k] ?? null) : null)
      plain.push(ch)
      origin.push(from + k)
    })
  }

  if (options.glossary) {
    // Glossary terms on the plain text (positions already fixed by overrides are kept).
    let at = 0
    for (const piece of applyGlossary(
      [{ kind: 'text', text: plain.join(''), offset: 0 }],
      options.glossary,
    )) {
      const length = [...(piece.kind === 'en' ? piece.source : piece.text)].length
      for (let k = 0; k < length; k++) {
        if (forced.has(at + k) || piece.kind === 'text') continue
        forced.set(at + k, piece.kind === 'zh' ? (piece.pinyin[k] ?? null) : null)
      }
      at += length
    }
  }

  const { pinyin } = readChineseLine(plain, { forced, tones: options.tones })
  pinyin.forEach((p, i) => {
    const target = origin[i]
    if (target !== undefined) result[target] = p ?? null
  })
  return result
}
