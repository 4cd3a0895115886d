/**
 * WAV (RIFF/RF64 WAVE) reading and writing, by hand: the format is small and an exact,
 * allocation-bounded parser is easier to harden against hostile input than a library.
 *
 * Reads PCM 8/16/24/32-bit integer, IEEE float 32/64, A-law and µ-law, plain or
 * WAVE_FORMAT_EXTENSIBLE, any channel count (mixed down to mono by averaging).
 * References: Microsoft "Multimedia Programming Interface and Data Specifications 1.0"
 * (RIFF, WAVE fmt), "WAVEFORMATEXTENSIBLE" (mmreg.h / ksmedia.h sub-format GUIDs),
 * EBU Tech 3306 (RF64 and its ds64 chunk), ITU-T G.711 (A-law, µ-law).
 */
import { MynahError } from '../core/errors.js'
import type { Audio } from '../core/types.js'

const FORMAT_PCM = 0x0001
const FORMAT_FLOAT = 0x0003
const FORMAT_ALAW = 0x0006
const FORMAT_MULAW = 0x0007
const FORMAT_EXTENSIBLE = 0xfffe

/** Sample rates outside this range are treated as corrupt headers, not as audio. */
export const MIN_SAMPLE_RATE = 1000
export const MAX_SAMPLE_RATE = 768_000
const MAX_CHANNELS = 256

/** Value written as the RIFF and data sizes of a stream whose length is not known yet (as ffmpeg does). */
export const STREAMING_SIZE = 0xffffffff

function unreadable(detail: string): MynahError {
  return new MynahError('E_AUDIO_UNREADABLE', { detail })
}

function fourcc(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3])
}

interface WavFormat {
  readonly encoding: 'int' | 'float' | 'alaw' | 'mulaw'
  readonly channels: number
  readonly sampleRate: number
  readonly bitsPerSample: number
  readonly blockAlign: number
}

function parseFmt(view: DataView, at: number, size: number): WavFormat {
  if (size < 14) throw unreadable('fmt chunk is too short')
  let tag = view.getUint16(at, true)
  const channels = view.getUint16(at + 2, true)
  const sampleRate = view.getUint32(at + 4, true)
  const blockAlign = view.getUint16(at + 12, true)
  const bitsPerSample = size >= 16 ? view.getUint16(at + 14, true) : 8
  if (tag === FORMAT_EXTENSIBLE) {
    // cbSize(2) validBits(2) channelMask(4) then the sub-format GUID whose first two bytes are the tag.
    if (size < 40) throw unreadable('WAVE_FORMAT_EXTENSIBLE fmt chunk is too short')
    tag = view.getUint16(at + 24, true)
  }
  if (channels < 1 || channels > MAX_CHANNELS) throw unreadable(`wav header declares ${channels} channels`)
  if (sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE)
    throw unreadable(`wav header declares a sample rate of ${sampleRate} Hz`)
  let encoding: WavFormat['encoding']
  if (tag === FORMAT_PCM) {
    if (![8, 16, 24, 32].includes(bitsPerSample)) throw unreadable(`${bitsPerSample}-bit integer PCM`)
    encoding = 'int'
  } else if (tag === FORMAT_FLOAT) {
    if (bitsPerSample !== 32 && bitsPerSample !== 64) throw unreadable(`${bitsPerSample}-bit float PCM`)
    encoding = 'float'
  } else if (tag === FORMAT_ALAW || tag === FORMAT_MULAW) {
    if (bitsPerSample !== 8) throw unreadable(`${bitsPerSample}-bit G.711`)
    encoding = tag === FORMAT_ALAW ? 'alaw' : 'mulaw'
  } else {
    throw new MynahError('E_AUDIO_UNSUPPORTED', { type: `wav (format tag 0x${tag.toString(16)})` })
  }
  if (blockAlign < channels * (bitsPerSample / 8))
    throw unreadable('wav block align is smaller than one frame')
  return { encoding, channels, sampleRate, bitsPerSample, blockAlign }
}

/** G.711 µ-law byte to linear, scaled to [-1, 1) (ITU-T G.711 table 2, as in Sun's g711.c). */
function mulawToFloat(byte: number): number {
  const u = ~byte & 0xff
  const t = (((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4)
  return ((u & 0x80 ? 0x84 - t : t - 0x84) as number) / 32768
}

/** G.711 A-law byte to linear, scaled to [-1, 1) (ITU-T G.711 table 1, as in Sun's g711.c). */
function alawToFloat(byte: number): number {
  const a = byte ^ 0x55
  let t = (a & 0x0f) << 4
  const seg = (a & 0x70) >> 4
  if (seg === 0) t += 8
  else if (seg === 1) t += 0x108
  else t = (t + 0x108) << (seg - 1)
  return (a & 0x80 ? t : -t) / 32768
}

function readSample(view: DataView, bytes: Uint8Array, at: number, format: WavFormat): number {
  switch (format.encoding) {
    case 'float':
      return format.bitsPerSample === 32 ? view.getFloat32(at, true) : view.getFloat64(at, true)
    case 'alaw':
      return alawToFloat(bytes[at])
    case 'mulaw':
      return mulawToFloat(bytes[at])
    default:
      switch (format.bitsPerSample) {
        case 8:
          return (bytes[at] - 128) / 128
        case 16:
          return view.getInt16(at, true) / 32768
        case 24:
          return ((bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16)) << 8) / 2147483648
        default:
          return view.getInt32(at, true) / 2147483648
      }
  }
}

/**
 * Decode a WAV file to mono. A data chunk that claims more bytes than the file holds is
 * read up to the end of the file: that is how streamed WAV (size 0xFFFFFFFF or 0) and
 * files cut short arrive, and ffmpeg and sox read them the same way.
 */
export function decodeWav(bytes: Uint8Array, maxSeconds = Number.POSITIVE_INFINITY): Audio {
  if (bytes.length < 12) throw unreadable('file is shorter than a RIFF header')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const riff = fourcc(bytes, 0)
  if ((riff !== 'RIFF' && riff !== 'RF64') || fourcc(bytes, 8) !== 'WAVE')
    throw unreadable('not a RIFF WAVE file')
  let format: WavFormat | undefined
  let rf64DataSize: number | undefined
  let at = 12
  while (at + 8 <= bytes.length) {
    const id = fourcc(bytes, at)
    let size = view.getUint32(at + 4, true)
    const body = at + 8
    if (id === 'ds64' && size >= 24) {
      // 64-bit sizes: riff(8) data(8) sampleCount(8); the data size must fit in this file anyway.
      rf64DataSize = view.getUint32(body + 8, true) + view.getUint32(body + 12, true) * 2 ** 32
    } else if (id === 'fmt ') {
      if (body + size > bytes.length) throw unreadable('fmt chunk runs past the end of the file')
      format = parseFmt(view, body, size)
    } else if (id === 'data') {
      if (!format) throw unreadable('data chunk comes before the fmt chunk')
      if (riff === 'RF64' && size === STREAMING_SIZE && rf64DataSize !== undefined) size = rf64DataSize
      const available = Math.min(size === 0 ? Number.POSITIVE_INFINITY : size, bytes.length - body)
      const frames = Math.floor(available / format.blockAlign)
      if (frames / format.sampleRate > maxSeconds)
        throw unreadable(`the audio is longer than the limit of ${maxSeconds} s`)
      return framesToMono(view, bytes, body, frames, format)
    }
    at = body + size + (size & 1)
  }
  throw unreadable(format ? 'no data chunk' : 'no fmt chunk')
}

function framesToMono(
  view: DataView,
  bytes: Uint8Array,
  start: number,
  frames: number,
  format: WavFormat,
): Audio {
  if (frames < 1) throw unreadable('wav data chunk holds no complete sample frame')
  const { channels, blockAlign } = format
  const step = format.bitsPerSample / 8
  const samples = new Float32Array(frames)
  for (let i = 0, at = start; i < frames; i++, at += blockAlign) {
    let sum = 0
    for (let c = 0; c < channels; c++) sum += readSample(view, bytes, at + c * step, format)
    const value = sum / channels
    // NaN or infinite floats in a corrupt file must not poison later DSP.
    samples[i] = Number.isFinite(value) ? value : 0
  }
  return { samples, sampleRate: format.sampleRate }
}

/** Float sample to signed 16-bit, rounding and clipping. x = s / 32768 decodes back exactly. */
export function floatToInt16(x: number): number {
  const s = Math.round(x * 32768)
  return s > 32767 ? 32767 : s < -32768 ? -32768 : s || 0
}

/** Raw little-endian signed 16-bit PCM (the 'pcm' output format). */
export function encodePcm16(samples: Float32Array): Uint8Array {
  const out = new Uint8Array(samples.length * 2)
  const view = new DataView(out.buffer)
  for (let i = 0; i < samples.length; i++) view.setInt16(i * 2, floatToInt16(samples[i]), true)
  return out
}

/**
 * The 44-byte canonical header of mono 16-bit PCM. `dataBytes` undefined writes the
 * streaming form: RIFF and data sizes of 0xFFFFFFFF ("until the end of the stream").
 */
export function wavHeader(sampleRate: number, dataBytes?: number): Uint8Array {
  const header = new Uint8Array(44)
  const view = new DataView(header.buffer)
  const ascii = (at: number, text: string) => {
    for (let i = 0; i < text.length; i++) header[at + i] = text.charCodeAt(i)
  }
  const tooBig = dataBytes === undefined || dataBytes > STREAMING_SIZE - 36
  ascii(0, 'RIFF')
  view.setUint32(4, tooBig ? STREAMING_SIZE : 36 + dataBytes, true)
  ascii(8, 'WAVE')
  ascii(12, 'fmt ')
  view.setUint32(16, 16, true)
  view.setUint16(20, FORMAT_PCM, true)
  view.setUint16(22, 1, true)
  view.setUint32(24, sampleRate, true)
  view.setUint32(28, sampleRate * 2, true)
  view.setUint16(32, 2, true)
  view.setUint16(34, 16, true)
  ascii(36, 'data')
  view.setUint32(40, tooBig ? STREAMING_SIZE : dataBytes, true)
  return header
}

/** Mono 16-bit PCM RIFF WAVE. */
export function encodeWav(audio: Audio): Uint8Array {
  const pcm = encodePcm16(audio.samples)
  const out = new Uint8Array(44 + pcm.length)
  out.set(wavHeader(audio.sampleRate, pcm.length))
  out.set(pcm, 44)
  return out
}
