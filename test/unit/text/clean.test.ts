import { describe, expect, it } from 'vitest'
import { normalizeText } from '../../../src/text/index.js'

describe('cleaning', () => {
  it('turns full-width ASCII into half-width but keeps Chinese punctuation', () => {
    expect(normalizeText('ＡＢＣ！（好）', { lang: 'zh' }).text).toBe('A B C！（好）')
  })

  it('removes control characters and zero-width marks with a warning', () => {
    const result = normalizeText('好\u0000的\u200b，\u0007红')
    expect(result.text).toBe('好的，红')
    expect(result.warnings).toEqual([
      { code: 'W_CONTROL_REMOVED', message: 'removed 3 control or invisible character(s)', offset: 1 },
    ])
  })

  it('removes lone surrogates and keeps valid pairs', () => {
    const result = normalizeText('\uDC00𠮷\uD800好')
    expect(result.text).toBe('𠮷好')
    expect(result.warnings[0]?.message).toBe('removed 2 lone surrogate code unit(s)')
  })

  it('collapses whitespace and unifies line breaks', () => {
    expect(normalizeText('  你好\r\n\r\n  世界\t！  ').text).toBe('你好\n世界 ！')
  })

  it('drops emoji sequences whole (ZWJ, skin tones) with one warning', () => {
    const result = normalizeText('hi 👩🏽‍💻 there')
    expect(result.text).toBe('hi there')
    expect(result.warnings.map((w) => w.code)).toEqual(['W_SYMBOL_DROPPED'])
  })
})
