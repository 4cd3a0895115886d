import { describe, expect, it } from 'vitest'
import { pinyinPerChar, prepareText } from '../../../src/text/index.js'

const spoken = (text: string): string =>
  pinyinPerChar(text)
    .map((p) => p ?? '_')
    .join(' ')
const citation = (text: string): string =>
  pinyinPerChar(text, { tones: 'citation' })
    .map((p) => p ?? '_')
    .join(' ')

describe('Chinese G2P: polyphones', () => {
  it.each([
    ['银行', 'yin2 hang2'],
    ['行走', 'xing2 zou3'],
    ['长大', 'zhang3 da4'],
    ['很长', 'hen3 chang2'],
    ['重要', 'zhong4 yao4'],
    ['重新', 'chong2 xin1'],
    ['还有', 'hai2 you3'],
    ['还钱', 'huan2 qian2'],
    ['走了', 'zou3 le5'],
    ['觉得', 'jue2 de5'],
    ['跑得快', 'pao3 de5 kuai4'],
    ['音乐', 'yin1 yue4'],
    ['快乐', 'kuai4 le4'],
    ['传记', 'zhuan4 ji4'],
    ['朝鲜', 'chao2 xian3'],
    ['心脏', 'xin1 zang4'],
    ['类似的地方', 'lei4 si4 de5 di4 fang1'],
    ['两只猫只有一只', 'liang3 zhi1 mao1 zhi2 you3 yi4 zhi1'],
    ['便宜', 'pian2 yi5'],
  ])('%s', (text, expected) => {
    expect(spoken(text)).toBe(expected)
  })
})

describe('Chinese G2P: tone sandhi (spoken)', () => {
  it.each([
    ['3-3 → 2-3 inside a word', '你好', 'ni2 hao3'],
    ['chain inside a word (2+1)', '展览馆', 'zhan2 lan2 guan3'],
    ['1+2 keeps the first third tone', '小老虎', 'xiao3 lao2 hu3'],
    ['across short words, right to left', '我很好', 'wo3 hen2 hao3'],
    ['可以', '可以', 'ke2 yi3'],
    ['一 before 4th tone', '一个', 'yi2 ge4'],
    ['一 before 1st tone', '一天', 'yi4 tian1'],
    ['一 before 2nd tone', '一年', 'yi4 nian2'],
    ['一 before 3rd tone', '一起', 'yi4 qi3'],
    ['一 ordinal', '第一', 'di4 yi1'],
    ['一 at a word end', '统一', 'tong3 yi1'],
    ['一 in digit strings', '一九八四', 'yi1 jiu3 ba1 si4'],
    ['一 in V一V', '看一看', 'kan4 yi5 kan4'],
    ['不 before 4th tone', '不对', 'bu2 dui4'],
    ['不 before 3rd tone', '不好', 'bu4 hao3'],
    ['不 in A不A', '是不是', 'shi4 bu5 shi4'],
    ['不 in V不C', '对不起', 'dui4 bu5 qi3'],
    ['neutral tone of reduplicated kinship terms', '妈妈姐姐爸爸', 'ma1 ma5 jie3 jie5 ba4 ba5'],
    ['particles are neutral', '我们走吧', 'wo3 men5 zou3 ba5'],
  ])('%s', (_name, text, expected) => {
    expect(spoken(text)).toBe(expected)
  })

  it('citation tones leave sandhi and lexical neutral tones out', () => {
    expect(citation('你好，一个不对，妈妈的衣服')).toBe('ni3 hao3 _ yi1 ge4 bu4 dui4 _ ma1 ma1 de5 yi1 fu2')
  })
})

describe('Chinese G2P: erhua', () => {
  it('marks a suffix 儿 r5 per character and keeps the syllable before it', () => {
    expect(spoken('花儿')).toBe('hua1 r5')
    expect(spoken('一点儿')).toBe('yi4 dian3 r5')
    expect(spoken('去哪儿玩儿')).toBe('qu4 na3 r5 wan2 r5')
  })

  it('keeps 儿 er2 where it is a morpheme or a transliteration', () => {
    expect(spoken('女儿')).toBe('nv3 er2')
    expect(spoken('婴儿')).toBe('ying1 er2')
    expect(spoken('儿子')).toBe('er2 zi5')
    expect(spoken('笛卡儿')).toBe('di2 ka3 er2')
  })

  it('merges erhua into one syllable in segments', () => {
    const [segment] = prepareText('花儿开了。').segments
    expect(segment?.runs[0]?.syllables?.map((s) => [s.text, s.pinyin])).toEqual([
      ['花儿', 'huar1'],
      ['开', 'kai1'],
      ['了', 'le5'],
    ])
  })
})

describe('pinyinPerChar alignment', () => {
  it('gives one entry per code point, null for non-Chinese', () => {
    const line = '我用GPU 3次，𠮷好'
    const result = pinyinPerChar(line)
    expect(result).toHaveLength([...line].length)
    expect(result.map((p) => p ?? '_').join(' ')).toBe('wo3 yong4 _ _ _ _ _ ci4 _ _ hao3')
  })

  it('handles empty lines, lone surrogates and control characters', () => {
    expect(pinyinPerChar('')).toEqual([])
    const line = `好\uD800\u0007好`
    expect(pinyinPerChar(line)).toEqual(['hao3', null, null, 'hao3'])
  })
})
