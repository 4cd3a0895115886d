import { describe, expect, it } from 'vitest'
import { decodeAudio, encodeAudio } from '../../../src/audio/index.js'
import { decodeWav, wavHeader } from '../../../src/audio/wav.js'
import { MynahError } from '../../../src/core/errors.js'

/** A WAV writer independent of the code under test: explicit fields, optional extensible header. */
function makeWav(options: {
  tag: number
  channels: number
  rate: number
  bits: number
  frames: number[][] // frames[i][channel] = raw sample value as stored
  extensible?: boolean
  extraChunk?: boolean
  dataSize?: number
}): Uint8Array {
  const { tag, channels, rate, bits, frames } = options
  const bytesPer = bits / 8
  const blockAlign = channels * bytesPer
  const data = new Uint8Array(frames.length * blockAlign)
  const dv = new DataView(data.buffer)
  for (let i = 0; i < frames.length; i++) {
    for (let c = 0; c < frames[i].length; c++) {
      const value = frames[i][c]
      const at = i * blockAlign + c * bytesPer
      if (tag === 3 && bits === 32) dv.setFloat32(at, value, true)
      else if (tag === 3 && bits === 64) dv.setFloat64(at, value, true)
      else if (bits === 8) dv.setUint8(at, value)
      else if (bits === 16) dv.setInt16(at, value, true)
      else if (bits === 24) data.set([value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff], at)
      else dv.setInt32(at, value, true)
    }
  }
  const fmtSize = options.extensible ? 40 : 16
  const extra = options.extraChunk ? 8 + 5 + 1 : 0 // odd-sized LIST chunk plus its pad byte
  const out = new Uint8Array(12 + 8 + fmtSize + extra + 8 + data.length)
  const v = new DataView(out.buffer)
  const put = (at: number, text: string) => {
    for (let i = 0; i < text.length; i++) out[at + i] = text.charCodeAt(i)
  }
  put(0, 'RIFF')
  v.setUint32(4, out.length - 8, true)
  put(8, 'WAVE')
  put(12, 'fmt ')
  v.setUint32(16, fmtSize, true)
  v.setUint16(20, options.extensible ? 0xfffe : tag, true)
  v.setUint16(22, channels, true)
  v.setUint32(24, rate, true)
  v.setUint32(28, rate * blockAlign, true)
  v.setUint16(32, blockAlign, true)
  v.setUint16(34, bits, true)
  if (options.extensible) {
    v.setUint16(36, 22, true)
    v.setUint16(38, bits, true)
    v.setUint32(40, 0, true)
    v.setUint16(44, tag, true) // sub-format GUID starts with the format tag
    out.set([0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71], 46)
  }
  let at = 20 + fmtSize
  if (options.extraChunk) {
    put(at, 'LIST')
    v.setUint32(at + 4, 5, true)
    at += 8 + 5 + 1
  }
  put(at, 'data')
  v.setUint32(at + 4, options.dataSize ?? data.length, true)
  out.set(data, at + 8)
  return out
}

describe('wav decoding', () => {
  it('reads 8-bit unsigned PCM', async () => {
    const a = await decodeAudio(
      makeWav({ tag: 1, channels: 1, rate: 8000, bits: 8, frames: [[128], [255], [0]] }),
    )
    expect(a.sampleRate).toBe(8000)
    expect(Array.from(a.samples)).toEqual([0, 127 / 128, -1])
  })

  it('reads 16, 24 and 32-bit integer PCM at full scale', async () => {
    const cases: [number, number[]][] = [
      [16, [16384, -32768]],
      [24, [1 << 22, -(1 << 23)]],
      [32, [1 << 30, -(2 ** 31)]],
    ]
    for (const [bits, values] of cases) {
      const a = await decodeAudio(
        makeWav({ tag: 1, channels: 1, rate: 16000, bits, frames: values.map((x) => [x]) }),
      )
      expect(Array.from(a.samples), `${bits}-bit`).toEqual([0.5, -1])
    }
  })

  it('reads float32 and float64, and zeroes NaN/Infinity', async () => {
    const f32 = await decodeAudio(
      makeWav({ tag: 3, channels: 1, rate: 24000, bits: 32, frames: [[0.25], [Number.NaN]] }),
    )
    expect(Array.from(f32.samples)).toEqual([0.25, 0])
    const f64 = await decodeAudio(
      makeWav({ tag: 3, channels: 1, rate: 24000, bits: 64, frames: [[-0.125], [Number.POSITIVE_INFINITY]] }),
    )
    expect(Array.from(f64.samples)).toEqual([-0.125, 0])
  })

  it('reads WAVE_FORMAT_EXTENSIBLE and mixes any channel count to mono, skipping unknown chunks', async () => {
    const frames = [
      [16384, -16384, 8192, 8192, 0, 0],
      [32767, 32767, 32767, 32767, 32767, 32767],
    ]
    const a = await decodeAudio(
      makeWav({ tag: 1, channels: 6, rate: 48000, bits: 16, frames, extensible: true, extraChunk: true }),
    )
    expect(a.sampleRate).toBe(48000)
    expect(a.samples[0]).toBeCloseTo(16384 / 6 / 32768, 7)
    expect(a.samples[1]).toBeCloseTo(32767 / 32768, 7)
  })

  it('reads G.711 µ-law and A-law', async () => {
    // µ-law 0x00 is the most negative code (-32124), 0xFF is zero; A-law 0xD5 is +8, 0x2A is -32256.
    const mu = await decodeAudio(
      makeWav({ tag: 7, channels: 1, rate: 8000, bits: 8, frames: [[0x00], [0xff]] }),
    )
    expect(Array.from(mu.samples).map((x) => Math.round(x * 32768))).toEqual([-32124, 0])
    const a = await decodeAudio(
      makeWav({ tag: 6, channels: 1, rate: 8000, bits: 8, frames: [[0xd5], [0x2a]] }),
    )
    expect(Array.from(a.samples).map((x) => Math.round(x * 32768))).toEqual([8, -32256])
  })

  it('reads a streamed WAV whose sizes say 0xFFFFFFFF up to the end of the bytes', () => {
    const pcm = new Uint8Array(10) // 5 frames of silence
    const bytes = new Uint8Array(44 + pcm.length)
    bytes.set(wavHeader(24000))
    const a = decodeWav(bytes)
    expect(a.samples.length).toBe(5)
  })

  it('rejects absurd headers with E_AUDIO_UNREADABLE and unknown codecs with E_AUDIO_UNSUPPORTED', async () => {
    const bad = [
      makeWav({ tag: 1, channels: 0, rate: 16000, bits: 16, frames: [] }),
      makeWav({ tag: 1, channels: 1, rate: 0, bits: 16, frames: [[1]] }),
      makeWav({ tag: 1, channels: 1, rate: 4_000_000_000, bits: 16, frames: [[1]] }),
      makeWav({ tag: 1, channels: 1, rate: 16000, bits: 12, frames: [] }),
      makeWav({ tag: 1, channels: 1, rate: 16000, bits: 16, frames: [] }),
      makeWav({ tag: 1, channels: 1, rate: 16000, bits: 16, frames: [[1]] }).subarray(0, 30),
    ]
    for (const bytes of bad) {
      const error = await decodeAudio(bytes).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(MynahError)
      expect((error as MynahError).code).toBe('E_AUDIO_UNREADABLE')
    }
    const adpcm = await decodeAudio(makeWav({ tag: 2, channels: 1, rate: 8000, bits: 4, frames: [] })).catch(
      (e) => e,
    )
    expect((adpcm as MynahError).code).toBe('E_AUDIO_UNSUPPORTED')
  })

  it('refuses audio longer than maxSeconds before allocating it', async () => {
    const bytes = makeWav({
      tag: 1,
      channels: 1,
      rate: 8000,
      bits: 8,
      frames: Array.from({ length: 16000 }, () => [128]),
    })
    await expect(decodeAudio(bytes, { maxSeconds: 1 })).rejects.toMatchObject({ code: 'E_AUDIO_UNREADABLE' })
    expect((await decodeAudio(bytes, { maxSeconds: 3 })).samples.length).toBe(16000)
  })
})

describe('wav and pcm encoding', () => {
  it('writes a canonical 44-byte header and exact 16-bit samples', async () => {
    const samples = new Float32Array([0, 0.5, -1, 1, -0.25])
    const bytes = await encodeAudio({ samples, sampleRate: 22050 }, 'wav')
    const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('RIFF')
    expect(v.getUint32(4, true)).toBe(36 + 10)
    expect(v.getUint32(24, true)).toBe(22050)
    expect(v.getUint16(34, true)).toBe(16)
    expect(v.getUint32(40, true)).toBe(10)
    expect([0, 1, 2, 3, 4].map((i) => v.getInt16(44 + i * 2, true))).toEqual([0, 16384, -32768, 32767, -8192])
    const pcm = await encodeAudio({ samples, sampleRate: 22050 }, 'pcm')
    expect(Array.from(pcm)).toEqual(Array.from(bytes.subarray(44)))
  })
})
