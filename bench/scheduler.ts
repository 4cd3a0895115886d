/**
 * Admission control and planning costs: what the scheduler adds to every request, how a
 * burst is split between served and refused, and how long planning takes (including the
 * smallest-machine search, which plans hundreds of what-if machines). Printed, not asserted.
 */
import type { MynahError } from '../src/core/errors.js'
import { INDEXTTS2_STAGES } from '../src/engines/indextts2/manifest.js'
import { simulateMachine } from '../src/runtime/hardware/simulate.js'
import { planEngine } from '../src/runtime/planner/index.js'
import { Scheduler } from '../src/runtime/scheduler/index.js'
import { fixed, markdownTable } from './lib/report.js'

const MB = 1024 * 1024
const GiB = 1024 ** 3

async function overhead(concurrency: number, requests: number): Promise<number> {
  const scheduler = new Scheduler({
    budget: { ramBytes: 1024 * MB },
    maxConcurrency: concurrency,
    queueSize: requests,
    timeoutMs: 60_000,
  })
  const start = performance.now()
  await Promise.all(
    Array.from({ length: requests }, () => scheduler.run({ ramBytes: MB }, undefined, async () => 1)),
  )
  return ((performance.now() - start) * 1000) / requests
}

async function burst(size: number, queue: number, slots: number): Promise<string[]> {
  const scheduler = new Scheduler({
    budget: { ramBytes: slots * 8 * MB },
    maxConcurrency: slots,
    queueSize: queue,
  })
  const results = await Promise.allSettled(
    Array.from({ length: size }, () =>
      scheduler.run({ ramBytes: 8 * MB }, undefined, () => new Promise((r) => setTimeout(r, 20))),
    ),
  )
  const busy = results.filter((r) => r.status === 'rejected' && (r.reason as MynahError).code === 'E_BUSY')
  const retry = busy.map((r) =>
    Number(((r as PromiseRejectedResult).reason as MynahError).details.retryAfter),
  )
  return [
    String(size),
    `${slots} + ${queue}`,
    String(results.length - busy.length),
    String(busy.length),
    retry.length > 0 ? `${Math.min(...retry)}–${Math.max(...retry)}` : '-',
  ]
}

function planTime(ram: number, vram: number, device: 'cpu' | 'cuda'): string[] {
  const machine = simulateMachine({ ramBytes: ram * GiB, vramBytes: vram * GiB })
  const runs = 20
  const start = performance.now()
  let verdict = ''
  for (let i = 0; i < runs; i++)
    verdict = planEngine({
      engine: 'indextts2',
      stages: INDEXTTS2_STAGES,
      machine,
      options: { device },
    }).verdict
  return [`${ram} GB + ${vram} GB (${device})`, verdict, fixed((performance.now() - start) / runs, 2)]
}

export async function run(): Promise<void> {
  const rows: string[][] = []
  for (const c of [1, 4, 16]) rows.push([String(c), fixed(await overhead(c, 20_000), 2)])
  console.log(markdownTable(['max concurrency', 'µs per request (run + release, no-op work)'], rows))
  console.log()
  console.log(
    markdownTable(
      ['burst', 'slots + queue', 'served', 'E_BUSY', 'Retry-After (s)'],
      [await burst(50, 8, 4), await burst(200, 16, 8)],
    ),
  )
  console.log()
  console.log(
    markdownTable(
      ['IndexTTS2 plan', 'verdict', 'ms per plan'],
      [planTime(8, 4, 'cuda'), planTime(16, 12, 'cuda'), planTime(16, 0, 'cpu'), planTime(4, 2, 'cuda')],
    ),
  )
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
