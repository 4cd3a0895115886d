/**
 * Polyphone disambiguation, in layers; the first layer with an opinion wins:
 *   1. readings forced by the caller (inline overrides, glossary);
 *   2. mynah's phrase dictionary (data/phrases.ts), longest match, accepted only where it
 *      does not cut across a word found by the segmenter (so 家长 is not read inside 国家|长期);
 *   3. context rules (data/rules.ts);
 *   4. pinyin-pro, when it read the character inside a dictionary word;
 *   5. a better default for characters standing alone (data/defaults.ts);
 *   6. pinyin-pro's single-character reading.
 * Output readings are citation tones: tone sandhi is applied later (tones.ts).
 */
import { baseReadings } from './base.js'
import type { RuleContext } from './context.js'
import { defaultReading } from './data/defaults.js'
import { PHRASES } from './data/phrases.js'
import { ruleFor } from './data/rules.js'

export interface WordSpan {
  readonly start: number
  readonly end: number
}

let phraseTable: Map<string, string[]> | undefined
/** First character of a phrase → the lengths of the phrases that start with it (longest first). */
const phraseLengths = new Map<string, number[]>()

function phrases(): Map<string, string[]> {
  if (phraseTable) return phraseTable
  phraseTable = new Map()
  for (const line of PHRASES.split('\n')) {
    const [word, ...readings] = line.trim().split(/\s+/u)
    if (!word || readings.length !== [...word].length) continue
    phraseTable.set(word, readings)
    const first = [...word][0] ?? ''
    const lengths = phraseLengths.get(first) ?? []
    if (!lengths.includes(readings.length)) lengths.push(readings.length)
    phraseLengths.set(
      first,
      lengths.sort((a, b) => b - a),
    )
  }
  return phraseTable
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' })
/** ICU's dictionary segmentation slows down sharply on very long runs; feed it bounded pieces. */
const SEGMENT_CHUNK = 256

/** Word spans (in code points) from the ICU dictionary segmenter. */
export function segmentWords(chars: readonly string[]): WordSpan[] {
  const spans: WordSpan[] = []
  for (let from = 0; from < chars.length; from += SEGMENT_CHUNK) {
    const piece = chars.slice(from, from + SEGMENT_CHUNK)
    let offset = from
    for (const { segment } of segmenter.segment(piece.join(''))) {
      const length = [...segment].length
      spans.push({ start: offset, end: offset + length })
      offset += length
    }
  }
  return spans
}

/** Index (into `words`) of the word containing each position; -1 where none does. */
export function wordIndexes(length: number, words: readonly WordSpan[]): number[] {
  const index: number[] = new Array(length).fill(-1)
  words.forEach((w, k) => {
    for (let i = w.start; i < w.end; i++) index[i] = k
  })
  return index
}

/** True when [start, end) crosses a segmenter word (overlaps it without containing or being contained). */
function crossesWord(
  start: number,
  end: number,
  wordIndex: readonly number[],
  spans: readonly WordSpan[],
): boolean {
  const first = spans[wordIndex[start] ?? -1]
  const last = spans[wordIndex[end - 1] ?? -1]
  if (!first || !last) return false
  if (first === last) return false // inside one word
  return first.start < start || last.end > end
}

export interface PolyphoneResult {
  /** Citation reading per code point (undefined: not Han, no reading). */
  readonly readings: (string | undefined)[]
  /** Segmenter word spans over the line. */
  readonly words: readonly WordSpan[]
}

/**
 * Citation readings for every code point of `chars`. `forced` maps positions to readings
 * that must be kept (a null entry means: this position is not to be read as Chinese).
 */
export function decideReadings(
  chars: readonly string[],
  forced: ReadonlyMap<number, string | null> = new Map(),
): PolyphoneResult {
  const base = baseReadings(chars.join(''))
  const words = segmentWords(chars)
  const wordIndex = wordIndexes(chars.length, words)

  const readings: (string | undefined)[] = new Array(chars.length).fill(undefined)
  const inWord: boolean[] = base.map((b) => b.inWord)
  const decided: boolean[] = new Array(chars.length).fill(false)
  for (const [i, value] of forced) {
    readings[i] = value ?? undefined
    decided[i] = true
  }

  // Layer 2: phrase dictionary, forward longest match.
  const table = phrases()
  for (let i = 0; i < chars.length; ) {
    let matched = 0
    for (const len of phraseLengths.get(chars[i] ?? '') ?? []) {
      if (i + len > chars.length) continue
      const entry = table.get(chars.slice(i, i + len).join(''))
      if (!entry || crossesWord(i, i + len, wordIndex, words)) continue
      for (let k = 0; k < len; k++) {
        if (decided[i + k]) continue
        readings[i + k] = entry[k]
        decided[i + k] = true
        inWord[i + k] = true
      }
      matched = len
      break
    }
    i += matched > 0 ? matched : 1
  }

  // Layers 3-6.
  for (let i = 0; i < chars.length; i++) {
    if (decided[i]) continue
    const char = chars[i] ?? ''
    const b = base[i]?.pinyin
    if (b === undefined) continue
    const rule = ruleFor(char)
    if (rule) {
      const k = Math.max(0, wordIndex[i] ?? 0)
      const span = words[k] ?? { start: i, end: i + 1 }
      const text = (w: WordSpan | undefined): string => (w ? chars.slice(w.start, w.end).join('') : '')
      const context: RuleContext = {
        chars,
        i,
        base: b,
        inWord: inWord[i] ?? false,
        word: text(span),
        wordOffset: i - span.start,
        prevWord: text(words[k - 1]),
        nextWord: text(words[k + 1]),
      }
      const ruled = rule(context)
      if (ruled) {
        readings[i] = ruled
        continue
      }
    }
    readings[i] = inWord[i] ? b : (defaultReading(char) ?? b)
  }
  return { readings, words }
}
