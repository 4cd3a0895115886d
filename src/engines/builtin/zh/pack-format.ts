/**
 * The zh voice-pack format, shared by tools/build-voice-zh.ts (writer) and pack.ts (reader).
 *
 * A pack is two files in voices/<name>/: `units.bin`, the concatenated unit blobs, and
 * `index.json`, this PackIndex. A blob is one syllable recording as raw Opus packets
 * (RFC 6716) at the pack rate, each packet prefixed with its byte length as uint16 LE — no
 * Ogg pages: at one 20 ms packet per page Ogg would add ~11 kbit/s of headers to ~0.3 s
 * units, and the index already holds what the container would (length, pre-skip). Every
 * analysis the renderer needs (pitch marks, voicing, voiced onset/offset, F0) was done at
 * build time on the decoded audio and is stored here, so the runtime only decodes.
 */

export const PACK_FORMAT = 'mynah-zh-voice'
export const PACK_VERSION = 1

/** How a toned syllable is realised. */
export type SyllableSourceKind =
  /** This speaker recorded exactly this syllable and tone. */
  | 'recorded'
  /** Another tone of the same syllable, re-pitched to this tone's contour at render time. */
  | 'tone'
  /** Neutral tone from a full tone of the same syllable, shortened and lowered at render time. */
  | 'neutral'
  /** The other speaker's recording, converted to this speaker's pitch and formant scale at build time. */
  | 'speaker'
  /** Onset (consonant) of one unit spliced onto the voiced rhyme of another, at build time. */
  | 'splice'
  /** Head of one unit cross-faded into the voiced part of another (e.g. li → ya for lia), at build time. */
  | 'blend'
  /** A near-homophone recorded unit stands in (syllabic nasals n/ng/m, rare syllables). */
  | 'substitute'

/** Where a blob's audio came from. */
export interface BlobOrigin {
  readonly kind: 'recorded' | 'speaker' | 'splice' | 'blend'
  /** Source file(s) or units, e.g. "ㄇㄚ/5.ogg" or "zh-male:xing1". */
  readonly from: readonly string[]
  /** Build notes (gain applied, warp factor, ...). */
  readonly note?: string
}

export interface PackBlob {
  /** Unit id, e.g. "ma1", "zh-male:xing1>zh-female". */
  readonly id: string
  /** Byte offset and length in units.bin. */
  readonly offset: number
  readonly bytes: number
  /** Decoded length in samples (after pre-skip). */
  readonly samples: number
  /** Pitch marks as deltas: marks[0] = d[0], marks[i] = marks[i-1] + d[i]. */
  readonly marks: readonly number[]
  /** Voiced mark index ranges [first, last] inclusive; every other mark is an unvoiced pseudo-mark. */
  readonly voicedRuns: readonly (readonly [number, number])[]
  /** First and last voiced sample (the nucleus); 0 and samples when the unit has no voicing. */
  readonly voicedStart: number
  readonly voicedEnd: number
  /** Median F0 over voiced marks, Hz. */
  readonly f0Hz: number
  readonly origin: BlobOrigin
}

export interface SyllableEntry {
  /** Index into blobs. */
  readonly blob: number
  readonly kind: SyllableSourceKind
  /** The toned syllable or unit the audio was recorded as, when it differs from the key. */
  readonly from?: string
}

export interface SpeakerStats {
  /** Median F0 of all voiced marks, Hz. */
  readonly medianHz: number
  /** Median F0 of tone-1 units (the top of the tone space), Hz. */
  readonly highHz: number
  /** 10th percentile of tone-3 F0 (the bottom of the tone space), Hz. */
  readonly lowHz: number
  /** Median duration of recorded units, seconds. */
  readonly medianSeconds: number
  /** Sign of the waveform peaks the pitch marks sit on. */
  readonly polarity: 1 | -1
}

export interface PackCodec {
  readonly name: 'opus'
  readonly framing: 'u16le-length-prefixed-packets'
  readonly sampleRate: number
  readonly bitrateKbps: number
  readonly frameSamples: number
  /** Decoder output samples to drop at the start of every blob (encoder lookahead). */
  readonly preSkip: number
}

export interface PackIndex {
  readonly format: typeof PACK_FORMAT
  readonly version: typeof PACK_VERSION
  readonly name: string
  readonly sampleRate: number
  readonly codec: PackCodec
  readonly speaker: SpeakerStats
  /** Loudness target every unit was normalised to (mean power of active frames), dBFS. */
  readonly unitLevelDbfs: number
  readonly source: {
    readonly package: string
    readonly version: string
    readonly files: string
    readonly licence: string
  }
  readonly blobs: readonly PackBlob[]
  /** Toned syllable ("ma1" … "ma5", ü as v) → how to render it. */
  readonly syllables: Readonly<Record<string, SyllableEntry>>
  /** Syllable bases with no unit of their own, rendered as another base (e.g. "zh" → "zhi"). */
  readonly aliases: Readonly<Record<string, string>>
}

export function decodeMarks(deltas: readonly number[]): Int32Array {
  const marks = new Int32Array(deltas.length)
  let acc = 0
  for (let i = 0; i < deltas.length; i++) {
    acc += deltas[i]
    marks[i] = acc
  }
  return marks
}

export function encodeMarks(marks: ArrayLike<number>): number[] {
  const out: number[] = []
  let prev = 0
  for (let i = 0; i < marks.length; i++) {
    out.push(marks[i] - prev)
    prev = marks[i]
  }
  return out
}

export function voicedFlags(markCount: number, runs: readonly (readonly [number, number])[]): Uint8Array {
  const flags = new Uint8Array(markCount)
  for (const [a, b] of runs) flags.fill(1, a, b + 1)
  return flags
}

export function voicedRunsOf(flags: ArrayLike<number>): [number, number][] {
  const runs: [number, number][] = []
  let i = 0
  while (i < flags.length) {
    if (!flags[i]) {
      i++
      continue
    }
    let j = i
    while (j + 1 < flags.length && flags[j + 1]) j++
    runs.push([i, j])
    i = j + 1
  }
  return runs
}
