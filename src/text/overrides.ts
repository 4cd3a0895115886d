/**
 * User control of pronunciation. One inline syntax, `<word|reading>`:
 *   <重|zhong4>          one character, toned pinyin
 *   <银行|yin2 hang2>    a word, one toned syllable per Han character (yin2hang2 and tone marks work too)
 *   <SQL|sequel>         an English spelling, handed to the English voice as written
 *   <微信|WeChat>        a Chinese word said with an English spelling
 * Pinyin must carry tones (digits 1-5, 5 = neutral, or tone marks); anything else is an
 * English spelling. A malformed override is read as plain text with a W_OVERRIDE_INVALID warning.
 */
import type { TextWarning } from '../core/types.js'
import { parsePinyin } from './g2p/syllable.js'

/**
 * A stretch of the text. `offset` is where the piece's word or text starts in the input
 * (code units); for an override that is the word inside `<word|reading>`, past the `<` and
 * any leading blanks.
 */
export type Piece =
  /** Ordinary text, to be normalized. */
  | { readonly kind: 'text'; readonly text: string; readonly offset: number }
  /** Han characters with fixed readings (one syllable per code point). */
  | {
      readonly kind: 'zh'
      readonly text: string
      readonly pinyin: readonly string[]
      readonly offset: number
    }
  /** An English spelling (`text`) that replaces the word (`source`). */
  | { readonly kind: 'en'; readonly text: string; readonly source: string; readonly offset: number }

const OVERRIDE_RE = /<([^<>|\n]{1,64})\|([^<>|\n]{1,128})>/g
const HAN_ONLY = /^\p{Script=Han}+$/u
const ENGLISH_SPELLING = /^[A-Za-z][A-Za-z0-9 '’.,-]*$/
const TONED = /[1-5]|[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]/u

export type Reading =
  | { readonly kind: 'zh'; readonly pinyin: string[] }
  | { readonly kind: 'en'; readonly text: string }

/**
 * Classifies a reading for `word`. Returns a string describing the problem when the
 * reading is neither matching toned pinyin nor an English spelling.
 */
export function classifyReading(word: string, reading: string): Reading | string {
  const trimmed = reading.trim()
  const parts = trimmed.split(/\s+/u)
  const looksPinyin =
    parts.every((p) => TONED.test(p)) && /^[a-zA-Z:üÜ\u0100-\u01ff\u1e3f0-5\s'’-]+$/u.test(trimmed)
  if (looksPinyin) {
    const syllables = parsePinyin(trimmed)
    if (!syllables) return `"${reading}" is not valid toned pinyin`
    if (!HAN_ONLY.test(word)) return `pinyin can only be given for Chinese characters, not "${word}"`
    const count = [...word].length
    if (syllables.length !== count)
      return `"${word}" has ${count} character(s) but "${reading}" has ${syllables.length} syllable(s)`
    return { kind: 'zh', pinyin: syllables }
  }
  if (ENGLISH_SPELLING.test(trimmed)) return { kind: 'en', text: trimmed }
  return `"${reading}" is neither toned pinyin (zhong4) nor an English spelling`
}

/** Splits cleaned text into pieces at `<word|reading>` overrides. */
export function parseOverrides(text: string, warnings: TextWarning[]): Piece[] {
  const pieces: Piece[] = []
  let last = 0
  for (const m of text.matchAll(OVERRIDE_RE)) {
    const start = m.index ?? 0
    const rawWord = m[1] ?? ''
    const word = rawWord.trim()
    const wordOffset = start + 1 + rawWord.length - rawWord.trimStart().length
    const reading = classifyReading(word, m[2] ?? '')
    if (start > last) pieces.push({ kind: 'text', text: text.slice(last, start), offset: last })
    if (typeof reading === 'string' || word === '') {
      warnings.push({
        code: 'W_OVERRIDE_INVALID',
        message: `override ${m[0]} ignored: ${typeof reading === 'string' ? reading : 'empty word'}`,
        offset: start,
      })
      pieces.push({ kind: 'text', text: word, offset: wordOffset })
    } else if (reading.kind === 'zh')
      pieces.push({ kind: 'zh', text: word, pinyin: reading.pinyin, offset: wordOffset })
    else pieces.push({ kind: 'en', text: reading.text, source: word, offset: wordOffset })
    last = start + m[0].length
  }
  if (last < text.length) pieces.push({ kind: 'text', text: text.slice(last), offset: last })
  return pieces
}
