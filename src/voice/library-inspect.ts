/** The library's default clip check: decode the clip (audio/) and describe it; failures are 415/422. */
import { decodeAudio, sniffAudioType } from '../audio/index.js'
import { MynahError } from '../core/errors.js'
import type { ClipInfo } from './library.js'

/** File extension per sniffed type (Ogg Vorbis and Ogg Opus are both .ogg). */
const EXTENSIONS = { wav: 'wav', flac: 'flac', mp3: 'mp3', 'ogg-vorbis': 'ogg', 'ogg-opus': 'ogg' } as const

export async function inspectClip(bytes: Uint8Array): Promise<ClipInfo> {
  const audio = await decodeAudio(bytes)
  const type = sniffAudioType(bytes)
  if (!type) throw new MynahError('E_AUDIO_UNSUPPORTED', { type: 'unknown' })
  return {
    format: EXTENSIONS[type],
    durationSeconds: audio.samples.length / audio.sampleRate,
    sampleRate: audio.sampleRate,
  }
}
