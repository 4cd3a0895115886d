/**
 * The glossary: a YAML mapping from a term to its reading, applied before normalization
 * and G2P, exactly like an inline `<term|reading>` override at every occurrence.
 *
 *   # ~/.mynah/glossary.yaml
 *   银行: yin2 hang2
 *   重庆: chong2 qing4
 *   SQL: sequel
 *   微信: WeChat
 *
 * Chinese terms match anywhere; terms in Latin letters match whole words only (SQL does not
 * match inside MySQL). Longer terms win over shorter ones.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { MynahError } from '../core/errors.js'
import { classifyReading, type Piece, type Reading } from './overrides.js'
import { escapeRegExp } from './script.js'

export interface GlossaryEntry {
  readonly term: string
  readonly reading: Reading
}

export interface Glossary {
  readonly entries: readonly GlossaryEntry[]
}

const MAX_TERM = 64
const MAX_ENTRIES = 10_000

export function defaultGlossaryPath(home: string): string {
  return join(home, 'glossary.yaml')
}

/** Builds a glossary from term → reading pairs; throws E_GLOSSARY_INVALID naming the bad entry. */
export function createGlossary(pairs: Readonly<Record<string, unknown>>, file = '(inline)'): Glossary {
  const bad = (detail: string): never => {
    throw new MynahError('E_GLOSSARY_INVALID', { file, detail })
  }
  const entries: GlossaryEntry[] = []
  const keys = Object.keys(pairs)
  if (keys.length > MAX_ENTRIES) bad(`${keys.length} entries; at most ${MAX_ENTRIES}`)
  for (const term of keys) {
    const value = pairs[term]
    const trimmed = term.trim()
    if (trimmed === '' || [...trimmed].length > MAX_TERM)
      bad(`term "${term}" must have 1-${MAX_TERM} characters`)
    if (typeof value !== 'string' || value.trim() === '')
      bad(`the reading of "${term}" must be a non-empty string`)
    const reading = classifyReading(trimmed, String(value))
    if (typeof reading === 'string') bad(`"${term}": ${reading}`)
    else entries.push({ term: trimmed, reading })
  }
  return { entries }
}

/** Reads a glossary file (YAML mapping term → reading). Missing or invalid: E_GLOSSARY_INVALID. */
export function loadGlossary(path: string): Glossary {
  let source: string
  try {
    source = readFileSync(path, 'utf8')
  } catch (error) {
    throw new MynahError(
      'E_GLOSSARY_INVALID',
      { file: path, detail: (error as Error).message },
      { cause: error },
    )
  }
  let data: unknown
  try {
    data = parse(source)
  } catch (error) {
    throw new MynahError(
      'E_GLOSSARY_INVALID',
      { file: path, detail: (error as Error).message },
      { cause: error },
    )
  }
  if (data === null || data === undefined) return { entries: [] }
  if (typeof data !== 'object' || Array.isArray(data))
    throw new MynahError('E_GLOSSARY_INVALID', { file: path, detail: 'expected a mapping of term: reading' })
  return createGlossary(data as Record<string, unknown>, path)
}

const LATIN_TERM = /^[A-Za-z0-9][A-Za-z0-9 .'’-]*$/

const compiled = new WeakMap<Glossary, { re: RegExp; byTerm: Map<string, Reading> }>()

function compile(glossary: Glossary): { re: RegExp; byTerm: Map<string, Reading> } | undefined {
  if (glossary.entries.length === 0) return undefined
  let cached = compiled.get(glossary)
  if (!cached) {
    const sorted = [...glossary.entries].sort((a, b) => b.term.length - a.term.length)
    const alternatives = sorted.map((e) =>
      LATIN_TERM.test(e.term)
        ? `(?<![A-Za-z0-9])${escapeRegExp(e.term)}(?![A-Za-z0-9])`
        : escapeRegExp(e.term),
    )
    cached = {
      re: new RegExp(alternatives.join('|'), 'gu'),
      byTerm: new Map(sorted.map((e) => [e.term, e.reading])),
    }
    compiled.set(glossary, cached)
  }
  return cached
}

/** Replaces glossary terms inside text pieces by fixed-reading pieces. */
export function applyGlossary(pieces: readonly Piece[], glossary: Glossary | undefined): Piece[] {
  const table = glossary ? compile(glossary) : undefined
  if (!table) return [...pieces]
  const out: Piece[] = []
  for (const piece of pieces) {
    if (piece.kind !== 'text') {
      out.push(piece)
      continue
    }
    let last = 0
    for (const m of piece.text.matchAll(table.re)) {
      const start = m.index ?? 0
      const reading = table.byTerm.get(m[0])
      if (!reading) continue
      if (start > last)
        out.push({ kind: 'text', text: piece.text.slice(last, start), offset: piece.offset + last })
      const offset = piece.offset + start
      if (reading.kind === 'zh') out.push({ kind: 'zh', text: m[0], pinyin: reading.pinyin, offset })
      else out.push({ kind: 'en', text: reading.text, source: m[0], offset })
      last = start + m[0].length
    }
    if (last < piece.text.length)
      out.push({ kind: 'text', text: piece.text.slice(last), offset: piece.offset + last })
  }
  return out
}
