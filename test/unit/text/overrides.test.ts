import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { MynahError } from '../../../src/core/errors.js'
import {
  createGlossary,
  defaultGlossaryPath,
  loadGlossary,
  normalizeText,
  pinyinPerChar,
  prepareText,
} from '../../../src/text/index.js'
import { parseOverrides } from '../../../src/text/overrides.js'

const line = (text: string, options = {}): string =>
  pinyinPerChar(text, options)
    .map((p) => p ?? '_')
    .join(' ')

describe('inline overrides <word|reading>', () => {
  it('fixes the reading of one character, kept exactly (no sandhi)', () => {
    expect(line('<重|zhong4>')).toBe('_ zhong4 _ _ _ _ _ _ _ _')
    const [segment] = prepareText('他<行|hang2>了。').segments
    expect(segment?.runs[0]?.syllables?.map((s) => s.pinyin)).toEqual(['ta1', 'hang2', 'le5'])
  })

  it('accepts several syllables, run together or with tone marks', () => {
    const a = prepareText('<银行|yin2hang2>').segments[0]?.runs[0]?.syllables?.map((s) => s.pinyin)
    const b = prepareText('<银行|yín háng>').segments[0]?.runs[0]?.syllables?.map((s) => s.pinyin)
    expect(a).toEqual(['yin2', 'hang2'])
    expect(b).toEqual(['yin2', 'hang2'])
  })

  it('replaces a word by an English spelling', () => {
    expect(normalizeText('用<SQL|sequel>查<微信|WeChat>').text).toBe('用sequel查WeChat')
    const runs = prepareText('用<SQL|sequel>查').segments[0]?.runs.map((r) => [r.lang, r.text])
    expect(runs).toEqual([
      ['zh', '用'],
      ['en', 'sequel'],
      ['zh', '查'],
    ])
  })

  it('warns and reads the word plainly when the override is malformed', () => {
    const result = normalizeText('<银行|yin2>好')
    expect(result.text).toBe('银行好')
    expect(result.warnings).toEqual([
      {
        code: 'W_OVERRIDE_INVALID',
        message: 'override <银行|yin2> ignored: "银行" has 2 character(s) but "yin2" has 1 syllable(s)',
        offset: 0,
      },
    ])
  })

  it('reads the same overrides in pinyinPerChar as in synthesis (the word limit is 64 code units)', () => {
    // 32 Ext-B characters are 64 UTF-16 code units: an override; 33 are not, in both paths.
    const override = (n: number) => `<${'𠀀'.repeat(n)}|${Array(n).fill('a1').join(' ')}>`
    const readings = (n: number) => pinyinPerChar(override(n)).filter((p) => p === 'a1').length
    const synthesised = (n: number) =>
      prepareText(override(n)).segments.flatMap((s) => s.runs.flatMap((r) => r.syllables ?? []))
    expect(readings(32)).toBe(32)
    expect(synthesised(32).filter((s) => s.pinyin === 'a1')).toHaveLength(32)
    expect(readings(33)).toBe(0)
    expect(synthesised(33).some((s) => s.pinyin === 'a1')).toBe(false)
  })

  it('gives each override piece the offset of its word', () => {
    // The malformed <银行|yin2> reads as text, at its word too.
    const pieces = parseOverrides('ab< 重 |zhong4>c<SQL|sequel><银行|yin2>', [])
    expect(pieces.map((p) => [p.kind, p.offset])).toEqual([
      ['text', 0],
      ['zh', 4],
      ['text', 14],
      ['en', 16],
      ['text', 28],
    ])
  })

  it('does not take comparisons for overrides', () => {
    expect(normalizeText('3 < 5 and 7 > 2').text).toBe('three five and seven two')
  })
})

describe('glossary', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mynah-glossary-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('loads term → reading from YAML and applies it before G2P', () => {
    const file = join(dir, 'glossary.yaml')
    writeFileSync(file, '# terms\n重庆: chong2 qing4\nSQL: sequel\n行长: hang2 zhang3\n')
    const glossary = loadGlossary(file)
    expect(glossary.entries.map((e) => e.term)).toEqual(['重庆', 'SQL', '行长'])
    expect(line('重庆的行长用SQL', { glossary })).toBe('chong2 qing4 de5 hang2 zhang3 yong4 _ _ _')
    expect(normalizeText('MySQL and SQL', { glossary }).text).toBe('MySQL and sequel')
  })

  it('puts the default glossary in the data dir', () => {
    expect(defaultGlossaryPath('/home/me/.mynah')).toBe('/home/me/.mynah/glossary.yaml')
  })

  it.each([
    ['not a mapping', '- a\n- b\n', 'expected a mapping of term: reading'],
    ['a non-string reading', '银行: 3\n', 'the reading of "银行" must be a non-empty string'],
    [
      'a syllable count mismatch',
      '银行: yin2\n',
      '"银行": "银行" has 2 character(s) but "yin2" has 1 syllable(s)',
    ],
    ['broken YAML', '银行: [yin2\n', undefined],
  ])('rejects %s with E_GLOSSARY_INVALID', (_name, source, detail) => {
    const file = join(dir, `bad-${Math.random()}.yaml`)
    writeFileSync(file, source)
    try {
      loadGlossary(file)
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(MynahError)
      expect((error as MynahError).code).toBe('E_GLOSSARY_INVALID')
      if (detail) expect((error as MynahError).details.detail).toBe(detail)
    }
  })

  it('rejects a missing file with E_GLOSSARY_INVALID', () => {
    expect(() => loadGlossary(join(dir, 'missing.yaml'))).toThrow(MynahError)
  })

  it('prefers the longest term', () => {
    const glossary = createGlossary({ 银行: 'yin2 hang2', 银行家: 'yin2 hang2 jia1' })
    expect(normalizeText('银行家', { glossary }).text).toBe('银行家')
    expect(line('银行家', { glossary })).toBe('yin2 hang2 jia1')
  })
})
