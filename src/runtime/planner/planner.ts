/**
 * The memory planner: given an engine's stages and a machine, choose per stage a device,
 * a precision and a residency so the peaks stay inside RAM and VRAM less a safety margin.
 *
 * Method (greedy, explainable): start from the ideal placement (every stage resident on
 * the requested device in its best precision). While a peak is over budget, apply the one
 * change to one stage that removes the most overage per point of penalty
 * (memory-model.ts `penalty`). When it fits, walk back: undo any compromise that is no
 * longer needed. A 7-stage engine plans in well under a millisecond, so the what-if search
 * for the smallest machine can plan hundreds of machines.
 */
import type { Device } from '../../core/types.js'
import type { StageInfo } from '../../engines/engine.js'
import type { MachineInfo } from '../hardware/types.js'
import { formatBytes } from '../hardware/units.js'
import {
  activationBytes,
  candidateStates,
  DEVICE_OVERHEAD_BYTES,
  describeCompromises,
  isGpu,
  penalty,
  requestOverheadBytes,
  type StageState,
  weightsInMemory,
} from './memory-model.js'
import type { MemoryPoint, Plan, PlanOptions, StagePlan, Verdict } from './types.js'

export const DEFAULT_PLAN_OPTIONS: PlanOptions = {
  device: 'cpu',
  allowFp16: true,
  allowInt8: true,
  concurrency: 1,
  safetyMargin: 0.2,
  request: { tokens: 120, audioSeconds: 30 },
  baseRamBytes: 256 * 1024 ** 2,
}

const MAX_CONCURRENCY = 64

interface Budget {
  ramBytes: number
  vramBytes: number
}

interface Evaluation {
  load: MemoryPoint
  request: (n: number) => MemoryPoint
}

/** Predicted memory of a full placement. */
function evaluate(
  stages: readonly StageInfo[],
  states: readonly StageState[],
  device: Device,
  o: PlanOptions,
): Evaluation {
  let residentRam = 0
  let residentVram = 0
  let gpuStaging = 0
  let onDemandRamMax = 0
  let onDemandRamSum = 0
  let onDemandVramMax = 0
  let onDemandVramSum = 0
  let onDemandStaging = 0
  let actRam = 0
  let actVram = 0
  let usesGpu = false
  stages.forEach((stage, i) => {
    const s = states[i]!
    if (!s.enabled) return
    const w = weightsInMemory(stage, s.precision, o)
    const a = activationBytes(stage, s.precision, o)
    const raw = stage.weightBytes[s.precision] ?? 0
    const gpu = isGpu(s.device)
    usesGpu ||= gpu
    if (s.residency === 'on-demand') {
      if (gpu) {
        onDemandVramMax = Math.max(onDemandVramMax, w)
        onDemandVramSum += w
        // The host copy made while uploading (ONNX Runtime reads weights into RAM first).
        onDemandStaging = Math.max(onDemandStaging, raw)
      } else {
        onDemandRamMax = Math.max(onDemandRamMax, w)
        onDemandRamSum += w
      }
    } else if (gpu) {
      residentVram += w
      gpuStaging = Math.max(gpuStaging, raw)
    } else {
      residentRam += w
    }
    // Stages of one request run one after another: the largest activation is the peak.
    if (gpu) actVram = Math.max(actVram, a)
    else actRam = Math.max(actRam, a)
  })
  const context = usesGpu ? DEVICE_OVERHEAD_BYTES[device] : 0
  const base = o.baseRamBytes + residentRam
  const perRequestRam = actRam + requestOverheadBytes(o.request.audioSeconds)
  // One request loads its on-demand stages one at a time; concurrent requests may hold several.
  const onDemand = (max: number, sum: number, n: number) => (n <= 1 ? max : Math.min(sum, n * max))
  return {
    load: { ramBytes: base + gpuStaging, vramBytes: context + residentVram },
    request: (n) => ({
      ramBytes: base + onDemand(onDemandRamMax, onDemandRamSum, n) + n * perRequestRam + onDemandStaging,
      vramBytes: context + residentVram + onDemand(onDemandVramMax, onDemandVramSum, n) + n * actVram,
    }),
  }
}

function overage(e: Evaluation, budget: Budget, n: number): number {
  const req = e.request(n)
  const ram = Math.max(e.load.ramBytes, req.ramBytes)
  const vram = Math.max(e.load.vramBytes, req.vramBytes)
  return Math.max(0, ram - budget.ramBytes) + Math.max(0, vram - budget.vramBytes)
}

interface Search {
  states: StageState[]
  overage: number
}

/** Greedy descent on overage per penalty point, then walk back unneeded compromises. */
function search(
  stages: readonly StageInfo[],
  candidates: readonly StageState[][],
  device: Device,
  o: PlanOptions,
  budget: Budget,
  n: number,
): Search {
  const states = candidates.map((c) => c[0]!)
  const over = (s: readonly StageState[]) => overage(evaluate(stages, s, device, o), budget, n)
  let current = over(states)
  for (let step = 0; current > 0 && step < 200; step++) {
    let best: { i: number; state: StageState; over: number; score: number } | undefined
    stages.forEach((stage, i) => {
      const now = penalty(stage, states[i]!, device)
      for (const state of candidates[i]!) {
        if (state === states[i]) continue
        const trial = states.slice()
        trial[i] = state
        const after = over(trial)
        const gain = current - after
        if (gain <= 0) continue
        const score = gain / Math.max(penalty(stage, state, device) - now, 1e-6)
        if (!best || score > best.score) best = { i, state, over: after, score }
      }
    })
    if (!best) break
    states[best.i] = best.state
    current = best.over
  }
  if (current > 0) return { states, overage: current }
  walkBack(stages, candidates, device, states, (s) => over(s) === 0)
  return { states, overage: 0 }
}

/**
 * Lower the total penalty while the plan still fits: first one stage at a time, then pairs
 * (one stage gives up a little so another can take back a lot — e.g. the emotion LLM goes
 * on demand so S2Mel may stay fp32). Pairs are ≈ (7 × 9)² trials per round: cheap.
 */
function walkBack(
  stages: readonly StageInfo[],
  candidates: readonly StageState[][],
  device: Device,
  states: StageState[],
  fits: (s: readonly StageState[]) => boolean,
): void {
  const cost = (i: number, s: StageState) => penalty(stages[i]!, s, device)
  const total = (s: readonly StageState[]) => s.reduce((sum, st, i) => sum + cost(i, st), 0)
  for (let round = 0; round < 50; round++) {
    let best: { trial: StageState[]; total: number } | undefined
    const consider = (trial: StageState[]) => {
      const t = total(trial)
      if (t < (best?.total ?? total(states)) - 1e-9 && fits(trial)) best = { trial, total: t }
    }
    for (let i = 0; i < stages.length; i++) {
      for (const a of candidates[i]!) {
        if (a === states[i]) continue
        const single = states.slice()
        single[i] = a
        consider(single)
        for (let j = i + 1; j < stages.length; j++) {
          for (const b of candidates[j]!) {
            if (b === states[j]) continue
            const pair = single.slice()
            pair[j] = b
            consider(pair)
          }
        }
      }
    }
    if (!best) return
    states.splice(0, states.length, ...best.trial)
  }
}

/** VRAM the plan may use on `device`, and any warning about how it was found. */
function gpuBudget(machine: MachineInfo, device: Device, margin: number): { vram: number; warning?: string } {
  if (!isGpu(device)) return { vram: 0 }
  const gpu = [...machine.gpus].sort((a, b) => b.freeBytes - a.freeBytes)[0]
  if (!gpu) {
    return {
      vram: 0,
      warning:
        device === 'webgpu' && machine.webgpu.available
          ? 'WebGPU works but its memory size is unknown (no nvidia-smi); pass --vram to plan for it — planning for CPU'
          : `no GPU found for ${device} — planning for CPU`,
    }
  }
  return { vram: Math.floor(gpu.freeBytes * (1 - margin)) }
}

function stagePlans(
  stages: readonly StageInfo[],
  states: readonly StageState[],
  o: PlanOptions,
): StagePlan[] {
  return stages.map((stage, i) => {
    const s = states[i]!
    const weights = s.enabled ? weightsInMemory(stage, s.precision, o) : 0
    const act = s.enabled ? activationBytes(stage, s.precision, o) : 0
    return {
      name: stage.name,
      enabled: s.enabled,
      device: s.device,
      precision: s.precision,
      residency: s.residency,
      weightsBytes: weights,
      activationBytes: act,
      peakBytes: weights + act,
    }
  })
}

export interface PlanInput {
  /** Engine or model name for reports. */
  engine: string
  stages: readonly StageInfo[]
  machine: MachineInfo
  options?: Partial<PlanOptions>
}

/** Plan without the smallest-machine search (used by that search itself). */
export function planOnce(input: PlanInput): Plan {
  const o: PlanOptions = { ...DEFAULT_PLAN_OPTIONS, ...input.options }
  const warnings: string[] = []
  const { vram, warning } = gpuBudget(input.machine, o.device, o.safetyMargin)
  if (warning) warnings.push(warning)
  const device: Device = vram > 0 ? o.device : 'cpu'
  const budget = {
    ramBytes: Math.floor(input.machine.ramAvailableBytes * (1 - o.safetyMargin)),
    vramBytes: vram,
    safetyMargin: o.safetyMargin,
  }
  const stages = input.stages
  const candidates = stages.map((s) => candidateStates(s, device, o))
  const unplaceable = stages.filter((_, i) => candidates[i]!.length === 0)
  if (unplaceable.length > 0) {
    const names = unplaceable.map((s) => `${s.name} (runs on ${s.devices.join('/')})`).join(', ')
    return finish(
      input,
      o,
      device,
      budget,
      [],
      'does-not-fit',
      `does not fit: no device here can run ${names}`,
      warnings,
    )
  }
  let found = search(stages, candidates, device, o, budget, Math.max(1, o.concurrency))
  if (found.overage > 0 && o.concurrency > 1) {
    const single = search(stages, candidates, device, o, budget, 1)
    if (single.overage === 0) {
      warnings.push(`${o.concurrency} concurrent requests do not fit; planned for fewer`)
      found = single
    }
  }
  const states = found.states
  const e = evaluate(stages, states, device, o)
  if (found.overage > 0) {
    const load = e.load
    const req = e.request(1)
    const ram = Math.max(load.ramBytes, req.ramBytes)
    const vramNeed = Math.max(load.vramBytes, req.vramBytes)
    const parts: string[] = []
    if (ram > budget.ramBytes) parts.push(`${formatBytes(ram)} RAM (budget ${formatBytes(budget.ramBytes)})`)
    if (vramNeed > budget.vramBytes)
      parts.push(`${formatBytes(vramNeed)} VRAM (budget ${formatBytes(budget.vramBytes)})`)
    return finish(
      input,
      o,
      device,
      budget,
      states,
      'does-not-fit',
      `does not fit: needs ${parts.join(' and ')} even with every compromise it tried`,
      warnings,
    )
  }
  const compromises = stages.flatMap((stage, i) => describeCompromises(stage, states[i]!, device))
  const verdict: Verdict = compromises.length === 0 ? 'fits' : 'fits-with-compromises'
  return finish(input, o, device, budget, states, verdict, '', warnings)
}

function finish(
  input: PlanInput,
  o: PlanOptions,
  device: Device,
  budget: Plan['budget'],
  states: readonly StageState[],
  verdict: Verdict,
  reason: string,
  warnings: string[],
): Plan {
  const stages = input.stages
  const complete = states.length === stages.length
  const e = complete ? evaluate(stages, states, device, o) : undefined
  const zero = { ramBytes: 0, vramBytes: 0 }
  let maxConcurrency = 0
  if (e && verdict !== 'does-not-fit') {
    while (maxConcurrency < MAX_CONCURRENCY && overage(e, budget, maxConcurrency + 1) === 0) maxConcurrency++
  }
  const requests = verdict === 'does-not-fit' ? 1 : Math.max(1, Math.min(o.concurrency, maxConcurrency))
  const one = e?.request(1) ?? zero
  const two = e?.request(2) ?? zero
  const compromises = complete
    ? stages.flatMap((stage, i) => describeCompromises(stage, states[i]!, device))
    : []
  const atConcurrency = { ...(e?.request(requests) ?? zero), requests }
  const peakRam = Math.max(e?.load.ramBytes ?? 0, atConcurrency.ramBytes)
  if (e && peakRam > input.machine.ramAvailableBytes) {
    warnings.push(
      input.machine.swapFreeBytes > 0
        ? `peak RAM ${formatBytes(peakRam)} exceeds available RAM: the system would page into swap (very slow)`
        : `peak RAM ${formatBytes(peakRam)} exceeds available RAM and there is no swap: the process would be killed`,
    )
  }
  if (
    input.machine.source === 'probe' &&
    input.machine.ramAvailableBytes < input.machine.ramTotalBytes * 0.5
  ) {
    warnings.push(
      `only ${formatBytes(input.machine.ramAvailableBytes)} of ${formatBytes(input.machine.ramTotalBytes)} RAM is available now`,
    )
  }
  const peakText = e
    ? `peak RAM ${formatBytes(peakRam)}${isGpu(device) ? `, VRAM ${formatBytes(Math.max(e.load.vramBytes, atConcurrency.vramBytes))}` : ''}`
    : ''
  const summary =
    verdict === 'fits'
      ? `fits: ${peakText}; up to ${maxConcurrency} request${maxConcurrency === 1 ? '' : 's'} at once`
      : verdict === 'fits-with-compromises'
        ? `fits with compromises (${compromises.join(', ')}): ${peakText}; up to ${maxConcurrency} at once`
        : reason
  return {
    engine: input.engine,
    verdict,
    summary,
    compromises: verdict === 'does-not-fit' ? [] : compromises,
    warnings,
    device,
    machine: input.machine,
    budget,
    stages: complete ? stagePlans(stages, states, o) : [],
    atLoad: e?.load ?? zero,
    atFirstRequest: one,
    atConcurrency,
    maxConcurrency,
    perRequest: {
      ramBytes: Math.max(0, two.ramBytes - one.ramBytes),
      vramBytes: Math.max(0, two.vramBytes - one.vramBytes),
    },
    smallestMachines: [],
    options: o,
  }
}
