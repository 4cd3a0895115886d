/** The user glossary (<home>/glossary.yaml) reaches every request through the facade, and edits apply without a restart. */
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/core/config.js'
import { isMynahError } from '../../src/core/errors.js'
import { createMynah } from '../../src/runtime/mynah.js'

const home = mkdtempSync(join(tmpdir(), 'mynah-glossary-'))
afterAll(() => rmSync(home, { recursive: true, force: true }))

function pinyinOf(text: string, mynah: ReturnType<typeof createMynah>): string[] {
  return mynah
    .prepareText(text)
    .segments.flatMap((s) => s.runs.flatMap((r) => (r.syllables ?? []).map((y) => y.pinyin)))
}

function englishOf(text: string, mynah: ReturnType<typeof createMynah>): string {
  return mynah
    .prepareText(text)
    .segments.flatMap((s) => s.runs.filter((r) => r.lang === 'en').map((r) => r.text))
    .join(' ')
}

describe('facade glossary', () => {
  it('applies <home>/glossary.yaml and picks up edits', () => {
    const mynah = createMynah(loadConfig({ flags: { home }, env: {} }))
    const file = join(home, 'glossary.yaml')
    // Deliberately unusual readings, so only the glossary can produce them.
    expect(pinyinOf('重庆', mynah)).toEqual(['chong2', 'qing4']) // no glossary yet
    expect(englishOf('I like SQL.', mynah)).not.toContain('sequel')
    writeFileSync(file, '重庆: zhong4 qing1\nSQL: sequel\n')
    expect(pinyinOf('重庆', mynah)).toEqual(['zhong4', 'qing1'])
    expect(englishOf('I like SQL.', mynah)).toContain('sequel')
    writeFileSync(file, '重庆: zhong1 qing1\n')
    utimesSync(file, new Date(), new Date(Date.now() + 5_000)) // a distinct mtime even on coarse clocks
    expect(pinyinOf('重庆', mynah)).toEqual(['zhong1', 'qing1'])
  })

  it('refuses a broken glossary with E_GLOSSARY_INVALID', () => {
    const broken = mkdtempSync(join(tmpdir(), 'mynah-glossary-bad-'))
    writeFileSync(join(broken, 'glossary.yaml'), '- just\n- a list\n')
    const mynah = createMynah(loadConfig({ flags: { home: broken }, env: {} }))
    let code = 'no error'
    try {
      mynah.prepareText('你好')
    } catch (error) {
      code = isMynahError(error) ? error.code : String(error)
    }
    expect(code).toBe('E_GLOSSARY_INVALID')
    rmSync(broken, { recursive: true, force: true })
  })
})
