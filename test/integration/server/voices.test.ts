/** /api/voices over a real VoiceLibrary (SQLite + files in a temp data dir). */
import { readdirSync, readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildServer } from '../../../src/server/app.js'
import { VoiceLibrary } from '../../../src/voice/library.js'
import { testdata } from '../../helpers/env.js'
import { FakeMynah } from '../../helpers/fake-mynah.js'
import { form, tempHome, toneWav } from './util.js'

describe('/api/voices', () => {
  let home: ReturnType<typeof tempHome>
  let library: VoiceLibrary
  let app: Awaited<ReturnType<typeof buildServer>>
  const clip = new Uint8Array(readFileSync(testdata('voices', 'ljspeech', 'LJ001-0008.wav')))

  beforeEach(async () => {
    home = tempHome()
    library = new VoiceLibrary({ home: home.dir })
    app = await buildServer(new FakeMynah({ library, config: { maxUploadBytes: 200_000 } }), {
      webRoot: null,
    })
  })
  afterEach(async () => {
    await app.close()
    library.close()
    home.cleanup()
  })

  const upload = async (name: string, bytes: Uint8Array, filename = 'x.wav') =>
    app.inject({
      method: 'POST',
      url: '/api/voices',
      ...(await form({ name }, { clip: { bytes, filename } })),
    })

  it('uploads, lists and deletes a voice', async () => {
    const res = await upload('Linda', clip)
    expect(res.statusCode, res.payload).toBe(201)
    const { voice } = res.json()
    expect(voice).toMatchObject({ name: 'Linda', kind: 'saved' })
    expect(voice.id).toMatch(/^[0-9a-f]{12}$/)
    const list = (await app.inject({ method: 'GET', url: '/api/voices' })).json().voices
    expect(list.filter((v: { kind: string }) => v.kind === 'builtin').length).toBeGreaterThan(0)
    expect(list.find((v: { id: string }) => v.id === voice.id)?.name).toBe('Linda')
    // The saved voice is usable by id in a synthesis.
    const speak = await app.inject({
      method: 'POST',
      url: '/v1/audio/speech',
      payload: { model: 'tts-1', input: 'Hi.', reference_voice: voice.id, response_format: 'pcm' },
    })
    expect(speak.statusCode).toBe(200)
    const del = await app.inject({ method: 'DELETE', url: `/api/voices/${voice.id}` })
    expect(del.statusCode).toBe(204)
    expect(readdirSync(library.clipsDir)).toEqual([])
    const again = await app.inject({ method: 'DELETE', url: `/api/voices/${voice.id}` })
    expect(again.statusCode).toBe(404)
    expect(again.json().error.code).toBe('E_VOICE_UNKNOWN')
  })

  it('a duplicate clip is 409 E_VOICE_DUPLICATE naming the existing voice; a taken name is 409 E_VOICE_NAME_TAKEN', async () => {
    expect((await upload('first', clip)).statusCode).toBe(201)
    const dup = await upload('second', clip)
    expect(dup.statusCode).toBe(409)
    expect(dup.json().error).toMatchObject({ code: 'E_VOICE_DUPLICATE', details: { voice: 'first' } })
    const name = await upload('FIRST', toneWav(1))
    expect(name.statusCode).toBe(409)
    expect(name.json().error.code).toBe('E_VOICE_NAME_TAKEN')
  })

  it('names with path tricks are stored as labels; files are named by hash only', async () => {
    const res = await upload('../../../../tmp/evil', clip, '../../../../tmp/evil.wav')
    expect(res.statusCode).toBe(201)
    expect(res.json().voice.name).toBe('../../../../tmp/evil')
    expect(readdirSync(library.clipsDir)).toEqual([expect.stringMatching(/^[0-9a-f]{64}\.wav$/)])
    const del = await app.inject({
      method: 'DELETE',
      url: `/api/voices/${encodeURIComponent('../../../../tmp/evil')}`,
    })
    expect(del.statusCode).toBe(204)
  })

  it('refuses non-audio (415), broken audio (422), oversized uploads (413) and missing parts (400)', async () => {
    const text = await upload('t', new TextEncoder().encode('hello, not audio'))
    expect(text.statusCode).toBe(415)
    expect(text.json().error.code).toBe('E_AUDIO_UNSUPPORTED')

    const broken = new Uint8Array(64)
    broken.set(new TextEncoder().encode('RIFF\0\0\0\0WAVEjunk'))
    const bad = await upload('b', broken)
    expect(bad.statusCode).toBe(422)
    expect(bad.json().error.code).toBe('E_AUDIO_UNREADABLE')

    const big = await upload('big', toneWav(10, 16_000)) // 320 KB > 200 KB limit
    expect(big.statusCode).toBe(413)
    expect(big.json().error.code).toBe('E_PAYLOAD_TOO_LARGE')

    const noClip = await app.inject({ method: 'POST', url: '/api/voices', ...(await form({ name: 'x' })) })
    expect(noClip.statusCode).toBe(400)
    const noName = await app.inject({
      method: 'POST',
      url: '/api/voices',
      ...(await form({}, { clip: { bytes: clip } })),
    })
    expect(noName.statusCode).toBe(400)
    const json = await app.inject({ method: 'POST', url: '/api/voices', payload: { name: 'x' } })
    expect(json.statusCode).toBe(415)
    expect(json.json().error.code).toBe('E_MEDIA_TYPE_UNSUPPORTED')
    expect(library.list()).toEqual([])
  })
})
