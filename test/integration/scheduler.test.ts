/**
 * The scheduler under load, with real timers and real allocations:
 * - 50 requests at once against 4 slots and a queue of 8: each is served or refused with
 *   E_BUSY + Retry-After, and the recorded trace never shows reservations over budget;
 * - 1000 consecutive requests (some cancelled, some timed out) in a child process with
 *   --expose-gc: resident memory grows less than 5 % and every reservation comes back.
 */
import { execFile } from 'node:child_process'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { httpStatusOf, MynahError } from '../../src/core/errors.js'
import { Scheduler, type TraceEvent } from '../../src/runtime/scheduler/index.js'
import { REPO_ROOT } from '../helpers/env.js'

const MB = 1024 * 1024

/** Fake synthesis: allocate, touch every page, wait a little, let it go. */
async function fakeWork(bytes: number, ms: number, signal: AbortSignal): Promise<number> {
  const buffer = new Float32Array(bytes / 4)
  for (let i = 0; i < buffer.length; i += 1024) buffer[i] = i
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', () => {
      clearTimeout(timer)
      fail(signal.reason)
    })
  })
  return buffer[1024]!
}

describe('scheduler under load', () => {
  it('50 concurrent requests, queue of 8: each is served or refused with E_BUSY and Retry-After, never over budget', async () => {
    const trace: TraceEvent[] = []
    const budget = 4 * 8 * MB
    const scheduler = new Scheduler({
      budget: { ramBytes: budget },
      maxConcurrency: 4,
      queueSize: 8,
      timeoutMs: 30_000,
      onTrace: (e) => trace.push(e),
    })
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, () =>
        scheduler.run({ ramBytes: 8 * MB, kind: 'fake' }, undefined, (r) => fakeWork(8 * MB, 10, r.signal)),
      ),
    )
    const served = outcomes.filter((o) => o.status === 'fulfilled')
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected')
    expect(served.length + refused.length).toBe(50)
    // 4 run at once, 8 wait, the other 38 are refused at the door.
    expect(served.length).toBe(12)
    for (const r of refused) {
      const error = r.reason as MynahError
      expect(error).toBeInstanceOf(MynahError)
      expect(error.code).toBe('E_BUSY')
      expect(httpStatusOf(error)).toBe(503)
      expect(Number.isInteger(error.details.retryAfter)).toBe(true)
      expect(Number(error.details.retryAfter)).toBeGreaterThanOrEqual(1)
    }
    expect(Math.max(...trace.map((e) => e.reservedRamBytes))).toBeLessThanOrEqual(budget)
    expect(Math.max(...trace.map((e) => e.active))).toBe(4)
    expect(Math.max(...trace.map((e) => e.waiting))).toBe(8)
    expect(trace.filter((e) => e.type === 'busy').length).toBe(38)
    expect(scheduler.stats()).toMatchObject({
      active: 0,
      waiting: 0,
      reservedRamBytes: 0,
      served: 12,
      busy: 38,
    })
  })

  it('1000 consecutive requests keep resident memory from growing (< 5 %) and return every reservation', async () => {
    const scheduler = pathToFileURL(resolve(REPO_ROOT, 'src/runtime/scheduler/index.ts')).href
    const script = `
const { Scheduler, EnginePool } = await import(${JSON.stringify(scheduler)})
const MB = 1024 * 1024
const pool = new EnginePool({
  keepAliveMs: 60_000,
  load: async () => ({ weights: new Float32Array(32 * MB / 4).fill(1) }),
  unload: async () => {},
})
const s = new Scheduler({ budget: { ramBytes: 64 * MB }, maxConcurrency: 2, queueSize: 4, timeoutMs: 500 })
async function work(r, slow) {
  const lease = await pool.acquire('engine', r.signal)
  try {
    const buffer = new Float32Array(8 * MB / 4)
    for (let i = 0; i < buffer.length; i += 1024) buffer[i] = lease.engine.weights[i]
    await new Promise((done, fail) => {
      const t = slow ? undefined : setTimeout(done, 1)
      r.signal.addEventListener('abort', () => { clearTimeout(t); fail(r.signal.reason) })
    })
    r.recordPeak({ ramBytes: 8 * MB })
    return buffer.length
  } finally { lease.release() }
}
const outcome = { ok: 0, timeout: 0, cancelled: 0, slowTimedOut: 0, cancelledAsAsked: 0 }
async function one(i) {
  const ctl = new AbortController()
  if (i % 10 === 3) setTimeout(() => ctl.abort(), 0)
  const slow = i % 50 === 7
  try { await s.run({ ramBytes: 8 * MB, kind: 'fake' }, ctl.signal, (r) => work(r, slow)); outcome.ok++ }
  catch (e) {
    if (e.code === 'E_TIMEOUT') { outcome.timeout++; if (slow) outcome.slowTimedOut++ }
    else if (e.code === 'E_CANCELLED') { outcome.cancelled++; if (i % 10 === 3) outcome.cancelledAsAsked++ }
    else throw e
  }
}
// Same settling before each sample: collect, let freed pages go back, collect again.
const rss = async () => { gc(); await new Promise((r) => setTimeout(r, 300)); gc(); return process.memoryUsage.rss() }
for (let i = 0; i < 100; i++) await one(i)
const start = await rss()
for (let i = 100; i < 1000; i++) await one(i)
const end = await rss()
console.log(JSON.stringify({ start, end, outcome, stats: s.stats(), loaded: pool.loaded().length }))
await pool.close()
`
    const result = await new Promise<{
      start: number
      end: number
      outcome: {
        ok: number
        timeout: number
        cancelled: number
        slowTimedOut: number
        cancelledAsAsked: number
      }
      stats: { reservedRamBytes: number; active: number; waiting: number; served: number }
      loaded: number
    }>((done, fail) => {
      execFile(
        process.execPath,
        ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', script],
        { cwd: REPO_ROOT, timeout: 120_000 },
        (error, stdout, stderr) =>
          error
            ? fail(new Error(`${error.message}\n${stderr}`))
            : done(JSON.parse(stdout.trim().split('\n').pop()!)),
      )
    })
    const drift = (result.end - result.start) / result.start
    console.log(
      `1000 requests: RSS ${(result.start / MB).toFixed(1)} MiB → ${(result.end / MB).toFixed(1)} MiB (${(drift * 100).toFixed(2)} %), outcomes ${JSON.stringify(result.outcome)}`,
    )
    expect(result.outcome.ok + result.outcome.timeout + result.outcome.cancelled).toBe(1000)
    // Every 50th request (i % 50 === 7) never finishes by itself: the 500 ms limit stops it.
    expect(result.outcome.slowTimedOut).toBe(20)
    // Every 10th request is cancelled by its caller.
    expect(result.outcome.cancelledAsAsked).toBe(100)
    expect(result.outcome.cancelled).toBe(100)
    expect(result.stats).toMatchObject({ reservedRamBytes: 0, active: 0, waiting: 0 })
    expect(result.loaded).toBe(1)
    // A leak shows as growth. RSS may also fall (lazily compiled code and the transpiler's
    // caches from start-up are returned to the OS late, more so on a cold cache), which is
    // not a leak, so only growth is bounded.
    expect(drift).toBeLessThan(0.05)
  })
})
