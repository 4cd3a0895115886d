import { describe, expect, it } from 'vitest'
import { normalizeText } from '../../../src/text/index.js'

const zh = (text: string): string => normalizeText(text, { lang: 'auto' }).text

describe('Chinese normalization', () => {
  it.each([
    [
      'cardinals',
      '共有12345人，10万元，1005个，20000只',
      '共有一万二千三百四十五人，十万元，一千零五个，两万只',
    ],
    ['两 before measure words, not after 第', '2个苹果，第2个，2点钟，2月', '两个苹果，第二个，两点钟，二月'],
    ['decimals', '圆周率是3.14，身高1.2米', '圆周率是三点一四，身高一点二米'],
    ['fractions', '1/3的人，3/4的时间', '三分之一的人，四分之三的时间'],
    ['percentages', '增长了50%，下降3.5%，千分之‰', '增长了百分之五十，下降百分之三点五，千分之'],
    ['negatives', '气温-5度，账户余额-0.5元', '气温负五度，账户余额负零点五元'],
    [
      'ranges',
      '3-5岁的孩子，10~20%，2019-2020赛季',
      '三到五岁的孩子，百分之十到百分之二十，二〇一九到二〇二〇赛季',
    ],
    [
      'dates',
      '2026年11月30日，2026-11-30，1999年12月31日',
      '二〇二六年十一月三十日，二〇二六年十一月三十日，一九九九年十二月三十一日',
    ],
    [
      'times',
      '14:05开会，8:00起床，下午3点半，23:59:59',
      '十四点零五分开会，八点起床，下午三点半，二十三点五十九分五十九秒',
    ],
    [
      'money',
      '¥12.50，￥12.05，12.50元，12元5角，$3.2M',
      '十二元五角，十二元零五分，十二元五角，十二元五角，三百二十万美元',
    ],
    [
      'phone numbers, 幺 for 1',
      '电话13812345678，座机010-88886666',
      '电话幺三八，幺二三四，五六七八，座机零幺零，八八八八六六六六',
    ],
    [
      'units',
      '重5kg，时速30km/h，气温25°C，39℃，2GB',
      '重五公斤，时速三十公里每小时，气温二十五摄氏度，三十九摄氏度，两吉字节',
    ],
    ['ordinals', '第3名，第21届', '第三名，第二十一届'],
    [
      'years digit by digit, durations as numbers',
      '公元1000年，持续了1000年，1990年代',
      '公元一〇〇〇年，持续了一千年，一九九〇年代',
    ],
    ['scores', '比分3:2', '比分三比二'],
    ['thousands separators', '1,234,567人', '一百二十三万四千五百六十七人'],
    ['full-width digits and letters', 'Ａ股上涨３％', 'A股上涨百分之三'],
    [
      'URLs and e-mail in a Chinese sentence',
      '访问https://github.com/foo或写信给a.b@example.com',
      '访问github dot com slash foo或写信给a dot b at example dot com',
    ],
    ['repeated punctuation and spaces', '真的吗？？？  太好了！！！', '真的吗？ 太好了！'],
  ])('%s', (_name, input, expected) => {
    expect(zh(input)).toBe(expected)
  })

  it('reads 〇 in years and 零 inside numbers', () => {
    expect(zh('2008年有108人')).toBe('二〇〇八年有一百零八人')
  })

  it('forces Chinese readings with lang zh even next to English', () => {
    expect(normalizeText('GPU 3 GB', { lang: 'zh' }).text).toBe('G P U 三吉字节')
  })

  it('drops emoji with a warning, never throws', () => {
    const result = normalizeText('好😀🎉的')
    expect(result.text).toBe('好的')
    expect(result.warnings).toEqual([
      { code: 'W_SYMBOL_DROPPED', message: 'dropped unreadable symbol(s) "😀🎉"', offset: 1 },
    ])
  })
})
