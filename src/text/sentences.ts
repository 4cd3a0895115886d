/**
 * Sentence splitting for text that arrives bit by bit (an LLM stream, a socket): push()
 * returns the sentences completed so far, flush() the rest. Feeding a text in one piece or
 * one character at a time gives the same sentences (tested both ways), because a boundary
 * is only declared once the characters that decide it have arrived:
 *   - 。！？!?… end a sentence, together with any closing quotes or brackets after them;
 *   - "." ends one when whitespace follows and the next word does not start in lowercase,
 *     and the word before is not an initial (J.) or a known abbreviation (Dr., e.g.);
 *   - a line break always ends one.
 * After kokoro.js's TextSplitterStream (tests/splitting.test.js).
 */

const TERMINATORS = new Set([...'。！？!?…．'])
const CLOSERS = new Set([...'”’」』）)》】]"\''])
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'st',
  'jr',
  'sr',
  'mt',
  'vs',
  'etc',
  'e.g',
  'i.e',
  'no',
  'fig',
  'vol',
  'approx',
  'inc',
  'ltd',
  'co',
  'corp',
  'gen',
  'col',
  'lt',
  'capt',
  'rev',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
])

const isSpace = (ch: string | undefined): boolean => ch !== undefined && /\s/u.test(ch) && ch !== '\n'

/**
 * End (exclusive, code units) of the first sentence at or after `from`, or -1 when more
 * input is needed to decide. With `final`, the end of the text counts as a boundary.
 */
export function findSentenceEnd(text: string, from: number, final: boolean): { end: number; resume: number } {
  for (let i = from; i < text.length; i++) {
    const ch = text[i] ?? ''
    if (ch === '\n') return { end: i + 1, resume: 0 }
    const period = ch === '.'
    if (!period && !TERMINATORS.has(ch)) continue
    let j = i + 1
    while (
      j < text.length &&
      (TERMINATORS.has(text[j] ?? '') || text[j] === '.' || CLOSERS.has(text[j] ?? ''))
    )
      j++
    if (j === text.length && !final) return { end: -1, resume: i }
    const run = text.slice(i, j)
    if (/^[.'"”’)\]]+$/.test(run)) {
      // Only periods (and closers): decide from what follows and what comes before.
      if (j < text.length && !/\s/u.test(text[j] ?? '')) {
        i = j - 1
        continue
      }
      let k = j
      while (isSpace(text[k])) k++
      if (k === text.length && !final) return { end: -1, resume: i }
      const next = text[k] ?? ''
      const word = /([A-Za-z.]+)$/.exec(text.slice(Math.max(0, i - 12), i))?.[1] ?? ''
      const abbreviation =
        run.startsWith('.') &&
        !run.startsWith('..') &&
        (ABBREVIATIONS.has(word.toLowerCase()) || /^[A-Z]$/.test(word))
      if (/[a-z]/.test(next) || (abbreviation && next !== '' && next !== '\n')) {
        i = j - 1
        continue
      }
    }
    return { end: j, resume: 0 }
  }
  return { end: final && text.length > 0 ? text.length : -1, resume: text.length }
}

export class SentenceSplitter {
  private buffer = ''
  private scanFrom = 0

  /** Adds text; returns the sentences it completed (trimmed, never empty). */
  push(chunk: string): string[] {
    this.buffer += chunk
    return this.drain(false)
  }

  /** Ends the input; returns whatever is left as sentences. */
  flush(): string[] {
    const out = this.drain(true)
    this.buffer = ''
    this.scanFrom = 0
    return out
  }

  private drain(final: boolean): string[] {
    const out: string[] = []
    for (;;) {
      const { end, resume } = findSentenceEnd(this.buffer, this.scanFrom, final)
      if (end < 0) {
        this.scanFrom = resume
        return out
      }
      const sentence = this.buffer.slice(0, end).trim()
      if (sentence) out.push(sentence)
      this.buffer = this.buffer.slice(end)
      this.scanFrom = 0
      if (this.buffer === '') return out
    }
  }
}

/** Splits a whole text into sentences (the same result as streaming it). */
export function splitSentences(text: string): string[] {
  const splitter = new SentenceSplitter()
  return [...splitter.push(text), ...splitter.flush()]
}

/** Sentence ranges [start, end) in code units over a complete text. */
export function sentenceRanges(text: string): [number, number][] {
  const ranges: [number, number][] = []
  let start = 0
  while (start < text.length) {
    const { end } = findSentenceEnd(text, start, true)
    if (end <= start) break
    ranges.push([start, end])
    start = end
  }
  return ranges
}
