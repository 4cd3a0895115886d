/**
 * `mynah text normalize|pinyin|segments` as the installed bin runs them (`node bin/mynah.js`
 * over dist/, which test/global-setup.ts keeps up to date).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'

const work = mkdtempSync(join(tmpdir(), 'mynah-text-cli-'))
const home = join(work, 'home')

interface Ran {
  code: number
  stdout: string
  stderr: string
}

async function mynah(args: string[], input?: string, env: Record<string, string> = {}): Promise<Ran> {
  const r = await runCli(args, { home, cwd: work, input, env, timeoutMs: 60_000 })
  return { code: r.code, stdout: r.stdout.toString(), stderr: r.stderr }
}

beforeAll(() => mkdirSync(home, { recursive: true }))
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('mynah text normalize', () => {
  it('normalizes a TEXT argument', async () => {
    const r = await mynah(['text', 'normalize', '2026年11月30日下午3点，¥12.50'])
    expect(r).toEqual({ code: 0, stdout: '二〇二六年十一月三十日下午三点，十二元五角\n', stderr: '' })
  })

  it('honours --lang', async () => {
    const r = await mynah(['text', 'normalize', '--lang', 'en', '3.5%'])
    expect(r.stdout).toBe('three point five percent\n')
  })

  it('streams stdin: one output line per input line, in order, blank lines kept', async () => {
    const r = await mynah(['text', 'normalize', '-'], '1\n\n2 kg\n第3名\n')
    expect(r.code).toBe(0)
    expect(r.stdout).toBe('一\n\ntwo kilograms\n第三名\n')
  })

  it('handles 10 000 lines', async () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => `第${i}行有${i % 7}个苹果，价格$${i}.50。`)
    const r = await mynah(['text', 'normalize', '-'], `${lines.join('\n')}\n`)
    expect(r.code).toBe(0)
    const out = r.stdout.split('\n')
    expect(out).toHaveLength(10_001)
    expect(out[0]).toBe('第零行有零个苹果，价格零点五美元。')
    expect(out[9999]).toBe('第九千九百九十九行有三个苹果，价格九千九百九十九点五美元。')
  })

  it('reports E_TEXT_EMPTY for an empty TEXT', async () => {
    const r = await mynah(['text', 'normalize', '  '])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^error E_TEXT_EMPTY: /)
  })

  it('reports E_INVALID_ARGUMENT for a bad --lang', async () => {
    const r = await mynah(['text', 'normalize', '--lang', 'fr', 'x'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^error E_INVALID_ARGUMENT: /)
  })
})

describe('mynah text pinyin', () => {
  it('prints readable pinyin', async () => {
    const r = await mynah(['text', 'pinyin', '银行行长说：我很好。'])
    expect(r.stdout).toBe('yin2 hang2 hang2 zhang3 shuo1 ： wo3 hen2 hao3 。\n')
  })

  it('prints one JSON object per stdin line with one entry per character', async () => {
    const input = ['重庆，GPU好', '', 'hello', '𠮷一个']
    const r = await mynah(['text', 'pinyin', '--jsonl', '-'], `${input.join('\n')}\n`)
    expect(r.code).toBe(0)
    const rows = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { text: string; pinyin: unknown[] })
    expect(rows.map((row) => row.text)).toEqual(input)
    expect(rows.map((row) => row.pinyin.length)).toEqual(input.map((line) => [...line].length))
    expect(rows[0]?.pinyin).toEqual(['chong2', 'qing4', null, null, null, null, 'hao3'])
    expect(rows[3]?.pinyin).toEqual([null, 'yi2', 'ge4'])
  })

  it('gives citation tones with --citation', async () => {
    const r = await mynah(['text', 'pinyin', '--citation', '你好'])
    expect(r.stdout).toBe('ni3 hao3\n')
  })

  it('uses <home>/glossary.yaml and rejects an invalid one', async () => {
    writeFileSync(join(home, 'glossary.yaml'), '行长: hang2 zhang3\n')
    const ok = await mynah(['text', 'pinyin', '行长'])
    expect(ok.stdout).toBe('hang2 zhang3\n')
    writeFileSync(join(home, 'glossary.yaml'), '行长: [\n')
    const bad = await mynah(['text', 'pinyin', '行长'])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/^error E_GLOSSARY_INVALID: /)
    rmSync(join(home, 'glossary.yaml'))
  })
})

describe('mynah text segments', () => {
  it('prints index, tokens and text per segment', async () => {
    const r = await mynah(['text', 'segments', '--max-tokens', '8', '第一句话。第二句话比较长，有逗号。'])
    expect(r.stdout).toBe('0\t5\t第一句话。\n1\t8\t第二句话比较长，\n2\t4\t有逗号。\n')
  })

  it('prints the full segments with --json', async () => {
    const r = await mynah(['text', 'segments', '--json', '你好。'])
    expect(JSON.parse(r.stdout)).toEqual([
      {
        index: 0,
        text: '你好。',
        tokens: 3,
        runs: [
          {
            lang: 'zh',
            text: '你好',
            syllables: [
              { text: '你', pinyin: 'ni2', wordEnd: false },
              { text: '好', pinyin: 'hao3', wordEnd: true },
            ],
            breakAfter: 'paragraph',
          },
        ],
      },
    ])
  })

  it('keeps going past a bad stdin line, reports it, and exits 1', async () => {
    const r = await mynah(['text', 'segments', '-'], '你好。\n😀\n再见。\n')
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('[3] 你好。\n\n[3] 再见。\n')
    expect(r.stderr).toContain('error E_TEXT_UNSPEAKABLE (line 2)')
  })

  it('rejects a bad --max-tokens', async () => {
    const r = await mynah(['text', 'segments', '--max-tokens', '0', 'x'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^error E_INVALID_ARGUMENT: /)
  })
})
