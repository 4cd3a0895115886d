/**
 * The token measure used against the segment budget: an approximation of IndexTTS2's text
 * tokens (SentencePiece BPE, 12k pieces, applied after IndexTTS2 splits CJK characters
 * apart). Each Han character is one token; a Latin word costs ceil(letters / 4) tokens
 * (BPE pieces of English average about four letters); each digit, punctuation mark or
 * other symbol is one token; whitespace is free. It errs on the high side for English so a
 * segment never exceeds the model's budget.
 */

import { isHan } from './script.js'

const LETTER = /\p{L}/u
const SPACE = /\s/u

/**
 * prefix[i] = tokens of chars[0..i), made additive per code point: a Latin word's letters
 * cost 1, 0, 0, 0, 1, … so a whole word sums to ceil(letters / 4).
 */
export function tokenPrefix(chars: readonly string[]): Int32Array {
  const prefix = new Int32Array(chars.length + 1)
  let letters = 0
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? ''
    let cost = 1
    if (isHan(ch)) letters = 0
    else if (LETTER.test(ch) || ch === "'" || ch === '’') {
      cost = letters % 4 === 0 ? 1 : 0
      letters++
    } else {
      if (SPACE.test(ch)) cost = 0
      letters = 0
    }
    prefix[i + 1] = (prefix[i] ?? 0) + cost
  }
  return prefix
}

export function countTokens(text: string): number {
  const prefix = tokenPrefix([...text])
  return prefix[prefix.length - 1] ?? 0
}
