/** Shared readers used by several rules: a number, an amount of money, a unit, a date, a time. */
import type { Lang } from '../../core/types.js'
import { MONTHS } from './en-words.js'
import { readDecimalEn, readDigitsEn, readIntegerEn, readOrdinalEn, readYearEn } from './numbers-en.js'
import { readDecimalZh, readDigitsZh, readIntegerZh } from './numbers-zh.js'
import { shiftDecimal, stripSeparators } from './rule.js'
import { UNITS } from './units.js'

export function readNumber(num: string, lang: Lang): string {
  return lang === 'zh' ? readDecimalZh(num) : readDecimalEn(num)
}

/** A number with a unit symbol: 5kg → 五公斤 / five kilograms. */
export function readWithUnit(num: string, unit: string, lang: Lang): string {
  const words = UNITS[unit]
  const value = readNumber(num, lang)
  if (!words) return value
  // 2 reads 两 before a measure (两公斤, 两米) but 二 before degrees (二摄氏度).
  if (lang === 'zh')
    return `${value === '二' && !/^(?:摄氏|华氏|度)/.test(words.zh) ? '两' : value}${words.zh}`
  const singular = stripSeparators(num) === '1'
  return `${value} ${singular ? words.en[0] : words.en[1]}`
}

const SCALE_POWER: Readonly<Record<string, number>> = {
  k: 3,
  K: 3,
  m: 6,
  M: 6,
  million: 6,
  b: 9,
  B: 9,
  bn: 9,
  billion: 9,
  万: 4,
  亿: 8,
}
const SCALE_EN: Readonly<Record<number, string>> = { 3: 'thousand', 6: 'million', 9: 'billion' }

const CURRENCY: Readonly<Record<string, { zh: string; en: [string, string]; cents?: [string, string] }>> = {
  '¥': { zh: '元', en: ['yuan', 'yuan'] },
  $: { zh: '美元', en: ['dollar', 'dollars'], cents: ['cent', 'cents'] },
  '€': { zh: '欧元', en: ['euro', 'euros'], cents: ['cent', 'cents'] },
  '£': { zh: '英镑', en: ['pound', 'pounds'], cents: ['penny', 'pence'] },
}

/** Yuan with jiao and fen: 12.50 → 十二元五角, 12.05 → 十二元零五分. */
export function readYuan(num: string): string {
  const [int = '0', frac = ''] = stripSeparators(num).split('.')
  const jiao = Number(frac[0] ?? '0')
  const fen = Number(frac[1] ?? '0')
  if (frac.length > 2) return `${readDecimalZh(num)}元`
  let out = `${readIntegerZh(int)}元`
  if (jiao > 0) out += `${readIntegerZh(String(jiao))}角`
  if (fen > 0) out += `${jiao === 0 ? '零' : ''}${readIntegerZh(String(fen))}分`
  return out
}

/** ¥12.50, $3.2M, €5, £3.99 (symbol is one of ¥ $ € £; scale is k/M/B/万/亿 or empty). */
export function readMoney(symbol: string, num: string, scale: string, lang: Lang, negative = false): string {
  const currency = CURRENCY[symbol === '￥' ? '¥' : symbol] ?? CURRENCY.$
  if (!currency) return num
  const power = SCALE_POWER[scale] ?? 0
  let out: string
  if (lang === 'zh') {
    if (power > 0) out = `${readDecimalZh(shiftDecimal(num, power))}${currency.zh}`
    else if (currency.zh === '元') out = readYuan(num)
    else
      out = `${readDecimalZh(
        stripSeparators(num)
          .replace(/(\.\d*?)0+$/, '$1')
          .replace(/\.$/, ''),
      )}${currency.zh}`
    return negative ? `负${out}` : out
  }
  const plain = stripSeparators(num)
  if (power > 0) {
    const scaleWord = SCALE_EN[power]
    out = scaleWord
      ? `${readDecimalEn(plain)} ${scaleWord} ${currency.en[1]}`
      : `${readDecimalEn(shiftDecimal(plain, power))} ${currency.en[1]}`
  } else {
    const [int = '0', frac = ''] = plain.split('.')
    const unit = int === '1' && !frac ? currency.en[0] : currency.en[1]
    if (currency.cents && frac.length === 2) {
      const cents = Number(frac)
      out = `${readIntegerEn(int)} ${int === '1' ? currency.en[0] : currency.en[1]}`
      if (cents > 0)
        out += ` and ${readIntegerEn(String(cents))} ${cents === 1 ? currency.cents[0] : currency.cents[1]}`
    } else out = `${readDecimalEn(plain)} ${unit}`
  }
  return negative ? `minus ${out}` : out
}

/** A date; year may be absent. */
export function readDate(
  year: string | undefined,
  month: number,
  day: number | undefined,
  lang: Lang,
): string {
  if (lang === 'zh') {
    let out = year ? `${readDigitsZh(year)}年` : ''
    out += `${readIntegerZh(String(month))}月`
    if (day !== undefined) out += `${readIntegerZh(String(day))}日`
    return out
  }
  const name = MONTHS[month - 1] ?? ''
  let out = day !== undefined ? `${name} ${readOrdinalEn(String(day))}` : name
  if (year) out += `, ${readYearEn(year)}`
  return out
}

/** 14:05 → 十四点零五分 / fourteen oh five; 3:00 pm → three o'clock p m. */
export function readTime(
  h: number,
  m: number,
  s: number | undefined,
  ampm: string | undefined,
  lang: Lang,
): string {
  if (lang === 'zh') {
    let prefix = ''
    let hour = h
    if (ampm) {
      prefix = /^[Aa]/.test(ampm) ? '上午' : '下午'
      if (hour > 12) hour -= 12
    }
    let out = `${prefix}${hour === 2 ? '两' : readIntegerZh(String(hour))}点`
    if (m > 0 || s !== undefined) out += `${m < 10 ? '零' : ''}${readIntegerZh(String(m))}分`
    if (s !== undefined) out += `${readIntegerZh(String(s))}秒`
    return out
  }
  let out = readIntegerEn(String(h))
  if (m === 0 && s === undefined) out += ampm ? '' : " o'clock"
  else out += m < 10 ? ` oh ${readIntegerEn(String(m))}` : ` ${readIntegerEn(String(m))}`
  if (s !== undefined) out += ` and ${readIntegerEn(String(s))} seconds`
  if (ampm) out += /^[Aa]/.test(ampm) ? ' a m' : ' p m'
  return out
}

/** Digit-by-digit reading of a phone number, groups separated by a pause. */
export function readPhone(groups: readonly string[], plus: boolean, lang: Lang): string {
  if (lang === 'zh') {
    const body = groups.map((g) => readDigitsZh(g, { yao: true, zero: '零' })).join('，')
    return plus ? `加${body}` : body
  }
  const body = groups.map((g) => readDigitsEn(g, { oh: false })).join(', ')
  return plus ? `plus ${body}` : body
}
