/** Filesystem helpers every room may use: atomic writes and content hashes. */
import { createHash, type Hash, randomBytes } from 'node:crypto'
import { createReadStream, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { throwIfAborted } from './errors.js'

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex')
}

/** Feed a file into a running hash, streaming (a resumed download continues its hash this way). */
export async function hashFileInto(hash: Hash, path: string, signal?: AbortSignal): Promise<void> {
  for await (const chunk of createReadStream(path)) {
    throwIfAborted(signal)
    hash.update(chunk as Buffer)
  }
}

/** sha256 (hex) of a file, streamed so large model files never sit in memory. */
export async function sha256File(path: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256')
  await hashFileInto(hash, path, signal)
  return hash.digest('hex')
}

function tempNameFor(path: string): string {
  return `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
}

/** Write to a temp file beside the target, then rename: readers see the old or the new file, never half. */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  const temp = tempNameFor(path)
  try {
    await writeFile(temp, data)
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}

export function writeFileAtomicSync(path: string, data: Uint8Array | string): void {
  mkdirSync(dirname(path), { recursive: true })
  const temp = tempNameFor(path)
  try {
    writeFileSync(temp, data)
    renameSync(temp, path)
  } catch (error) {
    rmSync(temp, { force: true })
    throw error
  }
}
