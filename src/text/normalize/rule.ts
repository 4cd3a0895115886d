/** The shape of a normalization rule: a sticky regex plus a renderer per language. */
import type { Lang } from '../../core/types.js'

export interface RuleInput {
  /** The text being normalized (one piece between overrides). */
  readonly text: string
  /** Language the match is read in (auto-detected around the match unless forced). */
  readonly lang: Lang
  /** Offset of the match in `text` (code units). */
  readonly start: number
  /** Offset just past the match. */
  readonly end: number
}

export interface NormRule {
  readonly name: string
  /** Must carry the sticky flag `y`; tried at the current position only. */
  readonly re: RegExp
  /** Words for the match, or undefined to let the next rule try. */
  render(m: RegExpExecArray, input: RuleInput): string | undefined
}

/** A decimal literal with optional thousands separators (groups of three only). */
export const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`

export function stripSeparators(num: string): string {
  return num.replaceAll(',', '')
}

/** Multiplies a decimal literal by 10^power, exactly (string arithmetic). */
export function shiftDecimal(num: string, power: number): string {
  const [int = '0', frac = ''] = stripSeparators(num).split('.')
  const digits = int + frac.padEnd(power, '0')
  const point = int.length + power
  const whole = digits.slice(0, point).replace(/^0+(?=\d)/, '')
  const rest = digits.slice(point).replace(/0+$/, '')
  return rest ? `${whole}.${rest}` : whole
}

export function charBefore(input: RuleInput): string {
  return input.text[input.start - 1] ?? ''
}

export function charAfter(input: RuleInput): string {
  return input.text[input.end] ?? ''
}
