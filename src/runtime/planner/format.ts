/** A plan as text (doctor, docs) and as the JSON shape `mynah doctor --json` promises. */
import { formatTable as table } from '../../core/table.js'
import { formatBytes } from '../hardware/units.js'
import type { Plan } from './types.js'

/** The stage table: one row per stage, then the peaks. */
export function formatPlanTable(plan: Plan): string {
  const rows = plan.stages.map((s) => [
    s.name,
    s.enabled ? s.device : '-',
    s.enabled ? s.precision : '-',
    s.enabled ? s.residency : 'left out',
    s.enabled ? formatBytes(s.weightsBytes) : '-',
    s.enabled ? formatBytes(s.peakBytes) : '-',
  ])
  const stages = table(['stage', 'device', 'precision', 'residency', 'weights', 'peak'], rows)
  const gpu = plan.device !== 'cpu'
  const peak = (label: string, p: { ramBytes: number; vramBytes: number }) => [
    label,
    formatBytes(p.ramBytes),
    gpu ? formatBytes(p.vramBytes) : '-',
  ]
  const peaks = table(
    ['predicted peak', 'RAM', 'VRAM'],
    [
      peak('after load', plan.atLoad),
      peak('first request', plan.atFirstRequest),
      peak(`${plan.atConcurrency.requests} concurrent`, plan.atConcurrency),
      ['budget', formatBytes(plan.budget.ramBytes), gpu ? formatBytes(plan.budget.vramBytes) : '-'],
    ],
  )
  return `${stages}\n\n${peaks}`
}

/** The doctor's JSON: the promised fields first, more detail after. */
export function planToJson(plan: Plan): Record<string, unknown> {
  return {
    verdict: plan.verdict,
    summary: plan.summary,
    engine: plan.engine,
    device: plan.device,
    machine: plan.machine,
    stages: plan.stages.map((s) => ({
      name: s.name,
      enabled: s.enabled,
      device: s.device,
      precision: s.precision,
      residency: s.residency,
      weights_bytes: s.weightsBytes,
      activation_bytes: s.activationBytes,
      peak_bytes: s.peakBytes,
    })),
    peak_ram_bytes: Math.max(plan.atLoad.ramBytes, plan.atConcurrency.ramBytes),
    peak_vram_bytes: Math.max(plan.atLoad.vramBytes, plan.atConcurrency.vramBytes),
    max_concurrency: plan.maxConcurrency,
    compromises: plan.compromises,
    warnings: plan.warnings,
    budget: {
      ram_bytes: plan.budget.ramBytes,
      vram_bytes: plan.budget.vramBytes,
      safety_margin: plan.budget.safetyMargin,
    },
    at_load: { ram_bytes: plan.atLoad.ramBytes, vram_bytes: plan.atLoad.vramBytes },
    at_first_request: { ram_bytes: plan.atFirstRequest.ramBytes, vram_bytes: plan.atFirstRequest.vramBytes },
    at_concurrency: {
      requests: plan.atConcurrency.requests,
      ram_bytes: plan.atConcurrency.ramBytes,
      vram_bytes: plan.atConcurrency.vramBytes,
    },
    per_request: { ram_bytes: plan.perRequest.ramBytes, vram_bytes: plan.perRequest.vramBytes },
    smallest_machines: plan.smallestMachines.map((m) => ({
      ram_bytes: m.ramBytes,
      vram_bytes: m.vramBytes,
      verdict: m.verdict,
    })),
  }
}
