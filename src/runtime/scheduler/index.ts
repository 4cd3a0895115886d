/**
 * Admission control and engine lifetime. How the facade (runtime/admission.ts) uses them:
 *
 *   const plan = planEngine({ engine, stages, machine: await probeMachine(), options })
 *   const scheduler = new Scheduler(schedulerOptionsFromPlan(plan, config, machine.cpu.cores))
 *   const pool = new EnginePool({ load, unload, keepAliveMs: config.keepAliveSeconds * 1000 })
 *   const reservation = await scheduler.acquire(requestCostFromPlan(plan), { signal, onQueued })
 *   const lease = await pool.acquire(engineId, reservation.signal)
 *   try { ...stream with reservation.signal, reservation.recordPeak(...)... }
 *   finally { lease.release(); reservation.release() }
 *
 * (scheduler.run() wraps acquire/release for work that is one promise.)
 */
import type { MynahConfig } from '../../core/config.js'
import type { Plan } from '../planner/types.js'
import type { RequestCost, SchedulerOptions } from './scheduler.js'

export { type Clock, ManualClock, systemClock } from './clock.js'
export { type EngineLease, EnginePool, type EnginePoolOptions, type LoadedEngine } from './engine-pool.js'
export * from './scheduler.js'

/** The reservation one request makes under a plan. */
export function requestCostFromPlan(plan: Plan): RequestCost {
  return { ramBytes: plan.perRequest.ramBytes, vramBytes: plan.perRequest.vramBytes, kind: plan.engine }
}

/**
 * Scheduler settings from a plan and the config: the budget is what the plan allows
 * beyond the memory held at the first request less one request's share (i.e. the
 * resident weights), and concurrency is config.maxConcurrency or, when 0, what memory
 * allows (the plan's) capped at one request per core: CPU time does not multiply with
 * memory, so more requests at once would only add latency to each.
 */
export function schedulerOptionsFromPlan(
  plan: Plan,
  config: Pick<MynahConfig, 'maxConcurrency' | 'queueSize' | 'requestTimeoutSeconds'>,
  cores = Number.POSITIVE_INFINITY,
): SchedulerOptions {
  const fixedRam = plan.atFirstRequest.ramBytes - plan.perRequest.ramBytes
  const fixedVram = plan.atFirstRequest.vramBytes - plan.perRequest.vramBytes
  return {
    budget: {
      ramBytes: Math.max(plan.perRequest.ramBytes, plan.budget.ramBytes - fixedRam),
      vramBytes: Math.max(plan.perRequest.vramBytes, plan.budget.vramBytes - fixedVram),
    },
    maxConcurrency: Math.max(1, config.maxConcurrency || Math.min(plan.maxConcurrency, cores) || 1),
    queueSize: config.queueSize,
    timeoutMs: config.requestTimeoutSeconds * 1000,
  }
}
