/**
 * Recognise an audio container by its magic bytes. File names and client MIME types are
 * never consulted: they are easy to get wrong and easy to forge.
 */

export type AudioType = 'wav' | 'flac' | 'mp3' | 'ogg-vorbis' | 'ogg-opus'

function ascii(bytes: Uint8Array, at: number, length: number): string {
  let s = ''
  for (let i = at; i < at + length && i < bytes.length; i++) s += String.fromCharCode(bytes[i])
  return s
}

/** Bytes taken by an ID3v2 tag at `at` (header, syncsafe size, optional footer), or 0. */
export function id3v2Length(bytes: Uint8Array, at = 0): number {
  if (bytes.length < at + 10 || ascii(bytes, at, 3) !== 'ID3') return 0
  const size = bytes.subarray(at + 6, at + 10)
  if (size.some((b) => b & 0x80)) return 0
  const footer = bytes[at + 5] & 0x10 ? 10 : 0
  return 10 + ((size[0] << 21) | (size[1] << 14) | (size[2] << 7) | size[3]) + footer
}

// ISO/IEC 11172-3 / 13818-3 frame header tables (kbps), by [version: 1 = MPEG-1, 2 = MPEG-2/2.5][layer].
const KBPS: Record<string, readonly number[]> = {
  '1-1': [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  '1-2': [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  '1-3': [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  '2-1': [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  '2-2': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  '2-3': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
}
/** Layer III bitrates (kbps) by the header's 4-bit index: MPEG-1, or MPEG-2 and 2.5. */
export function layer3Kbps(mpeg1: boolean): readonly number[] {
  return KBPS[mpeg1 ? '1-3' : '2-3']
}

const RATES: Record<number, readonly number[]> = {
  3: [44100, 48000, 32000], // MPEG-1
  2: [22050, 24000, 16000], // MPEG-2
  0: [11025, 12000, 8000], // MPEG-2.5
}

/** Length in bytes of the MPEG audio frame whose header starts at `at`, or 0 if it is not one. */
export function mpegFrameLength(bytes: Uint8Array, at: number): number {
  if (at + 4 > bytes.length || bytes[at] !== 0xff || (bytes[at + 1] & 0xe0) !== 0xe0) return 0
  const versionBits = (bytes[at + 1] >> 3) & 3
  const layerBits = (bytes[at + 1] >> 1) & 3
  const bitrateIndex = bytes[at + 2] >> 4
  const rateIndex = (bytes[at + 2] >> 2) & 3
  if (versionBits === 1 || layerBits === 0 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3)
    return 0
  const layer = 4 - layerBits
  const mpeg1 = versionBits === 3
  const kbps = KBPS[`${mpeg1 ? 1 : 2}-${layer}`][bitrateIndex]
  const rate = RATES[versionBits][rateIndex]
  const padding = (bytes[at + 2] >> 1) & 1
  if (layer === 1) return (Math.floor((12000 * kbps) / rate) + padding) * 4
  const coef = layer === 3 && !mpeg1 ? 72000 : 144000
  return Math.floor((coef * kbps) / rate) + padding
}

function looksLikeMpegAudio(bytes: Uint8Array, at: number): boolean {
  const first = mpegFrameLength(bytes, at)
  if (first === 0) return false
  // One header can be chance (1 in ~10^4 for random bytes); require the next frame too,
  // unless the file ends right after this one.
  const next = at + first
  return next >= bytes.length - 3 || mpegFrameLength(bytes, next) > 0
}

/** The audio type of `bytes` by magic numbers, or null when it is none mynah decodes. */
export function sniffAudioType(bytes: Uint8Array): AudioType | null {
  if (bytes.length < 4) return null
  const head = ascii(bytes, 0, 4)
  if ((head === 'RIFF' || head === 'RF64') && ascii(bytes, 8, 4) === 'WAVE') return 'wav'
  if (head === 'OggS') {
    const segments = bytes[26] ?? 0
    const body = 27 + segments
    if (ascii(bytes, body, 8) === 'OpusHead') return 'ogg-opus'
    if (bytes[body] === 1 && ascii(bytes, body + 1, 6) === 'vorbis') return 'ogg-vorbis'
    return null
  }
  const skip = id3v2Length(bytes)
  if (skip > 0) {
    // An ID3v2 tag says "mp3" (rarely flac). Encoders often pad after it, so look a little further.
    if (ascii(bytes, skip, 4) === 'fLaC') return 'flac'
    if (skip >= bytes.length) return 'mp3'
    const limit = Math.min(bytes.length, skip + 65536)
    for (let at = skip; at < limit; at++) if (looksLikeMpegAudio(bytes, at)) return 'mp3'
    return null
  }
  if (head === 'fLaC') return 'flac'
  return looksLikeMpegAudio(bytes, 0) ? 'mp3' : null
}

/** A short description of what the bytes seem to be, for error messages about unsupported input. */
export function describeUnsupported(bytes: Uint8Array): string {
  if (bytes.length >= 12 && ascii(bytes, 4, 4) === 'ftyp') return 'mp4/m4a'
  if (bytes.length >= 4 && bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3)
    return 'webm/matroska'
  if (bytes.length >= 2 && bytes[0] === 0xff && (bytes[1] & 0xf6) === 0xf0) return 'aac (adts)'
  if (bytes.length >= 4 && ascii(bytes, 0, 4) === 'OggS') return 'ogg (codec other than vorbis/opus)'
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'FORM') return 'aiff'
  return 'unknown'
}
