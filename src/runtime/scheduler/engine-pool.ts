/**
 * Reference-counted engine instances with idle unload (STYLE habit 8, after ollama's
 * sched.go runner refCount + keep-alive): every request leases the loaded engine, the
 * last release starts a keep-alive timer, and when it fires with no lease taken the
 * engine unloads. Loads happen one at a time (two models loading together is how a
 * machine that fits either runs out of memory). Engines load with `load(key)`, a seam.
 *
 *   const lease = await pool.acquire('indextts2', signal)
 *   try { ... lease.engine ... } finally { lease.release() }
 */
import { throwIfAborted } from '../../core/errors.js'
import { type Clock, systemClock, type TimerHandle } from './clock.js'

export interface EnginePoolOptions<E> {
  /** Shared by every request waiting for the key, so it takes no caller's AbortSignal. */
  load: (key: string) => Promise<E>
  unload: (engine: E, key: string) => Promise<void>
  /**
   * Milliseconds an unused engine stays loaded (config.keepAliveSeconds × 1000). 0 unloads
   * as soon as the last lease ends; a negative value or Infinity keeps engines forever
   * (ollama's OLLAMA_KEEP_ALIVE=-1).
   */
  keepAliveMs: number
  clock?: Clock
  onEvent?: (event: { type: 'load' | 'loaded' | 'load-failed' | 'unload'; key: string }) => void
}

export interface EngineLease<E> {
  readonly key: string
  readonly engine: E
  /** End this lease; safe to call more than once. */
  release(): void
}

interface Entry<E> {
  key: string
  state: 'loading' | 'ready' | 'unloading'
  ready: Promise<E>
  engine?: E
  refs: number
  idleSince?: number
  timer?: TimerHandle
  unloaded?: Promise<void>
}

export interface LoadedEngine {
  key: string
  refs: number
  /** Clock time the engine became idle; absent while leased or loading. */
  idleSince?: number
}

export class EnginePool<E> {
  private readonly entries = new Map<string, Entry<E>>()
  private readonly clock: Clock
  /** Tail of the load queue: each load starts when the previous one settled. */
  private loadChain: Promise<unknown> = Promise.resolve()

  constructor(private readonly options: EnginePoolOptions<E>) {
    this.clock = options.clock ?? systemClock
  }

  async acquire(key: string, signal?: AbortSignal): Promise<EngineLease<E>> {
    for (;;) {
      throwIfAborted(signal)
      const entry = this.entries.get(key)
      if (entry?.state === 'unloading') {
        await entry.unloaded
        continue
      }
      const current = entry ?? this.startLoad(key)
      current.refs++
      this.cancelIdle(current)
      let engine: E
      try {
        engine = await current.ready
      } catch (error) {
        current.refs--
        throw error
      }
      if (signal?.aborted) {
        this.releaseRef(current)
        throwIfAborted(signal)
      }
      let released = false
      return {
        key,
        engine,
        release: () => {
          if (released) return
          released = true
          this.releaseRef(current)
        },
      }
    }
  }

  loaded(): LoadedEngine[] {
    return [...this.entries.values()]
      .filter((e) => e.state === 'ready')
      .map((e) => ({
        key: e.key,
        refs: e.refs,
        ...(e.idleSince !== undefined ? { idleSince: e.idleSince } : {}),
      }))
  }

  /** Unload everything (shutdown). Leases still held keep working on an engine that is gone: callers stop first. */
  async close(): Promise<void> {
    await this.loadChain.catch(() => {})
    await Promise.all(
      [...this.entries.values()].filter((e) => e.state === 'ready').map((e) => this.unload(e)),
    )
  }

  private startLoad(key: string): Entry<E> {
    const entry: Entry<E> = { key, state: 'loading', refs: 0, ready: Promise.resolve() as Promise<never> }
    const load = this.loadChain
      .catch(() => {})
      .then(async () => {
        this.options.onEvent?.({ type: 'load', key })
        return this.options.load(key)
      })
    this.loadChain = load
    entry.ready = load.then(
      (engine) => {
        entry.engine = engine
        entry.state = 'ready'
        this.options.onEvent?.({ type: 'loaded', key })
        if (entry.refs === 0) this.startIdle(entry)
        return engine
      },
      (error: unknown) => {
        this.entries.delete(key)
        this.options.onEvent?.({ type: 'load-failed', key })
        throw error
      },
    )
    // Waiters handle the rejection; this keeps a failed load with no waiter from being unhandled.
    entry.ready.catch(() => {})
    this.entries.set(key, entry)
    return entry
  }

  private releaseRef(entry: Entry<E>): void {
    entry.refs = Math.max(0, entry.refs - 1)
    if (entry.refs === 0 && entry.state === 'ready') this.startIdle(entry)
  }

  private startIdle(entry: Entry<E>): void {
    entry.idleSince = this.clock.now()
    const keep = this.options.keepAliveMs
    if (keep < 0 || !Number.isFinite(keep)) return
    if (keep === 0) {
      void this.unload(entry)
      return
    }
    entry.timer = this.clock.setTimeout(() => {
      entry.timer = undefined
      if (entry.refs === 0 && entry.state === 'ready') void this.unload(entry)
    }, keep)
    // An idle model's timer must not keep a finished CLI process alive (request timeouts must).
    ;(entry.timer as { unref?: () => void }).unref?.()
  }

  private cancelIdle(entry: Entry<E>): void {
    if (entry.timer !== undefined) this.clock.clearTimeout(entry.timer)
    entry.timer = undefined
    entry.idleSince = undefined
  }

  private unload(entry: Entry<E>): Promise<void> {
    if (entry.state !== 'ready') return entry.unloaded ?? Promise.resolve()
    this.cancelIdle(entry)
    entry.state = 'unloading'
    const engine = entry.engine as E
    entry.unloaded = this.options
      .unload(engine, entry.key)
      .catch(() => {})
      .finally(() => {
        if (this.entries.get(entry.key) === entry) this.entries.delete(entry.key)
        this.options.onEvent?.({ type: 'unload', key: entry.key })
      })
    return entry.unloaded
  }
}
