/**
 * Parsing the toned pinyin the text front-end hands over (core/types.ts Syllable):
 * "hang2", "lv4" (ü as v), tone 5 or 0 = neutral, erhua "huar1" (an r after the final).
 */

export interface ParsedSyllable {
  /** Base syllable without tone or erhua r, ü as v: "hua". */
  readonly base: string
  /** 1-4, 5 = neutral. */
  readonly tone: 1 | 2 | 3 | 4 | 5
  /** True for an r-coloured (erhua) syllable. */
  readonly erhua: boolean
}

/**
 * Parse toned pinyin; `known` decides whether a trailing r is erhua ("huar") or part of the
 * base ("er"). Returns undefined when no reading of the text is a known base.
 */
export function parseSyllable(pinyin: string, known: (base: string) => boolean): ParsedSyllable | undefined {
  const text = pinyin.trim().toLowerCase().replace(/ü/g, 'v').replace(/u:/g, 'v')
  const m = /^([a-zê]+)([0-5])?$/.exec(text)
  if (!m) return undefined
  const toneDigit = m[2] === undefined ? 5 : Number(m[2])
  const tone = (toneDigit === 0 ? 5 : toneDigit) as ParsedSyllable['tone']
  const letters = m[1]
  if (known(letters)) return { base: letters, tone, erhua: false }
  if (letters.length > 1 && letters.endsWith('r') && known(letters.slice(0, -1)))
    return { base: letters.slice(0, -1), tone, erhua: true }
  return undefined
}
