/**
 * Which files a pull fetches: the catalogue's entries expanded against the hub's tree API
 * (folders become their files; sizes and LFS sha256 come from the hub), or fetched by
 * name when a mirror has no tree API. Paths from the hub are checked to stay inside the
 * model's folder.
 */
import { isAbsolute, normalize } from 'node:path'
import { MynahError } from '../../core/errors.js'
import type { ModelFileSpec, ModelSpec } from './catalogue.js'
import { type HubEnv, type HubFile, listRepoFiles, resolveUrl } from './hf.js'
import type { LocalFile } from './local-manifest.js'

export interface ResolveOptions {
  fetch?: typeof fetch
  signal?: AbortSignal
  /** Also fetch files of optional stages (default true). */
  withOptional?: boolean
  onMessage?: (line: string) => void
}

export interface PlannedFile {
  spec: ModelFileSpec
  revision: string
  remotePath: string
  dest: string
  size?: number
  sha256?: string
  shaSource: LocalFile['shaSource']
}

export function safeRelative(path: string, what: string): string {
  const n = normalize(path).replace(/\\/g, '/')
  if (isAbsolute(n) || n.split('/').includes('..') || n.startsWith('/'))
    throw new MynahError('E_DOWNLOAD_FAILED', {
      url: what,
      detail: `refusing unsafe path ${JSON.stringify(path)}`,
    })
  return n
}

export async function resolveFiles(
  model: ModelSpec,
  hub: HubEnv,
  options: ResolveOptions,
): Promise<PlannedFile[]> {
  const fetchFn = options.fetch ?? fetch
  const optional = new Set(model.stages.filter((s) => s.optional).map((s) => s.name))
  const specs = model.files.filter(
    (f) => options.withOptional !== false || !f.stage || !optional.has(f.stage),
  )
  const trees = new Map<string, HubFile[] | undefined>()
  const planned: PlannedFile[] = []
  for (const spec of specs) {
    const revision = spec.revision ?? 'main'
    const key = `${spec.repo}@${revision}`
    if (!trees.has(key)) {
      try {
        trees.set(key, await listRepoFiles(hub, spec.repo, revision, fetchFn, options.signal))
      } catch (error) {
        const detail = error instanceof MynahError ? String(error.details.detail ?? '') : ''
        // Only a hub without the tree API (some mirrors) falls back to fetching files by
        // name; a gated repo, a network failure or a server error is reported now.
        if (!/^HTTP (404|405|501)\b|did not return a list/.test(detail)) throw error
        trees.set(key, undefined)
        options.onMessage?.(`could not list ${spec.repo} (${detail}); fetching files by name`)
      }
    }
    const tree = trees.get(key)
    const folder = spec.path.endsWith('/')
    if (folder) {
      if (!tree)
        throw new MynahError('E_DOWNLOAD_FAILED', {
          url: `${spec.repo}/${spec.path}`,
          detail: "a folder needs the hub's tree API, which did not answer",
        })
      const inside = tree.filter((f) => f.path.startsWith(spec.path))
      if (inside.length === 0)
        throw new MynahError('E_DOWNLOAD_FAILED', {
          url: `${spec.repo}/${spec.path}`,
          detail: 'no files in that folder',
        })
      const base = spec.dest ?? spec.path
      for (const f of inside) {
        planned.push({
          spec,
          revision,
          remotePath: f.path,
          dest: safeRelative(base + f.path.slice(spec.path.length), f.path),
          size: f.size,
          ...(f.sha256 ? { sha256: f.sha256 } : {}),
          shaSource: f.sha256 ? 'hub' : 'computed',
        })
      }
      continue
    }
    const hubFile = tree?.find((f) => f.path === spec.path)
    if (tree && !hubFile)
      throw new MynahError('E_DOWNLOAD_FAILED', {
        url: resolveUrl(hub, spec.repo, revision, spec.path),
        detail: `${spec.path} is not in ${spec.repo}@${revision}`,
      })
    if (spec.sha256 && hubFile?.sha256 && spec.sha256 !== hubFile.sha256)
      throw new MynahError('E_CHECKSUM_MISMATCH', {
        file: `${spec.repo}/${spec.path}`,
        actual: hubFile.sha256,
        expected: spec.sha256,
      })
    const sha = spec.sha256 ?? hubFile?.sha256
    planned.push({
      spec,
      revision,
      remotePath: spec.path,
      dest: safeRelative(spec.dest ?? spec.path, spec.path),
      ...(hubFile ? { size: hubFile.size } : {}),
      ...(sha ? { sha256: sha } : {}),
      shaSource: spec.sha256 ? 'catalogue' : hubFile?.sha256 ? 'hub' : 'computed',
    })
  }
  return planned
}
