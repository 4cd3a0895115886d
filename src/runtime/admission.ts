/**
 * Admission for the facade: plans the engine against this machine once, then every
 * synthesis reserves the plan's per-request memory with the Scheduler before it touches
 * the engine, and releases it when its stream ends, fails or is cancelled. Engines are
 * leased from an EnginePool (reference-counted, one load at a time, idle unload after
 * config.keepAliveSeconds).
 */
import { join } from 'node:path'
import type { MynahConfig } from '../core/config.js'
import type { Engine, EngineInfo } from '../engines/engine.js'
import { probeMachine } from './hardware/probe.js'
import type { MachineInfo } from './hardware/types.js'
import { Calibration, placementFromPlan, planEngine } from './planner/index.js'
import type { Plan } from './planner/types.js'
import {
  EnginePool,
  type Reservation,
  requestCostFromPlan,
  Scheduler,
  type SchedulerStats,
  schedulerOptionsFromPlan,
} from './scheduler/index.js'

export type MachineProbe = () => Promise<MachineInfo>

export interface AdmissionOptions {
  config: MynahConfig
  /** Makes (does not load) an engine by id. */
  create: (id: string) => Promise<Engine>
  /** Hardware probe; tests pass a fake machine (STYLE habit 10). */
  probe?: MachineProbe
}

export interface Admitted {
  readonly engine: Engine
  readonly reservation: Reservation
  /** Ends the lease and the reservation; safe to call more than once. */
  done(): void
}

/** Plans, admits and leases. One instance per facade. */
export class Admission {
  private readonly pool: EnginePool<Engine>
  private readonly planned = new Map<string, Promise<{ plan: Plan; scheduler: Scheduler }>>()
  private readonly created = new Map<string, Promise<Engine>>()
  private machine?: Promise<MachineInfo>
  /** Measured corrections of the planner's estimates, kept across runs. */
  private readonly calibration: Calibration

  constructor(private readonly options: AdmissionOptions) {
    const { config } = options
    this.calibration = Calibration.load(join(config.home, 'calibration.json'))
    this.pool = new EnginePool<Engine>({
      // Engines load where the plan put them (a GPU request on a machine without one becomes cpu).
      load: async (id) => {
        const [engine, { plan }] = await Promise.all([this.engine(id), this.schedulerFor(id)])
        const before = process.memoryUsage().rss
        await engine.load(placementFromPlan(plan))
        await this.calibrate(plan, process.memoryUsage().rss - before)
        return engine
      },
      unload: (engine) => engine.unload(),
      keepAliveMs: config.keepAliveSeconds * 1000,
    })
  }

  /**
   * Plan, then measure (STYLE habit 9): when loading grew RSS by more than the plan's CPU
   * weights, the stages' weight factors rise (shared out by predicted size) and persist in
   * <home>/calibration.json, so the next plan is conservative enough. Factors never fall.
   * Per-request activations are corrected by the scheduler from recordPeak().
   */
  private async calibrate(plan: Plan, grownBytes: number): Promise<void> {
    const cpuStages = plan.stages.filter((s) => s.enabled && s.device === 'cpu' && s.weightsBytes > 0)
    const predicted = cpuStages.reduce((sum, s) => sum + s.weightsBytes, 0)
    if (predicted === 0 || grownBytes <= predicted) return
    let rose = false
    for (const stage of cpuStages)
      rose =
        this.calibration.record(
          stage.name,
          'weights',
          stage.weightsBytes,
          (stage.weightsBytes * grownBytes) / predicted,
        ) || rose
    if (rose) await this.calibration.save().catch(() => undefined)
  }

  /** The engine object (created once, not loaded): for describe(). A failed creation is retried next time. */
  engine(id: string): Promise<Engine> {
    let e = this.created.get(id)
    if (!e) {
      e = this.options.create(id)
      this.created.set(id, e)
      e.catch(() => this.created.delete(id))
    }
    return e
  }

  private probe(): Promise<MachineInfo> {
    if (!this.machine) {
      this.machine = (this.options.probe ?? (() => probeMachine()))()
    }
    return this.machine
  }

  /** The plan and scheduler for an engine, made once from its describe() and the machine. */
  private schedulerFor(id: string): Promise<{ plan: Plan; scheduler: Scheduler }> {
    let s = this.planned.get(id)
    if (!s) {
      s = (async () => {
        const [engine, machine] = await Promise.all([this.engine(id), this.probe()])
        const info: EngineInfo = engine.describe()
        const plan = planEngine({
          engine: id,
          stages: info.stages,
          machine,
          options: {
            device: this.options.config.device,
            allowFp16: this.options.config.fp16,
            corrections: this.calibration.corrections(),
          },
        })
        return {
          plan,
          scheduler: new Scheduler(schedulerOptionsFromPlan(plan, this.options.config, machine.cpu.cores)),
        }
      })()
      this.planned.set(id, s)
      s.catch(() => this.planned.delete(id))
    }
    return s
  }

  /**
   * Wait for memory (bounded queue; E_BUSY when full), then lease the loaded engine.
   * The reservation's signal aborts on the caller's cancel or the request timeout.
   */
  async admit(id: string, signal: AbortSignal, onQueued?: (position: number) => void): Promise<Admitted> {
    const { plan, scheduler } = await this.schedulerFor(id)
    const reservation = await scheduler.acquire(requestCostFromPlan(plan), { signal, onQueued })
    let lease: Awaited<ReturnType<EnginePool<Engine>['acquire']>>
    try {
      lease = await this.pool.acquire(id, reservation.signal)
    } catch (error) {
      reservation.release()
      throw error
    }
    let finished = false
    return {
      engine: lease.engine,
      reservation,
      done() {
        if (finished) return
        finished = true
        lease.release()
        reservation.release()
      },
    }
  }

  isLoaded(id: string): boolean {
    return this.pool.loaded().some((e) => e.key === id)
  }

  /** Scheduler figures and the plan's predictions for /api/system (undefined before the first request). */
  async status(id: string): Promise<{ stats: SchedulerStats; plan: Plan } | undefined> {
    const s = this.planned.get(id)
    if (!s) return undefined
    const { plan, scheduler } = await s
    return { stats: scheduler.stats(), plan }
  }

  async close(): Promise<void> {
    for (const s of this.planned.values()) {
      try {
        ;(await s).scheduler.close()
      } catch {
        // A plan that failed has no scheduler to close.
      }
    }
    this.planned.clear()
    await this.pool.close()
    this.created.clear()
  }
}
