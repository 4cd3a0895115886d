import { describe, expect, it } from 'vitest'
import { httpStatusOf, MynahError } from '../../../src/core/errors.js'
import {
  ManualClock,
  type Reservation,
  Scheduler,
  type SchedulerOptions,
  type TraceEvent,
} from '../../../src/runtime/scheduler/index.js'

const MB = 1_000_000

function setup(over: Partial<SchedulerOptions> = {}) {
  const clock = new ManualClock()
  const trace: TraceEvent[] = []
  const scheduler = new Scheduler({
    budget: { ramBytes: 100 * MB, vramBytes: 10 * MB },
    maxConcurrency: 2,
    queueSize: 2,
    clock,
    onTrace: (e) => trace.push(e),
    ...over,
  })
  return { clock, trace, scheduler }
}

async function error(p: Promise<unknown>): Promise<MynahError> {
  try {
    await p
  } catch (e) {
    if (e instanceof MynahError) return e
    throw e
  }
  throw new Error('expected a rejection')
}

/** Run a side effect and pass the value on. */
const tap =
  <T>(effect: () => unknown) =>
  (value: T): T => {
    effect()
    return value
  }

/** Let promise callbacks run. */
const tick = () => new Promise((r) => setImmediate(r))

describe('Scheduler', () => {
  it('admits up to maxConcurrency, queues the rest in order, and admits them as others finish', async () => {
    const { scheduler } = setup()
    const order: number[] = []
    const a = await scheduler.acquire({ ramBytes: 10 * MB })
    const b = await scheduler.acquire({ ramBytes: 10 * MB })
    const c = scheduler.acquire({ ramBytes: 10 * MB }).then(tap(() => order.push(3)))
    const d = scheduler.acquire({ ramBytes: 10 * MB }).then(tap(() => order.push(4)))
    await tick()
    expect(scheduler.stats()).toMatchObject({ active: 2, waiting: 2, reservedRamBytes: 20 * MB })
    a.release()
    a.release() // idempotent
    await tick()
    expect(order).toEqual([3])
    b.release()
    await tick()
    expect(order).toEqual([3, 4])
    ;(await c).release()
    ;(await d).release()
    expect(scheduler.stats()).toMatchObject({ active: 0, waiting: 0, reservedRamBytes: 0, served: 4 })
  })

  it('fails fast with E_BUSY and a Retry-After when the queue is full', async () => {
    const { scheduler, clock } = setup({ maxConcurrency: 1, queueSize: 1, initialServiceMs: 4000 })
    const first = await scheduler.acquire({ ramBytes: MB })
    const queued = scheduler.acquire({ ramBytes: MB })
    const busy = await error(scheduler.acquire({ ramBytes: MB }))
    expect(busy.code).toBe('E_BUSY')
    expect(httpStatusOf(busy)).toBe(503)
    // 1 waiting + this one, 4 s each, one at a time.
    expect(busy.details).toEqual({ queued: 1, retryAfter: 8 })
    expect(busy.message).toBe('The server is busy (1 requests queued); retry in 8 s.')
    clock.advance(1000)
    first.release()
    ;(await queued).release()
    expect(scheduler.stats().busy).toBe(1)
  })

  it('keeps reserved memory within the budget and never lets a small request overtake a big one', async () => {
    const { scheduler, trace } = setup({ maxConcurrency: 8, queueSize: 8 })
    const big1 = await scheduler.acquire({ ramBytes: 60 * MB })
    const got: string[] = []
    const big2 = scheduler.acquire({ ramBytes: 60 * MB }).then(tap(() => got.push('big2')))
    const small = scheduler.acquire({ ramBytes: 10 * MB }).then(tap(() => got.push('small')))
    await tick()
    expect(got).toEqual([]) // small would fit beside big1, but big2 is first in line
    big1.release()
    await tick()
    expect(got).toEqual(['big2', 'small'])
    ;(await big2).release()
    ;(await small).release()
    expect(Math.max(...trace.map((e) => e.reservedRamBytes))).toBeLessThanOrEqual(100 * MB)
    expect(trace.map((e) => e.type)).toEqual([
      'admit',
      'queue',
      'queue',
      'release',
      'admit',
      'admit',
      'release',
      'release',
    ])
  })

  it('checks VRAM as well as RAM', async () => {
    const { scheduler } = setup({ maxConcurrency: 4 })
    const a = await scheduler.acquire({ ramBytes: MB, vramBytes: 6 * MB })
    let admitted = false
    const b = scheduler.acquire({ ramBytes: MB, vramBytes: 6 * MB }).then(
      tap(() => {
        admitted = true
      }),
    )
    await tick()
    expect(admitted).toBe(false)
    a.release()
    ;(await b).release()
    expect(admitted).toBe(true)
  })

  it('times out a queued request and frees its place', async () => {
    const { scheduler, clock } = setup({ maxConcurrency: 1, queueSize: 1, timeoutMs: 5000 })
    const first = await scheduler.acquire({ ramBytes: MB })
    const waiting = scheduler.acquire({ ramBytes: MB })
    clock.advance(5000)
    const e = await error(waiting)
    expect(e.code).toBe('E_TIMEOUT')
    expect(e.details.seconds).toBe(5)
    // Both started at 0: the running one's signal aborted too.
    expect(first.signal.aborted).toBe(true)
    expect(scheduler.stats()).toMatchObject({ waiting: 0, timedOut: 2 })
    // The slot is free again: a new request queues instead of getting E_BUSY.
    const next = scheduler.acquire({ ramBytes: MB })
    first.release()
    ;(await next).release()
  })

  it('aborts a running request at its timeout; run() answers at once and releases when the work stops', async () => {
    const { scheduler, clock } = setup({ timeoutMs: 1000 })
    let finishWork: () => void = () => {}
    let seen: AbortSignal | undefined
    const running = scheduler.run({ ramBytes: 30 * MB }, undefined, (r) => {
      seen = r.signal
      return new Promise<string>((resolve) => {
        finishWork = () => resolve('late')
      })
    })
    await tick()
    clock.advance(1000)
    const e = await error(running)
    expect(e.code).toBe('E_TIMEOUT')
    expect(seen?.aborted).toBe(true)
    // The work ignored the signal: its memory is still reserved until it stops.
    expect(scheduler.stats().reservedRamBytes).toBe(30 * MB)
    finishWork()
    await tick()
    expect(scheduler.stats()).toMatchObject({ reservedRamBytes: 0, active: 0 })
  })

  it('counts the wait against the timeout', async () => {
    const { scheduler, clock } = setup({ maxConcurrency: 1, queueSize: 4, timeoutMs: 1000 })
    const first = await scheduler.acquire({ ramBytes: MB })
    const second = scheduler.acquire({ ramBytes: MB })
    clock.advance(600)
    first.release()
    const r = await second
    clock.advance(399)
    expect(r.signal.aborted).toBe(false)
    clock.advance(1)
    expect(r.signal.aborted).toBe(true)
    expect((r.signal.reason as MynahError).code).toBe('E_TIMEOUT')
    r.release()
  })

  it('cancellation removes a waiter and aborts a running request', async () => {
    const { scheduler } = setup({ maxConcurrency: 1, queueSize: 2 })
    const running = new AbortController()
    const r = await scheduler.acquire({ ramBytes: MB }, { signal: running.signal })
    const waitingCtl = new AbortController()
    const positions: number[] = []
    const waiting = scheduler.acquire(
      { ramBytes: MB },
      { signal: waitingCtl.signal, onQueued: (p) => positions.push(p) },
    )
    expect(positions).toEqual([0])
    waitingCtl.abort()
    expect((await error(waiting)).code).toBe('E_CANCELLED')
    expect(scheduler.stats().waiting).toBe(0)
    running.abort()
    expect(r.signal.aborted).toBe(true)
    expect((r.signal.reason as MynahError).code).toBe('E_CANCELLED')
    r.release()
    expect(scheduler.stats()).toMatchObject({ reservedRamBytes: 0, cancelled: 2 })
    const already = new AbortController()
    already.abort()
    expect((await error(scheduler.acquire({ ramBytes: MB }, { signal: already.signal }))).code).toBe(
      'E_CANCELLED',
    )
  })

  it('raises the cost of a kind of request when measured peaks exceed its reservation', async () => {
    const { scheduler } = setup({ maxConcurrency: 4 })
    const r: Reservation = await scheduler.acquire({ ramBytes: 10 * MB, kind: 'tts' })
    r.recordPeak({ ramBytes: 15 * MB })
    r.release()
    expect(scheduler.correction('tts')).toBeCloseTo(1.5)
    const next = await scheduler.acquire({ ramBytes: 10 * MB, kind: 'tts' })
    expect(next.ramBytes).toBe(15 * MB)
    next.recordPeak({ ramBytes: 5 * MB }) // lower: no change
    next.release()
    expect(scheduler.stats().corrections).toEqual({ tts: 1.5 })
  })

  it('refuses a request larger than the whole budget', async () => {
    const { scheduler } = setup()
    const e = await error(scheduler.acquire({ ramBytes: 101 * MB, kind: 'indextts2' }))
    expect(e.code).toBe('E_MODEL_DOES_NOT_FIT')
    expect(e.details.model).toBe('indextts2')
  })

  it('admits waiters when the budget grows, and rejects them when closed', async () => {
    const { scheduler } = setup({ budget: { ramBytes: 10 * MB }, maxConcurrency: 4, queueSize: 4 })
    const a = await scheduler.acquire({ ramBytes: 8 * MB })
    const b = scheduler.acquire({ ramBytes: 8 * MB })
    scheduler.setBudget({ ramBytes: 20 * MB })
    ;(await b).release()
    const c = scheduler.acquire({ ramBytes: 20 * MB })
    scheduler.close()
    expect((await error(c)).code).toBe('E_CANCELLED')
    a.release()
    expect((await error(scheduler.acquire({ ramBytes: MB }))).code).toBe('E_CANCELLED')
  })
})
