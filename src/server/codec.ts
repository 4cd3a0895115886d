/**
 * The server's one door into audio/: encoding happens at the edge, here, and nowhere else
 * in server/. Keeping the imports in one file keeps the contract with audio/ in one place.
 */
import {
  type AudioType,
  contentTypeOf,
  createStreamEncoder,
  encodeAudio,
  type StreamEncoder,
  sniffAudioType,
} from '../audio/index.js'
import { describeUnsupported } from '../audio/sniff.js'
import type { Audio, OutputFormat } from '../core/types.js'

export type { StreamEncoder }

export function contentTypeFor(format: OutputFormat): string {
  return contentTypeOf(format)
}

export function encode(audio: Audio, format: OutputFormat): Promise<Uint8Array> {
  return encodeAudio(audio, format)
}

export function openStreamEncoder(format: OutputFormat, sampleRate: number): Promise<StreamEncoder> {
  return createStreamEncoder(format, sampleRate)
}

/** The audio type the bytes start with (magic numbers), or undefined when mynah cannot read it. */
export function sniff(bytes: Uint8Array): AudioType | undefined {
  return sniffAudioType(bytes) ?? undefined
}

/** What unreadable bytes seem to be (mp4/m4a, webm, aac, ...), for 415 messages. */
export function describe(bytes: Uint8Array): string {
  return describeUnsupported(bytes)
}
