/** What a polyphone rule may look at: the whole line, the position, and earlier opinions. */

export interface RuleContext {
  /** The line as code points. */
  readonly chars: readonly string[]
  /** Position of the character being decided. */
  readonly i: number
  /** pinyin-pro's reading (citation tones). */
  readonly base: string | undefined
  /** True when the reading came from a multi-character dictionary word (pinyin-pro's or mynah's). */
  readonly inWord: boolean
  /** The word (Intl.Segmenter, ICU dictionary) that contains the character. */
  readonly word: string
  /** Offset of the character inside `word`. */
  readonly wordOffset: number
  /** The segmenter words just before and after `word` ('' at the edges). */
  readonly prevWord: string
  readonly nextWord: string
}

/** A rule returns a reading, or undefined to leave the decision to the next layer. */
export type Rule = (c: RuleContext) => string | undefined

/** The character k places before (negative) or after (positive) position i, or ''. */
export function at(c: RuleContext, k: number): string {
  return c.chars[c.i + k] ?? ''
}

/** The n characters just before i, joined. */
export function before(c: RuleContext, n: number): string {
  return c.chars.slice(Math.max(0, c.i - n), c.i).join('')
}

/** The n characters just after i, joined. */
export function after(c: RuleContext, n: number): string {
  return c.chars.slice(c.i + 1, c.i + 1 + n).join('')
}

const CLAUSE_END = /^[\s，。！？；：、,.!?;:…—)）」』”"'’》〉\]】]?$/u

/** True when nothing speakable follows in this clause (end of line or punctuation next). */
export function atClauseEnd(c: RuleContext): boolean {
  return CLAUSE_END.test(at(c, 1))
}

/** True when the character opens a clause (start of line or punctuation before). */
export function atClauseStart(c: RuleContext): boolean {
  const prev = at(c, -1)
  return prev === '' || /^[\s，。！？；：、,.!?;:…—(（「『“"'‘《〈[【]$/u.test(prev)
}

/** Chinese numerals and Arabic digits (for measure-word rules). */
export const NUMERAL_CHARS = '零〇一二三四五六七八九十百千万亿两几半数每0123456789'
