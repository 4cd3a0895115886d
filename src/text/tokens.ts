/**
 * The token measure used against the segment budget: an approximation of IndexTTS2's text
 * tokens (SentencePiece BPE, 12k pieces, applied after IndexTTS2 splits CJK characters
 * apart). Each Han character is one token; a Latin word costs ceil(letters / 4) tokens
 * (BPE pieces of English average about four letters); each digit, punctuation mark or
 * other symbol is one token; whitespace is free. It errs on the high side for English so a
 * segment never exceeds the model's budget.
 */

const HAN = /\p{Script=Han}/u
const LETTER = /\p{L}/u
const SPACE = /\s/u

export function countTokens(text: string): number {
  let tokens = 0
  let word = 0
  const endWord = (): void => {
    if (word > 0) tokens += Math.ceil(word / 4)
    word = 0
  }
  for (const ch of text) {
    if (HAN.test(ch)) {
      endWord()
      tokens++
    } else if (LETTER.test(ch) || ch === "'" || ch === '’') {
      word++
    } else if (SPACE.test(ch)) {
      endWord()
    } else {
      endWord()
      tokens++
    }
  }
  endWord()
  return tokens
}

/**
 * Token cost of one code point given how many letters of the current word came before it,
 * so that summing over code points equals countTokens() (used for prefix sums).
 */
export function tokenCostOf(ch: string, lettersSoFar: number): number {
  if (HAN.test(ch)) return 1
  if (LETTER.test(ch) || ch === "'" || ch === '’') return lettersSoFar % 4 === 0 ? 1 : 0
  if (SPACE.test(ch)) return 0
  return 1
}
