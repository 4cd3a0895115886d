/** POST /api/synthesize: every IndexTTS2 control, JSON and multipart, file and NDJSON answers. */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeWav } from '../../../src/audio/wav.js'
import { testdata } from '../../helpers/env.js'
import { fakeServer, form, type TestServer, toneWav } from './util.js'

interface Line {
  type: string
  [key: string]: unknown
}
const ndjson = (payload: string): Line[] =>
  payload
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Line)

describe('POST /api/synthesize', () => {
  let s: TestServer
  beforeAll(async () => {
    s = await fakeServer()
  })
  afterAll(() => s.close())

  it('takes every control as JSON and passes it to the library unchanged', async () => {
    const res = await s.app.inject({
      method: 'POST',
      url: '/api/synthesize',
      payload: {
        text: '你好，世界。Hello world.',
        lang: 'auto',
        voice: 'xiaoyu',
        emotion_mode: 'vector',
        emotion: [0.5, 0, 0, 0, 0, 0, 0.25, 0.25],
        emotion_alpha: 0.65,
        emotion_random: true,
        speed: 1.25,
        interval_silence: 300,
        max_text_tokens_per_segment: 80,
        sample_rate: 16_000,
        engine: 'builtin',
        params: { seed: 7, style: 'x' },
        temperature: 0.9,
        top_p: 0.8,
        top_k: 30,
        do_sample: true,
        num_beams: 3,
        repetition_penalty: 10,
        length_penalty: 0,
        max_mel_tokens: 1500,
      },
    })
    expect(res.statusCode, res.payload.slice(0, 300)).toBe(200)
    expect(s.mynah.requests.at(-1)).toEqual({
      text: '你好，世界。Hello world.',
      lang: 'auto',
      voice: 'xiaoyu',
      reference: undefined,
      emotion: {
        mode: 'vector',
        vector: [0.5, 0, 0, 0, 0, 0, 0.25, 0.25],
        audio: undefined,
        text: undefined,
        alpha: 0.65,
        random: true,
      },
      speed: 1.25,
      sampleRate: 16_000,
      maxTokensPerSegment: 80,
      intervalSilenceMs: 300,
      engine: 'builtin',
      params: {
        seed: 7,
        style: 'x',
        temperature: 0.9,
        top_p: 0.8,
        top_k: 30,
        do_sample: true,
        num_beams: 3,
        repetition_penalty: 10,
        length_penalty: 0,
        max_mel_tokens: 1500,
      },
    })
    const audio = decodeWav(new Uint8Array(res.rawPayload))
    expect(audio.sampleRate).toBe(16_000)
    expect(res.headers['content-type']).toBe('audio/wav')
  })

  it('rejects unknown fields (typos) with 400 E_INVALID_ARGUMENT', async () => {
    const res = await s.app.inject({
      method: 'POST',
      url: '/api/synthesize',
      payload: { text: 'hi', emotion_alhpa: 0.5 },
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.code).toBe('E_INVALID_ARGUMENT')
    expect(res.json().error.message).toMatch(/additional/)
  })

  it('takes a multipart form with a reference upload and an emotion reference clip', async () => {
    const reference = new Uint8Array(readFileSync(testdata('voices', 'ljspeech', 'LJ001-0002.wav')))
    const emotionClip = toneWav(1)
    const body = await form(
      {
        text: 'Cloned voice test.',
        emotion_mode: 'audio',
        emotion_alpha: '0.5',
        emotion_random: 'false',
        interval_silence: '150',
        params: JSON.stringify({ temperature: 0.7 }),
        emotion: JSON.stringify({ sad: 0.4 }),
        speed: '',
      },
      {
        reference: { bytes: reference, filename: '../../../etc/passwd', type: 'text/plain' },
        emotion_audio: { bytes: emotionClip, filename: 'e.exe' },
      },
    )
    const res = await s.app.inject({ method: 'POST', url: '/api/synthesize', ...body })
    expect(res.statusCode, res.payload.slice(0, 300)).toBe(200)
    const request = s.mynah.requests.at(-1)
    expect(request?.reference).toEqual(reference)
    expect(request?.emotion?.audio).toEqual(emotionClip)
    expect(request).toMatchObject({
      text: 'Cloned voice test.',
      intervalSilenceMs: 150,
      speed: undefined,
      params: { temperature: 0.7 },
      emotion: { mode: 'audio', alpha: 0.5, random: false, vector: { sad: 0.4 } },
    })
  })

  it('refuses uploads that are not audio by their bytes (415), whatever their name and type say', async () => {
    const body = await form(
      { text: 'hi' },
      {
        reference: {
          bytes: new TextEncoder().encode('#!/bin/sh\necho pwned\n'),
          filename: 'a.wav',
          type: 'audio/wav',
        },
      },
    )
    const res = await s.app.inject({ method: 'POST', url: '/api/synthesize', ...body })
    expect(res.statusCode).toBe(415)
    expect(res.json().error.code).toBe('E_AUDIO_UNSUPPORTED')
  })

  it('audio that looks right but does not decode is 422 E_AUDIO_UNREADABLE', async () => {
    const broken = new Uint8Array(64)
    broken.set(new TextEncoder().encode('RIFF\0\0\0\0WAVEjunk'))
    const body = await form({ text: 'hi' }, { reference: { bytes: broken } })
    const res = await s.app.inject({ method: 'POST', url: '/api/synthesize', ...body })
    expect(res.statusCode).toBe(422)
    expect(res.json().error.code).toBe('E_AUDIO_UNREADABLE')
  })

  it('rejects file fields it does not know and bad JSON in object fields', async () => {
    const extra = await form({ text: 'hi' }, { avatar: { bytes: toneWav(0.1) } })
    const r1 = await s.app.inject({ method: 'POST', url: '/api/synthesize', ...extra })
    expect(r1.statusCode).toBe(400)
    expect(r1.json().error.code).toBe('E_INVALID_ARGUMENT')
    const badJson = await form({ text: 'hi', params: '{not json' })
    const r2 = await s.app.inject({ method: 'POST', url: '/api/synthesize', ...badJson })
    expect(r2.statusCode).toBe(400)
    const badNumber = await form({ text: 'hi', speed: 'fast' })
    const r3 = await s.app.inject({ method: 'POST', url: '/api/synthesize', ...badNumber })
    expect(r3.statusCode).toBe(400)
    expect(r3.json().error.message).toMatch(/speed/)
  })

  it('stream: true answers NDJSON: start, progress, audio per segment, segment ends, done', async () => {
    const text = '第一句。第二句话！Third one.'
    const res = await s.app.inject({
      method: 'POST',
      url: '/api/synthesize',
      payload: { text, stream: true },
    })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/)
    const lines = ndjson(res.payload)
    expect(lines[0]).toEqual({ type: 'start', format: 'wav', sample_rate: 24_000, content_type: 'audio/wav' })
    expect(lines.at(-1)?.type).toBe('done')
    expect(lines.filter((l) => l.type === 'segment').map((l) => l.index)).toEqual([0, 1, 2])
    const progress = lines.filter((l) => l.type === 'progress' && l.stage === 'synthesis')
    expect(progress.map((p) => p.segments_done)).toEqual([1, 2, 3])
    expect(progress.every((p) => p.segments_total === 3)).toBe(true)
    // Concatenated audio pieces are the whole file (streamed WAV: sizes unknown up front).
    const bytes = Buffer.concat(
      lines
        .filter((l) => l.type === 'audio' || l.type === 'done')
        .map((l) => Buffer.from(String(l.audio), 'base64')),
    )
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('RIFF')
    const seconds = (bytes.length - 44) / 2 / 24_000
    expect(seconds).toBeCloseTo(Number(lines.at(-1)?.seconds), 3)
    expect(seconds).toBeCloseTo((4 + 5 + 10) * 0.06, 2)
  })

  it('a failure before any audio is an HTTP error even with stream: true', async () => {
    const res = await s.app.inject({
      method: 'POST',
      url: '/api/synthesize',
      payload: { text: 'hi', voice: 'nobody', stream: true },
    })
    expect(res.statusCode).toBe(404)
    expect(res.json().error.code).toBe('E_VOICE_UNKNOWN')
  })
})
