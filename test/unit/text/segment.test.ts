import { describe, expect, it } from 'vitest'
import { MynahError } from '../../../src/core/errors.js'
import { countTokens, prepareText } from '../../../src/text/index.js'

const texts = (text: string, maxTokensPerSegment?: number): string[] =>
  prepareText(text, { maxTokensPerSegment }).segments.map((s) => s.text)

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (error) {
    return error instanceof MynahError ? error.code : 'not a MynahError'
  }
  return undefined
}

describe('countTokens', () => {
  it.each([
    ['你好世界', 4],
    ['hello', 2],
    ['the cat', 2],
    ['你好，world!', 6],
    ['  ', 0],
    ['123', 3],
  ])('%s → %d', (text, tokens) => {
    expect(countTokens(text)).toBe(tokens)
  })
})

describe('segmentation', () => {
  it('packs short sentences into one segment', () => {
    expect(texts('你好。我很好！你呢？')).toEqual(['你好。我很好！你呢？'])
  })

  it('breaks at 。！？ first, then at ，', () => {
    expect(texts('第一句话。第二句话比较长，有逗号。', 8)).toEqual([
      '第一句话。',
      '第二句话比较长，',
      '有逗号。',
    ])
  })

  it('breaks English at .!? and then at spaces, never inside a word', () => {
    const segments = texts('This is a sentence. This is another sentence that is rather long indeed.', 8)
    expect(segments).toEqual([
      'This is a sentence.',
      'This is another sentence that is',
      'rather long indeed.',
    ])
    for (const s of segments) expect(countTokens(s)).toBeLessThanOrEqual(8)
  })

  it('still splits a very long sentence with no punctuation, at word boundaries', () => {
    const text = '我们今天去公园散步然后吃饭'.repeat(40)
    const segments = prepareText(text).segments
    expect(segments.length).toBeGreaterThan(4)
    expect(segments.map((s) => s.text).join('')).toBe(text)
    for (const s of segments) expect(s.tokens).toBeLessThanOrEqual(120)
  })

  it('never cuts inside a number, even at a boundary', () => {
    // 一万二千三百四十五 is one atom: the cut falls before or after it.
    const segments = texts('价格是12345元', 10)
    expect(segments).toEqual(['价格是', '一万二千三百四十五元'])
    const english = texts('It costs 12345 dollars', 14)
    expect(english).toEqual(['It costs', 'twelve thousand three hundred forty-five dollars'])
  })

  it('cuts an atom longer than the whole budget (digits read one by one)', () => {
    expect(texts('1234567890123456789012', 8)).toEqual([
      '一二三四五六七八',
      '九〇一二三四五六',
      '七八九〇一二',
    ])
    const english = prepareText('1234567890123456789012', { lang: 'en', maxTokensPerSegment: 8 }).segments
    expect(english.map((s) => s.text).join(' ')).toBe(
      'one two three four five six seven eight nine zero one two three four five six seven eight nine zero one two',
    )
    for (const s of english) expect(s.tokens).toBeLessThanOrEqual(8)
  })

  it('segments 1 MB of text instead of rejecting it', () => {
    const unit = '岛上的32个男人和1个女人一起生活了6年。The quick brown fox jumps over 13 lazy dogs. '
    const text = unit.repeat(Math.ceil(1_000_000 / Buffer.byteLength(unit)))
    const { segments } = prepareText(text)
    expect(segments.length).toBeGreaterThan(3000)
    expect(segments.every((s) => s.tokens <= 120 && s.tokens > 0)).toBe(true)
    expect(segments[0]?.runs[0]?.syllables?.[0]).toEqual({ text: '岛', pinyin: 'dao3', wordEnd: true })
  })

  it('rejects empty and whitespace-only text with E_TEXT_EMPTY', () => {
    expect(codeOf(() => prepareText(''))).toBe('E_TEXT_EMPTY')
    expect(codeOf(() => prepareText(' \n\t '))).toBe('E_TEXT_EMPTY')
  })

  it('rejects text past maxTextChars with E_TEXT_TOO_LONG', () => {
    expect(codeOf(() => prepareText('你好'.repeat(6), { maxTextChars: 10 }))).toBe('E_TEXT_TOO_LONG')
    expect(codeOf(() => prepareText('你好'.repeat(5), { maxTextChars: 10 }))).toBeUndefined()
  })

  it('rejects text with nothing speakable with E_TEXT_UNSPEAKABLE', () => {
    expect(codeOf(() => prepareText('😀🎉'))).toBe('E_TEXT_UNSPEAKABLE')
    expect(codeOf(() => prepareText('\u0007\u0008'))).toBe('E_TEXT_UNSPEAKABLE')
  })

  it('removes control characters and lone surrogates with a warning', () => {
    const { segments, warnings } = prepareText('你\u0000好\uD800吗\u200B？')
    expect(segments.map((s) => s.text)).toEqual(['你好吗？'])
    expect(warnings.map((w) => w.code)).toEqual(['W_CONTROL_REMOVED', 'W_CONTROL_REMOVED'])
  })

  it('tags runs by language and gives breaks from punctuation', () => {
    const [segment] = prepareText('我用GPU训练，it works. 好！').segments
    expect(segment?.runs.map((r) => [r.lang, r.text, r.breakAfter])).toEqual([
      ['zh', '我用', 'none'],
      ['en', 'G P U', 'none'],
      ['zh', '训练', 'minor'],
      ['en', 'it works', 'sentence'],
      ['zh', '好', 'paragraph'],
    ])
  })

  it('keeps paragraphs in separate segments', () => {
    expect(texts('第一段。\n第二段。')).toEqual(['第一段。', '第二段。'])
  })

  it('honours lang zh and en for digits', () => {
    expect(prepareText('3 apples', { lang: 'zh' }).segments[0]?.text).toBe('三 apples')
    expect(prepareText('3个', { lang: 'en' }).segments[0]?.text).toBe('three个')
  })
})
