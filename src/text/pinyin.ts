/**
 * pinyinPerChar(): toned pinyin for each code point of a line, aligned with `[...line]`.
 * The line is not normalized (so positions stay aligned): digits and Latin letters give
 * null. Inline overrides `<word|reading>` and the glossary are honoured: the override's
 * markup characters give null, its word characters their given reading (or null when the
 * reading is an English spelling).
 */

import { readChineseLine, type ToneMode } from './g2p/zh.js'
import { applyGlossary, type Glossary } from './glossary.js'
import { classifyReading } from './overrides.js'

export interface PinyinOptions {
  readonly glossary?: Glossary
  /**
   * 'spoken' (default): tone sandhi (3-3, 一, 不) and neutral tones as pronounced.
   * 'citation': the dictionary tone of each character (what polyphone corpora label).
   */
  readonly tones?: ToneMode
}

const OVERRIDE_RE = /<([^<>|\n]{1,64})\|([^<>|\n]{1,128})>/gu

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
  // Code unit offset → code point index of the line.
  const cpIndex: number[] = []
  cps.forEach((ch, i) => {
    for (let k = 0; k < ch.length; k++) cpIndex.push(i)
  })
  let cursor = 0
  const copy = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      plain.push(cps[i] ?? '')
      origin.push(i)
    }
  }
  for (const m of line.matchAll(OVERRIDE_RE)) {
    const start = cpIndex[m.index ?? 0] ?? 0
    const open = start + 1
    const wordRaw = [...(m[1] ?? '')]
    const lead = wordRaw.findIndex((c) => !/\s/u.test(c))
    const word = wordRaw.join('').trim()
    const reading = classifyReading(word, m[2] ?? '')
    copy(cursor, start)
    const wordStart = open + Math.max(0, lead)
    const wordChars = [...word]
    wordChars.forEach((_, k) => {
      const at = plain.length
      plain.push(cps[wordStart + k] ?? '')
      origin.push(wordStart + k)
      if (typeof reading !== 'string')
        forced.set(at, reading.kind === 'zh' ? (reading.pinyin[k] ?? null) : null)
    })
    cursor = start + [...m[0]].length
  }
  copy(cursor, cps.length)

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
