/**
 * The voice library: reference clips users saved by name. Metadata lives in SQLite
 * (better-sqlite3) at `<home>/voices/library.sqlite`; each clip's bytes live beside it in
 * `<home>/voices/clips/<sha256>.<ext>`. File names are derived from the content hash and
 * the sniffed format only, so nothing a user types (voice name, upload file name) ever
 * reaches the filesystem. Clips are checked by decoding them before anything is stored.
 */
import { mkdirSync, rmSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join, resolve, sep } from 'node:path'
import Database from 'better-sqlite3'
import { MynahError } from '../core/errors.js'
import { sha256Hex, writeFileAtomic } from '../core/files.js'
import { inspectClip } from './library-inspect.js'

/** What decoding a clip told us; supplied by `inspect` (default: audio/ decode). */
export interface ClipInfo {
  /** Container/codec sniffed from the bytes: wav, flac, mp3, ogg, ... (used as the file extension). */
  readonly format: string
  readonly durationSeconds: number
  readonly sampleRate: number
}

/** Reads a clip's bytes and either describes it or throws E_AUDIO_UNSUPPORTED / E_AUDIO_UNREADABLE. */
export type ClipInspector = (bytes: Uint8Array) => Promise<ClipInfo>

export interface SavedVoice {
  /** Short stable id: the first 12 hex digits of the clip's sha256. */
  readonly id: string
  readonly name: string
  /** sha256 of the clip bytes (hex). */
  readonly sha256: string
  readonly format: string
  readonly bytes: number
  readonly durationSeconds: number
  readonly sampleRate: number
  /** ISO 8601 time the voice was saved. */
  readonly createdAt: string
}

export interface VoiceLibraryOptions {
  /** Data dir (config.home); the library lives in `<home>/voices`. */
  readonly home: string
  /** How clips are checked before storing; default decodes them (library-inspect.ts). */
  readonly inspect?: ClipInspector
  /** Clock, for tests. */
  readonly now?: () => Date
}

export const VOICE_NAME_MAX = 64
const ID_LENGTH = 12
const EXTENSION = /^[a-z0-9]{1,8}$/
// Names that look like an id would make `get(idOrName)` ambiguous.
const LOOKS_LIKE_ID = /^[0-9a-f]{12}$/

interface Row {
  id: string
  name: string
  sha256: string
  format: string
  bytes: number
  duration_s: number
  sample_rate: number
  created_at: string
}

const SCHEMA_VERSION = 1
const SCHEMA = `
CREATE TABLE IF NOT EXISTS voices (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
  sha256      TEXT NOT NULL UNIQUE,
  format      TEXT NOT NULL,
  bytes       INTEGER NOT NULL,
  duration_s  REAL NOT NULL,
  sample_rate INTEGER NOT NULL,
  created_at  TEXT NOT NULL
);`

function toVoice(row: Row): SavedVoice {
  return {
    id: row.id,
    name: row.name,
    sha256: row.sha256,
    format: row.format,
    bytes: row.bytes,
    durationSeconds: row.duration_s,
    sampleRate: row.sample_rate,
    createdAt: row.created_at,
  }
}

/** Trim and check a voice name; names are labels only and are never used as paths. */
export function normalizeVoiceName(raw: string): string {
  const name = raw.normalize('NFC').trim()
  const bad = (detail: string): never => {
    throw new MynahError('E_INVALID_ARGUMENT', { detail: `voice name ${detail}` })
  }
  if (name.length === 0) bad('is empty')
  if ([...name].length > VOICE_NAME_MAX) bad(`is longer than ${VOICE_NAME_MAX} characters`)
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(name)) bad('contains control characters')
  if (LOOKS_LIKE_ID.test(name.toLowerCase())) bad('looks like a voice id (12 hex digits)')
  return name
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === 'SQLITE_CONSTRAINT_UNIQUE'
}

export class VoiceLibrary {
  readonly dir: string
  readonly clipsDir: string
  private readonly db: Database.Database
  private readonly inspect: ClipInspector
  private readonly now: () => Date

  constructor(options: VoiceLibraryOptions) {
    this.dir = resolve(options.home, 'voices')
    this.clipsDir = join(this.dir, 'clips')
    this.inspect = options.inspect ?? inspectClip
    this.now = options.now ?? (() => new Date())
    // better-sqlite3 opens synchronously; the folder must exist first.
    mkdirSync(this.clipsDir, { recursive: true })
    this.db = new Database(join(this.dir, 'library.sqlite'))
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('busy_timeout = 5000')
    const version = this.db.pragma('user_version', { simple: true }) as number
    if (version > SCHEMA_VERSION) {
      this.db.close()
      throw new MynahError('E_CONFIG_INVALID', {
        key: join(this.dir, 'library.sqlite'),
        detail: `schema version ${version} is newer than this mynah understands (${SCHEMA_VERSION})`,
      })
    }
    this.db.exec(SCHEMA)
    this.db.pragma(`user_version = ${SCHEMA_VERSION}`)
  }

  list(): SavedVoice[] {
    const rows = this.db.prepare('SELECT * FROM voices ORDER BY created_at, name').all() as Row[]
    return rows.map(toVoice)
  }

  /** Look a voice up by id (or the full sha256) first, then by name (case-insensitive). */
  get(idOrName: string): SavedVoice | undefined {
    const key = idOrName.trim()
    if (key.length === 0) return undefined
    const row = (this.db.prepare('SELECT * FROM voices WHERE id = ? OR sha256 = ?').get(key, key) ??
      this.db.prepare('SELECT * FROM voices WHERE name = ?').get(key.normalize('NFC'))) as Row | undefined
    return row ? toVoice(row) : undefined
  }

  /** Like get, but an unknown voice is E_VOICE_UNKNOWN. */
  require(idOrName: string): SavedVoice {
    const voice = this.get(idOrName)
    if (!voice) throw new MynahError('E_VOICE_UNKNOWN', { voice: idOrName, hint: 'See GET /api/voices.' })
    return voice
  }

  /**
   * Validate the clip by decoding it, store its bytes under their hash, then record it.
   * A clip whose content is already saved is E_VOICE_DUPLICATE (details name the existing
   * voice); a name already in use is E_VOICE_NAME_TAKEN.
   */
  async add(rawName: string, clip: Uint8Array): Promise<SavedVoice> {
    const { name, sha256 } = this.checkAvailable(rawName, clip)
    const info = await this.inspect(clip)
    const format = info.format.toLowerCase()
    if (!EXTENSION.test(format))
      throw new MynahError('E_AUDIO_UNSUPPORTED', { type: JSON.stringify(info.format) })
    const voice: SavedVoice = {
      id: sha256.slice(0, ID_LENGTH),
      name,
      sha256,
      format,
      bytes: clip.byteLength,
      durationSeconds: info.durationSeconds,
      sampleRate: info.sampleRate,
      createdAt: this.now().toISOString(),
    }
    const path = this.clipPath(voice)
    await writeFileAtomic(path, clip)
    try {
      this.db
        .prepare(
          `INSERT INTO voices (id, name, sha256, format, bytes, duration_s, sample_rate, created_at)
           VALUES (@id, @name, @sha256, @format, @bytes, @durationSeconds, @sampleRate, @createdAt)`,
        )
        .run(voice)
    } catch (error) {
      // Another add of the same clip or name won the race while we decoded: keep its file.
      if (isUniqueViolation(error)) {
        if (!this.db.prepare('SELECT 1 FROM voices WHERE sha256 = ?').get(sha256))
          rmSync(path, { force: true })
        this.throwIfTaken(name, sha256)
      }
      rmSync(path, { force: true })
      throw error
    }
    return voice
  }

  /** Forget a voice and delete its clip. Unknown voices are E_VOICE_UNKNOWN. */
  remove(idOrName: string): SavedVoice {
    const voice = this.require(idOrName)
    this.db.prepare('DELETE FROM voices WHERE id = ?').run(voice.id)
    rmSync(this.clipPath(voice), { force: true })
    return voice
  }

  /** The stored clip bytes (for building a speaker profile). */
  async read(idOrName: string): Promise<Uint8Array> {
    const voice = this.require(idOrName)
    try {
      return new Uint8Array(await readFile(this.clipPath(voice)))
    } catch (error) {
      throw new MynahError(
        'E_NOT_FOUND',
        { what: `The clip of voice ${voice.name} (${voice.id})` },
        { cause: error },
      )
    }
  }

  /** Absolute path of a voice's clip; always inside clipsDir (built from hash + sniffed format only). */
  clipPath(voice: Pick<SavedVoice, 'sha256' | 'format'>): string {
    if (!/^[0-9a-f]{64}$/.test(voice.sha256) || !EXTENSION.test(voice.format))
      throw new MynahError('E_INTERNAL', { detail: 'voice library row has an invalid hash or format' })
    const path = resolve(this.clipsDir, `${voice.sha256}.${voice.format}`)
    if (!path.startsWith(this.clipsDir + sep))
      throw new MynahError('E_INTERNAL', { detail: 'voice clip path escapes the library' })
    return path
  }

  /**
   * Cheap checks before any decoding: the name is valid and free and the clip is not saved
   * yet (E_INVALID_ARGUMENT, E_VOICE_NAME_TAKEN, E_VOICE_DUPLICATE). Returns both keys.
   */
  checkAvailable(rawName: string, clip: Uint8Array): { name: string; sha256: string } {
    const name = normalizeVoiceName(rawName)
    const sha256 = sha256Hex(clip)
    this.throwIfTaken(name, sha256)
    return { name, sha256 }
  }

  close(): void {
    if (this.db.open) this.db.close()
  }

  private throwIfTaken(name: string, sha256: string): void {
    const same = this.db.prepare('SELECT * FROM voices WHERE sha256 = ?').get(sha256) as Row | undefined
    if (same) throw new MynahError('E_VOICE_DUPLICATE', { voice: same.name, id: same.id })
    const named = this.db.prepare('SELECT * FROM voices WHERE name = ?').get(name) as Row | undefined
    if (named) throw new MynahError('E_VOICE_NAME_TAKEN', { name: named.name, id: named.id })
  }
}
