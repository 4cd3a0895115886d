/**
 * Raw Opus unit blobs (see pack-format.ts): encode (build tool) and decode (renderer) with
 * libopus through opusscript, at one of Opus's native rates so nothing is resampled.
 */

import type OpusScriptType from 'opusscript'
import { checkOpusRate, loadOpusScript, OPUS_CTL, opusLookahead } from '../../../audio/opus.js'
import { concatBytes } from '../../../core/arrays.js'

/** The build tool aligns decoded units with it (tools/build-voice-zh.ts). */
export { opusLookahead }

/**
 * Float sample to int16 as the committed packs were encoded: × 32767 (audio/wav.ts
 * floatToInt16 scales by 32768). Kept so a rebuild reproduces units.bin: any other
 * scale changes the encoder's input, and so every blob.
 */
function packInt16(x: number): number {
  return Math.max(-32768, Math.min(32767, Math.round(x * 32767)))
}

export class UnitEncoder {
  private constructor(
    private readonly encoder: OpusScriptType,
    readonly sampleRate: number,
    readonly frameSamples: number,
  ) {}

  static async create(sampleRate: number, bitrateKbps: number): Promise<UnitEncoder> {
    const OpusScript = await loadOpusScript()
    const encoder = new OpusScript(checkOpusRate(sampleRate), 1, OpusScript.Application.AUDIO)
    encoder.setBitrate(bitrateKbps * 1000)
    encoder.encoderCTL(OPUS_CTL.SET_COMPLEXITY, 10)
    encoder.encoderCTL(OPUS_CTL.SET_SIGNAL, OPUS_CTL.SIGNAL_VOICE)
    return new UnitEncoder(encoder, sampleRate, sampleRate / 50)
  }

  /** Encode one unit from a fresh encoder state; the blob decodes to lookahead + samples. */
  encode(samples: Float32Array): Uint8Array {
    this.encoder.encoderCTL(OPUS_CTL.RESET_STATE, 0)
    const lookahead = opusLookahead(this.sampleRate)
    const frame = this.frameSamples
    const total = Math.ceil((samples.length + lookahead) / frame) * frame
    const parts: Uint8Array[] = []
    const pcm = new Int16Array(frame)
    for (let start = 0; start < total; start += frame) {
      for (let i = 0; i < frame; i++) {
        pcm[i] = start + i < samples.length ? packInt16(samples[start + i]) : 0
      }
      const packet = this.encoder.encode(Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength), frame)
      if (packet.length > 0xffff) throw new RangeError('Opus packet too large')
      const framed = new Uint8Array(2 + packet.length)
      framed[0] = packet.length & 0xff
      framed[1] = packet.length >> 8
      framed.set(packet, 2)
      parts.push(framed)
    }
    return concatBytes(parts)
  }

  free(): void {
    this.encoder.delete()
  }
}

export class UnitDecoder {
  private constructor(
    private readonly decoder: OpusScriptType,
    readonly sampleRate: number,
  ) {}

  static async create(sampleRate: number): Promise<UnitDecoder> {
    const OpusScript = await loadOpusScript()
    return new UnitDecoder(
      new OpusScript(checkOpusRate(sampleRate), 1, OpusScript.Application.AUDIO),
      sampleRate,
    )
  }

  /** Decode one blob from a fresh decoder state, drop `preSkip` samples and keep `length`. */
  decode(blob: Uint8Array, preSkip: number, length: number): Float32Array {
    this.decoder.decoderCTL(OPUS_CTL.RESET_STATE, 0)
    const out = new Float32Array(length)
    let produced = 0
    let at = 0
    while (at + 2 <= blob.length && produced < preSkip + length) {
      const size = blob[at] | (blob[at + 1] << 8)
      const packet = blob.subarray(at + 2, at + 2 + size)
      at += 2 + size
      const pcm = this.decoder.decode(Buffer.from(packet.buffer, packet.byteOffset, packet.byteLength))
      const bytes = pcm.byteOffset % 2 === 0 ? pcm : Buffer.from(pcm)
      const view = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 1)
      for (let i = 0; i < view.length; i++) {
        const o = produced + i - preSkip
        if (o >= 0 && o < length) out[o] = view[i] / 32768
      }
      produced += view.length
    }
    return out
  }

  free(): void {
    this.decoder.delete()
  }
}
