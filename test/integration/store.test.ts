import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MynahError } from '../../src/core/errors.js'
import type { ModelSpec } from '../../src/engines/engine.js'
import { ModelStore, type StoreSeams } from '../../src/runtime/store/index.js'
import { type HubFixture, sha256, startHubFixture } from '../helpers/http-fixture.js'

function bytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n)
  let x = seed
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0
    out[i] = x >>> 24
  }
  return out
}

const WEIGHTS = bytes(3 * 1024 * 1024, 1)
const SUB_A = bytes(200_000, 2)
const SUB_B = bytes(300_000, 3)
const AUX = bytes(500_000, 4)
const CONFIG = new TextEncoder().encode('{"dim": 8}\n')

const TINY: ModelSpec = {
  name: 'tiny',
  description: 'test model',
  licence: 'MIT',
  source: 'https://example.invalid/acme/tiny',
  stages: [
    {
      name: 'net',
      weightBytes: { fp32: WEIGHTS.length },
      activationBytesPerAudioSecond: 0,
      activationBytesPerToken: 0,
      devices: ['cpu'],
      canLoadOnDemand: false,
    },
  ],
  files: [
    { repo: 'acme/tiny', path: 'config.json', approxBytes: 20 },
    { repo: 'acme/tiny', path: 'weights.bin', approxBytes: WEIGHTS.length, stage: 'net' },
    { repo: 'acme/tiny', path: 'sub/', approxBytes: 500_000 },
    { repo: 'acme/aux', path: 'aux.bin', dest: 'hf_cache/aux.bin', approxBytes: AUX.length },
  ],
}

const FILES = [
  { repo: 'acme/tiny', path: 'config.json', content: CONFIG, lfs: false },
  { repo: 'acme/tiny', path: 'weights.bin', content: WEIGHTS },
  { repo: 'acme/tiny', path: 'sub/a.bin', content: SUB_A },
  { repo: 'acme/tiny', path: 'sub/b.bin', content: SUB_B },
  { repo: 'acme/aux', path: 'aux.bin', content: AUX },
]

let home: string
let hub: HubFixture

function store(extra: StoreSeams = {}, env: NodeJS.ProcessEnv = {}): ModelStore {
  return new ModelStore(home, { catalogue: [TINY], env: { HF_ENDPOINT: hub.endpoint, ...env }, ...extra })
}

async function rejection(p: Promise<unknown>): Promise<MynahError> {
  try {
    await p
  } catch (error) {
    if (error instanceof MynahError) return error
    throw error
  }
  throw new Error('expected a rejection')
}

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'mynah-store-'))
  hub = await startHubFixture(FILES, { cdn: true })
})

afterEach(async () => {
  await hub.close()
  await rm(home, { recursive: true, force: true })
})

describe('model store against a local hub', () => {
  it('pulls every file, records sizes and sha256, and never fetches a verified file again', async () => {
    const s = store()
    const progress: number[] = []
    const result = await s.pull('tiny', { onProgress: (p) => progress.push(p.doneBytes) })
    const dir = s.dir('tiny')
    expect(sha256(await readFile(join(dir, 'weights.bin')))).toBe(sha256(WEIGHTS))
    expect(sha256(await readFile(join(dir, 'sub/b.bin')))).toBe(sha256(SUB_B))
    expect(sha256(await readFile(join(dir, 'hf_cache/aux.bin')))).toBe(sha256(AUX))
    expect(result.downloadedBytes).toBe(
      CONFIG.length + WEIGHTS.length + SUB_A.length + SUB_B.length + AUX.length,
    )
    expect(progress.at(-1)).toBe(result.downloadedBytes)

    const manifest = await s.readManifest('tiny')
    expect(manifest?.complete).toBe(true)
    expect(manifest?.licence).toBe('MIT')
    const weights = manifest?.files.find((f) => f.path === 'weights.bin')
    expect(weights).toMatchObject({
      size: WEIGHTS.length,
      sha256: sha256(WEIGHTS),
      shaSource: 'hub',
      verified: true,
    })
    expect(manifest?.files.find((f) => f.path === 'config.json')).toMatchObject({
      sha256: sha256(CONFIG),
      shaSource: 'computed',
    })

    const resolvesBefore = hub.requests.filter((r) => r.url.includes('/resolve/')).length
    const again = await s.pull('tiny')
    expect(again.downloadedBytes).toBe(0)
    expect(again.skipped).toBe(5)
    expect(hub.requests.filter((r) => r.url.includes('/resolve/')).length).toBe(resolvesBefore)
    expect((await s.verify('tiny')).ok).toBe(true)
    const listing = await s.list()
    expect(listing[0]).toMatchObject({
      name: 'tiny',
      state: 'installed',
      bytesOnDisk: result.downloadedBytes,
    })
  })

  it('sends HF_TOKEN to the hub but not to the CDN it redirects to, and uses HF_ENDPOINT', async () => {
    hub.requireToken('hf_secret')
    await store({}, { HF_TOKEN: 'hf_secret' }).pull('tiny')
    const hubRequests = hub.requests.filter((r) => r.server === 'hub')
    const cdnRequests = hub.requests.filter((r) => r.server === 'cdn')
    expect(hubRequests.length).toBeGreaterThan(0)
    expect(hubRequests.every((r) => r.authorization === 'Bearer hf_secret')).toBe(true)
    expect(cdnRequests.length).toBe(4) // the four LFS files; config.json is served by the hub itself
    expect(cdnRequests.every((r) => r.authorization === undefined)).toBe(true)
    expect(hubRequests.some((r) => r.url.startsWith('/api/models/acme/tiny/tree/main'))).toBe(true)
  })

  it('explains a gated repo when HF_TOKEN is missing', async () => {
    hub.requireToken('hf_secret')
    const error = await rejection(store().pull('tiny'))
    expect(error.code).toBe('E_DOWNLOAD_FAILED')
    expect(error.message).toContain('HF_TOKEN')
  })

  it('resumes an interrupted download with a Range request', async () => {
    const s = store()
    hub.dropOnce('acme/tiny', 'weights.bin', 1_000_000)
    const error = await rejection(s.pull('tiny', { retries: 0 }))
    expect(error.code).toBe('E_DOWNLOAD_FAILED')
    const part = join(s.dir('tiny'), 'weights.bin.part')
    expect((await stat(part)).size).toBe(1_000_000)
    expect(existsSync(join(s.dir('tiny'), 'weights.bin'))).toBe(false)

    await s.pull('tiny', { retries: 0 })
    const ranged = hub.requests.filter((r) => r.range && r.server === 'cdn')
    expect(ranged.map((r) => r.range)).toEqual(['bytes=1000000-'])
    expect(hub.bytesServed('acme/tiny', 'weights.bin')).toBe(WEIGHTS.length) // nothing sent twice
    expect(sha256(await readFile(join(s.dir('tiny'), 'weights.bin')))).toBe(sha256(WEIGHTS))
    expect(existsSync(part)).toBe(false)
    expect((await s.verify('tiny')).ok).toBe(true)
  })

  it('retries a dropped connection by itself, resuming', async () => {
    const s = store()
    hub.dropOnce('acme/aux', 'aux.bin', 123_456)
    await s.pull('tiny', { retries: 2 })
    expect(hub.requests.some((r) => r.range === 'bytes=123456-')).toBe(true)
    expect(sha256(await readFile(join(s.dir('tiny'), 'hf_cache/aux.bin')))).toBe(sha256(AUX))
  })

  it('detects a corrupted file with verify and fetches it again on pull', async () => {
    const s = store()
    await s.pull('tiny')
    const path = join(s.dir('tiny'), 'weights.bin')
    const damaged = Buffer.from(WEIGHTS)
    damaged[12345] ^= 0xff
    await writeFile(path, damaged)

    const report = await s.verify('tiny')
    expect(report.ok).toBe(false)
    expect(report.files.find((f) => f.path === 'weights.bin')).toMatchObject({
      status: 'checksum-mismatch',
      sha256: sha256(WEIGHTS),
      actualSha256: sha256(damaged),
    })
    expect((await s.readManifest('tiny'))?.complete).toBe(false)

    const again = await s.pull('tiny')
    expect(again.downloadedBytes).toBe(WEIGHTS.length)
    expect(sha256(await readFile(path))).toBe(sha256(WEIGHTS))
    expect((await s.verify('tiny')).ok).toBe(true)
  })

  it('refuses bytes that do not match the hub sha256 and keeps no file', async () => {
    const s = store()
    hub.corrupt('acme/aux', 'aux.bin', bytes(AUX.length, 99))
    const error = await rejection(s.pull('tiny'))
    expect(error.code).toBe('E_CHECKSUM_MISMATCH')
    expect(error.details.expected).toBe(sha256(AUX))
    expect(existsSync(join(s.dir('tiny'), 'hf_cache/aux.bin'))).toBe(false)
    expect(existsSync(join(s.dir('tiny'), 'hf_cache/aux.bin.part'))).toBe(false)
  })

  it('gives a clear error for a file or repo that does not exist', async () => {
    const missingFile: ModelSpec = {
      ...TINY,
      files: [{ repo: 'acme/tiny', path: 'nope.bin', approxBytes: 1 }],
    }
    const e1 = await rejection(
      new ModelStore(home, { catalogue: [missingFile], env: { HF_ENDPOINT: hub.endpoint } }).pull('tiny'),
    )
    expect(e1.code).toBe('E_DOWNLOAD_FAILED')
    expect(e1.message).toContain('nope.bin is not in acme/tiny@main')

    const missingRepo: ModelSpec = { ...TINY, files: [{ repo: 'acme/gone', path: 'w.bin', approxBytes: 1 }] }
    const e2 = await rejection(
      new ModelStore(home, { catalogue: [missingRepo], env: { HF_ENDPOINT: hub.endpoint } }).pull('tiny'),
    )
    expect(e2.code).toBe('E_DOWNLOAD_FAILED')
    expect(e2.message).toContain('HTTP 404')
  })

  it('reports an unreachable hub at once', async () => {
    const e = await rejection(
      new ModelStore(home, { catalogue: [TINY], env: { HF_ENDPOINT: 'http://127.0.0.1:9' } }).pull('tiny'),
    )
    expect(e.code).toBe('E_DOWNLOAD_FAILED')
    expect(String(e.details.url)).toContain('/api/models/acme/tiny/tree/main')
  })

  it('checks free disk before downloading (E_DISK_FULL)', async () => {
    const s = store({ statfs: async () => ({ bavail: 100, bsize: 4096, blocks: 1_000_000 }) })
    const error = await rejection(s.pull('tiny'))
    expect(error.code).toBe('E_DISK_FULL')
    expect(error.details.free).toBe(409_600)
    expect(Number(error.details.needed)).toBeGreaterThan(WEIGHTS.length)
    expect(hub.requests.filter((r) => r.url.includes('/resolve/'))).toEqual([])
  })

  it('two concurrent pulls end with one good copy, each byte fetched once', async () => {
    const [a, b] = await Promise.all([
      store().pull('tiny', { lockPollMs: 20 }),
      store().pull('tiny', { lockPollMs: 20 }),
    ])
    expect(a.downloadedBytes + b.downloadedBytes).toBe(
      CONFIG.length + WEIGHTS.length + SUB_A.length + SUB_B.length + AUX.length,
    )
    expect(hub.bytesServed('acme/tiny', 'weights.bin')).toBe(WEIGHTS.length)
    expect((await store().verify('tiny')).ok).toBe(true)
    expect(existsSync(join(store().dir('tiny'), '.pull.lock'))).toBe(false)
  })

  it('fails fast with E_LOCKED when asked not to wait, and takes over a stale lock', async () => {
    const dir = store().dir('tiny')
    await mkdir(dir, { recursive: true })
    const lock = join(dir, '.pull.lock')
    const { hostname } = await import('node:os')
    await writeFile(lock, JSON.stringify({ pid: 4242, host: hostname(), since: new Date().toISOString() }))
    const alive = await rejection(store({ isAlive: () => true }).pull('tiny', { onLocked: 'fail' }))
    expect(alive.code).toBe('E_LOCKED')
    expect(alive.details.pid).toBe(4242)
    // The owner died: the lock is stale and the pull goes ahead.
    const result = await store({ isAlive: () => false }).pull('tiny', { onLocked: 'fail' })
    expect(result.files.length).toBe(5)
    expect(existsSync(lock)).toBe(false)
  })

  it('removes a model and reports unknown names', async () => {
    const s = store()
    await s.pull('tiny')
    expect(await s.remove('tiny')).toBe(true)
    expect(existsSync(s.dir('tiny'))).toBe(false)
    expect((await s.list())[0]?.state).toBe('not-installed')
    const unknown = await rejection(s.pull('nonexistent'))
    expect(unknown.code).toBe('E_MODEL_UNKNOWN')
    const notInstalled = await rejection(s.verify('tiny'))
    expect(notInstalled.code).toBe('E_MODEL_NOT_INSTALLED')
  })
})
