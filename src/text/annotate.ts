/**
 * The front half of the pipeline, shared by normalizeText() and prepareText():
 * clean → overrides → glossary → normalize, producing the normalized text as code points
 * with, for each, its forced reading (overrides, glossary) and the atom it belongs to
 * (a number or an override the segmenter must not cut).
 */
import type { Lang, LangOption, TextWarning } from '../core/types.js'
import { cleanText } from './clean.js'
import { applyGlossary, type Glossary } from './glossary.js'
import { dominantLanguage, normalizePiece } from './normalize/index.js'
import { parseOverrides } from './overrides.js'

export interface AnnotatedText {
  /** Normalized text, one entry per code point. */
  readonly chars: string[]
  /** Per code point: a fixed reading (toned pinyin) from an override or the glossary. */
  readonly forced: (string | undefined)[]
  /** Per code point: the atom it belongs to (0 = none); a segment never splits an atom. */
  readonly atom: number[]
  /** Per code point: true when an override said "read this in English". */
  readonly english: boolean[]
  readonly warnings: TextWarning[]
}

export interface AnnotateOptions {
  readonly lang?: LangOption
  readonly glossary?: Glossary
}

const SPACE = /\s/u
/** Punctuation that collapses when repeated: ！！！ → ！, ,, → , */
const REPEATABLE = new Set([...'，。！？、；：,!?;:'])

export function annotate(input: string, options: AnnotateOptions = {}): AnnotatedText {
  const { text: cleaned, warnings } = cleanText(input)
  const lang = options.lang ?? 'auto'
  const fallback: Lang = lang === 'auto' ? dominantLanguage(cleaned) : lang
  const pieces = applyGlossary(parseOverrides(cleaned, warnings), options.glossary)

  const chars: string[] = []
  const forced: (string | undefined)[] = []
  const atom: number[] = []
  const english: boolean[] = []
  let atomId = 0
  const push = (ch: string, reading: string | undefined, id: number, en: boolean): void => {
    // Whitespace: collapse runs, keep line breaks as paragraph marks.
    if (SPACE.test(ch)) {
      const last = chars.at(-1)
      const isBreak = ch === '\n'
      if (last === undefined) return
      if (last === '\n' || (last === ' ' && !isBreak)) return
      if (last === ' ' && isBreak) {
        chars[chars.length - 1] = '\n'
        return
      }
      ch = isBreak ? '\n' : ' '
    } else if (REPEATABLE.has(ch) && chars.at(-1) === ch) return
    chars.push(ch)
    forced.push(reading)
    atom.push(id)
    english.push(en)
  }

  for (const piece of pieces) {
    if (piece.kind === 'zh') {
      atomId++
      let k = 0
      for (const ch of piece.text) push(ch, piece.pinyin[k++], atomId, false)
      continue
    }
    if (piece.kind === 'en') {
      atomId++
      if (/[A-Za-z0-9]$/.test(chars.at(-1) ?? '')) push(' ', undefined, 0, false)
      for (const ch of piece.text) push(ch, undefined, atomId, true)
      continue
    }
    const result = normalizePiece(piece.text, lang, fallback, piece.offset, warnings)
    // Code-unit atom ranges → per code point ids.
    let unit = 0
    let next = 0
    let currentId = 0
    const ranges = result.atoms
    for (const ch of result.text) {
      while (next < ranges.length && (ranges[next]?.[1] ?? 0) <= unit) next++
      const range = ranges[next]
      if (range && unit >= range[0] && unit < range[1]) {
        if (unit === range[0]) currentId = ++atomId
      } else currentId = 0
      push(ch, undefined, currentId, false)
      unit += ch.length
    }
  }
  // Trailing whitespace.
  while (chars.length > 0 && SPACE.test(chars.at(-1) ?? '')) {
    chars.pop()
    forced.pop()
    atom.pop()
    english.pop()
  }
  return { chars, forced, atom, english, warnings }
}
