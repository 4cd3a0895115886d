/**
 * What the store writes beside a pulled model: models/<name>/manifest.json, one entry per
 * file with its size and sha256, so `verify` can check it and `pull` can skip it.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomic } from '../../core/files.js'

export interface LocalFile {
  /** Path under models/<name>/. */
  path: string
  repo: string
  revision: string
  /** Path in the repo. */
  remotePath: string
  size: number
  sha256: string
  /** Where the expected sha256 came from: the catalogue, the hub's LFS metadata, or computed at download (trust on first use). */
  shaSource: 'catalogue' | 'hub' | 'computed'
  /** False after `verify` found the file missing or changed: the next pull fetches it again. */
  verified: boolean
  /** mtime when last verified; a different mtime makes pull re-hash before trusting the file. */
  mtimeMs: number
}

export interface LocalManifest {
  name: string
  description: string
  licence: string
  source: string
  /** ISO time of the last pull that changed anything. */
  pulledAt: string
  /** Every file of the model is present and verified. */
  complete: boolean
  files: LocalFile[]
}

export const MANIFEST_FILE = 'manifest.json'

export async function readLocalManifest(dir: string): Promise<LocalManifest | undefined> {
  try {
    const parsed = JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')) as LocalManifest
    return Array.isArray(parsed.files) ? parsed : undefined
  } catch {
    return undefined
  }
}

export async function writeLocalManifest(dir: string, manifest: LocalManifest): Promise<void> {
  await writeFileAtomic(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`)
}
