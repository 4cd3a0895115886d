import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { StageInfo } from '../../../src/engines/engine.js'
import { INDEXTTS2_STAGES } from '../../../src/engines/indextts2/manifest.js'
import { simulateMachine } from '../../../src/runtime/hardware/simulate.js'
import type { MachineInfo } from '../../../src/runtime/hardware/types.js'
import {
  Calibration,
  formatPlanTable,
  type Plan,
  type PlanOptions,
  placementFromPlan,
  planEngine,
  planToJson,
} from '../../../src/runtime/planner/index.js'
import { LOAD_FACTOR, SESSION_OVERHEAD_BYTES } from '../../../src/runtime/planner/memory-model.js'
import { schedulerOptionsFromPlan } from '../../../src/runtime/scheduler/index.js'

const GiB = 1024 ** 3
const MiB = 1024 ** 2

function stage(name: string, fp32: number, extra: Partial<StageInfo> = {}): StageInfo {
  return {
    name,
    weightBytes: { fp32, fp16: fp32 / 2, int8: fp32 / 4 },
    activationBytesPerAudioSecond: 0,
    activationBytesPerToken: 0,
    devices: ['cpu', 'cuda', 'webgpu'],
    canLoadOnDemand: false,
    ...extra,
  }
}

function machine(ramGiB: number, vramGiB = 0): MachineInfo {
  return simulateMachine({ ramBytes: ramGiB * GiB, vramBytes: vramGiB * GiB })
}

function plan(stages: StageInfo[], m: MachineInfo, options: Partial<PlanOptions> = {}): Plan {
  return planEngine({ engine: 'test', stages, machine: m, options })
}

const weights = (raw: number) => Math.ceil(raw * LOAD_FACTOR) + SESSION_OVERHEAD_BYTES
const byName = (p: Plan, name: string) => p.stages.find((s) => s.name === name)!

describe('planner on synthetic engines', () => {
  it('fits a small CPU engine with no compromise and predicts its peaks', () => {
    const p = plan([stage('net', GiB, { activationBytesPerAudioSecond: 10 * MiB })], machine(8), {
      request: { tokens: 0, audioSeconds: 10 },
      baseRamBytes: 200 * MiB,
    })
    expect(p.verdict).toBe('fits')
    expect(p.compromises).toEqual([])
    expect(p.stages).toEqual([
      {
        name: 'net',
        enabled: true,
        device: 'cpu',
        precision: 'fp32',
        residency: 'resident',
        weightsBytes: weights(GiB),
        activationBytes: 100 * MiB,
        peakBytes: weights(GiB) + 100 * MiB,
      },
    ])
    expect(p.atLoad).toEqual({ ramBytes: 200 * MiB + weights(GiB), vramBytes: 0 })
    const perRequest = 100 * MiB + 16 * MiB + 10 * 24_000 * 16
    expect(p.perRequest).toEqual({ ramBytes: perRequest, vramBytes: 0 })
    expect(p.atFirstRequest.ramBytes).toBe(200 * MiB + weights(GiB) + perRequest)
    // 8 GiB × 0.8 budget: as many requests as fit beside the weights.
    const expected = Math.floor((p.budget.ramBytes - 200 * MiB - weights(GiB)) / perRequest)
    expect(p.maxConcurrency).toBe(Math.min(64, expected))
    expect(p.budget).toEqual({ ramBytes: Math.floor(8 * GiB * 0.8), vramBytes: 0, safetyMargin: 0.2 })
  })

  it('prefers fp16 on the GPU to moving a stage off it', () => {
    const p = plan([stage('big', 6 * GiB), stage('small', 0.5 * GiB)], machine(16, 6), { device: 'cuda' })
    expect(p.verdict).toBe('fits-with-compromises')
    expect(p.compromises).toEqual(['big in fp16'])
    expect(byName(p, 'big')).toMatchObject({ device: 'cuda', precision: 'fp16', residency: 'resident' })
    expect(byName(p, 'small')).toMatchObject({ device: 'cuda', precision: 'fp32' })
    expect(Math.max(p.atLoad.vramBytes, p.atConcurrency.vramBytes)).toBeLessThanOrEqual(p.budget.vramBytes)
  })

  it('puts optional stages on demand before anything else', () => {
    // Resident: 2 + 2 + 2 GiB > 4.8 GiB budget. On demand, only the larger of the two loads at once.
    const optional = { optional: true, canLoadOnDemand: true }
    const p = plan(
      [stage('core', 2 * GiB), stage('extra1', 2 * GiB, optional), stage('extra2', 2 * GiB, optional)],
      machine(6),
      {
        allowInt8: false,
      },
    )
    expect(p.verdict).toBe('fits-with-compromises')
    expect(p.compromises).toEqual(['extra1 on demand', 'extra2 on demand'])
    expect(byName(p, 'core')).toMatchObject({ residency: 'resident', precision: 'fp32' })
  })

  it('says when nothing fits and finds machines that would', () => {
    const stages = [stage('huge', 40 * GiB)]
    const p = plan(stages, machine(8, 4), { device: 'cuda' })
    expect(p.verdict).toBe('does-not-fit')
    expect(p.maxConcurrency).toBe(0)
    expect(p.summary).toMatch(/^does not fit: needs .* even with every compromise it tried; would fit on /)
    expect(p.smallestMachines.length).toBeGreaterThan(0)
    for (const s of p.smallestMachines) {
      const again = plan(stages, simulateMachine({ ramBytes: s.ramBytes, vramBytes: s.vramBytes }), {
        device: 'cuda',
      })
      expect(again.verdict).not.toBe('does-not-fit')
    }
    // More RAM with the same 4 GiB GPU: 40 GiB of weights are 10 GiB in int8 → 8 GiB RAM is too little.
    expect(p.smallestMachines[0]!.vramBytes).toBe(4 * GiB)
    expect(p.smallestMachines[0]!.ramBytes).toBeGreaterThan(8 * GiB)
  })

  it('plans for the CPU, with a warning, when the requested GPU is absent', () => {
    const p = plan([stage('net', GiB)], machine(8, 0), { device: 'cuda' })
    expect(p.device).toBe('cpu')
    expect(p.warnings).toContain('no GPU found for cuda — planning for CPU')
    expect(byName(p, 'net').device).toBe('cpu')
  })

  it('refuses stages no device here can run', () => {
    const p = plan([stage('gpu-only', GiB, { devices: ['cuda'] })], machine(8, 0))
    expect(p.verdict).toBe('does-not-fit')
    expect(p.summary).toBe('does not fit: no device here can run gpu-only (runs on cuda)')
  })

  it('uses calibration corrections to raise predictions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mynah-cal-'))
    try {
      const cal = new Calibration(join(dir, 'calibration.json'))
      const before = plan([stage('net', GiB)], machine(8))
      const predicted = byName(before, 'net').weightsBytes
      expect(cal.record('net', 'weights', predicted, predicted * 0.9)).toBe(false)
      expect(cal.record('net', 'weights', predicted, predicted * 1.5)).toBe(true)
      expect(cal.factor('net', 'weights')).toBeCloseTo(1.5, 3)
      const after = plan([stage('net', GiB)], machine(8), { corrections: cal.corrections() })
      expect(byName(after, 'net').weightsBytes).toBeGreaterThan(predicted * 1.45)
      expect(cal.record('net', 'weights', predicted, predicted * 100)).toBe(true)
      expect(cal.factor('net', 'weights')).toBe(4)
      await cal.save()
      expect(Calibration.load(join(dir, 'calibration.json')).factor('net', 'weights')).toBe(4)
      expect(Calibration.load(join(dir, 'missing.json')).factor('net', 'weights')).toBe(1)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('warns that a plan would page when available RAM is short', () => {
    const probed: MachineInfo = {
      ...machine(16),
      source: 'probe',
      ramAvailableBytes: 2 * GiB,
      swapFreeBytes: GiB,
    }
    const p = plan([stage('net', 4 * GiB)], probed, { allowInt8: false })
    expect(p.verdict).toBe('does-not-fit')
    expect(p.warnings.some((w) => w.includes('would page into swap'))).toBe(true)
    expect(p.warnings).toContain('only 2.0 GiB of 16.0 GiB RAM is available now')
  })

  it('gives the doctor JSON fields', () => {
    const json = planToJson(plan([stage('net', GiB)], machine(8)))
    expect(Object.keys(json).slice(0, 5)).toEqual(['verdict', 'summary', 'engine', 'device', 'machine'])
    expect(json).toMatchObject({ verdict: 'fits', max_concurrency: expect.any(Number), peak_vram_bytes: 0 })
    expect((json.stages as unknown[])[0]).toMatchObject({
      name: 'net',
      device: 'cpu',
      precision: 'fp32',
      residency: 'resident',
    })
  })
})

describe('IndexTTS2 plans (printed into docs/resources.md)', () => {
  const indextts2 = (ram: number, vram: number, device: 'cpu' | 'cuda') =>
    planEngine({
      engine: 'indextts2',
      stages: INDEXTTS2_STAGES,
      machine: simulateMachine({ ramBytes: ram * GiB, vramBytes: vram * GiB }),
      options: { device },
    })
  const show = (title: string, p: Plan) =>
    console.log(`\n### ${title}\n${p.summary}\n\n${formatPlanTable(p)}\n`)

  it('8 GB RAM + 4 GB VRAM: fits with compromises, GPT in fp16 on the GPU', () => {
    const p = indextts2(8, 4, 'cuda')
    show('8 GB RAM + 4 GB VRAM (cuda)', p)
    expect(p.verdict).toBe('fits-with-compromises')
    expect(p.compromises).toContain('GPT in fp16')
    expect(byName(p, 'GPT')).toMatchObject({ device: 'cuda', precision: 'fp16', residency: 'resident' })
    expect(byName(p, 'w2v-BERT').device).toBe('cpu')
    expect(byName(p, 'emotion LLM')).toMatchObject({ device: 'cpu', residency: 'on-demand' })
    expect(p.maxConcurrency).toBe(1)
    expect(Math.max(p.atLoad.vramBytes, p.atConcurrency.vramBytes)).toBeLessThanOrEqual(p.budget.vramBytes)
    expect(Math.max(p.atLoad.ramBytes, p.atConcurrency.ramBytes)).toBeLessThanOrEqual(p.budget.ramBytes)
  })

  it('16 GB RAM + 12 GB VRAM: everything on the GPU, only the GPT in fp16', () => {
    const p = indextts2(16, 12, 'cuda')
    show('16 GB RAM + 12 GB VRAM (cuda)', p)
    expect(p.verdict).toBe('fits-with-compromises')
    expect(p.compromises).toEqual(['GPT in fp16'])
    expect(p.stages.every((s) => s.device === 'cuda' && s.residency === 'resident')).toBe(true)
    expect(p.maxConcurrency).toBe(2)
  })

  it('16 GB RAM, CPU only: fits in fp32 with every stage resident', () => {
    const p = indextts2(16, 0, 'cpu')
    show('16 GB RAM, CPU only', p)
    expect(p.verdict).toBe('fits')
    expect(
      p.stages.every((s) => s.device === 'cpu' && s.precision === 'fp32' && s.residency === 'resident'),
    ).toBe(true)
    expect(p.maxConcurrency).toBe(2)
  })
})

describe('what the runtime takes from a plan', () => {
  const plan = (ram: number, vram: number, device: 'cpu' | 'cuda') =>
    planEngine({
      engine: 'indextts2',
      stages: INDEXTTS2_STAGES,
      machine: simulateMachine({ ramBytes: ram * GiB, vramBytes: vram * GiB }),
      options: { device },
    })

  it('the engine loads with the plan placement: per stage device, precision and residency', () => {
    const placement = placementFromPlan(plan(8, 4, 'cuda'))
    expect(placement).toMatchObject({ device: 'cuda', precision: 'fp16' })
    expect(placement.stages?.GPT).toEqual({ device: 'cuda', precision: 'fp16', residency: 'resident' })
    expect(placement.stages?.['w2v-BERT']?.device).toBe('cpu')
    // A GPU asked for on a machine without one: the plan, and so the engine, use the CPU.
    expect(placementFromPlan(plan(16, 0, 'cuda'))).toMatchObject({ device: 'cpu', precision: 'fp32' })
  })

  it('concurrency is the config value, else what memory allows capped at one request per core', () => {
    const p = plan(16, 12, 'cuda')
    expect(p.maxConcurrency).toBe(2)
    const config = { maxConcurrency: 0, queueSize: 8, requestTimeoutSeconds: 60 }
    expect(schedulerOptionsFromPlan(p, config).maxConcurrency).toBe(2)
    expect(schedulerOptionsFromPlan(p, config, 1).maxConcurrency).toBe(1)
    expect(schedulerOptionsFromPlan(p, { ...config, maxConcurrency: 5 }, 1).maxConcurrency).toBe(5)
  })
})
