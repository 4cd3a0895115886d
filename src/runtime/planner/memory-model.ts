/**
 * How much memory one stage takes in one placement, and what a placement costs the user.
 * Figures are conservative estimates from metadata (STYLE habit 9); the calibration
 * corrects them upward when measurements come in higher. Measurements behind the
 * constants are in docs/resources.md.
 */
import type { Device, Precision, Residency } from '../../core/types.js'
import type { StageInfo } from '../../engines/engine.js'
import type { PlanOptions } from './types.js'

const MiB = 1024 ** 2
const GB = 1e9

/**
 * RSS growth per byte of weights when ONNX Runtime loads a session. Measured with
 * onnxruntime-node 1.30 (test/integration/planner-onnx.test.ts): 1.00–1.06 for external
 * data and for embedded weights without pre-packing. Embedded weights with MatMul
 * pre-packing can keep a second copy resident (up to 2.0); the calibration catches that.
 */
export const LOAD_FACTOR = 1.02

/** Per-session bookkeeping (graph, kernels, allocator state): 4–8 MiB measured on small graphs. */
export const SESSION_OVERHEAD_BYTES = 8 * MiB

/**
 * Device memory taken before any weights: the CUDA context with cuBLAS/cuDNN handles is
 * 300–600 MiB depending on GPU and driver; a WebGPU (Dawn) device far less.
 */
export const DEVICE_OVERHEAD_BYTES: Record<Device, number> = { cpu: 0, cuda: 512 * MiB, webgpu: 256 * MiB }

/** Output sample rate used to size audio buffers (IndexTTS2 and mynah both default to 22–24 kHz). */
const AUDIO_RATE = 24_000

/** RAM one request holds outside the engine: text, float samples, resampled and encoded copies. */
export function requestOverheadBytes(audioSeconds: number): number {
  return 16 * MiB + Math.ceil(audioSeconds * AUDIO_RATE * 4 * 4)
}

export interface StageState {
  readonly enabled: boolean
  readonly device: Device
  readonly precision: Precision
  readonly residency: Residency
}

export function isGpu(device: Device): boolean {
  return device !== 'cpu'
}

/** Weights in memory after loading, on the stage's device. */
export function weightsInMemory(stage: StageInfo, precision: Precision, options: PlanOptions): number {
  const raw = stage.weightBytes[precision] ?? 0
  const correction = options.corrections?.[stage.name]?.weights ?? 1
  return Math.ceil(raw * LOAD_FACTOR * correction) + SESSION_OVERHEAD_BYTES
}

/** Activations of one request in this stage (fp16 halves them; int8 models keep fp32 activations). */
export function activationBytes(stage: StageInfo, precision: Precision, options: PlanOptions): number {
  const perRequest =
    stage.activationBytesPerAudioSecond * options.request.audioSeconds +
    stage.activationBytesPerToken * options.request.tokens
  const scale = precision === 'fp16' ? 0.5 : 1
  const correction = options.corrections?.[stage.name]?.activations ?? 1
  return Math.ceil(perRequest * scale * correction)
}

/**
 * What a placement costs the user, in arbitrary points; the planner picks the cheapest set
 * of compromises that fits. Ordering, not magnitude, matters:
 * - fp16 on a GPU: upstream IndexTTS2 calls the quality loss "very small" → 1 point;
 * - an optional stage on demand: only requests that use it wait for the load → 0.5;
 * - any other stage on demand: every request pays a load, growing with size → 2 + 1/GB;
 * - a stage moved to the CPU: compute grows with parameters → 3 + 4/GB, halved for stages
 *   that may load on demand (they run once per reference voice, not per request);
 * - int8 on the CPU: audible on small models → 4;
 * - an optional stage left out: a feature is lost → 20.
 */
export function penalty(stage: StageInfo, state: StageState, planDevice: Device): number {
  if (!state.enabled) return 20
  const gb = (stage.weightBytes.fp32 ?? stage.weightBytes.fp16 ?? stage.weightBytes.int8 ?? 0) / GB
  let points = 0
  if (state.precision === 'fp16' && isGpu(state.device)) points += 1
  if (state.precision === 'fp16' && !isGpu(state.device) && stage.weightBytes.fp32) points += 2
  if (state.precision === 'int8') points += 4
  if (state.residency === 'on-demand') points += stage.optional ? 0.5 : 2 + gb
  if (isGpu(planDevice) && !isGpu(state.device)) points += (3 + 4 * gb) * (stage.canLoadOnDemand ? 0.5 : 1)
  return points
}

/** Every placement a stage may take on a machine whose GPU (if any) is `planDevice`. */
export function candidateStates(stage: StageInfo, planDevice: Device, options: PlanOptions): StageState[] {
  const states: StageState[] = []
  const devices: Device[] = []
  if (isGpu(planDevice) && stage.devices.includes(planDevice)) devices.push(planDevice)
  if (stage.devices.includes('cpu')) devices.push('cpu')
  for (const device of devices) {
    const precisions: Precision[] = []
    const has = (p: Precision) => stage.weightBytes[p] !== undefined && stage.weightBytes[p]! > 0
    if (has('fp32')) precisions.push('fp32')
    if (isGpu(device)) {
      if (has('fp16') && (options.allowFp16 || !has('fp32'))) precisions.push('fp16')
    } else {
      // ONNX Runtime's CPU kernels are fp32/int8; fp16 only when a stage ships nothing else.
      if (has('int8') && (options.allowInt8 || precisions.length === 0)) precisions.push('int8')
      if (precisions.length === 0 && has('fp16')) precisions.push('fp16')
    }
    const offloaded = isGpu(planDevice) && !isGpu(device)
    for (const precision of precisions) {
      states.push({ enabled: true, device, precision, residency: offloaded ? 'offloaded' : 'resident' })
      if (stage.canLoadOnDemand) states.push({ enabled: true, device, precision, residency: 'on-demand' })
    }
  }
  if (stage.optional && states.length > 0) states.push({ ...states[0]!, enabled: false })
  return states
}

/** Human words for a compromise: "GPT in fp16", "BigVGAN on CPU", "emotion LLM on demand". */
export function describeCompromises(stage: StageInfo, state: StageState, planDevice: Device): string[] {
  if (!state.enabled) return [`${stage.name} left out`]
  const words: string[] = []
  if (state.precision === 'fp16' && isGpu(state.device)) words.push(`${stage.name} in fp16`)
  if (state.precision === 'int8') words.push(`${stage.name} in int8`)
  if (state.precision === 'fp16' && !isGpu(state.device) && stage.weightBytes.fp32)
    words.push(`${stage.name} in fp16`)
  const onCpu = isGpu(planDevice) && !isGpu(state.device)
  if (onCpu && state.residency === 'on-demand') words.push(`${stage.name} on CPU, on demand`)
  else if (onCpu) words.push(`${stage.name} on CPU`)
  else if (state.residency === 'on-demand') words.push(`${stage.name} on demand`)
  return words
}
