/**
 * Ogg Opus (RFC 7845) both ways: libopus through opusscript (encoder) and
 * @audio/decode-opus's packet decoder, with mynah's own Ogg framing (ogg.ts).
 *
 * Opus codes at 8, 12, 16, 24 or 48 kHz. We code at the smallest supported rate that is
 * not below the input rate (resampling with libsamplerate when the input rate is not one
 * of them), record the true input rate in OpusHead, and decode back at that coding rate,
 * so a 24 kHz voice survives an encode/decode round trip at 24 kHz.
 */
import type { OpusPacketDecoder } from '@audio/decode-opus/core'
import type OpusScriptType from 'opusscript'
import { concatBytes } from '../core/arrays.js'
import { MynahError, throwIfAborted } from '../core/errors.js'
import type { Audio } from '../core/types.js'
import { OggPageWriter, readOggPackets } from './ogg.js'
import { createResampler, type StreamResampler } from './resample.js'
import { mixToMono } from './utils.js'
import { floatToInt16 } from './wav.js'

export const OPUS_RATES = [8000, 12000, 16000, 24000, 48000] as const
export type OpusRate = (typeof OPUS_RATES)[number]

/** `rate` as an Opus coding rate; a RangeError for any other rate (a programming error). */
export function checkOpusRate(rate: number): OpusRate {
  if (!(OPUS_RATES as readonly number[]).includes(rate))
    throw new RangeError(`Opus codes at 8/12/16/24/48 kHz, not ${rate}`)
  return rate as OpusRate
}

/** Smallest Opus coding rate at or above `rate` (48 kHz for anything higher). */
export function opusRateFor(rate: number): OpusRate {
  return OPUS_RATES.find((r) => r >= rate) ?? 48000
}

/**
 * libopus encoder lookahead in samples at `sampleRate`: Fs/400 + Fs/250 (2.5 ms + 4 ms) for
 * the AUDIO application at every rate (opus_encoder.c, OPUS_GET_LOOKAHEAD). opusscript
 * cannot query it, so it is computed here and checked by a test that finds an impulse at
 * the same place after a round trip.
 */
export function opusLookahead(sampleRate: number): number {
  return Math.round(sampleRate / 400 + sampleRate / 250)
}

/** Encoder lookahead in 48 kHz samples (312), written as OpusHead pre-skip. */
export const OPUS_PRE_SKIP_48K = opusLookahead(48000)

/** libopus CTL requests and values used through opusscript's encoderCTL/decoderCTL (opus_defines.h). */
export const OPUS_CTL = {
  RESET_STATE: 4028,
  SET_COMPLEXITY: 4010,
  SET_SIGNAL: 4024,
  SIGNAL_VOICE: 3001,
} as const

export const DEFAULT_OPUS_KBPS = 32

export type OpusScriptCtor = typeof OpusScriptType
let opusScript: Promise<OpusScriptCtor> | undefined
/** libopus (opusscript's wasm build), loaded on first use. */
export function loadOpusScript(): Promise<OpusScriptCtor> {
  opusScript ??= import('opusscript').then((m) => m.default)
  return opusScript
}

let opusDecoderModule: Promise<typeof import('@audio/decode-opus/core')> | undefined
function loadOpusDecoder(): Promise<OpusPacketDecoder> {
  opusDecoderModule ??= import('@audio/decode-opus/core')
  return opusDecoderModule.then((m) => m.createOpusDecoder())
}

function opusHead(inputRate: number): Uint8Array {
  const head = new Uint8Array(19)
  const view = new DataView(head.buffer)
  head.set([0x4f, 0x70, 0x75, 0x73, 0x48, 0x65, 0x61, 0x64]) // "OpusHead"
  head[8] = 1 // version
  head[9] = 1 // channels
  view.setUint16(10, OPUS_PRE_SKIP_48K, true)
  view.setUint32(12, inputRate, true)
  view.setInt16(16, 0, true) // output gain
  head[18] = 0 // channel mapping family 0: mono/stereo, one stream
  return head
}

function opusTags(): Uint8Array {
  const vendor = new TextEncoder().encode('mynah (libopus via opusscript)')
  const tags = new Uint8Array(8 + 4 + vendor.length + 4)
  const view = new DataView(tags.buffer)
  tags.set([0x4f, 0x70, 0x75, 0x73, 0x54, 0x61, 0x67, 0x73]) // "OpusTags"
  view.setUint32(8, vendor.length, true)
  tags.set(vendor, 12)
  view.setUint32(12 + vendor.length, 0, true) // no user comments
  return tags
}

export interface OggOpusEncoder {
  /** Bytes ready to send: the two header pages first, then every page completed by this call. */
  write(samples: Float32Array): Uint8Array
  /** Encodes what is left (padded to a whole frame), sets the final granule to trim the padding, ends the stream. */
  end(): Uint8Array
}

/** Streaming Ogg Opus encoder for mono audio at `inputRate`. */
export async function createOggOpusEncoder(
  inputRate: number,
  bitrateKbps = DEFAULT_OPUS_KBPS,
): Promise<OggOpusEncoder> {
  if (!(bitrateKbps >= 6 && bitrateKbps <= 510))
    throw new MynahError('E_INVALID_ARGUMENT', {
      detail: `opus bitrate ${bitrateKbps} kbps is outside 6..510`,
    })
  const OpusScript = await loadOpusScript()
  const codingRate = opusRateFor(inputRate)
  const resampler: StreamResampler | undefined =
    codingRate === inputRate ? undefined : await createResampler(inputRate, codingRate)
  const encoder = new OpusScript(codingRate, 1, OpusScript.Application.AUDIO)
  encoder.setBitrate(Math.round(bitrateKbps * 1000))
  encoder.encoderCTL(OPUS_CTL.SET_SIGNAL, OPUS_CTL.SIGNAL_VOICE)

  const frame = codingRate / 50 // 20 ms
  const to48k = 48000 / codingRate
  const preSkipCoding = OPUS_PRE_SKIP_48K / to48k
  const ogg = new OggPageWriter((Math.random() * 0x100000000) >>> 0)
  let headersSent = false
  let inputSamples = 0
  let framesEncoded = 0
  const pending = new Float32Array(frame)
  let pendingLength = 0
  let freed = false

  const pcm = Buffer.alloc(frame * 2)
  const encodeFrame = (block: Float32Array) => {
    for (let i = 0; i < frame; i++) pcm.writeInt16LE(floatToInt16(block[i]), i * 2)
    const packet = encoder.encode(pcm, frame)
    framesEncoded++
    ogg.add(new Uint8Array(packet), BigInt(framesEncoded * frame * to48k))
  }
  const push = (samples: Float32Array) => {
    let offset = 0
    while (offset < samples.length) {
      const take = Math.min(frame - pendingLength, samples.length - offset)
      pending.set(samples.subarray(offset, offset + take), pendingLength)
      pendingLength += take
      offset += take
      if (pendingLength === frame) {
        encodeFrame(pending)
        pendingLength = 0
      }
    }
  }
  const headers = (): Uint8Array[] => {
    if (headersSent) return []
    headersSent = true
    // RFC 7845 §3: OpusHead alone on the first (BOS) page, OpusTags on the next, audio after.
    ogg.add(opusHead(inputRate), 0n)
    const first = ogg.flushPage({ bos: true })
    ogg.add(opusTags(), 0n)
    return [first, ogg.flushPage()]
  }
  const free = () => {
    if (freed) return
    freed = true
    encoder.delete()
    resampler?.free()
  }

  return {
    write(samples) {
      if (freed) throw new MynahError('E_INTERNAL', { detail: 'opus encoder used after end()' })
      try {
        const parts = headers()
        inputSamples += samples.length
        push(resampler ? resampler.process(samples) : samples)
        parts.push(ogg.flushPage())
        return concatBytes(parts)
      } catch (error) {
        free()
        throw error
      }
    },
    end() {
      if (freed) throw new MynahError('E_INTERNAL', { detail: 'opus encoder ended twice' })
      try {
        const parts = headers()
        if (resampler) push(resampler.end())
        // Feed silence until the encoder's lookahead has released every real sample. Pages sent
        // by write() only hold real input, so at least one packet is left for this last page.
        const needed = Math.ceil((inputSamples * codingRate) / inputRate + preSkipCoding)
        while (framesEncoded * frame + pendingLength < needed || pendingLength > 0) {
          push(new Float32Array(frame - pendingLength))
        }
        // End trimming (RFC 7845 §4.4): the last page's granule is below the samples it decodes.
        ogg.setLastGranule(BigInt(OPUS_PRE_SKIP_48K + Math.round((inputSamples * 48000) / inputRate)))
        parts.push(ogg.flushPage({ eos: true }))
        return concatBytes(parts)
      } finally {
        free()
      }
    },
  }
}

/** Whole-buffer convenience over createOggOpusEncoder. */
export async function encodeOggOpus(audio: Audio, bitrateKbps?: number): Promise<Uint8Array> {
  const encoder = await createOggOpusEncoder(audio.sampleRate, bitrateKbps)
  const body = encoder.write(audio.samples)
  return concatBytes([body, encoder.end()])
}

interface OpusHeadInfo {
  channels: number
  preSkip: number
  inputRate: number
  outputGain: number
  streamCount: number
  coupledCount: number
  mapping: number[]
}

function parseOpusHead(packet: Uint8Array): OpusHeadInfo {
  const unreadable = (detail: string) => new MynahError('E_AUDIO_UNREADABLE', { detail })
  if (packet.length < 19 || String.fromCharCode(...packet.subarray(0, 8)) !== 'OpusHead')
    throw unreadable('Ogg Opus stream does not start with an OpusHead packet')
  if (packet[8] >> 4 !== 0) throw unreadable(`unsupported OpusHead version ${packet[8]}`)
  const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength)
  const channels = packet[9]
  const family = packet[18]
  if (channels < 1) throw unreadable('OpusHead declares 0 channels')
  if (family === 0) {
    if (channels > 2) throw unreadable('OpusHead family 0 with more than 2 channels')
    return {
      channels,
      preSkip: view.getUint16(10, true),
      inputRate: view.getUint32(12, true),
      outputGain: view.getInt16(16, true),
      streamCount: 1,
      coupledCount: channels - 1,
      mapping: channels === 1 ? [0] : [0, 1],
    }
  }
  if (packet.length < 21 + channels) throw unreadable('OpusHead channel mapping table is truncated')
  return {
    channels,
    preSkip: view.getUint16(10, true),
    inputRate: view.getUint32(12, true),
    outputGain: view.getInt16(16, true),
    streamCount: packet[19],
    coupledCount: packet[20],
    mapping: Array.from(packet.subarray(21, 21 + channels)),
  }
}

/** Decode Ogg Opus to mono at the coding rate chosen for the header's input rate. */
export async function decodeOggOpus(
  bytes: Uint8Array,
  options: { maxSeconds?: number; signal?: AbortSignal } = {},
): Promise<Audio> {
  const maxSeconds = options.maxSeconds ?? Number.POSITIVE_INFINITY
  const packets = readOggPackets(bytes)
  if (packets.length === 0) throw new MynahError('E_AUDIO_UNREADABLE', { detail: 'no complete Ogg page' })
  const head = parseOpusHead(packets[0].data)
  const rate = opusRateFor(head.inputRate || 48000)
  let audioStart = 1
  while (
    audioStart < packets.length &&
    packets[audioStart].data.length >= 8 &&
    String.fromCharCode(...packets[audioStart].data.subarray(0, 8)) === 'OpusTags'
  )
    audioStart++
  const audioPackets = packets.slice(audioStart).filter((p) => p.data.length > 0)
  const decoder = await loadOpusDecoder()
  try {
    try {
      decoder.configure({
        sampleRate: rate,
        channels: head.channels,
        streamCount: head.streamCount,
        coupledStreamCount: head.coupledCount,
        channelMappingTable: head.mapping,
        preSkip: 0,
        outputGain: head.outputGain,
      })
    } catch (error) {
      throw new MynahError(
        'E_AUDIO_UNREADABLE',
        { detail: `bad OpusHead: ${String(error)}` },
        { cause: error },
      )
    }
    const chunks: Float32Array[] = []
    let decoded = 0
    let failed = 0
    for (let i = 0; i < audioPackets.length; i += 64) {
      throwIfAborted(options.signal)
      if (i > 0 && i % 1024 === 0) await new Promise<void>((resolve) => setImmediate(resolve))
      if (decoded / rate > maxSeconds)
        throw new MynahError('E_AUDIO_UNREADABLE', {
          detail: `the audio is longer than the limit of ${maxSeconds} s`,
        })
      const result = decoder.decodeFrames(audioPackets.slice(i, i + 64).map((p) => p.data))
      failed += result.errors.length
      if (result.samplesDecoded > 0) {
        const mono = mixToMono(result.channelData.map((c) => c.subarray(0, result.samplesDecoded)))
        chunks.push(mono)
        decoded += mono.length
      }
    }
    const skip = Math.round((head.preSkip * rate) / 48000)
    let end = decoded
    const last = audioPackets.at(-1)
    if (last?.eos && last.granule >= 0n) {
      const total = Math.round((Number(last.granule - BigInt(head.preSkip)) * rate) / 48000)
      end = Math.min(decoded, skip + Math.max(0, total))
    }
    if (end - skip < 1)
      throw new MynahError('E_AUDIO_UNREADABLE', {
        detail: failed > 0 ? `${failed} Opus packets failed to decode` : 'Ogg Opus stream holds no audio',
      })
    const samples = new Float32Array(end - skip)
    let offset = 0
    for (const chunk of chunks) {
      const from = Math.max(0, skip - offset)
      const to = Math.min(chunk.length, end - offset)
      if (to > from) samples.set(chunk.subarray(from, to), offset + from - skip)
      offset += chunk.length
    }
    return { samples, sampleRate: rate }
  } finally {
    decoder.free()
  }
}
