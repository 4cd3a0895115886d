/**
 * Segmentation by token budget (IndexTTS2's max_text_tokens_per_segment): the text is cut
 * into sentences, consecutive sentences of one paragraph are packed into a segment while
 * they fit, and a sentence over the budget is cut at the best place that fits — after
 * ，,；;：、 first, then at a space, then between words (ICU dictionary segmentation for
 * Chinese) — never inside a word or inside an atom (a normalized number, an override).
 * An atom longer than the whole budget is the only thing ever cut mid-way, at its spaces.
 */
import { segmentWords } from './g2p/polyphone.js'
import { codePointIndex } from './script.js'
import { sentenceRanges } from './sentences.js'
import { tokenPrefix } from './tokens.js'

/** A span [start, end) of code points. */
export type Span = readonly [number, number]

const MINOR = new Set([...'，,；;：:、'])
const SPACE = /\s/u
const SPEECH = /\p{L}/u
/** Punctuation belongs to the piece before it. */
const PUNCT = /[\p{P}\p{S}]/u

/** Sentence spans in code points over the normalized text. */
export function sentenceSpans(chars: readonly string[]): Span[] {
  const text = chars.join('')
  const cpAt = codePointIndex(chars)
  return sentenceRanges(text).map(([a, b]) => [cpAt[a] ?? 0, cpAt[b] ?? chars.length] as const)
}

/**
 * Where a piece may be cut, from best to last resort: after ，,；; etc., at a space, between
 * words, at a space inside an atom (a number read digit by digit), anywhere.
 */
type CutKind = 'minor' | 'space' | 'word' | 'loose' | 'any'

interface Budget {
  readonly chars: readonly string[]
  readonly atom: readonly number[]
  readonly max: number
  /** prefix[i] = tokens of chars[0..i) (tokens.ts tokenPrefix). */
  readonly prefix: Int32Array
}

const cost = (b: Budget, s: number, e: number): number => (b.prefix[e] ?? 0) - (b.prefix[s] ?? 0)

/** True when a cut between i-1 and i would split an atom or leave punctuation at the start of a piece. */
function insideAtom(b: Budget, i: number): boolean {
  const left = b.atom[i - 1] ?? 0
  if (left !== 0 && left === (b.atom[i] ?? 0)) return true
  return PUNCT.test(b.chars[i] ?? '')
}

/**
 * Candidate cut points inside [s, e) of one kind, in order. A cut at i means the piece ends
 * before chars[i] (after trailing punctuation / spaces).
 */
function cutPoints(b: Budget, s: number, e: number, kind: CutKind): number[] {
  const cuts: number[] = []
  if (kind === 'word') {
    // Word boundaries from the segmenter, over the Chinese stretches.
    for (const w of segmentWords(b.chars.slice(s, e))) {
      const i = s + w.start
      if (i > s && !insideAtom(b, i)) cuts.push(i)
    }
    return cuts
  }
  for (let i = s + 1; i < e; i++) {
    const prev = b.chars[i - 1] ?? ''
    const here = b.chars[i] ?? ''
    let ok = false
    if (kind === 'minor') ok = MINOR.has(prev) && !MINOR.has(here)
    else if (kind === 'space' || kind === 'loose') ok = SPACE.test(prev) && !SPACE.test(here)
    else ok = true
    const allowed = kind === 'any' || kind === 'loose' ? !PUNCT.test(here) : !insideAtom(b, i)
    if (ok && allowed) cuts.push(i)
  }
  return cuts
}

/** Greedy packing of [s, e) using cuts of the given kinds, falling back to finer kinds per piece. */
function splitLong(b: Budget, s: number, e: number, kinds: readonly CutKind[]): Span[] {
  if (cost(b, s, e) <= b.max) return [[s, e]]
  const [kind, ...finer] = kinds
  if (!kind) return [[s, e]]
  const cuts = [...cutPoints(b, s, e, kind), e]
  const out: Span[] = []
  let start = s
  let lastFit = -1
  for (const cut of cuts) {
    if (cost(b, start, cut) <= b.max) {
      lastFit = cut
      if (cut === e) out.push([start, e])
      continue
    }
    if (lastFit > start) {
      out.push([start, lastFit])
      start = lastFit
      lastFit = -1
      if (cost(b, start, cut) <= b.max) {
        lastFit = cut
        if (cut === e) out.push([start, e])
        continue
      }
    }
    // The piece up to this cut is too long on its own: refine it with the next kind.
    out.push(...splitLong(b, start, cut, finer))
    start = cut
    lastFit = -1
  }
  return out.filter(([a, z]) => z > a)
}

/** Segments (code point spans) of the normalized text under a token budget. */
export function segmentSpans(chars: readonly string[], atom: readonly number[], maxTokens: number): Span[] {
  const b: Budget = { chars, atom, max: Math.max(1, maxTokens), prefix: tokenPrefix(chars) }
  const pieces: Span[] = []
  for (const [s, e] of sentenceSpans(chars)) {
    for (const piece of splitLong(b, s, e, ['minor', 'space', 'word', 'loose', 'any'])) pieces.push(piece)
  }
  // Pack consecutive pieces of one paragraph while they fit.
  const out: Span[] = []
  let current: [number, number] | undefined
  let currentCost = 0
  for (const [s, e] of pieces) {
    const pieceCost = cost(b, s, e)
    const paragraphBreak = current !== undefined && chars[current[1] - 1] === '\n'
    if (current && !paragraphBreak && currentCost + pieceCost <= b.max) {
      current[1] = e
      currentCost += pieceCost
      continue
    }
    if (current) out.push(current)
    current = [s, e]
    currentCost = pieceCost
  }
  if (current) out.push(current)
  return out
    .map(([s, e]) => trimSpan(chars, s, e))
    .filter((span): span is Span => span !== undefined && hasSpeech(chars, span))
}

function trimSpan(chars: readonly string[], s: number, e: number): Span | undefined {
  let a = s
  let z = e
  while (a < z && SPACE.test(chars[a] ?? '')) a++
  while (z > a && SPACE.test(chars[z - 1] ?? '')) z--
  return z > a ? [a, z] : undefined
}

function hasSpeech(chars: readonly string[], [s, e]: Span): boolean {
  for (let i = s; i < e; i++) if (SPEECH.test(chars[i] ?? '')) return true
  return false
}
