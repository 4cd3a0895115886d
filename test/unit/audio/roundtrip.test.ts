import { describe, expect, it } from 'vitest'
import {
  contentTypeOf,
  createStreamEncoder,
  decodeAudio,
  encodeAudio,
  sniffAudioType,
} from '../../../src/audio/index.js'
import { OPUS_PRE_SKIP_48K } from '../../../src/audio/opus.js'
import { mpegFrameLength } from '../../../src/audio/sniff.js'
import { concatBytes } from '../../../src/core/arrays.js'
import type { Audio, OutputFormat } from '../../../src/core/types.js'
import { bestAlignment, db, tonePower, tones } from './signals.js'

// 440 Hz + 1 kHz, 2.0 s at 24 kHz, peaks at 0.6.
const signal = tones(24000, 2, [
  [440, 0.3],
  [1000, 0.3],
])

function quantised16(samples: Float32Array): Float32Array {
  return samples.map((x) => Math.max(-32768, Math.min(32767, Math.round(x * 32768))) / 32768 || 0)
}

/** Exact equality, reporting the first difference instead of diffing 48 000 numbers. */
function expectIdentical(actual: Float32Array, expected: Float32Array) {
  expect(actual.length).toBe(expected.length)
  const first = actual.findIndex((x, i) => x !== expected[i])
  expect(first, first >= 0 ? `sample ${first}: ${actual[first]} vs ${expected[first]}` : '').toBe(-1)
}

/** The two tones dominate: each is >= 25 dB above off-tone probes. */
function expectTonesSurvive(audio: Audio) {
  const x = audio.samples.subarray(Math.round(0.2 * audio.sampleRate), Math.round(1.8 * audio.sampleRate))
  const on = [440, 1000].map((hz) => db(tonePower(x, audio.sampleRate, hz)))
  const off = [300, 700, 1500, 3000].map((hz) => db(tonePower(x, audio.sampleRate, hz)))
  for (const level of on) {
    expect(level).toBeGreaterThan(db(0.3 ** 2 / 4) - 1.5)
    expect(level - Math.max(...off)).toBeGreaterThan(25)
  }
}

describe('lossless formats are bit-exact at 16 bits', () => {
  for (const format of ['wav', 'flac'] as const) {
    it(`${format}: decode(encode(x)) equals x quantised to 16 bits, and re-encodes to the same bytes`, async () => {
      const bytes = await encodeAudio(signal, format)
      expect(sniffAudioType(bytes)).toBe(format)
      const back = await decodeAudio(bytes)
      expect(back.sampleRate).toBe(24000)
      expectIdentical(back.samples, quantised16(signal.samples))
      expect(await encodeAudio(back, format)).toEqual(bytes)
    })
  }

  it('flac STREAMINFO carries the sample count and the MD5 of the audio', async () => {
    const bytes = await encodeAudio(signal, 'flac')
    const si = bytes.subarray(8, 8 + 34)
    const total = (si[13] & 0x0f) * 2 ** 32 + ((si[14] << 24) >>> 0) + (si[15] << 16) + (si[16] << 8) + si[17]
    expect(total).toBe(48000)
    const { createHash } = await import('node:crypto')
    const pcm = await encodeAudio(signal, 'pcm')
    expect(Buffer.from(si.subarray(18, 34)).toString('hex')).toBe(createHash('md5').update(pcm).digest('hex'))
  })
})

describe('lossy formats keep length and content', () => {
  it('mp3: the LAME tag trims priming and padding, so the length is exact', async () => {
    const bytes = await encodeAudio(signal, 'mp3')
    expect(sniffAudioType(bytes)).toBe('mp3')
    expect(new TextDecoder().decode(bytes.subarray(13, 17))).toBe('Info')
    const back = await decodeAudio(bytes)
    expect(back.sampleRate).toBe(24000)
    expect(back.samples.length).toBe(48000)
    const { lag, correlation } = bestAlignment(signal.samples, back.samples, 50, [4800, 9600])
    expect(Math.abs(lag)).toBeLessThanOrEqual(1)
    expect(correlation).toBeGreaterThan(0.95)
    expectTonesSurvive(back)
  })

  it('opus: decodes at the coding rate with the exact length and no offset', async () => {
    const bytes = await encodeAudio(signal, 'opus')
    expect(sniffAudioType(bytes)).toBe('ogg-opus')
    const view = new DataView(bytes.buffer, bytes.byteOffset)
    expect(view.getUint16(28 + 10, true)).toBe(OPUS_PRE_SKIP_48K) // OpusHead pre-skip
    expect(view.getUint32(28 + 12, true)).toBe(24000) // OpusHead input rate
    const back = await decodeAudio(bytes)
    expect(back.sampleRate).toBe(24000)
    expect(back.samples.length).toBe(48000)
    const { lag, correlation } = bestAlignment(signal.samples, back.samples, 50, [4800, 9600])
    expect(Math.abs(lag)).toBeLessThanOrEqual(1)
    expect(correlation).toBeGreaterThan(0.95)
    expectTonesSurvive(back)
  })

  it('opus: pre-skip matches the encoder delay (an impulse comes back where it went in)', async () => {
    const samples = new Float32Array(24000)
    for (let i = 0; i < 48; i++)
      samples[6000 + i] = 0.8 * Math.sin((Math.PI * i) / 48) * Math.sin((2 * Math.PI * i) / 8)
    const back = await decodeAudio(
      await encodeAudio({ samples, sampleRate: 24000 }, 'opus', { bitrateKbps: 64 }),
    )
    const { lag } = bestAlignment(samples, back.samples, 400, [5900, 6200])
    expect(lag).toBe(0)
  })

  it('opus: rates Opus lacks are resampled to the next coding rate and recorded in OpusHead', async () => {
    const at22k = tones(22050, 1, [[440, 0.5]])
    const bytes = await encodeAudio(at22k, 'opus')
    expect(new DataView(bytes.buffer, bytes.byteOffset).getUint32(28 + 12, true)).toBe(22050)
    const back = await decodeAudio(bytes)
    expect(back.sampleRate).toBe(24000)
    expect(back.samples.length).toBe(24000)
    const x = back.samples.subarray(2400, 21600)
    expect(db(tonePower(x, 24000, 440))).toBeGreaterThan(db(0.25 / 4) - 1.5)
  })

  it('mp3 snaps bitrates to legal values and rejects absurd ones', async () => {
    const short = tones(24000, 0.5, [[440, 0.5]])
    const kbps = (bytes: Uint8Array) => {
      const idx = bytes[mpegFrameLength(bytes, 0) + 2] >> 4 // first audio frame after the tag frame
      return [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160][idx]
    }
    expect(kbps(await encodeAudio(short, 'mp3', { bitrateKbps: 31 }))).toBe(32)
    await expect(encodeAudio(short, 'mp3', { bitrateKbps: 1000 })).rejects.toMatchObject({
      code: 'E_INVALID_ARGUMENT',
    })
    await expect(encodeAudio(short, 'opus', { bitrateKbps: 1 })).rejects.toMatchObject({
      code: 'E_INVALID_ARGUMENT',
    })
  })
})

describe('hostile sample values', () => {
  it('NaN, Infinity and overs do not break any encoder (one NaN used to silence a whole mp3)', async () => {
    const x = tones(24000, 1, [[440, 0.5]]).samples
    x[100] = Number.NaN
    x[200] = Number.POSITIVE_INFINITY
    x[300] = -7
    for (const format of ['wav', 'mp3', 'opus', 'flac'] as const) {
      const back = await decodeAudio(await encodeAudio({ samples: x, sampleRate: 24000 }, format))
      expect(back.samples.every(Number.isFinite), format).toBe(true)
      expect(db(tonePower(back.samples.subarray(2400), 24000, 440)), format).toBeGreaterThan(
        db(0.25 / 4) - 1.5,
      )
    }
  })
})

describe('stream encoders', () => {
  const formats: OutputFormat[] = ['wav', 'pcm', 'mp3', 'opus', 'flac']
  for (const format of formats) {
    it(`${format}: chunks concatenate to one decodable file of the same duration`, async () => {
      const encoder = await createStreamEncoder(format, 24000)
      expect(encoder.contentType).toBe(contentTypeOf(format))
      const chunks: Uint8Array[] = []
      // Uneven chunk sizes, like segments coming out of synthesis.
      const cuts = [0, 1000, 1001, 9000, 24000, 30000, 48000]
      for (let k = 1; k < cuts.length; k++)
        chunks.push(encoder.write(signal.samples.subarray(cuts[k - 1], cuts[k])))
      chunks.push(encoder.end())
      if (format !== 'pcm')
        expect(chunks[0].length, 'header bytes are out with the first write').toBeGreaterThan(0)
      const bytes = concatBytes(chunks)
      if (format === 'pcm') {
        expect(bytes).toEqual(await encodeAudio(signal, 'pcm'))
        return
      }
      const back = await decodeAudio(bytes)
      expect(back.sampleRate).toBe(24000)
      // Without a LAME tag a streamed mp3 keeps 576 + 529 priming samples and up to a frame of padding.
      const extra = format === 'mp3' ? 1105 + 576 : 0
      expect(back.samples.length).toBeGreaterThanOrEqual(48000)
      expect(back.samples.length).toBeLessThanOrEqual(48000 + extra)
      if (format === 'wav' || format === 'flac') expectIdentical(back.samples, quantised16(signal.samples))
      else
        expectTonesSurvive({ samples: back.samples.subarray(format === 'mp3' ? 1105 : 0), sampleRate: 24000 })
    })
  }

  it('streamed opus pages are each complete: a prefix of the chunks decodes on its own', async () => {
    const encoder = await createStreamEncoder('opus', 24000)
    const first = encoder.write(signal.samples.subarray(0, 24000))
    const prefix = await decodeAudio(first)
    // 24000 samples = 50 frames; the encoder's lookahead keeps nothing back from whole frames.
    expect(prefix.samples.length).toBe(24000 - OPUS_PRE_SKIP_48K / 2)
    encoder.end()
  })

  it('rejects unknown formats and bad rates', async () => {
    await expect(createStreamEncoder('aac' as OutputFormat, 24000)).rejects.toMatchObject({
      code: 'E_FORMAT_UNSUPPORTED',
    })
    await expect(encodeAudio(signal, 'ogg' as OutputFormat)).rejects.toMatchObject({
      code: 'E_FORMAT_UNSUPPORTED',
    })
    await expect(createStreamEncoder('wav', 0)).rejects.toMatchObject({ code: 'E_INVALID_ARGUMENT' })
  })
})
