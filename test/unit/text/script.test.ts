import { describe, expect, it } from 'vitest'
import { codePointIndex, escapeRegExp, isHan } from '../../../src/text/script.js'

describe('text/script helpers', () => {
  it('isHan: Han ideographs incl. Ext-B and 〇, not kana, Latin, punctuation or nothing', () => {
    expect(['中', '𠮷', '〇'].map(isHan)).toEqual([true, true, true])
    expect(['あ', 'a', '，', '', undefined].map(isHan)).toEqual([false, false, false, false, false])
  })

  it('escapeRegExp makes every syntax character literal (with and without the u flag)', () => {
    const literal = 'a.b*c+d?e^f$g{h}i(j)k|l[m]n\\o/p'
    for (const flags of ['', 'u']) {
      const re = new RegExp(`^${escapeRegExp(literal)}$`, flags)
      expect(re.test(literal)).toBe(true)
      expect(re.test(literal.replace('.', 'x'))).toBe(false)
    }
  })

  it('codePointIndex maps code units (and the end) to code point indexes', () => {
    expect(Array.from(codePointIndex(['a', '𠮷', 'b']))).toEqual([0, 1, 1, 2, 3])
    expect(Array.from(codePointIndex([]))).toEqual([0])
  })
})
