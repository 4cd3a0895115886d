import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { decodeAudio, encodeAudio } from '../../../src/audio/index.js'
import { isMynahError } from '../../../src/core/errors.js'
import type { Audio } from '../../../src/core/types.js'
import { requireTestdata, testdata } from '../../helpers/env.js'
import { randomBytes, tones } from './signals.js'

type Outcome = 'audio' | 'E_AUDIO_UNREADABLE' | 'E_AUDIO_UNSUPPORTED'

/** Decode, and insist on the only acceptable outcomes: sane audio or a typed audio error. */
async function outcomeOf(bytes: Uint8Array, label: string): Promise<Outcome> {
  let audio: Audio
  try {
    audio = await decodeAudio(bytes, { maxSeconds: 60 })
  } catch (error) {
    if (!isMynahError(error)) throw new Error(`${label}: threw a non-Mynah error: ${String(error)}`)
    if (error.code !== 'E_AUDIO_UNREADABLE' && error.code !== 'E_AUDIO_UNSUPPORTED')
      throw new Error(`${label}: unexpected code ${error.code}`)
    return error.code
  }
  expect(audio.sampleRate, label).toBeGreaterThanOrEqual(1000)
  expect(audio.sampleRate, label).toBeLessThanOrEqual(768000)
  expect(audio.samples.length, label).toBeGreaterThan(0)
  expect(audio.samples.length / audio.sampleRate, label).toBeLessThanOrEqual(60)
  expect(
    audio.samples.every((x) => Number.isFinite(x)),
    label,
  ).toBe(true)
  return 'audio'
}

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0))

function wavHeaderWith(fields: {
  riff?: number
  fmtSize?: number
  tag?: number
  channels?: number
  rate?: number
  blockAlign?: number
  bits?: number
  dataSize?: number
  body?: number
}): Uint8Array {
  const out = new Uint8Array(44 + (fields.body ?? 8))
  const v = new DataView(out.buffer)
  out.set(ascii('RIFF'), 0)
  v.setUint32(4, fields.riff ?? 36 + (fields.body ?? 8), true)
  out.set(ascii('WAVEfmt '), 8)
  v.setUint32(16, fields.fmtSize ?? 16, true)
  v.setUint16(20, fields.tag ?? 1, true)
  v.setUint16(22, fields.channels ?? 1, true)
  v.setUint32(24, fields.rate ?? 16000, true)
  v.setUint32(28, 32000, true)
  v.setUint16(32, fields.blockAlign ?? 2, true)
  v.setUint16(34, fields.bits ?? 16, true)
  out.set(ascii('data'), 36)
  v.setUint32(40, fields.dataSize ?? fields.body ?? 8, true)
  return out
}

describe('decodeAudio never crashes or hangs on hostile input', () => {
  it('200 random, prefixed, truncated, corrupted and absurd inputs give audio or E_AUDIO_* only', async () => {
    const tone = tones(16000, 0.5, [[440, 0.5]])
    const encoded: Uint8Array[] = await Promise.all(
      (['wav', 'mp3', 'opus', 'flac'] as const).map((f) => encodeAudio(tone, f)),
    )
    if (requireTestdata())
      encoded.push(
        new Uint8Array(readFileSync(testdata('voices', 'librispeech-librosa/198-209-0000.ogg'))).subarray(
          0,
          16000,
        ),
      )
    const magic = [
      ascii('RIFF\x10\0\0\0WAVEfmt '),
      ascii('RF64\xff\xff\xff\xffWAVEds64'),
      ascii('fLaC\0\0\0\x22'),
      ascii('ID3\x04\0\0\0\0\0\x10'),
      Uint8Array.of(0xff, 0xf3, 0x84, 0xc4),
      encoded[2].subarray(0, 47), // Ogg page with OpusHead
      encoded.at(-1)!.subarray(0, 58), // Ogg page with the Vorbis identification header
    ]
    const inputs: [string, Uint8Array][] = []
    let seed = 1
    // 60 random buffers, 40 of them behind a real magic number so they reach the decoders.
    for (let i = 0; i < 60; i++) {
      const body = randomBytes(seed++, (i * 97) % 3000)
      const head = i < 20 ? new Uint8Array(0) : magic[i % magic.length]
      const bytes = new Uint8Array(head.length + body.length)
      bytes.set(head)
      bytes.set(body, head.length)
      inputs.push([`random #${i}`, bytes])
    }
    // 70 truncations of real encoded files, from 1 byte to nearly whole.
    for (let i = 0; i < 70; i++) {
      const source = encoded[i % encoded.length]
      const cut = Math.max(1, Math.floor(source.length * (((i * 37) % 100) / 100)))
      inputs.push([`truncated #${i} (${cut} of ${source.length} bytes)`, source.subarray(0, cut)])
    }
    // 50 corruptions: random bytes overwritten inside real files.
    for (let i = 0; i < 50; i++) {
      const bytes = encoded[i % encoded.length].slice()
      const noise = randomBytes(seed++, 8 + (i % 5) * 16)
      const at = (i * 131) % Math.max(1, bytes.length - noise.length)
      bytes.set(noise.subarray(0, Math.min(noise.length, bytes.length - at)), at)
      inputs.push([`corrupted #${i} at ${at}`, bytes])
    }
    // 20 wav headers with absurd fields.
    const absurd = [
      { riff: 0xffffffff },
      { dataSize: 0xffffffff },
      { dataSize: 0 },
      { fmtSize: 0xffffffff },
      { fmtSize: 2 },
      { channels: 0 },
      { channels: 65535, blockAlign: 65535 },
      { rate: 0 },
      { rate: 0xffffffff },
      { rate: 999 },
      { blockAlign: 0 },
      { bits: 0 },
      { bits: 7 },
      { bits: 64 },
      { tag: 3, bits: 16 },
      { tag: 0xfffe },
      { tag: 0x55 },
      { channels: 3, blockAlign: 2 },
      { body: 0 },
      { body: 1 },
    ]
    for (const [i, fields] of absurd.entries())
      inputs.push([`wav ${JSON.stringify(fields)} #${i}`, wavHeaderWith(fields)])
    expect(inputs.length).toBe(200)

    const tally: Record<Outcome, number> = { audio: 0, E_AUDIO_UNREADABLE: 0, E_AUDIO_UNSUPPORTED: 0 }
    for (const [label, bytes] of inputs) tally[await outcomeOf(bytes, label)]++
    // Each outcome must occur, or the generator is not reaching the decoders at all.
    expect(tally.audio).toBeGreaterThan(10)
    expect(tally.E_AUDIO_UNREADABLE).toBeGreaterThan(10)
    expect(tally.E_AUDIO_UNSUPPORTED).toBeGreaterThan(5)
  })

  it('an empty input is unreadable and an aborted signal cancels', async () => {
    await expect(decodeAudio(new Uint8Array(0))).rejects.toMatchObject({ code: 'E_AUDIO_UNREADABLE' })
    const controller = new AbortController()
    controller.abort()
    await expect(decodeAudio(new Uint8Array(10), { signal: controller.signal })).rejects.toMatchObject({
      code: 'E_CANCELLED',
    })
  })
})
