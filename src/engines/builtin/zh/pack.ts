/**
 * Loading a zh voice pack (pack-format.ts): the index is parsed once, units.bin is read into
 * memory (~2 MB), and units are decoded on demand into a bounded LRU cache, so a voice that
 * says a few sentences decodes a few dozen units, never the whole pack.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { MynahError } from '../../../core/errors.js'
import { WeightedLru } from '../../../core/lru.js'
import type { PsolaSource } from '../../../dsp/psola.js'
import {
  decodeMarks,
  PACK_FORMAT,
  PACK_VERSION,
  type PackBlob,
  type PackIndex,
  voicedFlags,
} from './pack-format.js'
import { type ParsedSyllable, parseSyllable } from './syllable.js'
import { UnitDecoder } from './unit-codec.js'
import { defaultVoicesDir, isZhVoiceName, ZH_VOICES, type ZhVoiceName } from './voices.js'

/** A decoded unit ready for PSOLA, with the nucleus bounds the duration model needs. */
export interface ZhUnit extends PsolaSource {
  readonly id: string
  readonly voicedStart: number
  readonly voicedEnd: number
  readonly f0Hz: number
}

export interface ZhVoiceOptions {
  /** Folder holding <name>/index.json and units.bin (default: the package's voices/). */
  dir: string
  /** Most decoded audio kept in memory, bytes (default 32 MiB ≈ 1 000 average units). */
  cacheBytes: number
}

export interface ZhVoice {
  readonly name: ZhVoiceName
  readonly sampleRate: number
  readonly index: PackIndex
  /** Parse toned pinyin against this voice's inventory (undefined if it cannot be rendered). */
  parse(pinyin: string): ParsedSyllable | undefined
  /** The unit realising `base` + `tone` (aliases applied), decoded or from the cache. */
  unit(base: string, tone: number): ZhUnit
  /** Bytes of decoded audio currently cached. */
  readonly cachedBytes: number
  /** Free the Opus decoder and the unit cache; the voice must not be used afterwards. */
  close(): void
}

class PackVoice implements ZhVoice {
  readonly sampleRate: number
  private readonly cache: WeightedLru<number, ZhUnit>
  private readonly bases: Set<string>

  constructor(
    readonly name: ZhVoiceName,
    readonly index: PackIndex,
    private readonly bin: Uint8Array,
    private readonly decoder: UnitDecoder,
    cacheBytes: number,
  ) {
    this.sampleRate = index.sampleRate
    this.cache = new WeightedLru(
      cacheBytes,
      (u) => u.samples.byteLength + u.marks.byteLength + u.voiced.byteLength,
    )
    this.bases = new Set(Object.keys(index.syllables).map((k) => k.slice(0, -1)))
    for (const alias of Object.keys(index.aliases)) this.bases.add(alias)
  }

  get cachedBytes(): number {
    return this.cache.weight
  }

  close(): void {
    this.cache.clear()
    this.decoder.free()
  }

  parse(pinyin: string): ParsedSyllable | undefined {
    return parseSyllable(pinyin, (b) => this.bases.has(b))
  }

  unit(base: string, tone: number): ZhUnit {
    const real = this.index.aliases[base] ?? base
    const entry = this.index.syllables[`${real}${tone}`]
    if (!entry)
      throw new MynahError('E_INVALID_ARGUMENT', {
        detail: `voice ${this.name} has no syllable ${base}${tone}`,
      })
    const cached = this.cache.get(entry.blob)
    if (cached) return cached
    const unit = this.decode(this.index.blobs[entry.blob])
    this.cache.set(entry.blob, unit)
    return unit
  }

  private decode(blob: PackBlob): ZhUnit {
    const bytes = this.bin.subarray(blob.offset, blob.offset + blob.bytes)
    const samples = this.decoder.decode(bytes, this.index.codec.preSkip, blob.samples)
    const marks = decodeMarks(blob.marks)
    return {
      id: blob.id,
      samples,
      marks,
      voiced: voicedFlags(marks.length, blob.voicedRuns),
      voicedStart: blob.voicedStart,
      voicedEnd: blob.voicedEnd,
      f0Hz: blob.f0Hz,
    }
  }
}

function checkIndex(index: PackIndex, name: string): void {
  if (index.format !== PACK_FORMAT || index.version !== PACK_VERSION)
    throw new MynahError('E_ENGINE_NOT_READY', {
      engine: 'builtin',
      detail: `voice pack ${name} has format ${index.format} v${index.version}; expected ${PACK_FORMAT} v${PACK_VERSION}`,
    })
}

/** Load a built-in Mandarin voice. Unknown names are E_VOICE_UNKNOWN; a missing pack is E_ENGINE_NOT_READY. */
export async function loadZhVoice(
  name: ZhVoiceName,
  options: Partial<ZhVoiceOptions> = {},
): Promise<ZhVoice> {
  if (!isZhVoiceName(name))
    throw new MynahError('E_VOICE_UNKNOWN', {
      voice: String(name),
      hint: `Mandarin voices: ${ZH_VOICES.map((v) => v.name).join(', ')}.`,
    })
  const dir = join(options.dir ?? defaultVoicesDir(), name)
  let index: PackIndex
  let bin: Uint8Array
  try {
    index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as PackIndex
    bin = new Uint8Array(await readFile(join(dir, 'units.bin')))
  } catch (error) {
    throw new MynahError(
      'E_ENGINE_NOT_READY',
      {
        engine: 'builtin',
        detail: `voice pack ${name} is missing or unreadable in ${dir}; run npm run build:voices`,
      },
      { cause: error },
    )
  }
  checkIndex(index, name)
  const decoder = await UnitDecoder.create(index.codec.sampleRate)
  return new PackVoice(name, index, bin, decoder, options.cacheBytes ?? 32 * 1024 * 1024)
}
