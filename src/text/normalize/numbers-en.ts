/** Reading numbers in English (American style, no "and"): cardinals, ordinals, years, decimals, digits. */

const ONES = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
] as const
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'] as const
const SCALES = ['', 'thousand', 'million', 'billion', 'trillion', 'quadrillion'] as const

function below1000(n: number): string {
  const parts: string[] = []
  const hundreds = Math.floor(n / 100)
  const rest = n % 100
  if (hundreds > 0) parts.push(`${ONES[hundreds]} hundred`)
  if (rest > 0) {
    if (rest < 20) parts.push(ONES[rest] ?? '')
    else {
      const tens = TENS[Math.floor(rest / 10)] ?? ''
      parts.push(rest % 10 === 0 ? tens : `${tens}-${ONES[rest % 10]}`)
    }
  }
  return parts.join(' ')
}

/** Integer digit string → words. Past 10^18 it reads digit by digit. */
export function readIntegerEn(digits: string): string {
  const clean = digits.replace(/^0+(?=\d)/, '')
  if (clean.length > 18) return readDigitsEn(clean)
  let n = BigInt(clean)
  if (n === 0n) return 'zero'
  const groups: number[] = []
  while (n > 0n) {
    groups.push(Number(n % 1000n))
    n /= 1000n
  }
  const parts: string[] = []
  for (let g = groups.length - 1; g >= 0; g--) {
    const value = groups[g] ?? 0
    if (value === 0) continue
    parts.push(g > 0 ? `${below1000(value)} ${SCALES[g]}` : below1000(value))
  }
  return parts.join(' ')
}

export function readDigitsEn(digits: string, options: { oh?: boolean } = {}): string {
  return [...digits]
    .filter((ch) => ch >= '0' && ch <= '9')
    .map((ch) => (ch === '0' && options.oh ? 'oh' : ONES[Number(ch)]))
    .join(' ')
}

const ORDINAL_WORDS: Readonly<Record<string, string>> = {
  one: 'first',
  two: 'second',
  three: 'third',
  five: 'fifth',
  eight: 'eighth',
  nine: 'ninth',
  twelve: 'twelfth',
}

/** Cardinal words → ordinal words (twenty-one → twenty-first). */
export function toOrdinalEn(cardinal: string): string {
  const m = /^(.*?)([a-z]+)$/.exec(cardinal)
  if (!m) return cardinal
  const head = m[1] ?? ''
  const last = m[2] ?? ''
  const ordinal = ORDINAL_WORDS[last] ?? (last.endsWith('y') ? `${last.slice(0, -1)}ieth` : `${last}th`)
  return `${head}${ordinal}`
}

export function readOrdinalEn(digits: string): string {
  return toOrdinalEn(readIntegerEn(digits))
}

/** Years: 1999 → nineteen ninety-nine, 2005 → two thousand five, 2026 → twenty twenty-six, 1900 → nineteen hundred. */
export function readYearEn(digits: string): string {
  const n = Number(digits)
  if (digits.length !== 4 || n < 1000) return readIntegerEn(digits)
  const high = Math.floor(n / 100)
  const low = n % 100
  if (n >= 2000 && n < 2010) return readIntegerEn(digits)
  if (low === 0) return n % 1000 === 0 ? readIntegerEn(digits) : `${readIntegerEn(String(high))} hundred`
  const lowWords = low < 10 ? `oh ${ONES[low]}` : readIntegerEn(String(low))
  return `${readIntegerEn(String(high))} ${lowWords}`
}

/** 3.14 → three point one four; -2 → minus two. */
export function readDecimalEn(text: string): string {
  const negative = text.startsWith('-') || text.startsWith('−')
  const body = text.replace(/^[-−+]/, '').replaceAll(',', '')
  const [int = '0', frac] = body.split('.')
  let out = readIntegerEn(int === '' ? '0' : int)
  if (frac) out += ` point ${readDigitsEn(frac)}`
  return negative ? `minus ${out}` : out
}

const DENOMINATORS: Readonly<Record<string, [string, string]>> = {
  '2': ['half', 'halves'],
  '4': ['quarter', 'quarters'],
}

/** 3/4 → three quarters, 1/2 → one half, 5/8 → five eighths. */
export function readFractionEn(numerator: string, denominator: string): string {
  const num = readIntegerEn(numerator)
  const plural = numerator !== '1'
  const special = DENOMINATORS[denominator.replace(/^0+/, '')]
  if (special) return `${num} ${plural ? special[1] : special[0]}`
  const ord = readOrdinalEn(denominator)
  return `${num} ${plural ? `${ord}s` : ord}`
}
