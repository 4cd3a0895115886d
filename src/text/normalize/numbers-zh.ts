/**
 * Reading numbers in Mandarin: cardinals with 万/亿 grouping and the 零 rules of
 * 现代汉语 (一千零五, 十万零三), 两 for a leading 2 before 百/千/万/亿, decimals, digit strings
 * (years, phone numbers with 幺 for 1).
 */

const DIGIT = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const
const SMALL_UNITS = ['', '十', '百', '千'] as const
const BIG_UNITS = ['', '万', '亿', '万亿'] as const

/** Reads 0-9999; `leading` = this group starts the number (10-19 read 十X, not 一十X). */
function readGroup(n: number, leading: boolean): string {
  const digits = String(n).padStart(4, '0').split('').map(Number)
  let out = ''
  let zero = false
  for (let k = 0; k < 4; k++) {
    const d = digits[k] ?? 0
    const unit = SMALL_UNITS[3 - k] ?? ''
    if (d === 0) {
      if (out !== '') zero = true
      continue
    }
    if (zero) {
      out += '零'
      zero = false
    }
    if (d === 1 && unit === '十' && out === '' && leading) out += '十'
    else if (d === 2 && (unit === '百' || unit === '千') && out === '' && leading) out += `两${unit}`
    else out += `${DIGIT[d]}${unit}`
  }
  return out
}

/** Integer (given as a digit string, any length) → Chinese. Past 10^16 it reads digit by digit. */
export function readIntegerZh(digits: string): string {
  const clean = digits.replace(/^0+(?=\d)/, '')
  if (clean.length > 16) return readDigitsZh(clean)
  const n = BigInt(clean)
  if (n === 0n) return '零'
  const groups: number[] = []
  let rest = n
  while (rest > 0n) {
    groups.push(Number(rest % 10000n))
    rest /= 10000n
  }
  let out = ''
  let pendingZero = false
  for (let g = groups.length - 1; g >= 0; g--) {
    const value = groups[g] ?? 0
    const leading = out === ''
    if (value === 0) {
      if (!leading) pendingZero = true
      continue
    }
    if (!leading && (pendingZero || value < 1000)) out += '零'
    pendingZero = false
    let text = readGroup(value, leading)
    // A lone 2 before 万/亿 reads 两 (两万, 两亿), as with 两千.
    if (leading && value === 2 && g > 0) text = '两'
    out += `${text}${BIG_UNITS[g] ?? ''}`
  }
  return out
}

/** Digit by digit: 2026 → 二〇二六 (years use 〇); with yao, 1 → 幺 (phone numbers). */
export function readDigitsZh(digits: string, options: { yao?: boolean; zero?: '〇' | '零' } = {}): string {
  const zero = options.zero ?? '〇'
  let out = ''
  for (const ch of digits) {
    if (ch < '0' || ch > '9') continue
    const d = Number(ch)
    out += d === 0 ? zero : d === 1 && options.yao ? '幺' : DIGIT[d]
  }
  return out
}

/** 3.14 → 三点一四; -2.5 → 负二点五. `text` is a plain decimal literal. */
export function readDecimalZh(text: string): string {
  const negative = text.startsWith('-') || text.startsWith('−')
  const body = text.replace(/^[-−+]/, '').replaceAll(',', '')
  const [int = '0', frac] = body.split('.')
  let out = readIntegerZh(int === '' ? '0' : int)
  if (frac) out += `点${readDigitsZh(frac, { zero: '零' })}`
  return negative ? `负${out}` : out
}

/** 3/4 → 四分之三. */
export function readFractionZh(numerator: string, denominator: string): string {
  return `${readIntegerZh(denominator)}分之${readIntegerZh(numerator)}`
}

/** 2 → 两 before a measure word (两个, 两点); other numbers unchanged. */
export function withLiang(reading: string): string {
  return reading === '二' ? '两' : reading
}
