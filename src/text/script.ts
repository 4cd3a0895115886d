/** Character-level helpers the text pipeline shares: script tests, regex escaping, index maps. */

const HAN = /\p{Script=Han}/u

/** True when `ch` (one code point) is a Han character (Unicode Script=Han). */
export function isHan(ch: string | undefined): boolean {
  return ch !== undefined && HAN.test(ch)
}

/** `text` with every regex syntax character escaped, for building a RegExp from literals. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

/**
 * Code point index of every UTF-16 code unit of chars.join(''), plus one entry past the
 * end (= chars.length), so code-unit offsets and ends from string and regex APIs map back.
 */
export function codePointIndex(chars: readonly string[]): Int32Array {
  let units = 0
  for (const ch of chars) units += ch.length
  const index = new Int32Array(units + 1)
  let unit = 0
  chars.forEach((ch, i) => {
    for (let k = 0; k < ch.length; k++) index[unit + k] = i
    unit += ch.length
  })
  index[units] = chars.length
  return index
}
