import { describe, expect, it } from 'vitest'
import { EnginePool, ManualClock } from '../../../src/runtime/scheduler/index.js'

interface FakeEngine {
  key: string
  generation: number
}

function setup(keepAliveMs: number, failFirst = false) {
  const clock = new ManualClock()
  const events: string[] = []
  let generation = 0
  let concurrentLoads = 0
  let maxConcurrentLoads = 0
  let fail = failFirst
  const gates: (() => void)[] = []
  const pool = new EnginePool<FakeEngine>({
    keepAliveMs,
    clock,
    load: async (key) => {
      concurrentLoads++
      maxConcurrentLoads = Math.max(maxConcurrentLoads, concurrentLoads)
      await new Promise<void>((resolve) => gates.push(resolve))
      concurrentLoads--
      if (fail) {
        fail = false
        throw new Error(`load of ${key} failed`)
      }
      return { key, generation: ++generation }
    },
    unload: async (engine) => {
      events.push(`unload ${engine.key}#${engine.generation}`)
    },
    onEvent: (e) => events.push(`${e.type} ${e.key}`),
  })
  /** Let the next pending load finish. */
  const finishLoad = async () => {
    for (let i = 0; i < 20 && gates.length === 0; i++) await new Promise((r) => setImmediate(r))
    gates.shift()?.()
    await new Promise((r) => setImmediate(r))
  }
  return { pool, clock, events, finishLoad, maxLoads: () => maxConcurrentLoads }
}

const settle = () => new Promise((r) => setImmediate(r))

describe('EnginePool', () => {
  it('shares one loaded engine between leases and unloads it after the keep-alive', async () => {
    const { pool, clock, events, finishLoad } = setup(300_000)
    const a = pool.acquire('indextts2')
    const b = pool.acquire('indextts2')
    await finishLoad()
    const [la, lb] = await Promise.all([a, b])
    expect(la.engine).toBe(lb.engine)
    expect(pool.loaded()).toEqual([{ key: 'indextts2', refs: 2 }])
    la.release()
    lb.release()
    lb.release() // idempotent
    expect(pool.loaded()).toEqual([{ key: 'indextts2', refs: 0, idleSince: 0 }])
    clock.advance(299_999)
    await settle()
    expect(pool.loaded().length).toBe(1)
    clock.advance(1)
    await settle()
    expect(pool.loaded()).toEqual([])
    expect(events).toEqual(['load indextts2', 'loaded indextts2', 'unload indextts2#1', 'unload indextts2'])
  })

  it('a new lease during keep-alive cancels the unload', async () => {
    const { pool, clock, finishLoad } = setup(1000)
    const first = pool.acquire('m')
    await finishLoad()
    ;(await first).release()
    clock.advance(900)
    const again = await pool.acquire('m')
    clock.advance(5000)
    await settle()
    expect(again.engine.generation).toBe(1)
    expect(pool.loaded()).toEqual([{ key: 'm', refs: 1 }])
    again.release()
    clock.advance(1000)
    await settle()
    expect(pool.loaded()).toEqual([])
  })

  it('loads one engine at a time', async () => {
    const { pool, finishLoad, maxLoads } = setup(1000)
    const a = pool.acquire('a')
    const b = pool.acquire('b')
    await finishLoad()
    await finishLoad()
    ;(await a).release()
    ;(await b).release()
    expect(maxLoads()).toBe(1)
  })

  it('keep-alive 0 unloads at once; negative keeps forever', async () => {
    const now = setup(0)
    const l = now.pool.acquire('x')
    await now.finishLoad()
    ;(await l).release()
    await settle()
    expect(now.pool.loaded()).toEqual([])
    const forever = setup(-1)
    const f = forever.pool.acquire('x')
    await forever.finishLoad()
    ;(await f).release()
    forever.clock.advance(10 ** 9)
    await settle()
    expect(forever.pool.loaded().length).toBe(1)
    await forever.pool.close()
    expect(forever.pool.loaded()).toEqual([])
  })

  it('reports a failed load to every waiter and loads again on the next acquire', async () => {
    const { pool, finishLoad } = setup(1000, true)
    const a = pool.acquire('m')
    const b = pool.acquire('m')
    const failures = expect(Promise.all([a, b])).rejects.toThrow('load of m failed')
    const second = expect(b).rejects.toThrow('load of m failed')
    await finishLoad()
    await failures
    await second
    const c = pool.acquire('m')
    await finishLoad()
    expect((await c).engine.generation).toBe(1)
  })

  it('an aborted acquire gives its lease back', async () => {
    const { pool, finishLoad } = setup(1000)
    const ctl = new AbortController()
    const a = pool.acquire('m', ctl.signal)
    const cancelled = expect(a).rejects.toMatchObject({ code: 'E_CANCELLED' })
    ctl.abort()
    await finishLoad()
    await cancelled
    expect(pool.loaded()).toEqual([{ key: 'm', refs: 0, idleSince: 0 }])
  })
})
