import { describe, expect, it } from 'vitest'
import { SentenceSplitter, splitSentences } from '../../../src/text/index.js'

/** Table of inputs and the sentences they must give, whether fed whole or one character at a time. */
const TABLE: readonly [string, string[]][] = [
  ['你好。我很好！你呢？', ['你好。', '我很好！', '你呢？']],
  ['他说：“走吧。”然后走了。', ['他说：“走吧。”', '然后走了。']],
  ['Hello world. How are you? Fine!', ['Hello world.', 'How are you?', 'Fine!']],
  ['Pi is 3.14 exactly. Yes.', ['Pi is 3.14 exactly.', 'Yes.']],
  ['Dr. Smith met Mr. Lee. They talked.', ['Dr. Smith met Mr. Lee.', 'They talked.']],
  ['J. R. R. Tolkien wrote it. Then he slept.', ['J. R. R. Tolkien wrote it.', 'Then he slept.']],
  ['Wait... what? ok.', ['Wait... what?', 'ok.']],
  ['e.g. this one. And that.', ['e.g. this one.', 'And that.']],
  ['第一行\n第二行', ['第一行', '第二行']],
  ['省略号……然后呢', ['省略号……', '然后呢']],
  ['"Quoted." He left.', ['"Quoted."', 'He left.']],
  ['no terminator at all', ['no terminator at all']],
  ['', []],
  ['   \n  ', []],
]

function byCharacter(text: string): string[] {
  const splitter = new SentenceSplitter()
  const out: string[] = []
  for (const ch of text) out.push(...splitter.push(ch))
  out.push(...splitter.flush())
  return out
}

function inChunks(text: string, size: number): string[] {
  const splitter = new SentenceSplitter()
  const out: string[] = []
  for (let i = 0; i < text.length; i += size) out.push(...splitter.push(text.slice(i, i + size)))
  out.push(...splitter.flush())
  return out
}

describe('sentence splitter', () => {
  it.each(TABLE)('whole: %j', (text, expected) => {
    expect(splitSentences(text)).toEqual(expected)
  })

  it.each(TABLE)('one character at a time: %j', (text, expected) => {
    expect(byCharacter(text)).toEqual(expected)
  })

  it.each(TABLE)('in chunks of 3: %j', (text, expected) => {
    expect(inChunks(text, 3)).toEqual(expected)
  })

  it('emits a sentence as soon as its end is certain', () => {
    const splitter = new SentenceSplitter()
    expect(splitter.push('你好。')).toEqual([])
    expect(splitter.push('我')).toEqual(['你好。'])
    expect(splitter.push('很好. ')).toEqual([])
    expect(splitter.push('And')).toEqual(['我很好.'])
    expect(splitter.flush()).toEqual(['And'])
  })
})
