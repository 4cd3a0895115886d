/**
 * Rules for Latin-letter tokens and symbols: URLs, e-mail addresses, abbreviations,
 * acronyms, Roman numerals in unambiguous places, words with digits, and the few symbols
 * that have a reading (& + = × ÷).
 */
import {
  ABBREVIATIONS,
  MONTH_PATTERN,
  monthNumber,
  PREFIX_ABBREVIATIONS,
  spellAcronym,
  spellLetters,
} from './en-words.js'
import { readDigitsEn, readIntegerEn, readOrdinalEn } from './numbers-en.js'
import { readIntegerZh } from './numbers-zh.js'
import { readDate } from './read.js'
import { charAfter, charBefore, type NormRule, type RuleInput } from './rule.js'

/** How the separators of a URL or address are read. */
const ADDRESS_SYMBOLS: Readonly<Record<string, string>> = {
  '.': 'dot',
  '/': 'slash',
  ':': 'colon',
  '@': 'at',
  _: 'underscore',
  '-': 'dash',
  '?': 'question mark',
  '=': 'equals',
  '&': 'and',
  '#': 'hash',
  '~': 'tilde',
  '%': 'percent',
  '+': 'plus',
}

/** Reads a URL or domain: letters as words, dots as "dot", slashes as "slash". */
function readAddress(text: string): string {
  const parts = text.split(/([./:@_\-?=&#~%+])/).filter(Boolean)
  const words: string[] = []
  for (const part of parts) {
    const symbol = ADDRESS_SYMBOLS[part]
    if (symbol) words.push(symbol)
    else if (/^\d+$/.test(part)) words.push(readDigitsEn(part))
    else if (/^[A-Z]{2,}$/.test(part) || (part.length <= 3 && !/[aeiou]/i.test(part)))
      words.push(spellLetters(part))
    else words.push(part.replace(/(\d+)/g, (d) => ` ${readDigitsEn(d)} `).trim())
  }
  return words.join(' ').replace(/\s+/g, ' ')
}

const ROMAN: Readonly<Record<string, number>> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 }

/** Value of a canonical Roman numeral (IV, XIV, MMXXVI), or undefined. */
export function romanValue(text: string): number | undefined {
  if (!/^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/.test(text) || text === '') return undefined
  let total = 0
  for (let i = 0; i < text.length; i++) {
    const value = ROMAN[text[i] ?? ''] ?? 0
    const next = ROMAN[text[i + 1] ?? ''] ?? 0
    total += value < next ? -value : value
  }
  return total
}

const COUNTED =
  /(?:^|\s)(?:Chapter|Part|Volume|Vol\.|Book|Act|Scene|Section|Phase|Type|Class|Stage|Article|Appendix|Level|Grade|Round|Episode|Season|Title|Super Bowl|World War|Gen)\s+$/i

function wordBefore(input: RuleInput): string {
  return /(\S+)\s+$/.exec(input.text.slice(Math.max(0, input.start - 24), input.start))?.[1] ?? ''
}

export const WORD_RULES: readonly NormRule[] = [
  {
    name: 'url',
    re: /(?:https?:\/\/|www\.)[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+[A-Za-z0-9/]/y,
    render(m) {
      const text = m[0].replace(/^https?:\/\//, '').replace(/\/$/, '')
      return readAddress(text)
    },
  },
  {
    name: 'email',
    re: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/y,
    render(m) {
      return readAddress(m[0])
    },
  },
  {
    name: 'domain',
    re: /[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|org|net|edu|gov|io|cn|uk|de|jp|fr|ai|dev|app|info)(?:\/[A-Za-z0-9\-._~/%]*)?(?![A-Za-z])/y,
    render(m) {
      return readAddress(m[0].replace(/\/$/, ''))
    },
  },
  {
    name: 'month-day',
    // Nov 30, 2026 / November 30th / Jan. 5
    re: new RegExp(
      String.raw`(${MONTH_PATTERN})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?(?![\d:A-Za-z])`,
      'y',
    ),
    render(m, input) {
      const month = monthNumber(m[1] ?? '')
      const day = Number(m[2])
      if (!month || day < 1 || day > 31) return undefined
      if (m[1] === 'May' && !m[3] && input.lang === 'en' && /^[a-z]/.test(input.text[input.end + 1] ?? ''))
        return undefined
      return readDate(m[3], month, day, input.lang)
    },
  },
  {
    name: 'abbreviation',
    re: /(?:[A-Z][a-z]?\.[A-Z]\.|(?:[A-Za-z]\.){2,3}|[A-Z][a-z]{0,4}\.|[a-z]{1,6}\.|vs)(?![A-Za-z])/y,
    render(m, input) {
      const token = m[0]
      const next = input.text.slice(input.end, input.end + 3)
      const fixed = ABBREVIATIONS[token]
      // "etc." at the end of a sentence keeps its full stop.
      if (fixed)
        return !PREFIX_ABBREVIATIONS.has(token) && /^(?:$|\s+[A-Z\n]|\n)/.test(next) ? `${fixed}.` : fixed
      if (token === 'Dr.') return /^\s[A-Z]/.test(next) ? 'Doctor' : 'Drive'
      if (token === 'St.') return /^\s[A-Z]/.test(next) ? 'Saint' : 'Street'
      if (token === 'No.' || token === 'no.') return /^\s?\d/.test(next) ? 'number' : undefined
      return undefined
    },
  },
  {
    name: 'roman',
    re: /([IVXLCDM]+)(?![A-Za-z0-9])/y,
    render(m, input) {
      const value = romanValue(m[1] ?? '')
      if (!value || /[A-Za-z0-9]/.test(charBefore(input))) return undefined
      const before = input.text.slice(Math.max(0, input.start - 24), input.start)
      if (COUNTED.test(before))
        return input.lang === 'zh' ? readIntegerZh(String(value)) : readIntegerEn(String(value))
      // Regnal numbers after a capitalised name: Henry VIII, Elizabeth II (two letters or more).
      const name = wordBefore(input)
      if ((m[1] ?? '').length >= 2 && value < 40 && /^[A-Z][a-z]+$/.test(name) && /\s$/.test(before))
        return `the ${readOrdinalEn(String(value))}`
      return undefined
    },
  },
  {
    name: 'ampersand-acronym',
    // R&D, AT&T → R and D, A T and T
    re: /([A-Z]{1,3})&([A-Z]{1,3})(?![A-Za-z])/y,
    render(m) {
      return `${spellLetters(m[1] ?? '')} and ${spellLetters(m[2] ?? '')}`
    },
  },
  {
    name: 'acronym',
    // GPU, GPUs, GPU's, HTML5, COVID-19, MP3
    re: /([A-Z][A-Z0-9]*[A-Z]|[A-Z]{2,})(s|'s|’s)?(?:-?(\d+))?(?![A-Za-z])/y,
    render(m, input) {
      const word = m[1] ?? ''
      if (/[0-9]/.test(word)) {
        // Letters and digits mixed inside: MP3 → M P three.
        return word
          .split(/(\d+)/)
          .filter(Boolean)
          .map((p) => (/^\d+$/.test(p) ? readIntegerEn(p) : spellAcronym(p) ? spellLetters(p) : p))
          .join(' ')
      }
      if (word.length < 2) return undefined
      const spelled = spellAcronym(word) ? spellLetters(word) : word
      const suffix = m[2] ? "'s" : ''
      const number = m[3] ? ` ${readIntegerEn(m[3])}` : ''
      if (spelled === word && !suffix && !number) return input.text.slice(input.start, input.end)
      return `${spelled}${suffix}${number}`
    },
  },
  {
    name: 'letters-digits',
    // A4, 4K, x86, 3D
    re: /([A-Za-z]+)(\d+)(?![A-Za-z0-9])|(\d+)([A-Za-z])(?![A-Za-z0-9])/y,
    render(m, input) {
      if (m[1] && m[2]) {
        const letters = m[1].length <= 2 || /^[A-Z]+$/.test(m[1]) ? spellLetters(m[1]) : m[1]
        return `${letters} ${input.lang === 'zh' && m[1].length > 2 ? readIntegerZh(m[2]) : readIntegerEn(m[2])}`
      }
      const digits = m[3] ?? ''
      const letter = m[4] ?? ''
      return input.lang === 'zh'
        ? `${readIntegerZh(digits)}${letter.toUpperCase()}`
        : `${readIntegerEn(digits)} ${letter.toUpperCase()}`
    },
  },
  {
    name: 'symbol',
    re: /[&+=×÷]/y,
    render(m, input) {
      const zh = input.lang === 'zh'
      const numeric = /[\d\s]/.test(charBefore(input)) || /[\d\s]/.test(charAfter(input))
      switch (m[0]) {
        case '&':
          return zh ? '和' : 'and'
        case '+':
          return zh ? '加' : 'plus'
        case '=':
          return zh ? '等于' : 'equals'
        case '×':
          return numeric ? (zh ? '乘' : 'times') : undefined
        case '÷':
          return zh ? '除以' : 'divided by'
        default:
          return undefined
      }
    },
  },
]
