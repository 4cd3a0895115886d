/**
 * Compiles a lexicon source (lexicon-zh.ts, lexicon-en.ts) into a lookup table and turns
 * text into tokens the rules understand: emotion terms, negators, intensifiers, contrast
 * words, clause punctuation and emoji. Chinese is segmented by forward maximum matching
 * over the lexicon (longest entry first), English by words with phrase matching and a
 * light suffix-stripping lemmatiser.
 */
import { EMOTION_NAMES, type EmotionName } from '../../core/types.js'

/** Raw lexicon as written in the lexicon files. */
export interface LexiconSource {
  readonly terms: Readonly<Record<EmotionName, string>>
  readonly mixed: Readonly<Record<string, Partial<Record<EmotionName, number>>>>
  readonly blockers: string
  readonly negators: string
  readonly intensifiers: string
  readonly postIntensifiers: string
  readonly contrast: string
}

/** Eight weights in EMOTION_NAMES order. */
export type Weights = Float64Array

export interface LexiconEntry {
  weights?: Weights
  negator?: boolean
  intensifier?: number
  post?: number
  contrast?: boolean
  blocker?: boolean
}

export interface CompiledLexicon {
  readonly entries: ReadonlyMap<string, LexiconEntry>
  /** Longest key, in characters (zh) or words (en). */
  readonly maxLength: number
}

function items(list: string): { key: string; value: number | undefined }[] {
  return list
    .split(/\s+/)
    .filter((s) => s.length > 0)
    .map((raw) => {
      const colon = raw.lastIndexOf(':')
      const hasWeight = colon > 0 && /^[0-9.]+$/.test(raw.slice(colon + 1))
      const key = (hasWeight ? raw.slice(0, colon) : raw).replace(/_/g, ' ').replace(/’/g, "'")
      return { key: key.toLowerCase(), value: hasWeight ? Number(raw.slice(colon + 1)) : undefined }
    })
}

export function compileLexicon(source: LexiconSource, unit: 'char' | 'word'): CompiledLexicon {
  const entries = new Map<string, LexiconEntry>()
  const entry = (key: string): LexiconEntry => {
    let e = entries.get(key)
    if (!e) {
      e = {}
      entries.set(key, e)
    }
    return e
  }
  const addWeights = (key: string, emotion: number, weight: number): void => {
    const e = entry(key)
    e.weights ??= new Float64Array(8)
    e.weights[emotion] += weight
  }
  EMOTION_NAMES.forEach((name, i) => {
    for (const { key, value } of items(source.terms[name])) addWeights(key, i, value ?? 1)
  })
  for (const [key, mix] of Object.entries(source.mixed)) {
    EMOTION_NAMES.forEach((name, i) => {
      const w = mix[name]
      if (w) addWeights(key.toLowerCase(), i, w)
    })
  }
  for (const { key } of items(source.blockers)) if (!entries.has(key)) entry(key).blocker = true
  for (const { key } of items(source.negators)) entry(key).negator = true
  for (const { key, value } of items(source.intensifiers)) entry(key).intensifier = value ?? 1.3
  for (const { key, value } of items(source.postIntensifiers)) entry(key).post = value ?? 1.5
  for (const { key } of items(source.contrast)) entry(key).contrast = true
  let maxLength = 1
  for (const key of entries.keys()) {
    const length = unit === 'char' ? Array.from(key).length : key.split(' ').length
    if (length > maxLength) maxLength = length
  }
  return { entries, maxLength }
}

/** One unit of analysed text. */
export type Token =
  | { readonly kind: 'entry'; readonly text: string; readonly entry: LexiconEntry; readonly caps: boolean }
  | { readonly kind: 'other'; readonly text: string }
  | { readonly kind: 'punct'; readonly text: string }
  | { readonly kind: 'emoji'; readonly text: string; readonly weights: Weights }

/** Segment a run of Chinese characters by forward maximum matching. */
export function tokenizeZh(run: string, lexicon: CompiledLexicon, out: Token[]): void {
  const chars = Array.from(run)
  let i = 0
  while (i < chars.length) {
    let matched = false
    for (let n = Math.min(lexicon.maxLength, chars.length - i); n >= 1; n--) {
      const key = chars.slice(i, i + n).join('')
      const entry = lexicon.entries.get(key)
      if (entry) {
        out.push({ kind: 'entry', text: key, entry, caps: false })
        i += n
        matched = true
        break
      }
    }
    if (!matched) {
      out.push({ kind: 'other', text: chars[i] })
      i += 1
    }
  }
}

/** Candidate base forms of an inflected English word, most likely first. */
export function lemmaCandidates(word: string): string[] {
  const out: string[] = []
  const add = (w: string): void => {
    if (w.length >= 2 && !out.includes(w)) out.push(w)
  }
  // Elongated words: "sooo", "happyyy".
  if (/(.)\1\1/.test(word)) {
    add(word.replace(/(.)\1{2,}/g, '$1'))
    add(word.replace(/(.)\1{2,}/g, '$1$1'))
  }
  if (word.endsWith("'s")) add(word.slice(0, -2))
  if (word.endsWith('ies')) add(`${word.slice(0, -3)}y`)
  if (word.endsWith('ied')) add(`${word.slice(0, -3)}y`)
  if (word.endsWith('ily')) add(`${word.slice(0, -3)}y`)
  if (word.endsWith('ing')) {
    const stem = word.slice(0, -3)
    add(stem)
    add(`${stem}e`)
    if (/(.)\1$/.test(stem)) add(stem.slice(0, -1))
  }
  if (word.endsWith('ed')) {
    const stem = word.slice(0, -2)
    add(stem)
    add(word.slice(0, -1))
    if (/(.)\1$/.test(stem)) add(stem.slice(0, -1))
  }
  if (word.endsWith('es')) add(word.slice(0, -2))
  if (word.endsWith('s') && !word.endsWith('ss')) add(word.slice(0, -1))
  if (word.endsWith('ly')) add(word.slice(0, -2))
  if (word.endsWith('ness')) add(word.slice(0, -4))
  return out
}

const NEGATED_CONTRACTION = /n't$/

/** Tokenize a run of English words (letters, apostrophes, spaces) with phrase matching. */
export function tokenizeEn(run: string, lexicon: CompiledLexicon, out: Token[]): void {
  const originals = run.match(/[A-Za-z]+(?:['’][A-Za-z]+)*/g) ?? []
  const words = originals.map((w) => w.toLowerCase().replace(/’/g, "'"))
  let i = 0
  while (i < words.length) {
    let matched = false
    for (let n = Math.min(lexicon.maxLength, words.length - i); n >= 2; n--) {
      const key = words.slice(i, i + n).join(' ')
      const entry = lexicon.entries.get(key)
      if (entry) {
        const caps = originals.slice(i, i + n).every((w) => w.length > 1 && w === w.toUpperCase())
        out.push({ kind: 'entry', text: key, entry, caps })
        i += n
        matched = true
        break
      }
    }
    if (matched) continue
    const word = words[i]
    const original = originals[i]
    const caps = original.length > 1 && original === original.toUpperCase()
    let entry = lexicon.entries.get(word)
    if (!entry) {
      for (const lemma of lemmaCandidates(word)) {
        const candidate = lexicon.entries.get(lemma)
        if (candidate?.weights || candidate?.intensifier) {
          entry = candidate
          break
        }
      }
    }
    if (!entry && NEGATED_CONTRACTION.test(word)) entry = lexicon.entries.get("n't")
    if (entry) out.push({ kind: 'entry', text: word, entry, caps })
    else out.push({ kind: 'other', text: word })
    i += 1
  }
}
