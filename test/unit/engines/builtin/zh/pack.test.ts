import { statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isMynahError } from '../../../../../src/core/errors.js'
import { loadZhVoice, ZH_VOICES } from '../../../../../src/engines/builtin/zh/index.js'
import { decodeMarks, type PackIndex } from '../../../../../src/engines/builtin/zh/pack-format.js'
import { defaultVoicesDir } from '../../../../../src/engines/builtin/zh/voices.js'
import { voice } from './helpers.js'

describe.each(ZH_VOICES.map((v) => v.name))('voice pack %s', (name) => {
  const dir = join(defaultVoicesDir(), name)

  it('is well under 10 MB and carries its licence', () => {
    const bytes = statSync(join(dir, 'units.bin')).size + statSync(join(dir, 'index.json')).size
    console.log(`${name}: ${(bytes / 1e6).toFixed(2)} MB`)
    expect(bytes).toBeLessThan(5e6)
    expect(statSync(join(dir, 'LICENSE')).size).toBeGreaterThan(5000)
  })

  it('has an index consistent with its blobs', async () => {
    const v = await voice(name)
    const index: PackIndex = v.index
    const binBytes = statSync(join(dir, 'units.bin')).size
    let expectedOffset = 0
    for (const blob of index.blobs) {
      expect(blob.offset).toBe(expectedOffset)
      expectedOffset += blob.bytes
      const marks = decodeMarks(blob.marks)
      for (let i = 1; i < marks.length; i++) expect(marks[i]).toBeGreaterThan(marks[i - 1])
      expect(marks[0]).toBeGreaterThanOrEqual(0)
      expect(marks[marks.length - 1]).toBeLessThan(blob.samples)
      for (const [a, b] of blob.voicedRuns) expect(0 <= a && a <= b && b < marks.length).toBe(true)
      expect(blob.voicedStart).toBeLessThanOrEqual(blob.voicedEnd)
    }
    expect(expectedOffset).toBe(binBytes)
    for (const [key, entry] of Object.entries(index.syllables)) {
      expect(key).toMatch(/^[a-zêv]+[1-5]$/)
      expect(index.blobs[entry.blob]).toBeDefined()
    }
    expect(index.sampleRate).toBe(24000)
  })

  it('decodes a unit to the length the index promises', async () => {
    const v = await voice(name)
    const u = v.unit('ma', 1)
    const entry = v.index.syllables.ma1
    expect(u.samples.length).toBe(v.index.blobs[entry.blob].samples)
    let peak = 0
    for (const s of u.samples) peak = Math.max(peak, Math.abs(s))
    expect(peak).toBeGreaterThan(0.1)
  })
})

describe('pack loading', () => {
  it('bounds the decoded-unit cache', async () => {
    const v = await loadZhVoice('zh-male', { cacheBytes: 200_000 })
    for (const s of ['ma', 'ba', 'da', 'ta', 'la', 'na', 'ga', 'ka', 'ha', 'sha']) v.unit(s, 4)
    expect(v.cachedBytes).toBeLessThanOrEqual(200_000)
    expect(v.cachedBytes).toBeGreaterThan(0)
  })

  it('rejects an unknown voice with E_VOICE_UNKNOWN', async () => {
    const error = await loadZhVoice('zh-robot' as 'zh-male').catch((e: unknown) => e)
    expect(isMynahError(error) && error.code).toBe('E_VOICE_UNKNOWN')
  })

  it('reports a missing pack as E_ENGINE_NOT_READY', async () => {
    const error = await loadZhVoice('zh-male', { dir: '/nonexistent' }).catch((e: unknown) => e)
    expect(isMynahError(error) && error.code).toBe('E_ENGINE_NOT_READY')
  })
})
