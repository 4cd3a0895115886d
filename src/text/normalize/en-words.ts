/**
 * English word tables: abbreviations expanded before letter-to-sound, acronyms that are
 * pronounced as words, month names.
 */

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const

/** "Nov", "nov.", "November" → month number 1-12, or undefined. */
export function monthNumber(word: string): number | undefined {
  const w = word.replace(/\.$/, '').toLowerCase()
  if (w.length < 3) return undefined
  const index = MONTHS.findIndex(
    (m) => m.toLowerCase() === w || (w.length <= 4 && m.toLowerCase().startsWith(w)),
  )
  if (w === 'sept') return 9
  return index >= 0 ? index + 1 : undefined
}

export const MONTH_PATTERN =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)'

/** Abbreviations always expanded (case-sensitive, period included in the match). */
export const ABBREVIATIONS: Readonly<Record<string, string>> = {
  'Mr.': 'Mister',
  'Mrs.': 'Missus',
  'Ms.': 'Miz',
  'Prof.': 'Professor',
  'Jr.': 'Junior',
  'Sr.': 'Senior',
  'Mt.': 'Mount',
  'Ave.': 'Avenue',
  'Rd.': 'Road',
  'Blvd.': 'Boulevard',
  'Gen.': 'General',
  'Col.': 'Colonel',
  'Lt.': 'Lieutenant',
  'Capt.': 'Captain',
  'Sgt.': 'Sergeant',
  'Gov.': 'Governor',
  'Sen.': 'Senator',
  'Rep.': 'Representative',
  'Rev.': 'Reverend',
  'Hon.': 'Honorable',
  'Inc.': 'Incorporated',
  'Ltd.': 'Limited',
  'Corp.': 'Corporation',
  'Co.': 'Company',
  'Dept.': 'Department',
  'Univ.': 'University',
  'Fig.': 'Figure',
  'fig.': 'figure',
  'Vol.': 'Volume',
  'vol.': 'volume',
  'approx.': 'approximately',
  'etc.': 'et cetera',
  'e.g.': 'for example',
  'i.e.': 'that is',
  'vs.': 'versus',
  vs: 'versus',
  'cf.': 'compare',
  'ca.': 'circa',
  'a.m.': 'a m',
  'p.m.': 'p m',
  'Ph.D.': 'P H D',
  'U.S.': 'U S',
  'U.K.': 'U K',
  'U.N.': 'U N',
  'E.U.': 'E U',
}

/** Abbreviations that stand before a name or number and so never end a sentence. */
export const PREFIX_ABBREVIATIONS = new Set([
  'Mr.',
  'Mrs.',
  'Ms.',
  'Dr.',
  'Prof.',
  'St.',
  'Mt.',
  'Gen.',
  'Col.',
  'Lt.',
  'Capt.',
  'Sgt.',
  'Gov.',
  'Sen.',
  'Rep.',
  'Rev.',
  'Hon.',
  'Fig.',
  'fig.',
  'Vol.',
  'vol.',
  'No.',
  'no.',
  'e.g.',
  'i.e.',
  'vs.',
  'cf.',
  'ca.',
  'approx.',
])

/** All-capital words read as words, not letter by letter. */
export const ACRONYM_WORDS = new Set([
  'NASA',
  'NATO',
  'UNESCO',
  'UNICEF',
  'LASER',
  'RADAR',
  'SCUBA',
  'COVID',
  'FIFA',
  'OPEC',
  'ASEAN',
  'NAFTA',
  'NASDAQ',
  'AIDS',
  'SARS',
  'JSON',
  'YAML',
  'GIF',
  'JPEG',
  'PIN',
  'RAM',
  'ROM',
  'SIM',
  'WIFI',
  'LAN',
  'CAD',
  'SWAT',
  'OK',
  'IKEA',
  'LEGO',
  'ISIS',
  'DARPA',
  'ANSI',
  'POSIX',
  'LINUX',
  'SONY',
  'TOEFL',
  'GUI',
])

/** All-capital words that are ordinary English words when shouted (I, A, OK handled separately). */
const VOWELS = /[AEIOU]/

/**
 * True when an all-capital word is read letter by letter: short ones (GPU, CEO, SQL) and
 * ones that are not pronounceable (HTML, HTTP: no vowel, or three consonants in a row at
 * the start), unless listed in ACRONYM_WORDS.
 */
export function spellAcronym(word: string): boolean {
  if (ACRONYM_WORDS.has(word)) return false
  if (word.length <= 3) return true
  if (!VOWELS.test(word)) return true
  if (/^[^AEIOUY]{3}/.test(word) || /[^AEIOUY]{4}/.test(word)) return true
  if (/(.)\1\1/.test(word) || /^[AEIOU]{2}/.test(word)) return true
  const vowels = word.replace(/[^AEIOUY]/g, '').length
  return vowels / word.length < 0.3
}

export function spellLetters(word: string): string {
  return [...word].join(' ')
}
