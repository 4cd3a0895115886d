/**
 * Saved voices and clone profiles for the facade: the voice library (SQLite + clips under
 * <home>/voices), reference ingestion (decode, VAD, limits) and the profile cache (by the
 * sha256 of the clip's bytes, never its name). Opened lazily: a CLI call that never touches
 * saved voices never opens the database.
 */
import type { MynahConfig } from '../core/config.js'
import { MynahError } from '../core/errors.js'
import type { TextWarning, VoiceProfile } from '../core/types.js'
import type { Engine, EngineInfo } from '../engines/engine.js'
import { type SavedVoice, VoiceLibrary } from '../voice/library.js'
import { ProfileCache } from '../voice/profile-cache.js'
import { ingestReference } from '../voice/reference.js'
import type { VoiceListing } from './api.js'

export interface ClonedVoice {
  readonly profile: VoiceProfile
  /** Findings about the clip (noise, music, trimmed); empty on a cache hit. */
  readonly warnings: TextWarning[]
}

/** "W_CODE: message" strings from ingestion → typed warnings. */
function toWarnings(lines: readonly string[]): TextWarning[] {
  return lines.map((line) => {
    const m = /^(W_[A-Z_]+):\s*(.*)$/s.exec(line)
    return { code: (m?.[1] ?? 'W_AUDIO_NOISY') as TextWarning['code'], message: m?.[2] ?? line }
  })
}

export function savedListing(voice: SavedVoice, engine: string): VoiceListing {
  return {
    id: voice.id,
    name: voice.name,
    kind: 'saved',
    engine,
    createdAt: voice.createdAt,
    sha256: voice.sha256,
  }
}

export function builtinListings(info: EngineInfo): VoiceListing[] {
  return info.voices.map((v) => ({
    id: v.name,
    name: v.name,
    kind: 'builtin',
    engine: info.id,
    lang: v.lang,
    gender: v.gender,
    licence: v.licence,
    description: v.description,
    isDefault: v.isDefault,
  }))
}

export class VoiceCatalog {
  private libraryInstance?: VoiceLibrary
  private cacheInstance?: ProfileCache

  constructor(private readonly config: MynahConfig) {}

  get library(): VoiceLibrary {
    this.libraryInstance ??= new VoiceLibrary({ home: this.config.home })
    return this.libraryInstance
  }

  private get cache(): ProfileCache {
    this.cacheInstance ??= ProfileCache.forHome(this.config.home)
    return this.cacheInstance
  }

  /** The clone profile of a clip: from the cache, or ingested (rejections with E_AUDIO_* codes) and built by the engine. */
  async profileOf(clip: Uint8Array, engine: Engine, signal?: AbortSignal): Promise<ClonedVoice> {
    let warnings: TextWarning[] = []
    // The cache sets the profile's id to the sha256 of the clip's bytes.
    const profile = await this.cache.getOrCreate(clip, async () => {
      const reference = await ingestReference(clip, { maxBytes: this.config.maxUploadBytes, signal })
      warnings = toWarnings(reference.warnings)
      return engine.profile(reference.audio, signal)
    })
    return { profile, warnings }
  }

  /** A saved voice by id or name, or undefined. */
  find(idOrName: string): SavedVoice | undefined {
    return this.library.get(idOrName)
  }

  /** A saved voice's profile: by its stored sha256 from the cache, reading the clip only on a miss. */
  async profileOfSaved(voice: SavedVoice, engine: Engine, signal?: AbortSignal): Promise<ClonedVoice> {
    const cached = await this.cache.get(voice.sha256)
    if (cached) return { profile: cached, warnings: [] }
    return this.profileOf(await this.library.read(voice.id), engine, signal)
  }

  /**
   * Save a clip under a name. The clip is ingested and profiled first, so a clip with no
   * speech (or clipped, too short, ...) is refused with its code before anything is stored.
   */
  async add(name: string, clip: Uint8Array, engine: Engine): Promise<SavedVoice> {
    if (clip.byteLength > this.config.maxUploadBytes)
      throw new MynahError('E_PAYLOAD_TOO_LARGE', {
        bytes: clip.byteLength,
        limit: this.config.maxUploadBytes,
      })
    // A taken name or an already saved clip is refused before the clip is decoded and profiled.
    this.library.checkAvailable(name, clip)
    await this.profileOf(clip, engine)
    return this.library.add(name, clip)
  }

  remove(idOrName: string): SavedVoice {
    return this.library.remove(idOrName)
  }

  list(): SavedVoice[] {
    return this.library.list()
  }

  close(): void {
    this.libraryInstance?.close()
    this.libraryInstance = undefined
  }
}
