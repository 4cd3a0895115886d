/**
 * The facade's admission and saved voices: requests beyond the queue fail fast with E_BUSY
 * (and a retryAfter), waiting requests report their queue position, cancelling while
 * queued frees the slot, reservations never exceed the budget, and saved voices are
 * profiled from their stored clip. A fake engine and a fake machine keep it deterministic.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/core/config.js'
import { isMynahError, MynahError } from '../../src/core/errors.js'
import type { VoiceProfile } from '../../src/core/types.js'
import type { AudioChunk, Engine, EngineInfo, SynthesisRequest } from '../../src/engines/engine.js'
import type { MachineInfo } from '../../src/runtime/hardware/types.js'
import { createMynah } from '../../src/runtime/mynah.js'
import { requireTestdata, testdata } from '../helpers/env.js'

const homes: string[] = []
afterAll(() => {
  for (const h of homes) rmSync(h, { recursive: true, force: true })
})

function config(flags: Record<string, number | string> = {}) {
  const home = mkdtempSync(join(tmpdir(), 'mynah-admission-'))
  homes.push(home)
  return loadConfig({ flags: { home, ...flags }, env: {} })
}

const GiB = 1024 ** 3
const machine: MachineInfo = {
  source: 'simulated',
  ramTotalBytes: 8 * GiB,
  ramAvailableBytes: 6 * GiB,
  swapTotalBytes: 0,
  swapFreeBytes: 0,
  cpu: { cores: 4, model: 'fake', features: [] },
  gpus: [],
  webgpu: { available: false, reason: 'not probed' },
  notes: [],
} as unknown as MachineInfo

/** An engine whose synthesis waits until released, so the test controls how many run at once. */
function gatedEngine() {
  const gates: (() => void)[] = []
  let running = 0
  let maxRunning = 0
  const profiles: VoiceProfile[] = []
  const info: EngineInfo = {
    id: 'builtin',
    description: 'gated fake',
    languages: ['en', 'zh'],
    sampleRate: 24_000,
    features: ['streaming', 'clone'],
    voices: [{ name: 'en-rms', lang: 'en', gender: 'male', licence: 'x', description: '', isDefault: true }],
    stages: [
      {
        name: 'fake',
        weightBytes: { fp32: 64 * 1024 * 1024 },
        activationBytesPerAudioSecond: 1024 * 1024,
        activationBytesPerToken: 1024,
        devices: ['cpu'],
        canLoadOnDemand: false,
      },
    ],
  }
  const engine: Engine = {
    id: 'builtin',
    describe: () => info,
    load: async () => {},
    unload: async () => {},
    profile: async (reference) => {
      const p = {
        id: 'x',
        sampleRate: reference.sampleRate,
        f0: { logMean: Math.log(120), logStd: 0.2, minHz: 80, maxHz: 200 },
        warp: 1,
        envelope: [],
        tiltDbPerOctave: -6,
        aperiodicity: 0.2,
        rate: 4,
        speechSeconds: reference.samples.length / reference.sampleRate,
      } satisfies VoiceProfile
      profiles.push(p)
      return p
    },
    async *synthesize(request: SynthesisRequest, signal: AbortSignal): AsyncIterable<AudioChunk> {
      running++
      maxRunning = Math.max(maxRunning, running)
      try {
        await new Promise<void>((resolve, reject) => {
          gates.push(resolve)
          signal.addEventListener('abort', () => reject(new MynahError('E_CANCELLED')), { once: true })
        })
        yield {
          samples: new Float32Array(2400).fill(request.profile ? 0.2 : 0.1),
          sampleRate: 24_000,
          segmentIndex: 0,
          segmentEnd: true,
        }
      } finally {
        running--
      }
    },
  }
  return {
    factory: async () => engine,
    releaseAll: () => {
      for (const g of gates.splice(0)) g()
    },
    waitForRunning: async (n: number) => {
      for (let i = 0; i < 200 && running < n; i++) await new Promise((r) => setTimeout(r, 5))
      return running
    },
    stats: () => ({ maxRunning, profiles }),
  }
}

async function settle(p: Promise<unknown>): Promise<string> {
  try {
    await p
    return 'ok'
  } catch (error) {
    return isMynahError(error) ? error.code : `other: ${String(error)}`
  }
}

describe('facade admission', () => {
  it('serves what fits, queues up to queueSize and refuses the rest with E_BUSY + retryAfter', async () => {
    const fake = gatedEngine()
    const mynah = createMynah(config({ maxConcurrency: 2, queueSize: 3 }), {
      engineFactory: fake.factory,
      probe: async () => machine,
    })
    const positions: number[] = []
    const requests = Array.from({ length: 8 }, () =>
      mynah.speak(
        { text: 'Hello there.' },
        { onProgress: (p) => p.stage === 'queued' && positions.push(p.queuePosition ?? -1) },
      ),
    )
    const busy = requests.map((r) =>
      r.then(
        () => undefined,
        (e: unknown) => e,
      ),
    )
    expect(await fake.waitForRunning(2)).toBe(2)
    const status = await mynah.system()
    expect(status.queue).toMatchObject({ active: 2, waiting: 3, capacity: 3, maxConcurrency: 2 })
    expect(status.memory.reservedBytes).toBeLessThanOrEqual(status.memory.budgetBytes)
    // Release in waves until everyone admitted has finished.
    for (let i = 0; i < 5; i++) {
      fake.releaseAll()
      await new Promise((r) => setTimeout(r, 20))
    }
    const outcomes = await Promise.all(busy)
    const refused = outcomes.filter((e) => isMynahError(e) && e.code === 'E_BUSY') as MynahError[]
    expect(refused).toHaveLength(3)
    for (const e of refused) expect(Number(e.details.retryAfter)).toBeGreaterThanOrEqual(1)
    expect(outcomes.filter((e) => e === undefined)).toHaveLength(5)
    expect(fake.stats().maxRunning).toBe(2)
    expect(positions.sort()).toEqual([0, 1, 2])
    await mynah.close()
  })

  it('an unknown voice fails at once, without queueing behind running requests', async () => {
    const fake = gatedEngine()
    const mynah = createMynah(config({ maxConcurrency: 1, queueSize: 0 }), {
      engineFactory: fake.factory,
      probe: async () => machine,
    })
    const first = mynah.speak({ text: 'One.' })
    await fake.waitForRunning(1)
    expect(await settle(mynah.speak({ text: 'Two.', voice: 'nobody' }))).toBe('E_VOICE_UNKNOWN')
    expect(await settle(mynah.speak({ text: 'Three.' }))).toBe('E_BUSY')
    fake.releaseAll()
    await first
    await mynah.close()
  })

  it('cancelling a queued request frees its place', async () => {
    const fake = gatedEngine()
    const mynah = createMynah(config({ maxConcurrency: 1, queueSize: 1 }), {
      engineFactory: fake.factory,
      probe: async () => machine,
    })
    const first = mynah.speak({ text: 'One.' })
    await fake.waitForRunning(1)
    const controller = new AbortController()
    const queued = settle(mynah.speak({ text: 'Two.' }, { signal: controller.signal }))
    await new Promise((r) => setTimeout(r, 20))
    expect(await settle(mynah.speak({ text: 'Three.' }))).toBe('E_BUSY')
    controller.abort()
    expect(await queued).toBe('E_CANCELLED')
    const third = mynah.speak({ text: 'Three again.' })
    fake.releaseAll()
    await first
    await new Promise((r) => setTimeout(r, 20))
    fake.releaseAll()
    expect((await third).samples.length).toBeGreaterThan(0)
    await mynah.close()
  })
})

describe('facade calibration', () => {
  it('records that loading took more memory than declared, and plans with it next time', async () => {
    const MiB = 1024 * 1024
    let held: Buffer | undefined
    const hungry: Engine = {
      id: 'builtin',
      describe: () => ({
        id: 'builtin',
        description: 'declares 8 MiB of weights, loads 96 MiB',
        languages: ['en'],
        sampleRate: 24_000,
        features: [],
        voices: [
          { name: 'en-rms', lang: 'en', gender: 'male', licence: 'x', description: '', isDefault: true },
        ],
        stages: [
          {
            name: 'weights',
            weightBytes: { fp32: 8 * MiB },
            activationBytesPerAudioSecond: 0,
            activationBytesPerToken: 0,
            devices: ['cpu'],
            canLoadOnDemand: false,
          },
        ],
      }),
      load: async () => {
        held = Buffer.alloc(96 * MiB, 1) // touched, so resident
      },
      unload: async () => {
        held = undefined
      },
      profile: async () => {
        throw new MynahError('E_ENGINE_NOT_READY', { engine: 'builtin', detail: 'no cloning' })
      },
      async *synthesize(): AsyncIterable<AudioChunk> {
        yield { samples: new Float32Array(240), sampleRate: 24_000, segmentIndex: 0, segmentEnd: true }
      },
    }
    const cfg = config()
    const first = createMynah(cfg, { engineFactory: async () => hungry, probe: async () => machine })
    await first.speak({ text: 'Hello.' })
    const before = (await first.system()).memory.predictedPeakRamBytes ?? 0
    await first.close()
    expect(held).toBeUndefined()
    const saved = JSON.parse(readFileSync(join(cfg.home, 'calibration.json'), 'utf8'))
    expect(saved.weights.weights).toBeGreaterThan(2) // ≥ 2× the declared 8 MiB (capped at 4×)
    const second = createMynah(cfg, { engineFactory: async () => hungry, probe: async () => machine })
    await second.speak({ text: 'Hello.' })
    const after = (await second.system()).memory.predictedPeakRamBytes ?? 0
    expect(after - before).toBeGreaterThan(8 * MiB)
    await second.close()
  })
})

describe.skipIf(!requireTestdata())('facade saved voices', () => {
  const clip = () => new Uint8Array(readFileSync(testdata('voices/ljspeech/LJ001-0002.wav')))

  it('adds, lists, speaks with and removes a saved voice; the profile is built once', async () => {
    const fake = gatedEngine()
    const mynah = createMynah(config(), { engineFactory: fake.factory, probe: async () => machine })
    const added = await mynah.addVoice('Linda', clip())
    expect(added).toMatchObject({ name: 'Linda', kind: 'saved' })
    expect(added.id).toMatch(/^[0-9a-f]{12}$/)
    const listed = await mynah.listVoices()
    expect(listed.map((v) => v.name)).toEqual(['en-rms', 'Linda'])

    const speaking = mynah.speak({ text: 'Hello there.', voice: 'linda' })
    await fake.waitForRunning(1)
    fake.releaseAll()
    const result = await speaking
    expect(result.voice).toBe('Linda')
    expect(result.samples[0]).toBeCloseTo(0.2, 5) // the engine got a profile
    // One profile build for add + speak: the second came from the cache (by the clip's sha256).
    expect(fake.stats().profiles).toHaveLength(1)

    expect(await settle(mynah.addVoice('Linda again', clip()))).toBe('E_VOICE_DUPLICATE')
    expect(await settle(mynah.addVoice('en-rms', clip()))).toBe('E_VOICE_NAME_TAKEN')
    // A taken name is refused before a new clip is decoded and profiled.
    const other = new Uint8Array(readFileSync(testdata('voices/ljspeech/LJ001-0003.wav')))
    expect(await settle(mynah.addVoice('LINDA', other))).toBe('E_VOICE_NAME_TAKEN')
    expect(fake.stats().profiles).toHaveLength(1)
    // A saved voice is found in the profile cache by its stored hash: its clip is not read again.
    rmSync(join(mynah.config.home, 'voices', 'clips'), { recursive: true, force: true })
    const again = mynah.speak({ text: 'Hello again.', voice: 'Linda' })
    await fake.waitForRunning(1)
    fake.releaseAll()
    expect((await again).voice).toBe('Linda')
    await mynah.removeVoice('Linda')
    expect((await mynah.listVoices()).map((v) => v.name)).toEqual(['en-rms'])
    expect(await settle(mynah.speak({ text: 'Hello.', voice: 'Linda' }))).toBe('E_VOICE_UNKNOWN')
    await mynah.close()
  })

  it('refuses a clip without speech before storing it', async () => {
    const fake = gatedEngine()
    const mynah = createMynah(config(), { engineFactory: fake.factory, probe: async () => machine })
    const header = Buffer.alloc(44)
    header.write('RIFF', 0)
    header.writeUInt32LE(36 + 48_000 * 2, 4)
    header.write('WAVEfmt ', 8)
    header.writeUInt32LE(16, 16)
    header.writeUInt16LE(1, 20)
    header.writeUInt16LE(1, 22)
    header.writeUInt32LE(24_000, 24)
    header.writeUInt32LE(48_000, 28)
    header.writeUInt16LE(2, 32)
    header.writeUInt16LE(16, 34)
    header.write('data', 36)
    header.writeUInt32LE(48_000 * 2, 40)
    const silent = new Uint8Array(Buffer.concat([header, Buffer.alloc(48_000 * 2)]))
    expect(await settle(mynah.addVoice('Quiet', silent))).toBe('E_AUDIO_NO_SPEECH')
    expect((await mynah.listVoices()).map((v) => v.name)).toEqual(['en-rms'])
    await mynah.close()
  })
})
