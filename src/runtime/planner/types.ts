/**
 * The memory plan: where each stage of an engine runs and what that costs, decided before
 * anything is loaded (STYLE habit 9, after ollama's MemoryEstimate: every field commented).
 * All sizes are bytes.
 */
import type { Device, Precision, Residency } from '../../core/types.js'
import type { MachineInfo } from '../hardware/types.js'

export interface PlanRequestSize {
  /** Text tokens in one request's segment (IndexTTS2 default segment budget: 120). */
  readonly tokens: number
  /** Seconds of audio one segment produces (≈ 30 s for 120 tokens of Mandarin). */
  readonly audioSeconds: number
}

export interface PlanOptions {
  /** Where neural stages should run; 'cpu' plans a CPU-only machine. */
  readonly device: Device
  /** May GPU stages run in fp16 (default true)? */
  readonly allowFp16: boolean
  /** May CPU stages run int8-quantized (default true; a quality compromise)? */
  readonly allowInt8: boolean
  /** Concurrent requests the plan must carry (default 1); more are reported as maxConcurrency. */
  readonly concurrency: number
  /** Fraction of RAM / VRAM kept free (default 0.2 = 20 % headroom). */
  readonly safetyMargin: number
  /** Size of one request for activation estimates. */
  readonly request: PlanRequestSize
  /** Resident memory of the process before any model loads: Node, ONNX Runtime, text data. */
  readonly baseRamBytes: number
  /** Per-stage correction factors learnt from measurements (≥ 1; see calibration.ts). */
  readonly corrections?: Readonly<Record<string, { weights?: number; activations?: number }>>
}

export interface StagePlan {
  /** Stage name from the engine's EngineInfo.stages. */
  readonly name: string
  /** False when an optional stage is left out to make the rest fit. */
  readonly enabled: boolean
  readonly device: Device
  readonly precision: Precision
  /**
   * resident = loaded at start and kept; on-demand = loaded for the request that needs it
   * and released after; offloaded = runs on the CPU although the plan's device is a GPU.
   */
  readonly residency: Residency
  /** Memory the stage's weights take once loaded (on its device), including session overhead. */
  readonly weightsBytes: number
  /** Weights plus activations while one request runs through this stage. */
  readonly peakBytes: number
  /** Activations of one request in this stage. */
  readonly activationBytes: number
}

export interface MemoryPoint {
  /** Predicted peak resident memory of the process (RAM). */
  readonly ramBytes: number
  /** Predicted peak device memory (0 on CPU-only plans). */
  readonly vramBytes: number
}

export type Verdict = 'fits' | 'fits-with-compromises' | 'does-not-fit'

export interface MachineSuggestion {
  readonly ramBytes: number
  /** 0 = no GPU needed. */
  readonly vramBytes: number
  readonly verdict: Exclude<Verdict, 'does-not-fit'>
}

export interface Plan {
  /** Engine or model the plan is for. */
  readonly engine: string
  readonly verdict: Verdict
  /** One line a person reads first: the verdict and its reason. */
  readonly summary: string
  /** What the plan gave up to fit, e.g. "GPT in fp16", "BigVGAN on CPU", "emotion LLM on demand". */
  readonly compromises: readonly string[]
  /** Things worth knowing that are not compromises: paging, unknown VRAM, no GPU found. */
  readonly warnings: readonly string[]
  /** The device the plan targets (a GPU request on a machine without one becomes 'cpu'). */
  readonly device: Device
  /** The machine planned for. */
  readonly machine: MachineInfo
  /** Memory the plan may use: available × (1 − safetyMargin). */
  readonly budget: { readonly ramBytes: number; readonly vramBytes: number; readonly safetyMargin: number }
  readonly stages: readonly StagePlan[]
  /** After loading every resident stage (includes the host copy of the largest GPU stage during its upload). */
  readonly atLoad: MemoryPoint
  /** While the first request runs (on-demand stages loaded, one request's activations). */
  readonly atFirstRequest: MemoryPoint
  /** While `concurrency.requests` requests run at once. */
  readonly atConcurrency: MemoryPoint & { readonly requests: number }
  /** Most requests that fit at once (0 when not even one does). */
  readonly maxConcurrency: number
  /** What one more concurrent request adds: the reservation the scheduler should make. */
  readonly perRequest: MemoryPoint
  /** Smallest machines that would run the engine; filled when the verdict is does-not-fit. */
  readonly smallestMachines: readonly MachineSuggestion[]
  /** The options the plan was made with. */
  readonly options: PlanOptions
}
