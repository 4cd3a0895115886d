/**
 * One segment → language runs. Han characters form zh runs (with syllables from the G2P),
 * Latin words form en runs (plain words for flite), punctuation becomes the break after the
 * run before it. A zh/en switch without punctuation is BreakLevel 'none'.
 */
import {
  type BreakLevel,
  type Lang,
  type Segment,
  type Syllable,
  strongerBreak,
  type TextRun,
} from '../core/types.js'
import type { AnnotatedText } from './annotate.js'
import { rhotacise } from './g2p/erhua.js'
import { readChineseLine } from './g2p/zh.js'
import { isHan } from './script.js'
import type { Span } from './segment.js'
import { countTokens } from './tokens.js'

const LETTER = /\p{L}/u
const SPACE = /\s/u

const LEVEL: Record<string, BreakLevel> = {}
for (const ch of '，,、') LEVEL[ch] = 'minor'
for (const ch of '；;：:—()（）[]【】') LEVEL[ch] = 'major'
for (const ch of '。！？!?….') LEVEL[ch] = 'sentence'
LEVEL['\n'] = 'paragraph'

/** Plain words for the English voice: no diacritics, no stray punctuation. */
function englishWords(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9'’\- ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

interface OpenRun {
  lang: Lang
  start: number
  end: number
}

export function buildSegment(a: AnnotatedText, [s, e]: Span, index: number, isLast: boolean): Segment {
  const chars = a.chars.slice(s, e)
  // Fixed readings; null: a Han character an override said to read in English (not as Chinese).
  const zhForced = new Map<number, string | null>()
  for (let i = s; i < e; i++) {
    const reading = a.forced[i]
    if (reading !== undefined) zhForced.set(i - s, reading === '' ? null : reading)
  }
  for (let i = s; i < e; i++) if (a.english[i] && isHan(a.chars[i])) zhForced.set(i - s, null)
  const { pinyin, words } = readChineseLine(chars, { forced: zhForced })
  const wordEnds = new Set(words.map((w) => w.end - 1))

  const runs: TextRun[] = []
  let open: OpenRun | undefined
  let pending: BreakLevel = 'none'
  const close = (level: BreakLevel): void => {
    if (!open) {
      // Punctuation with no run before it in this segment strengthens the previous run's break.
      const last = runs.at(-1)
      if (last) runs[runs.length - 1] = { ...last, breakAfter: strongerBreak(last.breakAfter, level) }
      return
    }
    const { lang, start, end } = open
    open = undefined
    if (lang === 'en') {
      const text = englishWords(chars.slice(start, end).join(''))
      if (text) runs.push({ lang, text, breakAfter: level })
      return
    }
    const syllables: Syllable[] = []
    let text = ''
    for (let i = start; i < end; i++) {
      const ch = chars[i] ?? ''
      if (!isHan(ch)) continue
      const py = pinyin[i]
      if (py === undefined) continue
      text += ch
      const prev = syllables.at(-1)
      if (py === 'r5' && prev) {
        syllables[syllables.length - 1] = {
          text: `${prev.text}${ch}`,
          pinyin: rhotacise(prev.pinyin),
          wordEnd: wordEnds.has(i),
        }
        continue
      }
      syllables.push({
        text: ch,
        pinyin: py === 'r5' ? 'er2' : py,
        wordEnd: wordEnds.has(i) || i === end - 1,
      })
    }
    if (syllables.length > 0) {
      const lastSyllable = syllables.at(-1)
      if (lastSyllable) syllables[syllables.length - 1] = { ...lastSyllable, wordEnd: true }
      runs.push({ lang, text, syllables, breakAfter: level })
    }
  }

  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? ''
    const english = a.english[s + i] ?? false
    const lang: Lang | undefined = english ? 'en' : isHan(ch) ? 'zh' : LETTER.test(ch) ? 'en' : undefined
    if (lang) {
      if (open && open.lang !== lang) close(pending)
      else if (open && pending !== 'none') close(pending)
      pending = 'none'
      if (!open) open = { lang, start: i, end: i + 1 }
      else open.end = i + 1
      continue
    }
    if (SPACE.test(ch) && ch !== '\n') {
      // Spaces separate words inside an English run; inside Chinese they mark a word break.
      if (open?.lang === 'en') open.end = i + 1
      else pending = strongerBreak(pending, 'word')
      continue
    }
    const level = LEVEL[ch]
    if (level) {
      if (open) close(strongerBreak(pending, level))
      else close(level)
      pending = 'none'
    } else if (/[-'’]/.test(ch) && open?.lang === 'en') open.end = i + 1
  }
  const finalLevel: BreakLevel = isLast ? 'paragraph' : strongerBreak(pending, 'word')
  if (open) close(finalLevel)
  else if (isLast) close('paragraph')

  const text = chars.join('').trim()
  return { index, text, tokens: countTokens(text), runs }
}
