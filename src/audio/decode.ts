/**
 * decodeAudio: any supported container in, mono Float32Array out.
 *
 * WAV is parsed here (wav.ts); Ogg Opus through our Ogg demuxer and libopus (opus.ts);
 * MP3, FLAC and Ogg Vorbis through @audio/decode-{mp3,flac,vorbis} (mpg123, libFLAC and
 * libvorbis compiled to WASM by the wasm-audio-decoders project). Each WASM decoder is
 * created per call, fed in 64 KB chunks (checking the AbortSignal and yielding to the
 * event loop between them, and stopping once the audio exceeds maxSeconds), and freed.
 */
import { concatFloat32 } from '../core/arrays.js'
import { isMynahError, MynahError, throwIfAborted } from '../core/errors.js'
import type { Audio } from '../core/types.js'
import { decodeOggOpus } from './opus.js'
import { type AudioType, describeUnsupported, sniffAudioType } from './sniff.js'
import { mixToMono } from './utils.js'
import { decodeWav, MAX_SAMPLE_RATE, MIN_SAMPLE_RATE } from './wav.js'

export interface DecodeOptions {
  signal?: AbortSignal
  /** Refuse audio longer than this (default 600 s): a few KB of FLAC can hold hours of silence. */
  maxSeconds?: number
}

export const DEFAULT_MAX_DECODE_SECONDS = 600
const CHUNK_BYTES = 64 * 1024

interface DecodedChunk {
  channelData: Float32Array[]
  sampleRate: number
  samplesDecoded?: number
  bitDepth?: number
  errors?: readonly unknown[]
}

/**
 * The FLAC decoder scales by 1/(2^(b-1) - 1); WAV convention, and ours, is 1/2^(b-1), which
 * maps every integer exactly into [-1, 1). Recover the integers and rescale, so a 16-bit
 * FLAC decodes to the same floats as the same PCM in a WAV.
 */
function rescaleFlac(channels: Float32Array[], bitDepth: number): void {
  if (!(bitDepth >= 4 && bitDepth <= 32)) return
  const max = 2 ** (bitDepth - 1)
  for (const c of channels) for (let i = 0; i < c.length; i++) c[i] = Math.round(c[i] * (max - 1)) / max
}

interface ChunkDecoder {
  decode(data: Uint8Array): DecodedChunk
  flush?(): DecodedChunk
  free(): void
}

const loaders: Record<'mp3' | 'flac' | 'ogg-vorbis', () => Promise<ChunkDecoder>> = {
  mp3: () => import('@audio/decode-mp3').then((m) => m.decoder()),
  flac: () => import('@audio/decode-flac').then((m) => m.decoder()),
  'ogg-vorbis': () => import('@audio/decode-vorbis').then((m) => m.decoder()),
}

function unreadable(detail: string, cause?: unknown): MynahError {
  return new MynahError('E_AUDIO_UNREADABLE', { detail }, { cause })
}

/**
 * mpg123-decoder reports each bad frame with console.error. The calls are synchronous, so
 * silencing the console for their duration cannot hide anything else; the errors are
 * still counted from the decoder's result.
 */
function quietly<T>(fn: () => T): T {
  const original = console.error
  console.error = () => {}
  try {
    return fn()
  } finally {
    console.error = original
  }
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

async function decodeWithWasm(
  type: keyof typeof loaders,
  bytes: Uint8Array,
  options: DecodeOptions,
): Promise<Audio> {
  const maxSeconds = options.maxSeconds ?? DEFAULT_MAX_DECODE_SECONDS
  const decoder = await loaders[type]()
  const chunks: Float32Array[] = []
  let sampleRate = 0
  let total = 0
  let errors = 0
  let bitDepth = 0
  const take = (result: DecodedChunk) => {
    errors += result.errors?.length ?? 0
    bitDepth = result.bitDepth ?? bitDepth
    const length = result.samplesDecoded ?? result.channelData[0]?.length ?? 0
    if (length <= 0 || result.channelData.length === 0) return
    if (sampleRate === 0) sampleRate = result.sampleRate
    const channels = result.channelData.map((c) => c.subarray(0, length))
    if (type === 'flac') rescaleFlac(channels, bitDepth)
    const mono = mixToMono(channels)
    chunks.push(mono)
    total += mono.length
    if (sampleRate > 0 && total / sampleRate > maxSeconds)
      throw unreadable(`the audio is longer than the limit of ${maxSeconds} s`)
  }
  try {
    for (let at = 0; at < bytes.length; at += CHUNK_BYTES) {
      throwIfAborted(options.signal)
      take(quietly(() => decoder.decode(bytes.subarray(at, at + CHUNK_BYTES))))
      if (at > 0 && at % (16 * CHUNK_BYTES) === 0) await yieldToEventLoop()
    }
    if (decoder.flush) take(quietly(() => decoder.flush!()))
  } catch (error) {
    if (isMynahError(error)) throw error
    throw unreadable(`${type} decoder: ${error instanceof Error ? error.message : String(error)}`, error)
  } finally {
    decoder.free()
  }
  if (total === 0)
    throw unreadable(
      errors > 0 ? `${type} stream: ${errors} frames failed to decode` : `no ${type} audio found`,
    )
  return { samples: concatFloat32(chunks), sampleRate }
}

function checkResult(audio: Audio, maxSeconds: number): Audio {
  const { samples, sampleRate } = audio
  if (!(sampleRate >= MIN_SAMPLE_RATE && sampleRate <= MAX_SAMPLE_RATE))
    throw unreadable(`decoded sample rate ${sampleRate} Hz is implausible`)
  if (samples.length === 0) throw unreadable('the file holds no audio samples')
  if (samples.length / sampleRate > maxSeconds)
    throw unreadable(`the audio is longer than the limit of ${maxSeconds} s`)
  for (let i = 0; i < samples.length; i++) if (!Number.isFinite(samples[i])) samples[i] = 0
  return audio
}

async function decodeAs(type: AudioType, bytes: Uint8Array, options: DecodeOptions): Promise<Audio> {
  const maxSeconds = options.maxSeconds ?? DEFAULT_MAX_DECODE_SECONDS
  switch (type) {
    case 'wav':
      return decodeWav(bytes, maxSeconds)
    case 'ogg-opus':
      return decodeOggOpus(bytes, { maxSeconds, signal: options.signal })
    default:
      return decodeWithWasm(type, bytes, options)
  }
}

/**
 * Decode wav, flac, mp3, Ogg Vorbis or Ogg Opus (recognised by content) to mono.
 * Unknown content: E_AUDIO_UNSUPPORTED (415). Empty, corrupt or undecodable content:
 * E_AUDIO_UNREADABLE (422). A file cut short decodes to the audio it still holds.
 */
export async function decodeAudio(bytes: Uint8Array, options: DecodeOptions = {}): Promise<Audio> {
  throwIfAborted(options.signal)
  if (bytes.length === 0) throw unreadable('the file is empty')
  const type = sniffAudioType(bytes)
  if (!type) throw new MynahError('E_AUDIO_UNSUPPORTED', { type: describeUnsupported(bytes) })
  let audio: Audio
  try {
    audio = await decodeAs(type, bytes, options)
  } catch (error) {
    if (isMynahError(error)) throw error
    throw unreadable(`${type}: ${error instanceof Error ? error.message : String(error)}`, error)
  }
  return checkResult(audio, options.maxSeconds ?? DEFAULT_MAX_DECODE_SECONDS)
}
