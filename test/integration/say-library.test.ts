/**
 * The library facade (createMynah) over a fake engine: text preparation, voice lookup,
 * resampling to the requested rate, progress, abort, and one load per engine. The real
 * built-in engine behind the facade is exercised in say-cli.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/core/config.js'
import { isMynahError, MynahError } from '../../src/core/errors.js'
import type { AudioChunk, Engine, EngineInfo, SynthesisRequest } from '../../src/engines/engine.js'
import type { Progress } from '../../src/runtime/api.js'
import { createMynah } from '../../src/runtime/mynah.js'

const home = mkdtempSync(join(tmpdir(), 'mynah-facade-'))
afterAll(() => rmSync(home, { recursive: true, force: true }))
const config = loadConfig({ flags: { home }, env: {} })

/** An engine that answers every segment with 0.5 s of a tone at 24 kHz and records what it was asked. */
function fakeEngine() {
  const requests: SynthesisRequest[] = []
  let loads = 0
  let creates = 0
  const info: EngineInfo = {
    id: 'builtin',
    description: 'fake',
    languages: ['zh', 'en'],
    sampleRate: 24_000,
    features: ['streaming'],
    voices: [
      { name: 'zh-female', lang: 'zh', gender: 'female', licence: 'x', description: '', isDefault: true },
      { name: 'en-rms', lang: 'en', gender: 'male', licence: 'y', description: '', isDefault: true },
    ],
    stages: [],
  }
  const engine: Engine = {
    id: 'builtin',
    describe: () => info,
    load: async () => {
      loads++
    },
    profile: async () => {
      throw new MynahError('E_ENGINE_NOT_READY', { engine: 'builtin', detail: 'no cloning' })
    },
    unload: async () => {},
    async *synthesize(request, signal): AsyncIterable<AudioChunk> {
      requests.push(request)
      for (const s of request.segments) {
        if (signal.aborted) throw new MynahError('E_CANCELLED')
        const samples = new Float32Array(12_000)
        for (let i = 0; i < samples.length; i++) samples[i] = 0.3 * Math.sin((2 * Math.PI * 300 * i) / 24_000)
        yield { samples, sampleRate: 24_000, segmentIndex: s.index, segmentEnd: true }
      }
    },
  }
  const factory = async (id: string) => {
    if (id !== 'builtin') throw new MynahError('E_ENGINE_UNKNOWN', { engine: id, available: 'builtin' })
    creates++
    return engine
  }
  return { factory, requests, counts: () => ({ loads, creates }) }
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p
  } catch (error) {
    return isMynahError(error) ? error.code : `not a MynahError: ${String(error)}`
  }
  return 'no error'
}

describe('createMynah facade', () => {
  it('speaks English and Chinese with the default voice of the main language', async () => {
    const fake = fakeEngine()
    const mynah = createMynah(config, { engineFactory: fake.factory })
    const en = await mynah.speak({ text: 'Hello there. How are you today?' })
    expect(en.voice).toBe('en-rms')
    expect(en.sampleRate).toBe(24_000)
    expect(en.samples.length).toBe(12_000 * en.segments.length)
    const zh = await mynah.speak({ text: '今天天气很好。' })
    expect(zh.voice).toBe('zh-female')
    expect(fake.requests[1].voice).toBe('zh-female')
    expect(fake.requests[0].emotion.source).toBe('speaker')
    expect(fake.counts()).toEqual({ loads: 1, creates: 1 })
    await mynah.close()
  })

  it('maps OpenAI voice names to a built-in voice of their gender in the main language', async () => {
    const fake = fakeEngine()
    const mynah = createMynah(config, { engineFactory: fake.factory })
    expect((await mynah.speak({ text: '今天天气很好。', voice: 'nova' })).voice).toBe('zh-female')
    expect((await mynah.speak({ text: 'Good morning.', voice: 'onyx' })).voice).toBe('en-rms')
    // No English female voice in this engine: the English default speaks.
    expect((await mynah.speak({ text: 'Good morning.', voice: 'Alloy' })).voice).toBe('en-rms')
    // Mixed text goes by its main language (five English words against two syllables).
    expect((await mynah.speak({ text: '我用 iPhone and MacBook every day.', voice: 'onyx' })).voice).toBe(
      'en-rms',
    )
    expect(fake.requests.map((r) => r.voice)).toEqual(['zh-female', 'en-rms', 'en-rms', 'en-rms'])
    await mynah.close()
  })

  it('resamples to the requested sample rate', async () => {
    const fake = fakeEngine()
    const mynah = createMynah(config, { engineFactory: fake.factory })
    const result = await mynah.speak({ text: 'One sentence.', sampleRate: 16_000 })
    expect(result.sampleRate).toBe(16_000)
    expect(result.samples.length).toBe(8_000 * result.segments.length)
    await mynah.close()
  })

  it('passes speed, interval and voice through and reports progress per segment', async () => {
    const fake = fakeEngine()
    const mynah = createMynah(config, { engineFactory: fake.factory })
    const seen: Progress[] = []
    const text = 'First sentence here. Second sentence here. Third one.'
    const segments = mynah.prepareText(text, { maxTokensPerSegment: 8 }).segments
    expect(segments.length).toBeGreaterThan(1)
    await mynah.speak(
      { text, voice: 'en-rms', speed: 1.25, intervalSilenceMs: 50, maxTokensPerSegment: 8 },
      { onProgress: (p) => seen.push(p) },
    )
    const request = fake.requests[0]
    expect(request).toMatchObject({ voice: 'en-rms', speed: 1.25, intervalSilenceMs: 50 })
    expect(seen.map((p) => p.stage)).toEqual([
      'text',
      'voice',
      'synthesis',
      ...segments.map(() => 'synthesis'),
      'done',
    ])
    expect(seen.at(-1)).toMatchObject({ segmentsDone: segments.length, segmentsTotal: segments.length })
    await mynah.close()
  })

  it('rejects unknown voices, engines and out-of-range values with codes', async () => {
    const mynah = createMynah(config, { engineFactory: fakeEngine().factory })
    expect(await codeOf(mynah.speak({ text: 'Hi.', voice: 'nobody' }))).toBe('E_VOICE_UNKNOWN')
    expect(await codeOf(mynah.speak({ text: 'Hi.', engine: 'nope' }))).toBe('E_ENGINE_UNKNOWN')
    expect(await codeOf(mynah.speak({ text: 'Hi.', speed: 0 }))).toBe('E_INVALID_ARGUMENT')
    expect(await codeOf(mynah.speak({ text: 'Hi.', sampleRate: 1234.5 }))).toBe('E_INVALID_ARGUMENT')
    expect(await codeOf(mynah.speak({ text: '' }))).toBe('E_TEXT_EMPTY')
    expect(await codeOf(mynah.speak({ text: 'Hi.', reference: new Uint8Array([1, 2, 3]) }))).toMatch(
      /^E_AUDIO/,
    )
    await mynah.close()
  })

  it('an aborted signal stops the stream with E_CANCELLED', async () => {
    const mynah = createMynah(config, { engineFactory: fakeEngine().factory })
    const controller = new AbortController()
    const got: AudioChunk[] = []
    const run = async () => {
      for await (const chunk of mynah.synthesize(
        { text: 'One. Two. Three. Four. Five. Six.', maxTokensPerSegment: 4 },
        { signal: controller.signal },
      )) {
        got.push(chunk)
        controller.abort()
      }
    }
    expect(await codeOf(run())).toBe('E_CANCELLED')
    expect(got.length).toBe(1)
    await mynah.close()
  })

  it('lists built-in voices and reports system status', async () => {
    const mynah = createMynah(config, { engineFactory: fakeEngine().factory })
    const voices = await mynah.listVoices()
    expect(voices).toEqual([
      expect.objectContaining({
        name: 'zh-female',
        kind: 'builtin',
        lang: 'zh',
        gender: 'female',
        licence: 'x',
      }),
      expect.objectContaining({ name: 'en-rms', kind: 'builtin', lang: 'en', gender: 'male', licence: 'y' }),
    ])
    const status = await mynah.system()
    expect(status.engine.id).toBe('builtin')
    expect(status.memory.rssBytes).toBeGreaterThan(0)
    await mynah.close()
  })
})
