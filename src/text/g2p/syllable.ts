/**
 * Toned pinyin as mynah writes it: lowercase syllable + tone digit 1-5 (5 = neutral), ü as
 * "v" ("lv4", "nve4"). Helpers to parse, validate and convert.
 */

const INITIAL = '(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?'
const FINAL =
  '(?:a|ai|an|ang|ao|e|ei|en|eng|er|i|ia|ian|iang|iao|ie|in|ing|iong|iu|o|ong|ou|u|ua|uai|uan|uang|ue|ui|un|uo|v|ve|van|vn|ng|n|m)'
/** One toned syllable; accepts every Mandarin syllable (and a few impossible combinations). */
const SYLLABLE_RE = new RegExp(`^(?:${INITIAL}${FINAL}r?|r)[1-5]$`)
const SEQUENCE_RE = new RegExp(`(?:${INITIAL}${FINAL}r?|r)[1-5]`, 'g')

const MARKS: Record<string, [string, number]> = {
  ā: ['a', 1],
  á: ['a', 2],
  ǎ: ['a', 3],
  à: ['a', 4],
  ē: ['e', 1],
  é: ['e', 2],
  ě: ['e', 3],
  è: ['e', 4],
  ī: ['i', 1],
  í: ['i', 2],
  ǐ: ['i', 3],
  ì: ['i', 4],
  ō: ['o', 1],
  ó: ['o', 2],
  ǒ: ['o', 3],
  ò: ['o', 4],
  ū: ['u', 1],
  ú: ['u', 2],
  ǔ: ['u', 3],
  ù: ['u', 4],
  ǖ: ['v', 1],
  ǘ: ['v', 2],
  ǚ: ['v', 3],
  ǜ: ['v', 4],
  ü: ['v', 5],
  ń: ['n', 2],
  ň: ['n', 3],
  ǹ: ['n', 4],
  ḿ: ['m', 2],
}

export function isSyllable(value: string): boolean {
  return SYLLABLE_RE.test(value)
}

/** The tone digit of a toned syllable (1-5). */
export function toneOf(syllable: string): number {
  return Number(syllable.at(-1))
}

/** The syllable without its tone digit. */
export function baseOf(syllable: string): string {
  return syllable.slice(0, -1)
}

export function withTone(syllable: string, tone: number): string {
  return `${baseOf(syllable)}${tone}`
}

/**
 * Normalizes one syllable from any common spelling to mynah's form: tone marks or digits
 * (0 or 5 = neutral, no digit = neutral), ü / u: / v. Returns undefined when it is not pinyin.
 */
export function normalizeSyllable(raw: string): string | undefined {
  let text = raw.trim().toLowerCase().replaceAll('u:', 'v').replaceAll('ü', 'v')
  let tone = 0
  let plain = ''
  for (const ch of text.normalize('NFC')) {
    const mark = MARKS[ch]
    if (mark) {
      plain += mark[0]
      if (mark[1] !== 5) tone = mark[1]
    } else plain += ch
  }
  text = plain
  const digit = /[0-5]$/.exec(text)
  if (digit) {
    if (tone !== 0) return undefined
    tone = Number(digit[0])
    text = text.slice(0, -1)
  }
  if (tone === 0) tone = 5
  const result = `${text}${tone}`
  return isSyllable(result) ? result : undefined
}

/**
 * Splits a reading such as "zhong4 yao4", "zhong4yao4" or "zhòng yào" into syllables.
 * Returns undefined when any part is not pinyin.
 */
export function parsePinyin(reading: string): string[] | undefined {
  const parts = reading
    .trim()
    .split(/[\s,'’-]+/u)
    .filter(Boolean)
  if (parts.length === 0) return undefined
  const out: string[] = []
  for (const part of parts) {
    const single = normalizeSyllable(part)
    if (single) {
      out.push(single)
      continue
    }
    // Run-together digits form: "zhong4yao4".
    const lower = part.toLowerCase().replaceAll('u:', 'v').replaceAll('ü', 'v')
    const pieces = lower.match(SEQUENCE_RE)
    if (!pieces || pieces.join('') !== lower) return undefined
    out.push(...pieces)
  }
  return out
}

/** Converts pinyin-pro's numeric output ("lü4", "de0", "hang2") to mynah's form. */
export function fromPinyinPro(value: string): string | undefined {
  const text = value.replaceAll('ü', 'v')
  const m = /^([a-z]+)([0-4])?$/.exec(text)
  if (!m) return undefined
  const tone = m[2] === undefined || m[2] === '0' ? 5 : Number(m[2])
  return `${m[1]}${tone}`
}
