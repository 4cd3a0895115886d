/**
 * A fake Hugging Face Hub on 127.0.0.1 for store tests: the tree API, `resolve` URLs with
 * HTTP Range, an optional CDN on a second port that `resolve` redirects to (as the real hub
 * does for LFS files), and switches to misbehave: drop the connection midway, serve
 * corrupted bytes, demand a token. Every request is recorded so tests can assert on it.
 */
import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface FixtureFile {
  repo: string
  path: string
  content: Uint8Array
  /** Listed with an LFS sha256 in the tree API (default true). */
  lfs?: boolean
}

export interface RecordedRequest {
  server: 'hub' | 'cdn'
  method: string
  url: string
  range?: string
  authorization?: string
}

export interface HubFixture {
  /** HF_ENDPOINT for the store. */
  endpoint: string
  requests: RecordedRequest[]
  /** Next GET of this repo path sends only `bytes` bytes of the body, then drops the connection. */
  dropOnce(repo: string, path: string, bytes: number): void
  /** Serve this content instead of the real one (the tree API still lists the real sha256). */
  corrupt(repo: string, path: string, content: Uint8Array | undefined): void
  /** Require `Authorization: Bearer <token>` on the hub (not on the CDN). */
  requireToken(token: string | undefined): void
  /** Bytes of file bodies sent so far, per repo path. */
  bytesServed(repo: string, path: string): number
  close(): Promise<void>
}

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))
  })
}

export async function startHubFixture(
  files: FixtureFile[],
  options: { cdn?: boolean } = {},
): Promise<HubFixture> {
  const requests: RecordedRequest[] = []
  const drops = new Map<string, number>()
  const corrupted = new Map<string, Uint8Array>()
  const served = new Map<string, number>()
  let token: string | undefined
  const key = (repo: string, path: string) => `${repo}/${path}`
  const byKey = new Map(files.map((f) => [key(f.repo, f.path), f]))
  const bySha = new Map(files.map((f) => [sha256(f.content), f]))

  const record = (server: 'hub' | 'cdn', req: IncomingMessage) =>
    requests.push({
      server,
      method: req.method ?? 'GET',
      url: req.url ?? '',
      ...(req.headers.range ? { range: String(req.headers.range) } : {}),
      ...(req.headers.authorization ? { authorization: String(req.headers.authorization) } : {}),
    })

  /** Send a file's bytes honouring Range, maybe dropping midway. */
  const sendFile = (req: IncomingMessage, res: ServerResponse, file: FixtureFile) => {
    const k = key(file.repo, file.path)
    const body = corrupted.get(k) ?? file.content
    let start = 0
    const range = /^bytes=(\d+)-$/.exec(String(req.headers.range ?? ''))
    if (range) {
      start = Number(range[1])
      if (start >= body.length) {
        res.writeHead(416, { 'content-range': `bytes */${body.length}` })
        res.end()
        return
      }
      res.writeHead(206, {
        'content-length': body.length - start,
        'content-range': `bytes ${start}-${body.length - 1}/${body.length}`,
        'accept-ranges': 'bytes',
      })
    } else {
      res.writeHead(200, {
        'content-length': body.length,
        'accept-ranges': 'bytes',
        etag: `"${sha256(file.content)}"`,
      })
    }
    const slice = body.subarray(start)
    const drop = drops.get(k)
    if (drop !== undefined) {
      drops.delete(k)
      const part = slice.subarray(0, Math.min(drop, slice.length))
      served.set(k, (served.get(k) ?? 0) + part.length)
      res.write(part, () => setTimeout(() => res.socket?.destroy(), 20))
      return
    }
    served.set(k, (served.get(k) ?? 0) + slice.length)
    res.end(slice)
  }

  let cdnBase = ''
  const cdn = options.cdn
    ? createServer((req, res) => {
        record('cdn', req)
        const m = /^\/blobs\/([0-9a-f]{64})$/.exec(req.url ?? '')
        const file = m ? bySha.get(m[1]!) : undefined
        if (!file) {
          res.writeHead(404).end()
          return
        }
        sendFile(req, res, file)
      })
    : undefined

  const hub = createServer((req, res) => {
    record('hub', req)
    if (token && req.headers.authorization !== `Bearer ${token}`) {
      res
        .writeHead(401, { 'content-type': 'application/json' })
        .end('{"error":"Access to this repo is restricted"}')
      return
    }
    const url = new URL(req.url ?? '/', 'http://x')
    const tree = /^\/api\/models\/(.+)\/tree\/([^/]+)$/.exec(url.pathname)
    if (tree) {
      const repo = decodeURIComponent(tree[1]!)
      const list = files.filter((f) => f.repo === repo)
      if (list.length === 0) {
        res.writeHead(404).end('{"error":"Repository not found"}')
        return
      }
      const body = list.map((f) => ({
        type: 'file',
        path: f.path,
        size: f.content.length,
        oid: createHash('sha1').update(f.content).digest('hex'),
        ...(f.lfs === false
          ? {}
          : { lfs: { oid: sha256(f.content), size: f.content.length, pointerSize: 134 } }),
      }))
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body))
      return
    }
    const resolve = /^\/(.+?\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(url.pathname)
    const file = resolve
      ? byKey.get(key(decodeURIComponent(resolve[1]!), decodeURIComponent(resolve[3]!)))
      : undefined
    if (!file) {
      res.writeHead(404, { 'x-error-code': 'EntryNotFound' }).end('Entry not found')
      return
    }
    if (cdn && file.lfs !== false) {
      res.writeHead(302, { location: `${cdnBase}/blobs/${sha256(file.content)}` }).end()
      return
    }
    sendFile(req, res, file)
  })

  const endpoint = await listen(hub)
  if (cdn) cdnBase = await listen(cdn)
  return {
    endpoint,
    requests,
    dropOnce: (repo, path, bytes) => drops.set(key(repo, path), bytes),
    corrupt: (repo, path, content) => {
      if (content) corrupted.set(key(repo, path), content)
      else corrupted.delete(key(repo, path))
    },
    requireToken: (t) => {
      token = t
    },
    bytesServed: (repo, path) => served.get(key(repo, path)) ?? 0,
    close: async () => {
      hub.closeAllConnections?.()
      cdn?.closeAllConnections?.()
      await Promise.all([
        new Promise<void>((r) => hub.close(() => r())),
        cdn ? new Promise<void>((r) => cdn.close(() => r())) : Promise.resolve(),
      ])
    },
  }
}
