/**
 * MP3 encoding with LAME 3.100 (wasm-media-encoders), plus the Xing "Info" / LAME tag
 * frame that tells decoders how many priming and padding samples to drop, so a whole-file
 * encode decodes (mpg123, ffmpeg, browsers with gapless support) to its original length.
 *
 * Tag layout: Xing header as written by LAME's VbrTag.c and the LAME tag as documented in
 * "Mp3 Info Tag rev 1 specifications" (gabriel.mp3-tech.org/mp3infotag.html).
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { WasmMediaEncoder } from 'wasm-media-encoders'
import { concatBytes } from '../core/arrays.js'
import { MynahError } from '../core/errors.js'
import type { Audio } from '../core/types.js'
import { createResampler, type StreamResampler } from './resample.js'
import { layer3Kbps, mpegFrameLength } from './sniff.js'

/** Sample rates MPEG-1/2/2.5 Layer III can carry. */
export const MP3_RATES = [8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000] as const
type Mp3Rate = (typeof MP3_RATES)[number]

/** Smallest MP3 rate at or above `rate` (48 kHz for anything higher). */
export function mp3RateFor(rate: number): Mp3Rate {
  return MP3_RATES.find((r) => r >= rate) ?? 48000
}

/** LAME gets floats directly: one NaN would poison its filters for the rest of the stream. */
function sanitize(samples: Float32Array): Float32Array {
  const out = new Float32Array(samples.length)
  for (let i = 0; i < samples.length; i++) {
    const x = samples[i]
    out[i] = x > 1 ? 1 : x < -1 ? -1 : x || 0
  }
  return out
}

/** LAME's encoder delay (samples before the first input sample), measured and stored in the tag. */
export const LAME_ENCODER_DELAY = 576

type CbrKbps = 8 | 16 | 24 | 32 | 40 | 48 | 64 | 80 | 96 | 112 | 128 | 160 | 192 | 224 | 256 | 320
// Bitrates LAME's CBR mode accepts through wasm-media-encoders, per MPEG version.
const MPEG1_KBPS: readonly CbrKbps[] = [32, 40, 48, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320]
const MPEG2_KBPS: readonly CbrKbps[] = [8, 16, 24, 32, 40, 48, 64, 80, 96, 112, 128, 160]

/** Default CBR: transparent enough for speech, and what most TTS services send. */
export function defaultMp3Kbps(rate: number): number {
  return rate >= 32000 ? 128 : 64
}

function nearestKbps(kbps: number, rate: number): CbrKbps {
  const allowed = rate >= 32000 ? MPEG1_KBPS : MPEG2_KBPS
  let best = allowed[0]
  for (const k of allowed) if (Math.abs(k - kbps) < Math.abs(best - kbps)) best = k
  return best
}

// tsconfig's lib has no DOM/WebAssembly typings; this is the one call we need from the global.
declare const WebAssembly: { compile(bytes: Uint8Array): Promise<LameModule> }
type LameModule = Extract<Parameters<typeof import('wasm-media-encoders').createEncoder>[1], object>
let compiled: Promise<LameModule> | undefined
/**
 * Compile LAME once (from the package's own mp3.wasm); every encode instantiates it afresh
 * (about a millisecond) and lets the instance and its memory go when it ends.
 */
async function lameFor(rate: Mp3Rate, kbps: CbrKbps): Promise<WasmMediaEncoder<'audio/mpeg'>> {
  compiled ??= readFile(createRequire(import.meta.url).resolve('wasm-media-encoders/wasm/mp3')).then(
    (bytes) => WebAssembly.compile(bytes),
  )
  const { createEncoder } = await import('wasm-media-encoders')
  const encoder = await createEncoder('audio/mpeg', await compiled)
  encoder.configure({ sampleRate: rate, channels: 1, bitrate: kbps, outputSampleRate: rate })
  return encoder
}

export interface Mp3Encoder {
  readonly sampleRate: number
  readonly kbps: number
  write(samples: Float32Array): Uint8Array
  end(): Uint8Array
}

/**
 * Streaming MP3 encoder: every write returns the frames LAME completed (it holds back up
 * to ~1.5 frames). Streams carry no tag, so a decoder sees LAME's 576 + its own 529
 * priming samples at the start and up to one frame of padding at the end.
 */
export async function createMp3Encoder(inputRate: number, bitrateKbps?: number): Promise<Mp3Encoder> {
  const rate = mp3RateFor(inputRate)
  const wanted = bitrateKbps ?? defaultMp3Kbps(rate)
  if (!(wanted >= 8 && wanted <= 320))
    throw new MynahError('E_INVALID_ARGUMENT', { detail: `mp3 bitrate ${wanted} kbps is outside 8..320` })
  const kbps = nearestKbps(wanted, rate)
  const resampler: StreamResampler | undefined =
    rate === inputRate ? undefined : await createResampler(inputRate, rate)
  let lame: WasmMediaEncoder<'audio/mpeg'> | undefined = await lameFor(rate, kbps)
  // Output views point into WASM memory that the next call overwrites: copy them out.
  const encode = (samples: Float32Array) =>
    samples.length > 0 ? lame!.encode([sanitize(samples)]).slice() : new Uint8Array(0)
  return {
    sampleRate: rate,
    kbps,
    write(samples) {
      if (!lame) throw new MynahError('E_INTERNAL', { detail: 'mp3 encoder used after end()' })
      return encode(resampler ? resampler.process(samples) : samples)
    },
    end() {
      if (!lame) throw new MynahError('E_INTERNAL', { detail: 'mp3 encoder ended twice' })
      const tail = resampler ? encode(resampler.end()) : new Uint8Array(0)
      const last = lame.finalize().slice()
      lame = undefined // the instance and its memory go to the garbage collector
      return concatBytes([tail, last])
    },
  }
}

interface FrameLayout {
  mpeg1: boolean
  versionBits: number
  rateIndex: number
  samplesPerFrame: number
  sideInfoBytes: number
}

function layoutFor(rate: Mp3Rate): FrameLayout {
  const mpeg1 = rate >= 32000
  const mpeg25 = rate <= 12000
  const table: readonly number[] = mpeg1
    ? [44100, 48000, 32000]
    : mpeg25
      ? [11025, 12000, 8000]
      : [22050, 24000, 16000]
  return {
    mpeg1,
    versionBits: mpeg1 ? 0b11 : mpeg25 ? 0b00 : 0b10,
    rateIndex: table.indexOf(rate),
    samplesPerFrame: mpeg1 ? 1152 : 576,
    sideInfoBytes: mpeg1 ? 17 : 9, // mono
  }
}

const XING_BYTES = 120 // "Info" + flags + frames + bytes + 100-byte TOC + quality
const LAME_TAG_BYTES = 36

/** CRC-16/ARC (poly 0x8005 reflected, init 0), as LAME uses for the tag and music CRCs. */
function crc16(bytes: Uint8Array, crc = 0): number {
  let c = crc
  for (let i = 0; i < bytes.length; i++) {
    c ^= bytes[i]
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xa001 : c >>> 1
  }
  return c & 0xffff
}

/** Count the CBR frames LAME wrote, walking their headers, for the Xing header. */
function countFrames(audioBytes: Uint8Array): number {
  let frames = 0
  for (let at = 0, size = mpegFrameLength(audioBytes, 0); size > 0; size = mpegFrameLength(audioBytes, at)) {
    frames++
    at += size
  }
  return frames
}

/** The Xing/LAME tag frame for a finished CBR stream of `audioBytes` carrying `sampleCount` samples. */
function tagFrame(rate: Mp3Rate, kbps: number, audioBytes: Uint8Array, sampleCount: number): Uint8Array {
  const layout = layoutFor(rate)
  const index = layer3Kbps(layout.mpeg1)
  const xingAt = 4 + layout.sideInfoBytes
  const needed = xingAt + XING_BYTES + LAME_TAG_BYTES
  const coef = layout.mpeg1 ? 144000 : 72000
  // The tag frame may use any bitrate; take the smallest frame that holds the tag.
  let bitrateIndex = index.findIndex((k) => k > 0 && Math.floor((coef * k) / rate) >= needed)
  if (bitrateIndex < 0) bitrateIndex = index.length - 1
  const size = Math.floor((coef * index[bitrateIndex]) / rate)
  const frame = new Uint8Array(size)
  const view = new DataView(frame.buffer)
  frame[0] = 0xff
  frame[1] = 0xe0 | (layout.versionBits << 3) | (0b01 << 1) | 1 // Layer III, no CRC
  frame[2] = (bitrateIndex << 4) | (layout.rateIndex << 2)
  frame[3] = 0xc4 // mono, original
  const frames = countFrames(audioBytes)
  const totalDecoded = frames * layout.samplesPerFrame
  const padding = Math.max(0, totalDecoded - LAME_ENCODER_DELAY - sampleCount)
  frame.set([0x49, 0x6e, 0x66, 0x6f], xingAt) // "Info": the Xing header of a CBR file
  view.setUint32(xingAt + 4, 0x0f, false) // frames, bytes, TOC and quality present
  view.setUint32(xingAt + 8, frames, false)
  view.setUint32(xingAt + 12, size + audioBytes.length, false)
  for (let i = 0; i < 100; i++) frame[xingAt + 16 + i] = Math.floor((i * 256) / 100) // CBR: linear TOC
  view.setUint32(xingAt + 116, 50, false)
  const lame = xingAt + XING_BYTES
  frame.set(new TextEncoder().encode('LAME3.100'), lame)
  frame[lame + 9] = 0x01 // tag revision 0, CBR
  frame[lame + 20] = Math.min(255, kbps)
  frame[lame + 21] = LAME_ENCODER_DELAY >> 4
  frame[lame + 22] = ((LAME_ENCODER_DELAY & 0x0f) << 4) | ((padding >> 8) & 0x0f)
  frame[lame + 23] = padding & 0xff
  frame[lame + 24] = rate > 48000 ? 0xc0 : rate === 48000 ? 0x80 : rate === 44100 ? 0x40 : 0 // source rate bits
  view.setUint32(lame + 28, size + audioBytes.length, false) // music length, from this frame on
  view.setUint16(lame + 32, crc16(audioBytes), false)
  view.setUint16(lame + 34, crc16(frame.subarray(0, lame + 34)), false)
  return frame
}

/** Whole-file MP3 with a LAME tag carrying the exact priming and padding. */
export async function encodeMp3(audio: Audio, bitrateKbps?: number): Promise<Uint8Array> {
  const encoder = await createMp3Encoder(audio.sampleRate, bitrateKbps)
  const body = concatBytes([encoder.write(audio.samples), encoder.end()])
  const rate = encoder.sampleRate as Mp3Rate
  const sampleCount = Math.round((audio.samples.length * rate) / audio.sampleRate)
  return concatBytes([tagFrame(rate, encoder.kbps, body, sampleCount), body])
}
