/**
 * planEngine: the plan plus, when nothing fits, the smallest machines that would — found
 * by planning common RAM and VRAM sizes (what-if search).
 */

import type { Placement } from '../../engines/engine.js'
import { simulateMachine } from '../hardware/simulate.js'
import { formatBytes } from '../hardware/units.js'
import { isGpu } from './memory-model.js'
import { type PlanInput, planOnce } from './planner.js'
import type { MachineSuggestion, Plan } from './types.js'

const GiB = 1024 ** 3
/** RAM sizes machines are sold with, GiB. */
export const RAM_SIZES = [2, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 512]
/** VRAM sizes of common GPUs, GiB (0 = none). */
export const VRAM_SIZES = [0, 2, 3, 4, 6, 8, 10, 12, 16, 20, 24, 32, 40, 48, 80, 96, 141]

function fitsOn(input: PlanInput, ramGiB: number, vramGiB: number): MachineSuggestion | undefined {
  const machine = simulateMachine({ ramBytes: ramGiB * GiB, vramBytes: vramGiB * GiB }, input.machine)
  const plan = planOnce({ ...input, machine: { ...machine, source: 'simulated' } })
  if (plan.verdict === 'does-not-fit') return undefined
  if (vramGiB > 0 && !isGpu(plan.device)) return undefined
  return { ramBytes: ramGiB * GiB, vramBytes: vramGiB * GiB, verdict: plan.verdict }
}

/**
 * Up to three suggestions: more RAM with the same VRAM, more VRAM with the same RAM, and
 * the smallest machine overall (by RAM + 2 × VRAM, a rough price order).
 */
export function smallestMachines(
  input: PlanInput,
  device = input.options?.device ?? 'cpu',
): MachineSuggestion[] {
  const ramGiB = input.machine.ramTotalBytes / GiB
  const vramGiB = (input.machine.gpus[0]?.totalBytes ?? 0) / GiB
  const gpuSizes = isGpu(device) ? VRAM_SIZES : [0]
  const found: MachineSuggestion[] = []
  const add = (s: MachineSuggestion | undefined) => {
    if (s && !found.some((f) => f.ramBytes === s.ramBytes && f.vramBytes === s.vramBytes)) found.push(s)
  }
  add(
    RAM_SIZES.filter((r) => r >= ramGiB)
      .map((r) => fitsOn(input, r, vramGiB))
      .find(Boolean),
  )
  if (isGpu(device))
    add(
      VRAM_SIZES.filter((v) => v >= vramGiB)
        .map((v) => fitsOn(input, ramGiB, v))
        .find(Boolean),
    )
  const pairs = RAM_SIZES.flatMap((r) => gpuSizes.map((v) => ({ r, v }))).sort(
    (a, b) => a.r + 2 * a.v - (b.r + 2 * b.v),
  )
  for (const { r, v } of pairs) {
    const s = fitsOn(input, r, v)
    if (s) {
      add(s)
      break
    }
  }
  return found
}

export function describeMachine(s: MachineSuggestion): string {
  const ram = `${formatBytes(s.ramBytes).replace(' GiB', ' GB').replace('.0 GB', ' GB')} RAM`
  if (s.vramBytes === 0) return `${ram}, CPU only`
  return `${ram} + ${formatBytes(s.vramBytes).replace(' GiB', ' GB').replace('.0 GB', ' GB')} VRAM`
}

export function planEngine(input: PlanInput): Plan {
  const plan = planOnce(input)
  if (plan.verdict !== 'does-not-fit' || plan.stages.length === 0) return plan
  const smallest = smallestMachines(input)
  const hint = smallest.length > 0 ? `; would fit on ${smallest.map(describeMachine).join(' or ')}` : ''
  return { ...plan, smallestMachines: smallest, summary: `${plan.summary}${hint}` }
}

/**
 * The placement an engine loads with: the plan's device and, per enabled stage, its device,
 * precision and residency. The default precision is fp16 when any stage runs in fp16.
 */
export function placementFromPlan(plan: Plan): Placement {
  const enabled = plan.stages.filter((s) => s.enabled)
  return {
    device: plan.device,
    precision: enabled.some((s) => s.precision === 'fp16') ? 'fp16' : 'fp32',
    stages: Object.fromEntries(
      enabled.map((s) => [s.name, { device: s.device, precision: s.precision, residency: s.residency }]),
    ),
  }
}

export { Calibration, type MeasureKind, type StageCorrection } from './calibration.js'
export { formatPlanTable, planToJson } from './format.js'
export { DEFAULT_PLAN_OPTIONS, type PlanInput, planOnce } from './planner.js'
export type * from './types.js'
