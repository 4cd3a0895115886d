import { mkdir, readdir, rm, stat, statfs } from 'node:fs/promises'
import { join } from 'node:path'
import { MynahError, throwIfAborted } from '../../core/errors.js'
import { sha256File } from '../../core/files.js'
import type { StatfsResult } from '../hardware/probe.js'
import { approxModelBytes, findModel, MODEL_CATALOGUE, type ModelSpec } from './catalogue.js'
import { downloadFile } from './download.js'
import { authHeaders, type HubEnv, hubEnv, resolveUrl } from './hf.js'
import {
  type LocalFile,
  type LocalManifest,
  readLocalManifest,
  writeLocalManifest,
} from './local-manifest.js'
import { acquireLock, type LockOwner } from './lock.js'
import { type PlannedFile, resolveFiles, safeRelative } from './resolve.js'

export interface StoreSeams {
  fetch?: typeof fetch
  statfs?: (path: string) => Promise<StatfsResult>
  /** Environment for HF_ENDPOINT / HF_TOKEN (default process.env). */
  env?: NodeJS.ProcessEnv
  isAlive?: (pid: number) => boolean
  catalogue?: readonly ModelSpec[]
}

export interface PullProgress {
  /** Path under the model dir of the file being fetched. */
  file: string
  fileIndex: number
  fileCount: number
  fileBytes: number
  fileTotal?: number
  /** Bytes of the whole pull so far (files skipped as verified count as done). */
  doneBytes: number
  totalBytes: number
}

export interface PullOptions {
  signal?: AbortSignal
  onProgress?: (p: PullProgress) => void
  /** Messages worth a line on stderr ("waiting for pull by pid 123"). */
  onMessage?: (line: string) => void
  /** Another pull of the same model is running: wait for it (default) or fail with E_LOCKED. */
  onLocked?: 'wait' | 'fail'
  lockPollMs?: number
  /** Extra attempts per file after a network failure (default 2). */
  retries?: number
  /** Also fetch files of optional stages (default true). */
  withOptional?: boolean
}

export interface PullResult {
  name: string
  dir: string
  files: LocalFile[]
  downloadedBytes: number
  /** Files already present and verified, not fetched again. */
  skipped: number
}

export type VerifyStatus = 'ok' | 'missing' | 'size-mismatch' | 'checksum-mismatch'

export interface VerifyReport {
  name: string
  ok: boolean
  files: { path: string; status: VerifyStatus; size: number; sha256: string; actualSha256?: string }[]
}

export interface ModelListing {
  name: string
  description: string
  licence: string
  source: string
  /** Approximate size of every file, from the catalogue. */
  approxBytes: number
  state: 'installed' | 'partial' | 'not-installed'
  bytesOnDisk: number
  dir: string
}

/** Free space kept after a pull: 2 % of the download or 256 MiB, whichever is more. */
export function diskHeadroom(bytes: number): number {
  return Math.max(256 * 1024 ** 2, Math.ceil(bytes * 0.02))
}

/** The manifest entry of a planned file that is on disk and verified. */
function verifiedEntry(
  file: PlannedFile,
  have: { size: number; sha256: string; mtimeMs: number },
  shaSource: LocalFile['shaSource'],
): LocalFile {
  return {
    path: file.dest,
    repo: file.spec.repo,
    revision: file.revision,
    remotePath: file.remotePath,
    size: have.size,
    sha256: have.sha256,
    shaSource,
    verified: true,
    mtimeMs: have.mtimeMs,
  }
}

async function sizeAndMtime(path: string): Promise<{ size: number; mtimeMs: number } | undefined> {
  try {
    const st = await stat(path)
    return st.isFile() ? { size: st.size, mtimeMs: st.mtimeMs } : undefined
  } catch {
    return undefined
  }
}

export class ModelStore {
  readonly root: string
  private readonly catalogue: readonly ModelSpec[]

  constructor(
    /** mynah's data dir (config.home); models live in <home>/models. */
    home: string,
    private readonly seams: StoreSeams = {},
  ) {
    this.root = join(home, 'models')
    this.catalogue = seams.catalogue ?? MODEL_CATALOGUE
  }

  dir(name: string): string {
    return join(this.root, safeRelative(name, name))
  }

  model(name: string): ModelSpec {
    return findModel(name, this.catalogue)
  }

  readManifest(name: string): Promise<LocalManifest | undefined> {
    return readLocalManifest(this.dir(this.model(name).name))
  }

  async list(): Promise<ModelListing[]> {
    return Promise.all(
      this.catalogue.map(async (model) => {
        const dir = this.dir(model.name)
        const manifest = await readLocalManifest(dir)
        let bytesOnDisk = 0
        for (const f of manifest?.files ?? [])
          bytesOnDisk += (await sizeAndMtime(join(dir, f.path)))?.size ?? 0
        const exists =
          manifest !== undefined ||
          (await readdir(dir).then(
            () => true,
            () => false,
          ))
        return {
          name: model.name,
          description: model.description,
          licence: model.licence,
          source: model.source,
          approxBytes: approxModelBytes(model),
          state: manifest?.complete ? 'installed' : exists ? 'partial' : 'not-installed',
          bytesOnDisk,
          dir,
        }
      }),
    )
  }

  async pull(name: string, options: PullOptions = {}): Promise<PullResult> {
    const model = this.model(name)
    const dir = this.dir(model.name)
    const hub = hubEnv(this.seams.env ?? process.env)
    await mkdir(dir, { recursive: true })
    const release = await acquireLock(join(dir, '.pull.lock'), {
      resource: `model ${model.name}`,
      onLocked: options.onLocked ?? 'wait',
      pollMs: options.lockPollMs,
      signal: options.signal,
      isAlive: this.seams.isAlive,
      onWait: (owner: LockOwner) =>
        options.onMessage?.(`another pull of ${model.name} is running (pid ${owner.pid}); waiting for it`),
    })
    try {
      return await this.pullLocked(model, dir, hub, options)
    } finally {
      await release()
    }
  }

  /** Is this file already here and verified? Re-hashes only when its mtime or size changed. */
  private async alreadyHave(
    dir: string,
    file: PlannedFile,
    known: LocalFile | undefined,
    signal?: AbortSignal,
  ) {
    const st = await sizeAndMtime(join(dir, file.dest))
    if (!st) return undefined
    if (file.size !== undefined && st.size !== file.size) return undefined
    const expected = file.sha256 ?? known?.sha256
    if (!expected) return undefined
    if (
      known?.verified &&
      known.sha256 === expected &&
      known.size === st.size &&
      known.mtimeMs === st.mtimeMs
    )
      return known
    if ((await sha256File(join(dir, file.dest), signal)) !== expected) return undefined
    return { ...st, sha256: expected }
  }

  private async pullLocked(
    model: ModelSpec,
    dir: string,
    hub: HubEnv,
    options: PullOptions,
  ): Promise<PullResult> {
    const planned = await resolveFiles(model, hub, { ...options, fetch: this.seams.fetch })
    const previous = await readLocalManifest(dir)
    const manifest: LocalManifest = {
      name: model.name,
      description: model.description,
      licence: model.licence,
      source: model.source,
      pulledAt: previous?.pulledAt ?? new Date().toISOString(),
      complete: false,
      // Files pulled before but not part of this pull (e.g. an optional stage) stay recorded.
      files: (previous?.files ?? []).filter((f) => !planned.some((p) => p.dest === f.path)),
    }
    const record = (entry: LocalFile) => {
      manifest.files = manifest.files.filter((f) => f.path !== entry.path).concat(entry)
    }
    const todo: PlannedFile[] = []
    let skipped = 0
    let doneBytes = 0
    for (const file of planned) {
      const known = previous?.files.find((f) => f.path === file.dest)
      const have = await this.alreadyHave(dir, file, known, options.signal)
      if (have) {
        record(verifiedEntry(file, have, known?.shaSource ?? file.shaSource))
        skipped++
        doneBytes += have.size
      } else {
        todo.push(file)
      }
    }
    const sizeOf = (f: PlannedFile) => f.size ?? f.spec.approxBytes
    const totalBytes = doneBytes + todo.reduce((sum, f) => sum + sizeOf(f), 0)
    let needed = 0
    for (const f of todo)
      needed += Math.max(0, sizeOf(f) - ((await sizeAndMtime(join(dir, `${f.dest}.part`)))?.size ?? 0))
    if (needed > 0) {
      const st = await (this.seams.statfs ?? statfs)(dir)
      const free = Number(st.bavail) * Number(st.bsize)
      if (needed + diskHeadroom(needed) > free)
        throw new MynahError('E_DISK_FULL', { dir, free, needed: needed + diskHeadroom(needed) })
    }
    let downloadedBytes = 0
    for (const [index, file] of todo.entries()) {
      throwIfAborted(options.signal)
      const dest = join(dir, file.dest)
      const url = resolveUrl(hub, file.spec.repo, file.revision, file.remotePath)
      const before = doneBytes
      const result = await downloadFile({
        url,
        dest,
        headers: authHeaders(hub),
        ...(file.size !== undefined ? { expectedSize: file.size } : {}),
        ...(file.sha256 ? { expectedSha256: file.sha256 } : {}),
        retries: options.retries,
        fetch: this.seams.fetch,
        signal: options.signal,
        label: `${file.spec.repo}/${file.remotePath}`,
        onProgress: (p) =>
          options.onProgress?.({
            file: file.dest,
            fileIndex: index,
            fileCount: todo.length,
            fileBytes: p.receivedBytes,
            ...(p.totalBytes !== undefined ? { fileTotal: p.totalBytes } : {}),
            doneBytes: before + p.receivedBytes,
            totalBytes,
          }),
      })
      doneBytes = before + result.size
      downloadedBytes += result.size
      const st = await sizeAndMtime(dest)
      record(verifiedEntry(file, { ...result, mtimeMs: st?.mtimeMs ?? 0 }, file.shaSource))
      manifest.pulledAt = new Date().toISOString()
      // Saved after every file: an interrupted pull keeps what it finished.
      await writeLocalManifest(dir, manifest)
    }
    manifest.complete = planned.every((p) => manifest.files.some((f) => f.path === p.dest && f.verified))
    await writeLocalManifest(dir, manifest)
    return { name: model.name, dir, files: manifest.files, downloadedBytes, skipped }
  }

  /** Re-hash every file against the manifest; changed or missing files are marked for the next pull. */
  async verify(name: string, options: { signal?: AbortSignal } = {}): Promise<VerifyReport> {
    const model = this.model(name)
    const dir = this.dir(model.name)
    const manifest = await readLocalManifest(dir)
    if (!manifest) throw new MynahError('E_MODEL_NOT_INSTALLED', { model: model.name })
    const release = await acquireLock(join(dir, '.pull.lock'), {
      resource: `model ${model.name}`,
      onLocked: 'fail',
      isAlive: this.seams.isAlive,
    })
    try {
      const files: VerifyReport['files'] = []
      for (const f of manifest.files) {
        const path = join(dir, f.path)
        const st = await sizeAndMtime(path)
        let status: VerifyStatus = 'ok'
        let actual: string | undefined
        if (!st) status = 'missing'
        else if (st.size !== f.size) status = 'size-mismatch'
        else {
          actual = await sha256File(path, options.signal)
          if (actual !== f.sha256) status = 'checksum-mismatch'
        }
        f.verified = status === 'ok'
        if (st && status === 'ok') f.mtimeMs = st.mtimeMs
        files.push({
          path: f.path,
          status,
          size: f.size,
          sha256: f.sha256,
          ...(actual && actual !== f.sha256 ? { actualSha256: actual } : {}),
        })
      }
      const ok = files.every((f) => f.status === 'ok')
      manifest.complete = manifest.complete && ok
      await writeLocalManifest(dir, manifest)
      return { name: model.name, ok, files }
    } finally {
      await release()
    }
  }

  /** Delete a model's folder; refused (E_LOCKED) while a pull of it runs. */
  async remove(name: string): Promise<boolean> {
    const model = this.model(name)
    const dir = this.dir(model.name)
    const exists = await stat(dir).then(
      () => true,
      () => false,
    )
    if (!exists) return false
    const release = await acquireLock(join(dir, '.pull.lock'), {
      resource: `model ${model.name}`,
      onLocked: 'fail',
      isAlive: this.seams.isAlive,
    })
    try {
      await rm(dir, { recursive: true, force: true })
    } finally {
      await release().catch(() => {})
    }
    return true
  }
}
