/**
 * First pass over raw input: removes control characters and lone surrogates (with a
 * warning), turns full-width ASCII into half-width (Ａ１ → A1) while keeping the usual
 * Chinese punctuation (，！？；：（）), and unifies line breaks and spaces.
 */
import type { TextWarning } from '../core/types.js'

/** Full-width forms that are ordinary Chinese punctuation and stay as they are. */
const KEEP_FULL_WIDTH = new Set([...'，！？；：（）～'])

export interface CleanResult {
  readonly text: string
  readonly warnings: TextWarning[]
}

export function cleanText(input: string): CleanResult {
  const warnings: TextWarning[] = []
  let out = ''
  let removed = 0
  let firstRemoved = -1
  let lone = 0
  let firstLone = -1
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i)
    // Surrogates: keep valid pairs, drop lone halves.
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = input.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += input[i] + (input[i + 1] ?? '')
        i++
        continue
      }
      if (lone++ === 0) firstLone = i
      continue
    }
    if (code >= 0xdc00 && code <= 0xdfff) {
      if (lone++ === 0) firstLone = i
      continue
    }
    if (code === 0x0d) {
      if (input.charCodeAt(i + 1) !== 0x0a) out += '\n'
      continue
    }
    if (code === 0x0a) {
      out += '\n'
      continue
    }
    if (
      code === 0x09 ||
      code === 0x0b ||
      code === 0x0c ||
      code === 0x85 ||
      code === 0x2028 ||
      code === 0x2029
    ) {
      out += code === 0x2028 || code === 0x2029 ? '\n' : ' '
      continue
    }
    // C0/C1 controls, zero-width and bidi marks, BOM, non-characters.
    if (
      code < 0x20 ||
      (code >= 0x7f && code < 0xa0) ||
      (code >= 0x200b && code <= 0x200f) ||
      (code >= 0x202a && code <= 0x202e) ||
      (code >= 0x2060 && code <= 0x206f) ||
      code === 0xfeff ||
      code === 0xfffe ||
      code === 0xffff
    ) {
      // ZWJ (200D) keeps emoji sequences together until the symbol pass drops them whole.
      if (code === 0x200d) {
        out += input[i]
        continue
      }
      if (removed++ === 0) firstRemoved = i
      continue
    }
    if (code === 0x3000 || code === 0xa0 || (code >= 0x2000 && code <= 0x200a) || code === 0x202f) {
      out += ' '
      continue
    }
    if (code >= 0xff01 && code <= 0xff5e) {
      const ch = input[i] ?? ''
      out += KEEP_FULL_WIDTH.has(ch) ? ch : String.fromCharCode(code - 0xfee0)
      continue
    }
    out += input[i]
  }
  if (removed > 0)
    warnings.push({
      code: 'W_CONTROL_REMOVED',
      message: `removed ${removed} control or invisible character(s)`,
      offset: firstRemoved,
    })
  if (lone > 0)
    warnings.push({
      code: 'W_CONTROL_REMOVED',
      message: `removed ${lone} lone surrogate code unit(s)`,
      offset: firstLone,
    })
  return { text: out.normalize('NFC'), warnings }
}
