/**
 * encodeAudio (whole buffers) and createStreamEncoder (HTTP chunked streaming) for the
 * output formats: wav (16-bit PCM RIFF), pcm (raw s16le), mp3, opus (Ogg), flac.
 */

import { concatBytes } from '../core/arrays.js'
import { MynahError } from '../core/errors.js'
import type { Audio, OutputFormat } from '../core/types.js'
import { OUTPUT_FORMATS } from '../core/types.js'
import { createFlacEncoder, encodeFlac } from './flac.js'
import { createMp3Encoder, encodeMp3 } from './mp3.js'
import { createOggOpusEncoder, encodeOggOpus } from './opus.js'
import { encodePcm16, encodeWav, MAX_SAMPLE_RATE, MIN_SAMPLE_RATE, wavHeader } from './wav.js'

const CONTENT_TYPES: Record<OutputFormat, string> = {
  wav: 'audio/wav',
  pcm: 'audio/pcm', // raw signed 16-bit little-endian mono, at the request's sample rate
  mp3: 'audio/mpeg',
  opus: 'audio/ogg; codecs=opus', // RFC 7845 §9
  flac: 'audio/flac',
}

export interface EncodeOptions {
  /** mp3 (CBR, snapped to a legal MPEG bitrate) and opus (VBR target) only. */
  bitrateKbps?: number
}

function checkFormat(format: string): OutputFormat {
  if ((OUTPUT_FORMATS as readonly string[]).includes(format)) return format as OutputFormat
  throw new MynahError('E_FORMAT_UNSUPPORTED', { format, supported: OUTPUT_FORMATS.join(', ') })
}

function checkRate(sampleRate: number): void {
  if (!Number.isInteger(sampleRate) || sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE)
    throw new MynahError('E_INVALID_ARGUMENT', {
      detail: `sample rate ${sampleRate} is not an integer in ${MIN_SAMPLE_RATE}..${MAX_SAMPLE_RATE}`,
    })
}

/** MIME type to send with `format`. */
export function contentTypeOf(format: OutputFormat): string {
  return CONTENT_TYPES[checkFormat(format)]
}

/** Encode a whole mono buffer. */
export async function encodeAudio(
  audio: Audio,
  format: OutputFormat,
  options: EncodeOptions = {},
): Promise<Uint8Array> {
  checkFormat(format)
  checkRate(audio.sampleRate)
  switch (format) {
    case 'wav':
      return encodeWav(audio)
    case 'pcm':
      return encodePcm16(audio.samples)
    case 'mp3':
      return encodeMp3(audio, options.bitrateKbps)
    case 'opus':
      return encodeOggOpus(audio, options.bitrateKbps)
    case 'flac':
      return encodeFlac(audio)
  }
}

export interface StreamEncoder {
  /** Encode the next samples; the returned bytes can be sent at once (may be empty while the codec fills a frame). */
  write(samples: Float32Array): Uint8Array
  /** Flush and close; returns the last bytes. The encoder cannot be used afterwards. */
  end(): Uint8Array
  readonly contentType: string
}

/**
 * An encoder whose output can be sent chunk by chunk while synthesis goes on; the
 * concatenation of all returned chunks is one valid file. Per format:
 * - wav: 44-byte header with RIFF and data sizes 0xFFFFFFFF ("until end of stream", as
 *   ffmpeg writes to pipes), then raw PCM; ffmpeg, sox, browsers and mynah's own decoder
 *   read such files to their end.
 * - pcm: raw s16le, nothing else.
 * - mp3: LAME frames as they complete; no LAME tag, so players see 1105 samples of
 *   priming and up to one frame of padding.
 * - opus: OpusHead and OpusTags pages, then one Ogg page per write with the 20 ms
 *   packets completed; end() trims the padding through the final granule position.
 * - flac: STREAMINFO with unknown length and MD5, then frames of 4096 samples.
 */
export async function createStreamEncoder(
  format: OutputFormat,
  sampleRate: number,
  options: EncodeOptions = {},
): Promise<StreamEncoder> {
  checkFormat(format)
  checkRate(sampleRate)
  const contentType = CONTENT_TYPES[format]
  switch (format) {
    case 'wav':
    case 'pcm': {
      // The header (wav only) goes out with the first bytes, so clients can start playing.
      let header: Uint8Array | undefined = format === 'wav' ? wavHeader(sampleRate) : undefined
      let ended = false
      const take = (samples: Float32Array) => {
        if (ended) throw new MynahError('E_INTERNAL', { detail: `${format} stream encoder used after end()` })
        const out = header ? concatBytes([header, encodePcm16(samples)]) : encodePcm16(samples)
        header = undefined
        return out
      }
      return {
        contentType,
        write: take,
        end: () => {
          const out = take(new Float32Array(0))
          ended = true
          return out
        },
      }
    }
    case 'mp3': {
      const encoder = await createMp3Encoder(sampleRate, options.bitrateKbps)
      return { contentType, write: (s) => encoder.write(s), end: () => encoder.end() }
    }
    case 'opus': {
      const encoder = await createOggOpusEncoder(sampleRate, options.bitrateKbps)
      return { contentType, write: (s) => encoder.write(s), end: () => encoder.end() }
    }
    case 'flac': {
      const encoder = await createFlacEncoder(sampleRate)
      return { contentType, write: (s) => encoder.write(s), end: () => encoder.end() }
    }
  }
}
