/**
 * The one ONNX session factory (STYLE habit 3, after echogarden utilities/OnnxUtilities.ts):
 * it builds the session options in one place, asks for the preferred execution provider
 * and falls back to CPU when that provider cannot start, and owns `release()` so a
 * session's native memory is freed exactly once.
 *
 * onnxruntime-node is loaded with import() on first use (engines that never run ONNX never
 * pay for it); only its types are imported statically.
 *
 * Memory notes measured with onnxruntime-node 1.30 on Linux (docs/resources.md):
 * - weights in external data are memory-mapped and, for MatMul, pre-packed into a heap
 *   copy: RSS after load + one run ≈ weight bytes;
 * - weights embedded in the .onnx file are parsed out of the protobuf; with pre-packing on,
 *   the freed protobuf copy sometimes stays resident (glibc arenas) and RSS reaches 2×
 *   the weights. `prepack: false` avoids that at some speed cost.
 */
import type * as Ort from 'onnxruntime-node'
import { MynahError, throwIfAborted } from '../core/errors.js'
import type { Device } from '../core/types.js'

export type OrtModule = typeof Ort
export type OrtSession = Ort.InferenceSession
export type OrtFeeds = Ort.InferenceSession.FeedsType
export type OrtResults = Ort.InferenceSession.ReturnType

export interface OnnxSessionOptions {
  /** Execution provider to try first (default cpu). */
  device?: Device
  /** Retry on CPU when the preferred provider fails to start (default true). */
  fallbackToCpu?: boolean
  /** Threads inside one operator; 0 or absent lets ONNX Runtime choose (one per core). */
  intraOpThreads?: number
  /** Threads across independent operators (default 1: mynah runs requests concurrently instead). */
  interOpThreads?: number
  /**
   * Pre-pack MatMul weights at load (faster runs). Default true. Set false for models with
   * embedded (not external) weights on memory-tight machines: see the note above.
   */
  prepack?: boolean
  /** ONNX Runtime's CPU arena: keeps activation memory between runs (default true). */
  memArena?: boolean
  graphOptimization?: 'disabled' | 'basic' | 'extended' | 'all'
  /** Name used in error messages (engine and stage), e.g. "indextts2/gpt". */
  label?: string
  signal?: AbortSignal
}

export interface OnnxSession {
  /** The execution provider the session really runs on. */
  readonly device: Device
  /** Set when the preferred provider failed and the session fell back to CPU. */
  readonly fallback?: { readonly from: Device; readonly reason: string }
  readonly inputNames: readonly string[]
  readonly outputNames: readonly string[]
  /** Resident-memory growth of the process while the session loaded, in bytes (≥ 0). */
  readonly loadRssBytes: number
  readonly released: boolean
  run(feeds: OrtFeeds, signal?: AbortSignal): Promise<OrtResults>
  /** Frees the native session; safe to call more than once. */
  release(): Promise<void>
}

export interface OnnxSessionFactory {
  create(model: string | Uint8Array, options?: OnnxSessionOptions): Promise<OnnxSession>
}

export interface OnnxSessionFactorySeams {
  /** How onnxruntime-node is loaded (tests pass a fake). */
  loadOrt?: () => Promise<OrtModule>
  /** Resident set size of this process in bytes. */
  rss?: () => number
}

let ortPromise: Promise<OrtModule> | undefined

/** Loads onnxruntime-node once; quiet logging unless MYNAH_DEBUG is set. */
export function loadOrt(): Promise<OrtModule> {
  ortPromise ??= import('onnxruntime-node').then((ort) => {
    ort.env.logLevel = process.env.MYNAH_DEBUG ? 'warning' : 'error'
    return ort
  })
  return ortPromise
}

function providerName(device: Device): string {
  return device // onnxruntime-node's names match mynah's devices: cpu, webgpu, cuda
}

function sessionOptions(device: Device, o: OnnxSessionOptions): Ort.InferenceSession.SessionOptions {
  const session: Record<string, string> = {}
  if (o.prepack === false) session.disable_prepacking = '1'
  return {
    executionProviders: [providerName(device)],
    graphOptimizationLevel: o.graphOptimization ?? 'all',
    enableCpuMemArena: o.memArena ?? true,
    enableMemPattern: true,
    interOpNumThreads: o.interOpThreads ?? 1,
    ...(o.intraOpThreads ? { intraOpNumThreads: o.intraOpThreads } : {}),
    logSeverityLevel: 3,
    ...(Object.keys(session).length > 0 ? { extra: { session } } : {}),
  }
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return (text.split('\n').find((l) => l.trim() !== '') ?? text).trim().slice(0, 300)
}

class ManagedSession implements OnnxSession {
  released = false
  private readonly session: OrtSession

  constructor(
    session: OrtSession,
    readonly device: Device,
    readonly loadRssBytes: number,
    readonly label: string,
    readonly fallback?: { from: Device; reason: string },
  ) {
    this.session = session
  }

  get inputNames(): readonly string[] {
    return this.session.inputNames
  }

  get outputNames(): readonly string[] {
    return this.session.outputNames
  }

  async run(feeds: OrtFeeds, signal?: AbortSignal): Promise<OrtResults> {
    if (this.released) throw new MynahError('E_INTERNAL', { detail: `session ${this.label} was released` })
    throwIfAborted(signal)
    const results = await this.session.run(feeds)
    throwIfAborted(signal)
    return results
  }

  async release(): Promise<void> {
    if (this.released) return
    this.released = true
    await this.session.release()
  }
}

/** A factory with its seams bound; `createOnnxSession` uses the default one. */
export function createOnnxSessionFactory(seams: OnnxSessionFactorySeams = {}): OnnxSessionFactory {
  const load = seams.loadOrt ?? loadOrt
  const rss = seams.rss ?? (() => process.memoryUsage.rss())
  return {
    async create(model, options = {}) {
      const label = options.label ?? (typeof model === 'string' ? model : 'in-memory model')
      const preferred = options.device ?? 'cpu'
      throwIfAborted(options.signal)
      const ort = await load()
      const open = (device: Device) =>
        typeof model === 'string'
          ? ort.InferenceSession.create(model, sessionOptions(device, options))
          : ort.InferenceSession.create(model, sessionOptions(device, options))
      const before = rss()
      let session: OrtSession
      let device = preferred
      let fallback: { from: Device; reason: string } | undefined
      try {
        session = await open(preferred)
      } catch (error) {
        if (preferred === 'cpu' || options.fallbackToCpu === false) {
          throw new MynahError(
            'E_ENGINE_NOT_READY',
            {
              engine: label,
              detail: `ONNX Runtime could not load the model on ${preferred}: ${firstLine(error)}`,
            },
            { cause: error },
          )
        }
        fallback = { from: preferred, reason: firstLine(error) }
        device = 'cpu'
        try {
          session = await open('cpu')
        } catch (cpuError) {
          throw new MynahError(
            'E_ENGINE_NOT_READY',
            { engine: label, detail: `ONNX Runtime could not load the model: ${firstLine(cpuError)}` },
            { cause: cpuError },
          )
        }
      }
      const managed = new ManagedSession(session, device, Math.max(0, rss() - before), label, fallback)
      if (options.signal?.aborted) {
        await managed.release()
        throwIfAborted(options.signal)
      }
      return managed
    },
  }
}

const defaultFactory = createOnnxSessionFactory()

/** Open a session with the default factory (real onnxruntime-node, process RSS). */
export function createOnnxSession(
  model: string | Uint8Array,
  options?: OnnxSessionOptions,
): Promise<OnnxSession> {
  return defaultFactory.create(model, options)
}
