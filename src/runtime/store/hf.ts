/**
 * Hugging Face Hub addresses, as huggingface_hub builds them:
 * - file:  {HF_ENDPOINT}/{repo}/resolve/{revision}/{path}   (302 to a CDN for LFS/Xet files)
 * - tree:  {HF_ENDPOINT}/api/models/{repo}/tree/{revision}?recursive=true
 *          → [{ type, path, size, oid, lfs?: { oid: <sha256>, size } }], paginated by Link headers.
 * HF_ENDPOINT selects a mirror (e.g. https://hf-mirror.com); HF_TOKEN is sent as a bearer
 * token for gated or private repos, and never to another host a redirect points at.
 */
import { MynahError } from '../../core/errors.js'

export const DEFAULT_HF_ENDPOINT = 'https://huggingface.co'

/** The store's environment variables, with help text for `mynah doctor` and the docs. */
export const HF_ENV_VARS = [
  { name: 'HF_ENDPOINT', help: 'Hugging Face endpoint or mirror (default https://huggingface.co).' },
  { name: 'HF_TOKEN', help: 'Access token for gated or private repos, sent as Authorization: Bearer.' },
] as const

export interface HubEnv {
  endpoint: string
  token?: string
}

export function hubEnv(env: NodeJS.ProcessEnv = process.env): HubEnv {
  const raw = (env.HF_ENDPOINT ?? '').trim() || DEFAULT_HF_ENDPOINT
  let endpoint: string
  try {
    const url = new URL(raw)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)')
    endpoint = url.href.replace(/\/+$/, '')
  } catch {
    throw new MynahError('E_CONFIG_INVALID', {
      key: 'HF_ENDPOINT',
      detail: `${JSON.stringify(raw)} is not an http(s) URL`,
    })
  }
  const token = (env.HF_TOKEN ?? env.HUGGING_FACE_HUB_TOKEN ?? '').trim()
  return { endpoint, ...(token ? { token } : {}) }
}

function encodePath(path: string): string {
  return path
    .split('/')
    .filter(Boolean)
    .map((segment) => encodeURIComponent(segment))
    .join('/')
}

export function resolveUrl(hub: HubEnv, repo: string, revision: string, path: string): string {
  return `${hub.endpoint}/${encodePath(repo)}/resolve/${encodeURIComponent(revision)}/${encodePath(path)}`
}

export function treeUrl(hub: HubEnv, repo: string, revision: string): string {
  return `${hub.endpoint}/api/models/${encodePath(repo)}/tree/${encodeURIComponent(revision)}?recursive=true`
}

export interface HubFile {
  /** Path in the repo. */
  path: string
  size: number
  /** sha256 of the content: the LFS oid; absent for small files kept in git (their oid is a sha1). */
  sha256?: string
}

export function authHeaders(hub: HubEnv): Record<string, string> {
  return hub.token ? { authorization: `Bearer ${hub.token}` } : {}
}

/** Human hint for an HTTP failure from the hub. */
export function statusHint(status: number): string {
  if (status === 401 || status === 403)
    return `HTTP ${status}: the repo may be gated or private — accept its terms and set HF_TOKEN`
  if (status === 404)
    return 'HTTP 404 Not Found: no such repo, revision or file (check the name, or HF_ENDPOINT)'
  if (status === 429) return 'HTTP 429: rate limited by the hub; retry later or set HF_TOKEN'
  return `HTTP ${status}`
}

/** Next page from a `Link: <url>; rel="next"` header. */
function nextLink(header: string | null): string | undefined {
  if (!header) return undefined
  const m = /<([^>]+)>\s*;\s*rel="?next"?/i.exec(header)
  return m?.[1]
}

/** List every file of a repo at a revision, with sizes and LFS sha256. */
export async function listRepoFiles(
  hub: HubEnv,
  repo: string,
  revision: string,
  fetchFn: typeof fetch,
  signal?: AbortSignal,
): Promise<HubFile[]> {
  const files: HubFile[] = []
  let url: string | undefined = treeUrl(hub, repo, revision)
  for (let page = 0; url && page < 100; page++) {
    let response: Response
    try {
      response = await fetchFn(url, { headers: { accept: 'application/json', ...authHeaders(hub) }, signal })
    } catch (error) {
      throw new MynahError('E_DOWNLOAD_FAILED', { url, detail: (error as Error).message }, { cause: error })
    }
    if (!response.ok) {
      await response.body?.cancel()
      throw new MynahError('E_DOWNLOAD_FAILED', { url, detail: statusHint(response.status) })
    }
    const entries = (await response.json()) as unknown
    if (!Array.isArray(entries))
      throw new MynahError('E_DOWNLOAD_FAILED', { url, detail: 'the tree API did not return a list' })
    for (const e of entries as Record<string, unknown>[]) {
      if (e.type !== 'file' || typeof e.path !== 'string') continue
      const lfs = e.lfs as { oid?: unknown; size?: unknown } | undefined
      const sha = typeof lfs?.oid === 'string' && /^[0-9a-f]{64}$/.test(lfs.oid) ? lfs.oid : undefined
      const size = typeof lfs?.size === 'number' ? lfs.size : typeof e.size === 'number' ? e.size : 0
      files.push({ path: e.path, size, ...(sha ? { sha256: sha } : {}) })
    }
    const next = nextLink(response.headers.get('link'))
    url = next ? new URL(next, url).href : undefined
  }
  return files
}
