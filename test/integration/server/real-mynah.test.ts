/**
 * The server over the real library (createMynah, built-in engine): the OpenAI client gets
 * decodable speech of plausible length in every format, a reference upload clones, the
 * segment preview is the text room's, and the fuzz loop finds no 5xx with real synthesis
 * behind the routes.
 */
import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeAudio } from '../../../src/audio/index.js'
import { loadConfig } from '../../../src/core/config.js'
import { createMynah } from '../../../src/runtime/mynah.js'
import { buildServer } from '../../../src/server/app.js'
import { requireTestdata, testdata } from '../../helpers/env.js'
import { runFuzz } from './fuzz-bodies.js'
import { form, tempHome } from './util.js'

const hasData = requireTestdata()

describe('server over the real library', () => {
  let home: ReturnType<typeof tempHome>
  let mynah: ReturnType<typeof createMynah>
  let app: Awaited<ReturnType<typeof buildServer>>
  let client: OpenAI

  beforeAll(async () => {
    home = tempHome()
    mynah = createMynah(loadConfig({ flags: { home: home.dir, maxTextChars: 400 }, env: {} }))
    app = await buildServer(mynah, { webRoot: null })
    await app.listen({ host: '127.0.0.1', port: 0 })
    client = new OpenAI({
      apiKey: 'unused',
      baseURL: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/v1`,
      maxRetries: 0,
    })
  })
  afterAll(async () => {
    await app?.close()
    await mynah?.close()
    home?.cleanup()
  })

  // Plausible speaking rates: English 1.5-5 words/s, Mandarin 2.5-8 syllables/s.
  const cases = [
    { input: 'The quick brown fox jumps over the lazy dog.', voice: 'onyx', min: 9 / 5, max: 9 / 1.5 },
    { input: '今天天气很好，我们去公园散步吧。', voice: 'nova', min: 14 / 8, max: 14 / 2.5 },
  ]
  for (const format of ['mp3', 'opus', 'flac', 'wav'] as const) {
    it(`openai client, ${format}: decodable speech of plausible length`, async () => {
      for (const c of cases) {
        const res = await client.audio.speech.create({
          model: 'tts-1',
          voice: c.voice,
          input: c.input,
          response_format: format,
        })
        const audio = await decodeAudio(new Uint8Array(await res.arrayBuffer()))
        const seconds = audio.samples.length / audio.sampleRate
        expect(seconds, `${format} ${c.input}`).toBeGreaterThan(c.min)
        expect(seconds, `${format} ${c.input}`).toBeLessThan(c.max + 1)
      }
    })
  }

  it('openai client, sse and audio streaming', async () => {
    const sse = await client.audio.speech.create({
      model: 'tts-1',
      voice: 'alloy',
      input: '第一句话。Second sentence here.',
      response_format: 'pcm',
      stream_format: 'sse',
    })
    const events = (await sse.text())
      .split('\n\n')
      .filter((e) => e.startsWith('data: '))
      .map((e) => JSON.parse(e.slice(6)))
    expect(events.at(-1)?.type).toBe('speech.audio.done')
    const pcm = Buffer.concat(
      events.filter((e) => e.type === 'speech.audio.delta').map((e) => Buffer.from(e.audio, 'base64')),
    )
    expect(pcm.length / 2 / 24_000).toBeGreaterThan(1.5)
    const audio = await client.audio.speech.create({
      model: 'tts-1',
      voice: 'echo',
      input: 'Streaming from the library.',
      response_format: 'wav',
      stream_format: 'audio',
    })
    const decoded = await decodeAudio(new Uint8Array(await audio.arrayBuffer()))
    expect(decoded.samples.length / decoded.sampleRate).toBeGreaterThan(0.8)
  })

  it('maps OpenAI voices onto the built-in voices of the input language', async () => {
    const speak = async (voice: string, input: string) => {
      const res = await app.inject({
        method: 'POST',
        url: '/v1/audio/speech',
        payload: { model: 'tts-1', voice, input, response_format: 'pcm' },
      })
      expect(res.statusCode, res.payload.slice(0, 200)).toBe(200)
      return res.rawPayload
    }
    const voices = (await mynah.engines())[0]?.voices ?? []
    const enFemale = voices.filter((v) => v.lang === 'en' && v.gender === 'female').map((v) => v.name)
    expect(enFemale.length).toBeGreaterThan(0)
    // alloy is female: with English input it is the engine's (first) English female voice.
    expect(
      (await speak('alloy', 'Good morning.')).equals(await speak(enFemale[0] as string, 'Good morning.')),
    ).toBe(true)
    // A female and a male OpenAI voice sound different in Chinese too.
    expect((await speak('shimmer', '早上好。')).equals(await speak('onyx', '早上好。'))).toBe(false)
  })

  it.skipIf(!hasData)('clones from an uploaded reference and rejects broken ones', async () => {
    const clip = new Uint8Array(readFileSync(testdata('voices', 'cosyvoice', 'zero_shot_prompt.wav')))
    const ok = await app.inject({
      method: 'POST',
      url: '/api/synthesize',
      ...(await form(
        { text: '希望你以后能够做的比我还好呦。', format: 'wav' },
        { reference: { bytes: clip } },
      )),
    })
    expect(ok.statusCode, ok.payload.slice(0, 300)).toBe(200)
    const audio = await decodeAudio(new Uint8Array(ok.rawPayload))
    expect(audio.samples.length / audio.sampleRate).toBeGreaterThan(1)
    const broken = new Uint8Array(64)
    broken.set(new TextEncoder().encode('RIFF\0\0\0\0WAVEjunk'))
    const bad = await app.inject({
      method: 'POST',
      url: '/api/synthesize',
      ...(await form({ text: 'hi' }, { reference: { bytes: broken } })),
    })
    expect(bad.statusCode).toBe(422)
    expect(bad.json().error.code).toBe('E_AUDIO_UNREADABLE')
  })

  it('previews segments with the text room', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/text/segments',
      payload: { text: '他今年18岁。It costs $5.', max_tokens: 120 },
    })
    expect(res.statusCode).toBe(200)
    const { segments } = res.json()
    expect(segments.length).toBeGreaterThan(0)
    expect(segments.map((s: { text: string }) => s.text).join(' ')).toMatch(/十八/)
  })

  for (const url of ['/v1/audio/speech', '/api/synthesize', '/api/text/segments', '/api/voices']) {
    it(`fuzz ${url}: no 5xx with the real library`, async () => {
      // The fuzzer's valid uploads are pure tones, which the real library rightly refuses as
      // speechless (422), so /api/voices need not reach a 2xx here; no 5xx is allowed anywhere.
      await runFuzz(app, url, { requireSuccess: url !== '/api/voices' })
    })
  }
})
