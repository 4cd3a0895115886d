import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { decodeAudio, rms, sniffAudioType } from '../../../src/audio/index.js'
import { requireTestdata, testdata } from '../../helpers/env.js'

interface ManifestEntry {
  file: string
  sample_rate: number
  duration_s: number
  num_samples: number
  encoding: string
}

const hasData = requireTestdata()

describe.skipIf(!hasData)('decoding the shared real recordings', () => {
  const manifest = hasData
    ? (JSON.parse(readFileSync(testdata('voices', 'manifest.json'), 'utf8')) as ManifestEntry[])
    : []
  // One file of each encoding the shared data holds: PCM16 wav, float32 wav, Ogg Vorbis.
  const picks = [
    'ljspeech/LJ001-0002.wav',
    'cosyvoice/zero_shot_prompt.wav',
    'librispeech-librosa/198-209-0000.ogg',
  ]

  for (const file of picks) {
    it(`decodes ${file} with the manifest's rate and length`, async () => {
      const entry = manifest.find((e) => e.file === file)
      expect(entry, `${file} in manifest.json`).toBeDefined()
      const bytes = new Uint8Array(readFileSync(testdata('voices', file)))
      expect(sniffAudioType(bytes)).toBe(file.endsWith('.ogg') ? 'ogg-vorbis' : 'wav')
      const audio = await decodeAudio(bytes)
      expect(audio.sampleRate).toBe(entry!.sample_rate)
      expect(audio.samples.length).toBe(entry!.num_samples)
      expect(audio.samples.length / audio.sampleRate).toBeCloseTo(entry!.duration_s, 3)
      // Speech: well above silence, never above full scale.
      expect(20 * Math.log10(rms(audio.samples))).toBeGreaterThan(-40)
      expect(audio.samples.every((x) => Number.isFinite(x) && Math.abs(x) <= 1)).toBe(true)
    })
  }

  it('decodes PCM16 wav to exactly sample/32768', async () => {
    const bytes = new Uint8Array(readFileSync(testdata('voices', 'ljspeech/LJ001-0002.wav')))
    const audio = await decodeAudio(bytes)
    const view = new DataView(bytes.buffer, bytes.byteOffset)
    // The LJSpeech files are canonical 44-byte-header wavs.
    for (const i of [0, 1000, 20000, audio.samples.length - 1])
      expect(audio.samples[i]).toBe(view.getInt16(44 + i * 2, true) / 32768)
  })
})

describe('sniffAudioType', () => {
  it('recognises magic bytes and nothing else', () => {
    const ascii = (s: string) => new Uint8Array([...s].map((c) => c.charCodeAt(0)))
    expect(sniffAudioType(ascii('RIFF\0\0\0\0WAVEfmt '))).toBe('wav')
    expect(sniffAudioType(ascii('fLaC\0\0\0\x22'))).toBe('flac')
    expect(sniffAudioType(ascii('RIFF\0\0\0\0AVI LIST'))).toBeNull()
    expect(sniffAudioType(ascii('hello world, not audio'))).toBeNull()
    expect(sniffAudioType(new Uint8Array(0))).toBeNull()
    // Two consecutive MPEG-2 Layer III frame headers (24 kHz, 64 kbps, 192 bytes each).
    const mp3 = new Uint8Array(400)
    mp3.set([0xff, 0xf3, 0x84, 0xc4], 0)
    mp3.set([0xff, 0xf3, 0x84, 0xc4], 192)
    expect(sniffAudioType(mp3)).toBe('mp3')
    // A lone sync word followed by garbage where the next header should be is not enough.
    const fake = mp3.slice()
    fake.fill(0, 192, 196)
    expect(sniffAudioType(fake)).toBeNull()
  })
})
