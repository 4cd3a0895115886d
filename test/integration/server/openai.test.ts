/** POST /v1/audio/speech and GET /v1/models over inject(): fields, formats, framings, voice mapping. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeWav } from '../../../src/audio/wav.js'
import { fakeServer, type TestServer } from './util.js'

const speech = (s: TestServer, body: Record<string, unknown>) =>
  s.app.inject({
    method: 'POST',
    url: '/v1/audio/speech',
    payload: { model: 'tts-1', voice: 'alloy', ...body },
  })

/** The fake speaks 0.06 s per character. */
const expectedSeconds = (text: string, speed = 1) =>
  text
    .split(/(?<=[。！？.!?])\s*/u)
    .filter(Boolean)
    .reduce((sum, s) => sum + (s.trim().length * 0.06) / speed, 0)

describe('POST /v1/audio/speech', () => {
  let s: TestServer
  beforeAll(async () => {
    s = await fakeServer()
  })
  afterAll(() => s.close())

  it('answers a whole WAV file at 24 kHz whose length follows the text', async () => {
    const input = 'Hello there. How are you today?'
    const res = await speech(s, { input, response_format: 'wav' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('audio/wav')
    expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length)
    const audio = decodeWav(new Uint8Array(res.rawPayload))
    expect(audio.sampleRate).toBe(24_000)
    expect(audio.samples.length / audio.sampleRate).toBeCloseTo(expectedSeconds(input), 2)
    expect(res.headers['x-mynah-segments']).toBe('2')
  })

  it('pcm is raw s16le at 24 kHz (2 bytes per sample, no header)', async () => {
    const input = 'Plain PCM please.'
    const res = await speech(s, { input, response_format: 'pcm' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('audio/pcm')
    expect(res.rawPayload.subarray(0, 4).toString('latin1')).not.toBe('RIFF')
    expect(res.rawPayload.length / 2 / 24_000).toBeCloseTo(expectedSeconds(input), 2)
  })

  it('aac is a clear 400 E_FORMAT_UNSUPPORTED', async () => {
    const res = await speech(s, { input: 'hi', response_format: 'aac' })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.code).toBe('E_FORMAT_UNSUPPORTED')
    expect(res.json().error.message).toMatch(/aac/)
  })

  it('passes voice names (mynah, saved or OpenAI) to the library, which resolves them', async () => {
    const voiceOf = async (voice: unknown, input: string) => {
      const before = s.mynah.requests.length
      const res = await speech(s, { input, voice, response_format: 'pcm' })
      expect(res.statusCode).toBe(200)
      expect(s.mynah.requests.length).toBe(before + 1)
      return s.mynah.requests.at(-1)?.voice
    }
    expect(await voiceOf('alloy', 'Hello.')).toBe('alloy')
    expect(await voiceOf('laoli', 'Hello.')).toBe('laoli')
    expect(await voiceOf({ id: 'slt' }, '你好。')).toBe('slt')
  })

  it('an unknown voice is 404 E_VOICE_UNKNOWN, an unknown model 404 E_MODEL_UNKNOWN', async () => {
    const voice = await speech(s, { input: 'hi', voice: 'nobody' })
    expect(voice.statusCode).toBe(404)
    expect(voice.json().error.code).toBe('E_VOICE_UNKNOWN')
    const model = await speech(s, { input: 'hi', model: 'whisper-1' })
    expect(model.statusCode).toBe(404)
    expect(model.json().error.code).toBe('E_MODEL_UNKNOWN')
    expect(model.json().error.message).toMatch(/tts-1/)
  })

  it('accepts engine ids and "mynah" as models', async () => {
    for (const model of ['mynah', 'builtin', 'tts-1-hd', 'gpt-4o-mini-tts']) {
      const res = await speech(s, { input: 'hi.', model, response_format: 'pcm' })
      expect(res.statusCode, model).toBe(200)
    }
    expect(s.mynah.requests.at(-4)?.engine).toBeUndefined()
    expect(s.mynah.requests.at(-3)?.engine).toBe('builtin')
  })

  it("clamps OpenAI's speed range into mynah's and makes faster speech shorter", async () => {
    const input = 'Speed test sentence.'
    const fast = await speech(s, { input, speed: 4, response_format: 'pcm' })
    expect(s.mynah.requests.at(-1)?.speed).toBe(2)
    const slow = await speech(s, { input, speed: 0.25, response_format: 'pcm' })
    expect(s.mynah.requests.at(-1)?.speed).toBe(0.5)
    expect(fast.rawPayload.length / 2 / 24_000).toBeCloseTo(expectedSeconds(input, 2), 2)
    expect(slow.rawPayload.length).toBeGreaterThan(fast.rawPayload.length * 3.5)
    const bad = await speech(s, { input, speed: 5 })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.code).toBe('E_INVALID_ARGUMENT')
  })

  it('carries the mynah extensions into the library request', async () => {
    const res = await speech(s, {
      input: '今天天气真好。',
      reference_voice: 'kal',
      emotion: { happy: 0.8, surprised: 0.2 },
      emotion_alpha: 0.6,
      emotion_text: 'cheerful',
      lang: 'zh',
      response_format: 'pcm',
    })
    expect(res.statusCode).toBe(200)
    expect(s.mynah.requests.at(-1)).toMatchObject({
      text: '今天天气真好。',
      voice: 'kal',
      lang: 'zh',
      sampleRate: 24_000,
      emotion: { vector: { happy: 0.8, surprised: 0.2 }, alpha: 0.6, text: 'cheerful' },
    })
  })

  it("uses OpenAI's instructions as the emotion text when no emotion is given", async () => {
    await speech(s, { input: 'Hi.', instructions: 'Speak in a sad tone', response_format: 'pcm' })
    expect(s.mynah.requests.at(-1)?.emotion?.text).toBe('Speak in a sad tone')
    await speech(s, { input: 'Hi.', instructions: 'sad', emotion: { happy: 1 }, response_format: 'pcm' })
    expect(s.mynah.requests.at(-1)?.emotion?.text).toBeUndefined()
  })

  it('invalid emotions are 400 E_EMOTION_INVALID', async () => {
    for (const emotion of [{ joy: 1 }, { happy: 1.5 }, { happy: -0.1 }, [1, 0, 0], 'happy'] as unknown[]) {
      const res = await speech(s, { input: 'hi', emotion })
      expect(res.statusCode, JSON.stringify(emotion)).toBe(400)
      expect(res.json().error.code).toBe('E_EMOTION_INVALID')
    }
    const alpha = await speech(s, { input: 'hi', emotion_alpha: 2 })
    expect(alpha.json().error.code).toBe('E_EMOTION_INVALID')
  })

  it('empty input is 400 E_TEXT_EMPTY; missing fields are 400 E_INVALID_ARGUMENT', async () => {
    const empty = await speech(s, { input: '   ' })
    expect(empty.statusCode).toBe(400)
    expect(empty.json().error.code).toBe('E_TEXT_EMPTY')
    const missing = await s.app.inject({
      method: 'POST',
      url: '/v1/audio/speech',
      payload: { model: 'tts-1' },
    })
    expect(missing.statusCode).toBe(400)
    expect(missing.json().error.code).toBe('E_INVALID_ARGUMENT')
    expect(missing.json().error.message).toMatch(/input/)
  })

  it('stream_format sse sends speech.audio.delta events then speech.audio.done', async () => {
    const input = 'First sentence. Second one!'
    const res = await speech(s, { input, response_format: 'pcm', stream_format: 'sse' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/)
    const events = res.payload
      .split('\n\n')
      .filter((block) => block.startsWith('data: '))
      .map((block) => JSON.parse(block.slice(6)))
    const deltas = events.filter((e) => e.type === 'speech.audio.delta')
    expect(deltas.length).toBeGreaterThanOrEqual(2)
    expect(events.at(-1)).toEqual({
      type: 'speech.audio.done',
      usage: { input_tokens: input.length, output_tokens: 0, total_tokens: input.length },
    })
    const bytes = deltas.reduce((n, e) => n + Buffer.from(e.audio, 'base64').length, 0)
    expect(bytes / 2 / 24_000).toBeCloseTo(expectedSeconds(input), 2)
  })

  it('stream_format audio sends the encoded stream chunked', async () => {
    const input = 'Streaming audio. In chunks.'
    const res = await speech(s, { input, response_format: 'wav', stream_format: 'audio' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['transfer-encoding']).toBe('chunked')
    expect(res.headers['content-type']).toBe('audio/wav')
    expect(res.rawPayload.subarray(0, 4).toString('latin1')).toBe('RIFF')
    expect((res.rawPayload.length - 44) / 2 / 24_000).toBeCloseTo(expectedSeconds(input), 2)
  })

  it('errors found before the first chunk are proper HTTP errors, even when streaming', async () => {
    const res = await speech(s, { input: 'hi', voice: 'nobody', stream_format: 'sse' })
    expect(res.statusCode).toBe(404)
    expect(res.json().error.code).toBe('E_VOICE_UNKNOWN')
  })
})

describe('GET /v1/models', () => {
  it("lists the engines and OpenAI's model names in OpenAI's list shape", async () => {
    const s = await fakeServer()
    const res = await s.app.inject({ method: 'GET', url: '/v1/models' })
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.object).toBe('list')
    const ids = body.data.map((m: { id: string }) => m.id)
    expect(ids).toEqual(expect.arrayContaining(['builtin', 'mynah', 'tts-1', 'tts-1-hd', 'gpt-4o-mini-tts']))
    for (const m of body.data) expect(m).toMatchObject({ object: 'model', owned_by: 'mynah' })
    await s.close()
  })
})
