/**
 * Which audio realises each toned syllable of a voice, in the order of preference the
 * issue sets: this speaker's recording; another tone of the same syllable (re-pitched at
 * render time) — for the neutral tone, a full tone shortened and lowered; the other
 * speaker's recording converted to this speaker; and for syllables neither speaker
 * recorded, a composition of this speaker's own units (splice / blend) or a near-homophone.
 */
import type { SyllableSourceKind } from '../../src/engines/builtin/zh/pack-format.js'

/** Tone order to borrow from, per target tone (level and falling tones are the steadiest sources). */
export const TONE_SOURCES: Readonly<Record<number, readonly number[]>> = {
  1: [4, 2, 3, 5],
  2: [1, 3, 4, 5],
  3: [2, 1, 4, 5],
  4: [1, 2, 3, 5],
  5: [4, 1, 2, 3],
}

/**
 * Bases neither speaker recorded, built from this speaker's units. `splice: [onset, rhyme]`
 * takes the consonant of the first and the voiced rhyme of the second (an empty onset keeps
 * only the rhyme); `blend: [head, tail]` cross-fades; `substitute` renders another base.
 */
export const COMPOSITIONS: Readonly<
  Record<
    string,
    { splice: readonly [string, string] } | { blend: readonly [string, string] } | { substitute: string }
  >
> = {
  kei: { splice: ['ke', 'hei'] },
  tei: { splice: ['te', 'hei'] },
  zhei: { splice: ['zhe', 'hei'] },
  den: { splice: ['de', 'en'] },
  chuai: { splice: ['chuan', 'wai'] },
  chua: { splice: ['chuan', 'wa'] },
  ei: { splice: ['', 'hei'] },
  lia: { blend: ['li', 'ya'] },
  nen: { blend: ['ne', 'en'] },
  nou: { blend: ['nu', 'ou'] },
  rua: { blend: ['ru', 'wa'] },
  lo: { substitute: 'luo' },
  m: { substitute: 'mu' },
  n: { substitute: 'en' },
  ng: { substitute: 'eng' },
  hng: { substitute: 'heng' },
}

/** Data slips in pinyin-pro rendered as a proper syllable (枝大于本 → "zh"). */
export const BASE_ALIASES: Readonly<Record<string, string>> = { zh: 'zhi' }

export interface PlanStep {
  readonly kind: SyllableSourceKind
  /** Key of the unit to use ("ma4", or "other:ma4" for the other speaker's recording). */
  readonly unit: string
}

/** Pick the source for `base` + `tone` given which recorded toned syllables are usable. */
export function planSyllable(
  base: string,
  tone: number,
  own: ReadonlySet<string>,
  other: ReadonlySet<string>,
): PlanStep | undefined {
  const key = `${base}${tone}`
  if (own.has(key)) return { kind: 'recorded', unit: key }
  for (const t of TONE_SOURCES[tone]) {
    if (own.has(`${base}${t}`)) return { kind: tone === 5 ? 'neutral' : 'tone', unit: `${base}${t}` }
  }
  if (other.has(key)) return { kind: 'speaker', unit: `other:${key}` }
  for (const t of TONE_SOURCES[tone])
    if (other.has(`${base}${t}`)) return { kind: 'speaker', unit: `other:${base}${t}` }
  return undefined
}

/** First usable tone of `base` in `set`, in the order 1, 4, 2, 3, 5. */
export function anyTone(base: string, set: ReadonlySet<string>): string | undefined {
  for (const t of [1, 4, 2, 3, 5]) if (set.has(`${base}${t}`)) return `${base}${t}`
  return undefined
}
