/**
 * Rules for everything that starts with a digit, a sign or a currency symbol, most specific
 * first: phone numbers, dates, times, money, percentages, ranges, fractions, decades,
 * ordinals, numbers with units, years, plain numbers.
 */
import { MONTH_PATTERN, monthNumber } from './en-words.js'
import { readDigitsEn, readFractionEn, readIntegerEn, readOrdinalEn, readYearEn } from './numbers-en.js'
import { readDigitsZh, readFractionZh, readIntegerZh, withLiang } from './numbers-zh.js'
import { readDate, readMoney, readNumber, readPhone, readTime, readWithUnit, readYuan } from './read.js'
import { charAfter, charBefore, type NormRule, NUMBER, type RuleInput, stripSeparators } from './rule.js'
import { TIGHT_ONLY, UNIT_PATTERN } from './units.js'

const END = String.raw`(?![\d.,]\d|\d)`

/** Measure words after which 2 reads 两 (两个, 两点, 两年). */
const MEASURE = new Set([
  ...'个只本张位条件次天年岁块斤点名头匹辆架台部项份座所家间棵朵片把杯瓶碗双对套种样门节场批层幅枚颗粒根支首篇段句道封倍成周艘栋顿餐步口',
])

function isYear(n: number): boolean {
  return n >= 1000 && n <= 2100
}

const YEAR_BEFORE_EN =
  /\b(?:in|since|from|until|till|by|of|during|before|after|circa|around|early|late|mid|year|the|spring|summer|autumn|fall|winter)\s+$/i

/** "May 5, " just before a 4-digit number: the number is a year. */
const MONTH_DAY_BEFORE_EN = new RegExp(`${MONTH_PATTERN}\\.?\\s+\\d{1,2},?\\s+$`)

function plainNumber(num: string, input: RuleInput, negative: boolean): string {
  const digits = stripSeparators(num)
  const { lang } = input
  const isInteger = !digits.includes('.')
  if (lang === 'zh') {
    if (isInteger && digits.length > 1 && digits.startsWith('0')) return readDigitsZh(digits, { zero: '零' })
    let out = readNumber(digits, 'zh')
    if (out === '二' && MEASURE.has(charAfter(input)) && charBefore(input) !== '第') out = withLiang(out)
    return negative ? `负${out}` : out
  }
  if (isInteger && digits.length > 1 && digits.startsWith('0')) return readDigitsEn(digits)
  if (isInteger && !num.includes(',') && digits.length === 4 && isYear(Number(digits)) && !negative) {
    const before = input.text.slice(Math.max(0, input.start - 12), input.start)
    const after = input.text.slice(input.end, input.end + 6)
    if (
      YEAR_BEFORE_EN.test(before) ||
      /^\s*(?:AD|BC|BCE|CE)\b/.test(after) ||
      MONTH_DAY_BEFORE_EN.test(before)
    )
      return readYearEn(digits)
  }
  const out = readNumber(digits, 'en')
  return negative ? `minus ${out}` : out
}

export const NUMERIC_RULES: readonly NormRule[] = [
  {
    name: 'phone',
    // +86 138 1234 5678, (010) 1234-5678, 400-800-1234, 138-1234-5678, 13812345678
    re: new RegExp(
      String.raw`(\+\d{1,3}[ -]?)?(?:\((\d{2,4})\)[ -]?|(\d{2,4})[ -])(\d{3,4})[ -](\d{3,4})${END}|(1[3-9]\d{9})${END}|(0\d{2,3})-(\d{7,8})${END}`,
      'y',
    ),
    render(m, input) {
      if (/\d/.test(charBefore(input))) return undefined
      const plus = m[1] !== undefined
      let groups: string[]
      if (m[6]) groups = [m[6].slice(0, 3), m[6].slice(3, 7), m[6].slice(7)]
      else if (m[7]) groups = [m[7], m[8] ?? '']
      else
        groups = [m[1]?.replace(/[+ -]/g, '') ?? '', m[2] ?? m[3] ?? '', m[4] ?? '', m[5] ?? ''].filter(
          Boolean,
        )
      return readPhone(groups, plus, input.lang)
    },
  },
  {
    name: 'date-ymd',
    re: new RegExp(String.raw`(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:日|号)?${END}`, 'y'),
    render(m, input) {
      const month = Number(m[3])
      const day = Number(m[4])
      if (month < 1 || month > 12 || day < 1 || day > 31) return undefined
      return readDate(m[1], month, day, input.lang)
    },
  },
  {
    name: 'date-mdy',
    re: new RegExp(String.raw`(\d{1,2})/(\d{1,2})/(\d{4})${END}`, 'y'),
    render(m, input) {
      const month = Number(m[1])
      const day = Number(m[2])
      if (month < 1 || month > 12 || day < 1 || day > 31) return undefined
      return readDate(m[3], month, day, input.lang)
    },
  },
  {
    name: 'date-d-month-y',
    re: new RegExp(
      String.raw`(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(${MONTH_PATTERN})\.?(?:,?\s+(\d{4}))?(?![A-Za-z])`,
      'y',
    ),
    render(m) {
      const month = monthNumber(m[2] ?? '')
      const day = Number(m[1])
      if (!month || day < 1 || day > 31) return undefined
      const date = `the ${readOrdinalEn(String(day))} of ${readDate(undefined, month, undefined, 'en')}`
      return m[3] ? `${date}, ${readYearEn(m[3])}` : date
    },
  },
  {
    name: 'year-zh',
    // 2026年 → 二〇二六年 (but 持续了1000年 → 一千年)
    re: /(\d{4})(?=年)/y,
    render(m, input) {
      if (input.lang !== 'zh') return undefined
      const before = input.text.slice(Math.max(0, input.start - 2), input.start)
      if (/(?:了|近|约|达|过|历时|长达|超过|经过|多)$/.test(before)) return undefined
      return readDigitsZh(m[1] ?? '')
    },
  },
  {
    name: 'time',
    re: new RegExp(
      String.raw`(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s?([AaPp])\.?[Mm]\.?(?![A-Za-z]))?${END}`,
      'y',
    ),
    render(m, input) {
      const h = Number(m[1])
      const min = Number(m[2])
      const s = m[3] === undefined ? undefined : Number(m[3])
      if (h > 24 || min > 59 || (s !== undefined && s > 59)) return undefined
      return readTime(h, min, s, m[4], input.lang)
    },
  },
  {
    name: 'score',
    // 3:2 (a score or ratio) → 三比二 / three to two
    re: /(\d+):(\d+)(?!\d)/y,
    render(m, input) {
      const a = m[1] ?? ''
      const b = m[2] ?? ''
      return input.lang === 'zh'
        ? `${readIntegerZh(a)}比${readIntegerZh(b)}`
        : `${readIntegerEn(a)} to ${readIntegerEn(b)}`
    },
  },
  {
    name: 'money-prefix',
    re: new RegExp(
      String.raw`([-−])?([¥￥$€£])\s?(${NUMBER})(?:\s?(bn|million|billion|[KkMmBb]|万|亿)(?![A-Za-z]))?`,
      'y',
    ),
    render(m, input) {
      return readMoney(m[2] ?? '$', m[3] ?? '0', m[4] ?? '', input.lang, m[1] !== undefined)
    },
  },
  {
    name: 'yuan-decimal',
    // 12.50元 → 十二元五角
    re: /(\d+\.\d{1,2})元/y,
    render(m, input) {
      return input.lang === 'zh' ? readYuan(m[1] ?? '0') : undefined
    },
  },
  {
    name: 'range',
    // 3-5岁, 3–5 years, 10~20%, 2019-2020赛季
    re: new RegExp(
      String.raw`(${NUMBER})\s?(%|％)?\s?(?:-|–|—|~|～|至|到)\s?(${NUMBER})(?:\s?(%|％|${UNIT_PATTERN}))?(?![\d.-]|[A-Za-z]|\s?=)`,
      'y',
    ),
    render(m, input) {
      const a = stripSeparators(m[1] ?? '')
      const b = stripSeparators(m[3] ?? '')
      const unit = m[4] ?? m[2]
      const { lang } = input
      if (unit && TIGHT_ONLY.has(unit) && /\s$/.test(m[0].slice(0, m[0].length - unit.length)))
        return undefined
      const after = input.text.slice(input.end, input.end + 2)
      const years = !unit && /^\d{4}$/.test(a) && /^\d{4}$/.test(b) && isYear(Number(a)) && isYear(Number(b))
      if (lang === 'zh') {
        if (years && /^(?:年|赛季|学年|财年)/.test(after)) return `${readDigitsZh(a)}到${readDigitsZh(b)}`
        if (unit === '%' || unit === '％') return `百分之${readNumber(a, 'zh')}到百分之${readNumber(b, 'zh')}`
        if (unit) return `${readNumber(a, 'zh')}到${readWithUnit(b, unit, 'zh')}`
        return `${readNumber(a, 'zh')}到${readNumber(b, 'zh')}`
      }
      if (years) return `${readYearEn(a)} to ${readYearEn(b)}`
      if (unit === '%' || unit === '％') return `${readNumber(a, 'en')} to ${readNumber(b, 'en')} percent`
      if (unit) return `${readNumber(a, 'en')} to ${readWithUnit(b, unit, 'en')}`
      return `${readNumber(a, 'en')} to ${readNumber(b, 'en')}`
    },
  },
  {
    name: 'percent',
    re: new RegExp(String.raw`([-−])?(${NUMBER})\s?(%|％|‰)`, 'y'),
    render(m, input) {
      const value = readNumber(stripSeparators(m[2] ?? '0'), input.lang)
      const permille = m[3] === '‰'
      if (input.lang === 'zh') return `${m[1] ? '负' : ''}${permille ? '千分之' : '百分之'}${value}`
      return `${m[1] ? 'minus ' : ''}${value} ${permille ? 'per mille' : 'percent'}`
    },
  },
  {
    name: 'fraction',
    re: /(\d{1,4})\/(\d{1,4})(?![\d/])/y,
    render(m, input) {
      const n = m[1] ?? '1'
      const d = m[2] ?? '1'
      if (Number(d) === 0) return undefined
      return input.lang === 'zh' ? readFractionZh(n, d) : readFractionEn(n, d)
    },
  },
  {
    name: 'decade',
    // 1990s, 1990's, 80s → nineteen nineties / 一九九〇年代
    re: /(\d{2}|\d{3}0)'?s(?![A-Za-z])/y,
    render(m, input) {
      const digits = m[1] ?? ''
      if (!digits.endsWith('0')) return undefined
      if (input.lang === 'zh')
        return digits.length === 4 ? `${readDigitsZh(digits)}年代` : `${readIntegerZh(digits)}年代`
      const words = digits.length === 4 ? readYearEn(digits) : readIntegerEn(digits)
      return words.endsWith('y') ? `${words.slice(0, -1)}ies` : `${words}s`
    },
  },
  {
    name: 'ordinal-en',
    re: /(\d+)(st|nd|rd|th)(?![A-Za-z])/y,
    render(m, input) {
      const n = m[1] ?? '0'
      return input.lang === 'zh' ? `第${readIntegerZh(n)}` : readOrdinalEn(n)
    },
  },
  {
    name: 'unit',
    re: new RegExp(String.raw`([-−])?(${NUMBER})(\s?)(${UNIT_PATTERN})(?![A-Za-z²³])`, 'y'),
    render(m, input) {
      const unit = m[4] ?? ''
      if (m[3] && TIGHT_ONLY.has(unit)) return undefined
      const out = readWithUnit(stripSeparators(m[2] ?? '0'), unit, input.lang)
      if (!m[1]) return out
      return input.lang === 'zh' ? `负${out}` : `minus ${out}`
    },
  },
  {
    name: 'number',
    re: new RegExp(`([-−])?(${NUMBER})`, 'y'),
    render(m, input) {
      return plainNumber(m[2] ?? '0', input, m[1] !== undefined)
    },
  },
]
