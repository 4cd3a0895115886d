/**
 * The official `openai` npm client against a mynah server listening on 127.0.0.1: every
 * supported response_format decodes to audio of the right length, both streaming modes
 * work, aac is a clear 400, and the client's apiKey is the server's bearer token.
 */
import type { AddressInfo } from 'node:net'
import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeAudio } from '../../../src/audio/index.js'
import { fakeServer, type TestServer } from './util.js'

const INPUT = 'The quick brown fox jumps over the lazy dog. 你好，世界！'
/** The fake speaks 0.06 s per character, sentence by sentence. */
const SECONDS = ('The quick brown fox jumps over the lazy dog.'.length + '你好，世界！'.length) * 0.06

describe('OpenAI client compatibility', () => {
  let s: TestServer
  let client: OpenAI
  let baseURL: string
  beforeAll(async () => {
    s = await fakeServer({}, { apiKey: 'test-key' })
    await s.app.listen({ host: '127.0.0.1', port: 0 })
    baseURL = `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}/v1`
    client = new OpenAI({ apiKey: 'test-key', baseURL, maxRetries: 0 })
  })
  afterAll(() => s.close())

  for (const format of ['mp3', 'opus', 'flac', 'wav'] as const) {
    it(`audio.speech.create ${format} decodes to ${SECONDS.toFixed(2)} s of audio`, async () => {
      const res = await client.audio.speech.create({
        model: 'tts-1',
        voice: 'alloy',
        input: INPUT,
        response_format: format,
      })
      const bytes = new Uint8Array(await res.arrayBuffer())
      const audio = await decodeAudio(bytes)
      const seconds = audio.samples.length / audio.sampleRate
      // Lossy codecs may pad or trim a frame at the ends.
      expect(seconds).toBeGreaterThan(SECONDS - 0.08)
      expect(seconds).toBeLessThan(SECONDS + 0.08)
      let energy = 0
      for (const x of audio.samples) energy += x * x
      expect(Math.sqrt(energy / audio.samples.length)).toBeGreaterThan(0.1) // the 0.3-amplitude tone survived
    })
  }

  it('audio.speech.create pcm is 24 kHz s16le of the right length', async () => {
    const res = await client.audio.speech.create({
      model: 'tts-1',
      voice: 'nova',
      input: INPUT,
      response_format: 'pcm',
    })
    const bytes = await res.arrayBuffer()
    expect(bytes.byteLength / 2 / 24_000).toBeCloseTo(SECONDS, 2)
  })

  it("stream_format 'sse': speech.audio.delta events carry the audio, speech.audio.done ends it", async () => {
    const res = await client.audio.speech.create({
      model: 'gpt-4o-mini-tts',
      voice: 'coral',
      input: INPUT,
      response_format: 'pcm',
      stream_format: 'sse',
    })
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const events = (await res.text())
      .split('\n\n')
      .filter((e) => e.startsWith('data: '))
      .map((e) => JSON.parse(e.slice(6)))
    expect(events.at(-1)?.type).toBe('speech.audio.done')
    const pcm = Buffer.concat(
      events.filter((e) => e.type === 'speech.audio.delta').map((e) => Buffer.from(e.audio, 'base64')),
    )
    expect(pcm.length / 2 / 24_000).toBeCloseTo(SECONDS, 2)
  })

  it("stream_format 'audio': the body arrives in several chunks and decodes whole", async () => {
    const res = await client.audio.speech.create({
      model: 'tts-1',
      voice: 'echo',
      input: INPUT,
      response_format: 'mp3',
      stream_format: 'audio',
    })
    const chunks: Uint8Array[] = []
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk)
    expect(chunks.length).toBeGreaterThan(1)
    const audio = await decodeAudio(new Uint8Array(Buffer.concat(chunks)))
    expect(audio.samples.length / audio.sampleRate).toBeCloseTo(SECONDS, 1)
  })

  it('aac is rejected with a clear 400', async () => {
    const error = await client.audio.speech
      .create({ model: 'tts-1', voice: 'alloy', input: 'hi', response_format: 'aac' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OpenAI.APIError)
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(400)
    expect((error as InstanceType<typeof OpenAI.APIError>).code).toBe('E_FORMAT_UNSUPPORTED')
    expect((error as Error).message).toMatch(/aac/)
  })

  it('a wrong apiKey is 401', async () => {
    const wrong = new OpenAI({ apiKey: 'nope', baseURL, maxRetries: 0 })
    const error = await wrong.audio.speech
      .create({ model: 'tts-1', voice: 'alloy', input: 'hi' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError)
  })

  it('models.list shows the engines and OpenAI names', async () => {
    const ids: string[] = []
    for await (const model of client.models.list()) ids.push(model.id)
    expect(ids).toEqual(expect.arrayContaining(['tts-1', 'builtin']))
  })
})
