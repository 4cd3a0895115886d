/**
 * One resumable, verified download: bytes go to `<dest>.part`; an interrupted transfer
 * continues with `Range: bytes=<size of part>-` (RFC 9110 §14.2); the sha256 covers the
 * whole file (the part is re-read on resume); only a verified file is renamed onto `dest`,
 * so a reader sees the old file or the new one, never half.
 *
 * Redirects are followed by hand (the hub answers LFS files with a 302 to a CDN) so the
 * Authorization header is dropped when a redirect leaves the original host.
 */
import { createHash } from 'node:crypto'
import { mkdir, open, rename, rm, stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import { MynahError, throwIfAborted } from '../../core/errors.js'
import { hashFileInto } from '../../core/files.js'
import { statusHint } from './hf.js'

export interface DownloadProgress {
  /** Bytes of this file on disk so far (including a resumed part). */
  receivedBytes: number
  /** Expected size when known. */
  totalBytes?: number
}

export interface DownloadOptions {
  url: string
  /** Final path; the transfer writes `${dest}.part`. */
  dest: string
  headers?: Record<string, string>
  expectedSize?: number
  /** When known, a mismatch is E_CHECKSUM_MISMATCH and the part is deleted. */
  expectedSha256?: string
  /** Extra attempts after a network failure, each resuming where the last stopped (default 2). */
  retries?: number
  fetch?: typeof fetch
  signal?: AbortSignal
  onProgress?: (p: DownloadProgress) => void
  /** Name shown in errors (the repo path). */
  label?: string
}

export interface DownloadResult {
  size: number
  sha256: string
  /** True when part of the file came from an earlier, interrupted transfer. */
  resumed: boolean
}

const REDIRECTS = new Set([301, 302, 303, 307, 308])
const MAX_REDIRECTS = 10

async function partSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size
  } catch {
    return 0
  }
}

/** GET with manual redirects; Authorization stays with the first origin. */
async function get(
  fetchFn: typeof fetch,
  url: string,
  headers: Record<string, string>,
  signal?: AbortSignal,
): Promise<{ response: Response; finalUrl: string }> {
  const origin = new URL(url).origin
  let current = url
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const sameOrigin = new URL(current).origin === origin
    const sent = Object.fromEntries(
      Object.entries(headers).filter(([k]) => sameOrigin || k.toLowerCase() !== 'authorization'),
    )
    const response = await fetchFn(current, { headers: sent, redirect: 'manual', signal })
    const location = response.headers.get('location')
    if (!REDIRECTS.has(response.status) || !location) return { response, finalUrl: current }
    await response.body?.cancel()
    current = new URL(location, current).href
  }
  throw new MynahError('E_DOWNLOAD_FAILED', { url, detail: `more than ${MAX_REDIRECTS} redirects` })
}

function fail(url: string, detail: string, cause?: unknown): MynahError {
  return new MynahError('E_DOWNLOAD_FAILED', { url, detail }, cause ? { cause } : undefined)
}

async function attempt(o: DownloadOptions, part: string): Promise<DownloadResult> {
  const fetchFn = o.fetch ?? fetch
  let offset = await partSize(part)
  if (o.expectedSize !== undefined && offset > o.expectedSize) {
    await rm(part, { force: true })
    offset = 0
  }
  const headers = { ...o.headers, ...(offset > 0 ? { range: `bytes=${offset}-` } : {}) }
  const { response } = await get(fetchFn, o.url, headers, o.signal)
  let append = false
  if (response.status === 206) {
    const start = /bytes\s+(\d+)-/i.exec(response.headers.get('content-range') ?? '')
    if (!start || Number(start[1]) !== offset) {
      await response.body?.cancel()
      await rm(part, { force: true })
      throw fail(o.url, `the server resumed at the wrong offset (${response.headers.get('content-range')})`)
    }
    append = true
  } else if (response.status === 416 && offset > 0) {
    // The part already holds everything the server has: verify it as it is.
    await response.body?.cancel()
    append = true
  } else if (!response.ok) {
    await response.body?.cancel()
    throw new MynahError('E_DOWNLOAD_FAILED', { url: o.url, detail: statusHint(response.status) })
  }
  const hash = createHash('sha256')
  if (append && offset > 0) await hashFileInto(hash, part, o.signal)
  else offset = 0
  const lengthHeader = response.status === 200 ? Number(response.headers.get('content-length')) : Number.NaN
  const total =
    o.expectedSize ?? (Number.isFinite(lengthHeader) && lengthHeader > 0 ? lengthHeader : undefined)
  let received = offset
  o.onProgress?.({ receivedBytes: received, ...(total !== undefined ? { totalBytes: total } : {}) })
  if (response.status !== 416) {
    await mkdir(dirname(part), { recursive: true })
    const file = await open(part, append ? 'a' : 'w')
    try {
      const reader = response.body?.getReader()
      if (reader) {
        for (;;) {
          if (o.signal?.aborted) {
            await reader.cancel().catch(() => {})
            throwIfAborted(o.signal)
          }
          const { done, value } = await reader.read()
          if (done) break
          await file.write(value)
          hash.update(value)
          received += value.length
          o.onProgress?.({ receivedBytes: received, ...(total !== undefined ? { totalBytes: total } : {}) })
        }
      }
      await file.sync()
    } finally {
      await file.close()
    }
  }
  if (o.expectedSize !== undefined && received !== o.expectedSize) {
    if (received > o.expectedSize) await rm(part, { force: true })
    throw fail(o.url, `received ${received} bytes, expected ${o.expectedSize}`)
  }
  const sha256 = hash.digest('hex')
  if (o.expectedSha256 && sha256 !== o.expectedSha256.toLowerCase()) {
    await rm(part, { force: true })
    throw new MynahError('E_CHECKSUM_MISMATCH', {
      file: o.label ?? o.dest,
      actual: sha256,
      expected: o.expectedSha256,
    })
  }
  await rename(part, o.dest)
  return { size: received, sha256, resumed: append && offset > 0 }
}

/** Download `url` to `dest` (resuming, verifying, retrying network failures). */
export async function downloadFile(o: DownloadOptions): Promise<DownloadResult> {
  const part = `${o.dest}.part`
  const retries = o.retries ?? 2
  for (let tries = 0; ; tries++) {
    throwIfAborted(o.signal)
    try {
      return await attempt(o, part)
    } catch (error) {
      if (error instanceof MynahError) {
        // A short body (connection dropped after the headers) is worth another try; the rest is final.
        const retryable =
          error.code === 'E_DOWNLOAD_FAILED' && /^received \d+ bytes/.test(String(error.details.detail))
        if (!retryable || tries >= retries) throw error
        continue
      }
      if (o.signal?.aborted) throwIfAborted(o.signal)
      if (tries >= retries) throw fail(o.url, `connection failed: ${(error as Error).message}`, error)
    }
  }
}
