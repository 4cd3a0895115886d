/**
 * Admission control (STYLE habit 8, after ollama server/sched.go, which lacks Retry-After):
 * every request reserves its predicted memory against a budget before it runs. When the
 * budget or the concurrency limit is full it waits in a bounded FIFO queue; when the queue
 * is full it fails at once with E_BUSY carrying `retryAfter` seconds (the server answers
 * 503 + Retry-After). Each request has a timeout (E_TIMEOUT) covering wait and work;
 * cancelling frees the queue slot at once and the reservation when the work stops.
 * Measured peaks above the reservation raise that kind of request's future cost.
 *
 *   const result = await scheduler.run({ ramBytes, vramBytes, kind: 'indextts2' }, signal,
 *     async (reservation) => engine.work(reservation.signal))
 */
import { isMynahError, MynahError } from '../../core/errors.js'
import { MAX_CORRECTION } from '../planner/calibration.js'
import { type Clock, systemClock, type TimerHandle } from './clock.js'

export interface RequestCost {
  /** Host memory the request is predicted to add while it runs (plan.perRequest.ramBytes). */
  readonly ramBytes: number
  /** Device memory it adds (plan.perRequest.vramBytes); 0 or absent on CPU. */
  readonly vramBytes?: number
  /** Requests of one kind share a correction factor learnt from measured peaks (e.g. the engine id). */
  readonly kind?: string
}

export interface SchedulerBudget {
  /** RAM the scheduler may hand out to running requests (the plan's budget less resident weights). */
  readonly ramBytes: number
  readonly vramBytes?: number
}

export interface SchedulerOptions {
  budget: SchedulerBudget
  /** Requests running at once (≥ 1), e.g. plan.maxConcurrency or config.maxConcurrency. */
  maxConcurrency: number
  /** Requests allowed to wait; beyond it E_BUSY (config.queueSize). */
  queueSize: number
  /** Per-request limit in ms over waiting and working; 0 = none (config.requestTimeoutSeconds × 1000). */
  timeoutMs?: number
  clock?: Clock
  /** Every admission, release, rejection: for tests and metrics. */
  onTrace?: (event: TraceEvent) => void
  /** Service time assumed for Retry-After before any request has finished (default 5000 ms). */
  initialServiceMs?: number
}

export interface TraceEvent {
  readonly type: 'admit' | 'queue' | 'release' | 'busy' | 'timeout' | 'cancel'
  readonly id: number
  readonly at: number
  readonly reservedRamBytes: number
  readonly reservedVramBytes: number
  readonly active: number
  readonly waiting: number
}

export interface Reservation {
  readonly id: number
  /** Reserved bytes (the predicted cost after corrections). */
  readonly ramBytes: number
  readonly vramBytes: number
  /** Aborts when the caller cancels or the timeout passes; its reason is a MynahError. */
  readonly signal: AbortSignal
  /** Report the memory the request really used; a value above the reservation raises future costs. */
  recordPeak(measured: { ramBytes?: number; vramBytes?: number }): void
  /** Return the memory to the budget; safe to call more than once. */
  release(): void
}

export interface SchedulerStats {
  active: number
  waiting: number
  /** Queue capacity. */
  capacity: number
  maxConcurrency: number
  reservedRamBytes: number
  reservedVramBytes: number
  budgetRamBytes: number
  budgetVramBytes: number
  /** Requests that held a reservation and released it (finished, failed, timed out or cancelled while running). */
  served: number
  /** Requests refused with E_BUSY. */
  busy: number
  timedOut: number
  cancelled: number
  /** Moving average of request duration, ms (drives Retry-After). */
  averageServiceMs: number
  /** Correction factors per request kind (≥ 1). */
  corrections: Record<string, number>
}

export interface AcquireOptions {
  signal?: AbortSignal
  /** Called with the 0-based queue position when the request has to wait. */
  onQueued?: (position: number) => void
}

interface Waiter {
  id: number
  ram: number
  vram: number
  kind?: string
  signal?: AbortSignal
  /** When the request arrived: the timeout counts from here. */
  arrivedAt: number
  timer?: TimerHandle
  detach: () => void
  resolve: (r: Reservation) => void
  reject: (e: unknown) => void
}

export class Scheduler {
  private budget: Required<SchedulerBudget>
  private readonly clock: Clock
  private readonly waiting: Waiter[] = []
  private readonly running = new Set<number>()
  private reservedRam = 0
  private reservedVram = 0
  private nextId = 1
  private serviceMs: number
  private readonly corrections = new Map<string, number>()
  private closed = false
  private counts = { served: 0, busy: 0, timedOut: 0, cancelled: 0 }

  constructor(private readonly options: SchedulerOptions) {
    this.budget = { ramBytes: options.budget.ramBytes, vramBytes: options.budget.vramBytes ?? 0 }
    this.clock = options.clock ?? systemClock
    this.serviceMs = options.initialServiceMs ?? 5000
    if (!(options.maxConcurrency >= 1))
      throw new MynahError('E_CONFIG_INVALID', { key: 'maxConcurrency', detail: 'must be at least 1' })
  }

  /** Change the budget (a model loaded or unloaded); waiting requests are admitted if they now fit. */
  setBudget(budget: SchedulerBudget): void {
    this.budget = { ramBytes: budget.ramBytes, vramBytes: budget.vramBytes ?? 0 }
    this.pump()
  }

  correction(kind: string | undefined): number {
    return kind ? (this.corrections.get(kind) ?? 1) : 1
  }

  /** Reserve memory for one request, waiting in the queue if needed. Pair with `release()`. */
  acquire(cost: RequestCost, options: AcquireOptions = {}): Promise<Reservation> {
    const signal = options.signal
    if (signal?.aborted) return Promise.reject(abortError(signal))
    if (this.closed)
      return Promise.reject(new MynahError('E_CANCELLED', {}, { message: 'The scheduler is closed.' }))
    const factor = this.correction(cost.kind)
    const ram = Math.ceil(Math.max(0, cost.ramBytes) * factor)
    const vram = Math.ceil(Math.max(0, cost.vramBytes ?? 0) * factor)
    if (ram > this.budget.ramBytes || vram > this.budget.vramBytes) {
      return Promise.reject(
        new MynahError('E_MODEL_DOES_NOT_FIT', {
          model: cost.kind ?? 'request',
          detail: `one request needs ${ram} B RAM / ${vram} B VRAM; the budget is ${this.budget.ramBytes} B / ${this.budget.vramBytes} B`,
        }),
      )
    }
    const id = this.nextId++
    if (this.waiting.length === 0 && this.fits(ram, vram))
      return Promise.resolve(
        this.admit({ id, ram, vram, kind: cost.kind, signal, arrivedAt: this.clock.now() }),
      )
    if (this.waiting.length >= this.options.queueSize) {
      this.counts.busy++
      this.trace('busy', id)
      return Promise.reject(
        new MynahError('E_BUSY', { queued: this.waiting.length, retryAfter: this.retryAfterSeconds() }),
      )
    }
    return new Promise<Reservation>((resolve, reject) => {
      const waiter: Waiter = {
        id,
        ram,
        vram,
        kind: cost.kind,
        signal,
        arrivedAt: this.clock.now(),
        detach: () => {},
        resolve,
        reject,
      }
      const timeoutMs = this.options.timeoutMs ?? 0
      if (timeoutMs > 0) {
        waiter.timer = this.clock.setTimeout(() => {
          if (!this.dropWaiter(waiter)) return
          this.counts.timedOut++
          this.trace('timeout', id)
          reject(timeoutError(timeoutMs))
        }, timeoutMs)
      }
      if (signal) {
        const onAbort = () => {
          if (!this.dropWaiter(waiter)) return
          this.counts.cancelled++
          this.trace('cancel', id)
          reject(abortError(signal))
        }
        signal.addEventListener('abort', onAbort, { once: true })
        waiter.detach = () => signal.removeEventListener('abort', onAbort)
      }
      this.waiting.push(waiter)
      this.trace('queue', id)
      options.onQueued?.(this.waiting.length - 1)
    })
  }

  /**
   * Run `work` under a reservation: waits for admission, aborts `reservation.signal` on
   * timeout or cancellation, and releases when the work settles. If the work ignores the
   * signal, the caller still gets E_TIMEOUT / E_CANCELLED at once, while the memory stays
   * reserved until the work really stops (it is still in use).
   */
  async run<T>(
    cost: RequestCost,
    signal: AbortSignal | undefined,
    work: (reservation: Reservation) => Promise<T>,
    options: Omit<AcquireOptions, 'signal'> = {},
  ): Promise<T> {
    const reservation = await this.acquire(cost, { ...options, signal })
    let running: Promise<T>
    try {
      running = work(reservation)
    } catch (error) {
      reservation.release()
      throw error
    }
    const settled = running.then(
      () => reservation.release(),
      () => reservation.release(),
    )
    void settled
    if (reservation.signal.aborted) throw reasonOf(reservation.signal)
    return Promise.race([running, rejectOnAbort(reservation.signal)])
  }

  stats(): SchedulerStats {
    return {
      active: this.running.size,
      waiting: this.waiting.length,
      capacity: this.options.queueSize,
      maxConcurrency: this.options.maxConcurrency,
      reservedRamBytes: this.reservedRam,
      reservedVramBytes: this.reservedVram,
      budgetRamBytes: this.budget.ramBytes,
      budgetVramBytes: this.budget.vramBytes,
      ...this.counts,
      averageServiceMs: Math.round(this.serviceMs),
      corrections: Object.fromEntries(this.corrections),
    }
  }

  /** Reject everything waiting (E_CANCELLED) and refuse new requests; running ones finish. */
  close(): void {
    this.closed = true
    for (const w of this.waiting.splice(0)) {
      this.clearWaiter(w)
      w.reject(new MynahError('E_CANCELLED', {}, { message: 'The scheduler was closed.' }))
    }
  }

  /** Seconds a rejected client should wait: queue length × average service time / concurrency, at least 1. */
  retryAfterSeconds(): number {
    const ms = (this.serviceMs * (this.waiting.length + 1)) / this.options.maxConcurrency
    return Math.max(1, Math.ceil(ms / 1000))
  }

  private fits(ram: number, vram: number): boolean {
    return (
      this.running.size < this.options.maxConcurrency &&
      this.reservedRam + ram <= this.budget.ramBytes &&
      this.reservedVram + vram <= this.budget.vramBytes
    )
  }

  private admit(w: Pick<Waiter, 'id' | 'ram' | 'vram' | 'kind' | 'signal' | 'arrivedAt'>): Reservation {
    const { id, ram, vram, kind, signal } = w
    this.reservedRam += ram
    this.reservedVram += vram
    this.running.add(id)
    this.trace('admit', id)
    const controller = new AbortController()
    const timeoutMs = this.options.timeoutMs ?? 0
    let timer: TimerHandle | undefined
    if (timeoutMs > 0) {
      // The limit covers the wait too: only what is left of it remains for the work.
      timer = this.clock.setTimeout(
        () => {
          if (controller.signal.aborted) return
          this.counts.timedOut++
          this.trace('timeout', id)
          controller.abort(timeoutError(timeoutMs))
        },
        Math.max(0, timeoutMs - (this.clock.now() - w.arrivedAt)),
      )
    }
    const onAbort = () => {
      if (controller.signal.aborted) return
      this.counts.cancelled++
      this.trace('cancel', id)
      controller.abort(abortError(signal!))
    }
    if (signal) {
      if (signal.aborted) onAbort()
      else signal.addEventListener('abort', onAbort, { once: true })
    }
    let released = false
    const admittedAt = this.clock.now()
    return {
      id,
      ramBytes: ram,
      vramBytes: vram,
      signal: controller.signal,
      recordPeak: (measured) => {
        if (!kind) return
        const ratio = Math.max(
          ram > 0 && measured.ramBytes ? measured.ramBytes / ram : 0,
          vram > 0 && measured.vramBytes ? measured.vramBytes / vram : 0,
        )
        if (ratio > 1) this.corrections.set(kind, Math.min(MAX_CORRECTION, this.correction(kind) * ratio))
      },
      release: () => {
        if (released) return
        released = true
        if (timer !== undefined) this.clock.clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
        this.reservedRam -= ram
        this.reservedVram -= vram
        this.running.delete(id)
        this.counts.served++
        // Exponential moving average (α = 0.2) of how long a request holds its reservation.
        this.serviceMs = 0.8 * this.serviceMs + 0.2 * Math.max(0, this.clock.now() - admittedAt)
        this.trace('release', id)
        this.pump()
      },
    }
  }

  /** Admit waiting requests in FIFO order while the head fits (no overtaking: big requests are not starved). */
  private pump(): void {
    while (this.waiting.length > 0) {
      const head = this.waiting[0]!
      if (!this.fits(head.ram, head.vram)) return
      this.waiting.shift()
      this.clearWaiter(head)
      head.resolve(this.admit(head))
    }
  }

  private dropWaiter(waiter: Waiter): boolean {
    const index = this.waiting.indexOf(waiter)
    if (index < 0) return false
    this.waiting.splice(index, 1)
    this.clearWaiter(waiter)
    this.pump()
    return true
  }

  private clearWaiter(waiter: Waiter): void {
    waiter.detach()
    if (waiter.timer !== undefined) this.clock.clearTimeout(waiter.timer)
  }

  private trace(type: TraceEvent['type'], id: number): void {
    this.options.onTrace?.({
      type,
      id,
      at: this.clock.now(),
      reservedRamBytes: this.reservedRam,
      reservedVramBytes: this.reservedVram,
      active: this.running.size,
      waiting: this.waiting.length,
    })
  }
}

function timeoutError(ms: number): MynahError {
  return new MynahError('E_TIMEOUT', { seconds: Math.round(ms / 100) / 10 })
}

function abortError(signal: AbortSignal): MynahError {
  const reason: unknown = signal.reason
  if (isMynahError(reason)) return reason
  return new MynahError('E_CANCELLED', {}, { cause: reason })
}

function reasonOf(signal: AbortSignal): MynahError {
  return isMynahError(signal.reason) ? signal.reason : abortError(signal)
}

function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    signal.addEventListener('abort', () => reject(reasonOf(signal)), { once: true })
  })
}
