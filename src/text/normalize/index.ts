/**
 * Normalization driver: walks a piece of text and, at each token start, tries the rules
 * (numbers, dates, money, units, URLs, abbreviations, acronyms ...) in order. Each match is
 * read in the language around it (the nearest Han or Latin letter) unless the caller forces
 * one. Characters nothing can read (emoji, pictographs, stray symbols) are dropped with a
 * W_SYMBOL_DROPPED warning. Output spans produced by a rule are reported as atoms so the
 * segmenter never cuts inside a number.
 */
import type { Lang, LangOption, TextWarning } from '../../core/types.js'
import { isHan } from '../script.js'
import type { NormRule } from './rule.js'
import { NUMERIC_RULES } from './rules-num.js'
import { WORD_RULES } from './rules-word.js'
import { UNITS } from './units.js'

export interface PieceResult {
  readonly text: string
  /** [start, end) code-unit ranges of `text` produced by rules. */
  readonly atoms: readonly (readonly [number, number])[]
}

const LATIN = /[A-Za-z\u00c0-\u024f]/
const DIGIT = /[0-9]/
/** Punctuation kept as is (it becomes pauses). */
const PUNCTUATION = new Set([...'，。！？、；：“”‘’「」『』（）《》〈〉【】…—·～,.!?;:\'"()[]-/~'])
const NUMERIC_START = /[0-9$¥￥€£]|[-−](?=[$¥￥€£]?\d)|\+(?=\d)/
const SCAN = 48

/** True when the Latin word covering text[i] is a unit symbol written after a number (5kg, 25°C). */
function isUnitAfterNumber(text: string, i: number): boolean {
  let a = i
  while (a > 0 && LATIN.test(text[a - 1] ?? '')) a--
  let z = i
  while (z < text.length && LATIN.test(text[z] ?? '')) z++
  const word = text.slice(a, z)
  let before = a
  if (text[before - 1] === '°') before--
  if (text[before - 1] === ' ') before--
  if (!DIGIT.test(text[before - 1] ?? '')) return false
  return UNITS[word] !== undefined || UNITS[`°${word}`] !== undefined || word === 's'
}

/**
 * Language of the text around [start, end): the nearest Han or Latin letter wins (left on
 * ties). Unit symbols after other numbers (the C of 25°C) do not count as English.
 */
function languageAround(text: string, start: number, end: number, fallback: Lang): Lang {
  let left: Lang | undefined
  let leftDistance = Number.POSITIVE_INFINITY
  for (let i = start - 1, d = 1; i >= 0 && d <= SCAN; i--, d++) {
    const ch = text[i] ?? ''
    if (isHan(ch)) left = 'zh'
    else if (LATIN.test(ch) && !isUnitAfterNumber(text, i)) left = 'en'
    else continue
    leftDistance = d
    break
  }
  for (let i = end, d = 1; i < text.length && d < leftDistance && d <= SCAN; i++, d++) {
    const ch = text[i] ?? ''
    if (isHan(ch)) return 'zh'
    if (LATIN.test(ch) && !isUnitAfterNumber(text, i)) return 'en'
  }
  return left ?? fallback
}

/** The script most of the text is written in ('zh' when it has no letters at all). */
export function dominantLanguage(text: string): Lang {
  let han = 0
  let latin = 0
  for (const ch of text) {
    if (isHan(ch)) han++
    else if (LATIN.test(ch)) latin++
  }
  return latin > han * 2 ? 'en' : han > 0 || latin === 0 ? 'zh' : 'en'
}

function tryRules(
  rules: readonly NormRule[],
  text: string,
  pos: number,
  lang: LangOption,
  fallback: Lang,
): { end: number; out: string; lang: Lang } | undefined {
  for (const rule of rules) {
    rule.re.lastIndex = pos
    const m = rule.re.exec(text)
    if (!m || m[0].length === 0) continue
    const end = pos + m[0].length
    const chosen = lang === 'auto' ? languageAround(text, pos, end, fallback) : lang
    const out = rule.render(m, { text, lang: chosen, start: pos, end })
    if (out !== undefined) return { end, out, lang: chosen }
  }
  return undefined
}

const ALL_RULES = [...NUMERIC_RULES, ...WORD_RULES]

/**
 * Normalizes one piece. `offset` is where the piece starts in the cleaned input (for warning
 * offsets); `fallback` is the language used when no letter is near a number.
 */
export function normalizePiece(
  text: string,
  lang: LangOption,
  fallback: Lang,
  offset: number,
  warnings: TextWarning[],
): PieceResult {
  // Output as parts (a growing string's .at(-1) would flatten it every time: quadratic).
  const parts: string[] = []
  let length = 0
  let lastChar = ''
  const append = (piece: string): void => {
    if (!piece) return
    parts.push(piece)
    length += piece.length
    lastChar = piece[piece.length - 1] ?? ''
  }
  const atoms: [number, number][] = []
  let dropped = ''
  let droppedAt = -1
  const flushDropped = (): void => {
    if (!dropped) return
    warnings.push({
      code: 'W_SYMBOL_DROPPED',
      message: `dropped unreadable symbol(s) ${JSON.stringify(dropped)}`,
      offset: offset + droppedAt,
    })
    dropped = ''
  }
  const emit = (piece: string, spoken: Lang): void => {
    // Keep English words apart from neighbouring letters and digits.
    const sep = spoken === 'en' && /[A-Za-z0-9]/.test(lastChar) ? ' ' : ''
    const start = length + sep.length
    append(sep + piece)
    atoms.push([start, length])
  }
  let i = 0
  while (i < text.length) {
    const cp = text.codePointAt(i) ?? 0
    const ch = String.fromCodePoint(cp)
    const prev = text[i - 1] ?? ''
    const tokenStart = !/[A-Za-z0-9]/.test(prev)
    if (NUMERIC_START.test(text.slice(i, i + 3)) || (tokenStart && (LATIN.test(ch) || /[&+=×÷]/.test(ch)))) {
      const hit = tryRules(ALL_RULES, text, i, lang, fallback)
      if (hit) {
        flushDropped()
        emit(hit.out, hit.lang)
        const next = text[hit.end] ?? ''
        if (hit.lang === 'en' && /[A-Za-z0-9]/.test(next)) append(' ')
        i = hit.end
        continue
      }
    }
    if (isHan(ch) || /\s/u.test(ch) || PUNCTUATION.has(ch) || LATIN.test(ch) || DIGIT.test(ch)) {
      flushDropped()
      if (LATIN.test(ch)) {
        // Copy the whole word at once (letters, apostrophes, inner hyphens).
        const word = /[A-Za-z\u00c0-\u024f]+(?:['’][A-Za-z]+)*/y
        word.lastIndex = i
        const m = word.exec(text)
        const w = m?.[0] ?? ch
        append(w)
        i += w.length
        continue
      }
      append(ch === '/' ? ' ' : ch)
      i += ch.length
      continue
    }
    if (!dropped) droppedAt = i
    dropped += ch
    i += ch.length
  }
  flushDropped()
  return { text: parts.join(''), atoms }
}
