/**
 * Speaker profiles cached by the sha256 of the reference audio BYTES (never the file name:
 * IndexTTS2 bug #382 served a stale speaker when a different clip reused a name). Two
 * levels: a bounded in-memory LRU and JSON files `<dir>/<sha256>.json` (by default
 * `<home>/cache/profiles/`), written atomically. Concurrent requests for the same clip
 * share one build. Files from another PROFILE_VERSION or that do not parse are rebuilt.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { MynahError } from '../core/errors.js'
import { sha256Hex, writeFileAtomic } from '../core/files.js'
import { WeightedLru } from '../core/lru.js'
import type { VoiceProfile } from '../core/types.js'
import { PROFILE_VERSION } from './profile.js'

export interface ProfileCacheOptions {
  /** Directory of the on-disk cache; omit for a memory-only cache. */
  readonly dir?: string
  /** Profiles kept in memory (default 64; a profile is about 2 KB). */
  readonly maxEntries?: number
}

export interface ProfileCacheStats {
  memoryHits: number
  diskHits: number
  builds: number
}

const SHA256 = /^[0-9a-f]{64}$/

function checkKey(sha256: string): void {
  if (!SHA256.test(sha256))
    throw new MynahError('E_INVALID_ARGUMENT', { detail: 'a profile key is a lowercase hex sha256' })
}

interface StoredProfile {
  readonly version: number
  readonly profile: Omit<VoiceProfile, 'embeddings'> & { embeddings?: Record<string, number[]> }
}

function toStored(profile: VoiceProfile): StoredProfile {
  const { embeddings, ...rest } = profile
  return {
    version: PROFILE_VERSION,
    profile: {
      ...rest,
      ...(embeddings
        ? { embeddings: Object.fromEntries(Object.entries(embeddings).map(([k, v]) => [k, Array.from(v)])) }
        : {}),
    },
  }
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value)
}

function fromStored(value: unknown, sha256: string): VoiceProfile | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const stored = value as Partial<StoredProfile>
  const p = stored.profile
  if (stored.version !== PROFILE_VERSION || !p || p.id !== sha256) return undefined
  const numbers = [p.sampleRate, p.warp, p.tiltDbPerOctave, p.aperiodicity, p.rate, p.speechSeconds]
  const f0 = p.f0
  if (
    !numbers.every(isFiniteNumber) ||
    !f0 ||
    ![f0.logMean, f0.logStd, f0.minHz, f0.maxHz].every(isFiniteNumber)
  )
    return undefined
  if (!Array.isArray(p.envelope) || !p.envelope.every(isFiniteNumber)) return undefined
  const { embeddings, ...rest } = p
  return {
    ...rest,
    ...(embeddings
      ? {
          embeddings: Object.fromEntries(
            Object.entries(embeddings).map(([k, v]) => [k, Float32Array.from(v)]),
          ),
        }
      : {}),
  }
}

export class ProfileCache {
  readonly stats: ProfileCacheStats = { memoryHits: 0, diskHits: 0, builds: 0 }
  /** In-memory LRU; every profile weighs 1, so the bound is an entry count. */
  private readonly memory: WeightedLru<string, VoiceProfile>
  private readonly inFlight = new Map<string, Promise<VoiceProfile>>()
  private readonly dir: string | undefined

  constructor(options: ProfileCacheOptions = {}) {
    this.dir = options.dir
    this.memory = new WeightedLru(Math.max(1, options.maxEntries ?? 64), () => 1)
  }

  /** The cache of a mynah data dir: `<home>/cache/profiles/`. */
  static forHome(home: string, options: Omit<ProfileCacheOptions, 'dir'> = {}): ProfileCache {
    return new ProfileCache({ ...options, dir: join(home, 'cache', 'profiles') })
  }

  private fileOf(sha256: string): string | undefined {
    return this.dir ? join(this.dir, `${sha256}.json`) : undefined
  }

  /** The cached profile for these audio bytes' sha256, from memory or disk. */
  async get(sha256: string): Promise<VoiceProfile | undefined> {
    checkKey(sha256)
    const hit = this.memory.get(sha256) // refreshes its LRU position
    if (hit) {
      this.stats.memoryHits++
      return hit
    }
    const file = this.fileOf(sha256)
    if (!file) return undefined
    let text: string
    try {
      text = await readFile(file, 'utf8')
    } catch {
      return undefined
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      return undefined
    }
    const profile = fromStored(parsed, sha256)
    if (!profile) return undefined
    this.stats.diskHits++
    this.memory.set(sha256, profile)
    return profile
  }

  /** Stores a profile under its id (the sha256 of its reference bytes). */
  async put(profile: VoiceProfile): Promise<void> {
    checkKey(profile.id)
    this.memory.set(profile.id, profile)
    const file = this.fileOf(profile.id)
    if (file) await writeFileAtomic(file, `${JSON.stringify(toStored(profile))}\n`)
  }

  /**
   * The profile of a clip: cached, or built by `build(sha256)` (typically ingestReference +
   * buildProfile) and stored. Identical bytes under any name hit the same entry.
   */
  async getOrCreate(
    bytes: Uint8Array,
    build: (sha256: string) => Promise<VoiceProfile>,
  ): Promise<VoiceProfile> {
    const sha256 = sha256Hex(bytes)
    const cached = await this.get(sha256)
    if (cached) return cached
    let pending = this.inFlight.get(sha256)
    if (!pending) {
      pending = (async () => {
        this.stats.builds++
        const built = await build(sha256)
        const profile = built.id === sha256 ? built : { ...built, id: sha256 }
        await this.put(profile)
        return profile
      })()
      this.inFlight.set(sha256, pending)
      pending.then(
        () => this.inFlight.delete(sha256),
        () => this.inFlight.delete(sha256),
      )
    }
    return pending
  }
}
