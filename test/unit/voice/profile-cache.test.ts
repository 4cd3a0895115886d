/**
 * The profile cache: keyed by the sha256 of the bytes (the same clip uploaded twice is one
 * build, whatever it was called), shared in-flight builds, persistence on disk with atomic
 * writes, rebuilds of stale or corrupt files, LRU bound.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sha256Hex } from '../../../src/core/files.js'
import type { VoiceProfile } from '../../../src/core/types.js'
import { PROFILE_GRID_HZ } from '../../../src/voice/profile.js'
import { ProfileCache } from '../../../src/voice/profile-cache.js'

function fakeProfile(id: string, warp = 1): VoiceProfile {
  return {
    id,
    sampleRate: 16_000,
    f0: { logMean: Math.log(150), logStd: 0.2, minHz: 100, maxHz: 220 },
    warp,
    envelope: PROFILE_GRID_HZ.map((_, i) => -i / 4),
    tiltDbPerOctave: -6,
    aperiodicity: 0.3,
    rate: 4.5,
    speechSeconds: 8,
    embeddings: { test: Float32Array.from([1, 2, 3]) },
  }
}

describe('ProfileCache', () => {
  let home: string
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'mynah-profile-cache-'))
  })
  afterEach(async () => {
    await rm(home, { recursive: true, force: true })
  })

  it('builds once for the same bytes uploaded twice (names play no part)', async () => {
    const cache = ProfileCache.forHome(home)
    const clip = new TextEncoder().encode('the same clip bytes, uploaded as a.wav and as b.wav')
    let builds = 0
    const build = async (sha256: string) => {
      builds++
      return fakeProfile(sha256)
    }
    const first = await cache.getOrCreate(clip, build)
    const second = await cache.getOrCreate(Uint8Array.from(clip), build)
    expect(builds).toBe(1)
    expect(second).toBe(first)
    expect(first.id).toBe(sha256Hex(clip))
    expect(cache.stats).toMatchObject({ builds: 1, memoryHits: 1 })
    // Different bytes (one sample changed) are a different reference.
    const other = Uint8Array.from(clip)
    other[0] ^= 1
    await cache.getOrCreate(other, build)
    expect(builds).toBe(2)
  })

  it('shares one build between concurrent requests for the same clip', async () => {
    const cache = new ProfileCache()
    let builds = 0
    const clip = new Uint8Array([1, 2, 3, 4])
    const build = async (sha256: string) => {
      builds++
      await new Promise((r) => setTimeout(r, 20))
      return fakeProfile(sha256)
    }
    const results = await Promise.all([cache.getOrCreate(clip, build), cache.getOrCreate(clip, build)])
    expect(builds).toBe(1)
    expect(results[0]).toBe(results[1])
  })

  it('persists on disk under <home>/cache/profiles/<sha256>.json and reloads in a new process', async () => {
    const clip = new Uint8Array([9, 8, 7])
    const sha = sha256Hex(clip)
    await ProfileCache.forHome(home).getOrCreate(clip, async (s) => fakeProfile(s, 1.1))
    const files = await readdir(join(home, 'cache', 'profiles'))
    expect(files).toEqual([`${sha}.json`]) // no temp files left behind
    const fresh = ProfileCache.forHome(home)
    let builds = 0
    const profile = await fresh.getOrCreate(clip, async (s) => {
      builds++
      return fakeProfile(s)
    })
    expect(builds).toBe(0)
    expect(fresh.stats.diskHits).toBe(1)
    expect(profile.warp).toBe(1.1)
    expect(profile.embeddings?.test).toEqual(Float32Array.from([1, 2, 3]))
  })

  it('rebuilds when the file is corrupt, from another version, or for another clip', async () => {
    const clip = new Uint8Array([5, 5, 5])
    const sha = sha256Hex(clip)
    const file = join(home, 'cache', 'profiles', `${sha}.json`)
    await ProfileCache.forHome(home).getOrCreate(clip, async (s) => fakeProfile(s))
    const stored = JSON.parse(await readFile(file, 'utf8'))
    const variants = [
      '{ not json',
      JSON.stringify({ ...stored, version: -1 }),
      JSON.stringify({ ...stored, profile: { ...stored.profile, id: 'a'.repeat(64) } }),
      JSON.stringify({ ...stored, profile: { ...stored.profile, warp: 'big' } }),
    ]
    for (const text of variants) {
      await writeFile(file, text)
      let builds = 0
      await ProfileCache.forHome(home).getOrCreate(clip, async (s) => {
        builds++
        return fakeProfile(s)
      })
      expect(builds).toBe(1)
    }
  })

  it('keeps at most maxEntries profiles in memory', async () => {
    const cache = new ProfileCache({ maxEntries: 2 })
    const clips = [1, 2, 3].map((n) => new Uint8Array([n]))
    for (const clip of clips) await cache.getOrCreate(clip, async (s) => fakeProfile(s))
    expect(await cache.get(sha256Hex(clips[0]))).toBeUndefined()
    expect(await cache.get(sha256Hex(clips[2]))).toBeDefined()
  })

  it('refuses keys that are not a sha256 (no path tricks)', async () => {
    const cache = ProfileCache.forHome(home)
    await expect(cache.get('../../etc/passwd')).rejects.toMatchObject({ code: 'E_INVALID_ARGUMENT' })
  })
})
