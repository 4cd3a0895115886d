/**
 * `mynah doctor [--model NAME] [--ram 8G] [--vram 4G] [--device cpu|webgpu|cuda] [--json]`:
 * will it run here (or on the machine the flags describe), and how? Prints the machine,
 * the plan as a table and a one-line verdict; --json prints the same as data. Exit status
 * 0 when it fits (with or without compromises), 3 when it does not, 1 on errors.
 */
import type { Command } from 'commander'
import { ENV_VARS, loadConfig } from '../../core/config.js'
import { MynahError } from '../../core/errors.js'
import { DEVICES } from '../../core/types.js'
import { describeGpus } from '../../runtime/hardware/probe.js'
import type { MachineInfo } from '../../runtime/hardware/types.js'
import { formatBytes, parseSize } from '../../runtime/hardware/units.js'
import { type Diagnosis, diagnose } from '../../runtime/planner/diagnose.js'
import { formatPlanTable, planToJson } from '../../runtime/planner/format.js'
import { HF_ENV_VARS } from '../../runtime/store/hf.js'
import { parseChoice, printJson, printLine } from '../output.js'

interface DoctorFlags {
  model?: string
  ram?: string
  vram?: string
  swap?: string
  device?: string
  concurrency?: string
  fp16?: boolean
  webgpu?: boolean
  server?: string
  json?: boolean
}

export const EXIT_DOES_NOT_FIT = 3

function parseCount(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1)
    throw new MynahError('E_INVALID_ARGUMENT', {
      detail: `--concurrency must be a whole number ≥ 1, got ${value}`,
    })
  return n
}

function machineLines(m: MachineInfo, probed: MachineInfo): string[] {
  const what = m.source === 'simulated' ? 'simulated machine' : 'this machine'
  const features = probed.cpu.features.length > 0 ? ` (${probed.cpu.features.join(' ')})` : ''
  return [
    `machine  ${what}: RAM ${formatBytes(m.ramTotalBytes)} (${formatBytes(m.ramAvailableBytes)} available), swap ${formatBytes(m.swapTotalBytes)} (${formatBytes(m.swapFreeBytes)} free)`,
    `cpu      ${m.cpu.cores} cores, ${m.cpu.model}${features}`,
    `gpu      ${describeGpus(m)}${m.source === 'simulated' && probed.gpus.length > 0 ? ` (this machine: ${describeGpus(probed)})` : ''}`,
    `webgpu   ${probed.webgpu.available ? 'available' : 'unavailable'}: ${probed.webgpu.detail}`,
  ]
}

function render(d: Diagnosis): string[] {
  const lines = machineLines(d.machine, d.probed)
  if (d.disk) {
    const verdict = d.disk.neededBytes === 0 ? 'installed' : d.disk.ok ? 'enough' : 'NOT ENOUGH'
    lines.push(
      `disk     ${formatBytes(d.disk.freeBytes)} free at ${d.disk.path}; ${d.target.name} needs ≈ ${formatBytes(d.disk.modelBytes)}` +
        `${d.disk.installedBytes > 0 ? ` (${formatBytes(d.disk.installedBytes)} already here)` : ''}: ${verdict}`,
    )
  }
  for (const note of d.probed.notes) lines.push(`note     ${note}`)
  lines.push('')
  if (!d.plan) {
    lines.push(
      `engine ${d.target.name} is not ready: ${d.target.detail ?? 'it could not describe its stages'}`,
    )
    return lines
  }
  if (d.plan.stages.length === 0) lines.push(`${d.target.name} has no stages that hold model weights.`)
  else lines.push(formatPlanTable(d.plan))
  lines.push('')
  for (const w of d.plan.warnings) lines.push(`warning: ${w}`)
  if (d.server) {
    if (!d.server.reachable) lines.push(`server   not running at ${d.server.url}`)
    else if (d.server.error) lines.push(`server   ${d.server.url} answered ${d.server.error}`)
    else {
      const predicted = d.server.predictedPeakRamBytes
      lines.push(
        `server   ${d.server.url} (${d.server.engine ?? 'engine ?'}): RSS ${formatBytes(d.server.rssBytes ?? 0)} now, ` +
          `peak ${formatBytes(d.server.peakRssBytes ?? 0)} measured` +
          `${predicted !== undefined ? ` vs ${formatBytes(predicted)} predicted` : ''}`,
      )
    }
  }
  lines.push(`verdict: ${d.plan.summary}`)
  return lines
}

function toJson(d: Diagnosis): Record<string, unknown> {
  const base = d.plan
    ? planToJson(d.plan)
    : { verdict: 'engine-not-ready', summary: d.target.detail ?? '', machine: d.machine, stages: [] }
  return {
    ...base,
    target: d.target,
    probed_machine: d.probed,
    swap: { total_bytes: d.swap.totalBytes, free_bytes: d.swap.freeBytes, warning: d.swap.warning ?? null },
    disk: d.disk
      ? {
          path: d.disk.path,
          free_bytes: d.disk.freeBytes,
          model_bytes: d.disk.modelBytes,
          installed_bytes: d.disk.installedBytes,
          needed_bytes: d.disk.neededBytes,
          ok: d.disk.ok,
        }
      : null,
    server: d.server ?? null,
  }
}

export function register(program: Command): void {
  program
    .command('doctor')
    .description('check whether a model fits this machine (or a what-if one) and how it would run')
    .option(
      '--model <name>',
      'model from the store catalogue (e.g. indextts2) or engine id; default: the configured engine',
    )
    .option('--ram <size>', 'plan for a machine with this much RAM (e.g. 8G)')
    .option('--vram <size>', 'plan for a GPU with this much memory (e.g. 4G; 0 = no GPU)')
    .option('--swap <size>', 'plan for this much swap')
    .option(
      '--device <device>',
      'cpu, webgpu or cuda (default: cuda with --vram, else the configured device)',
    )
    .option('--concurrency <n>', 'requests the plan must carry at once (default 1)')
    .option('--no-fp16', 'do not run GPU stages in fp16')
    .option('--webgpu', 'probe a WebGPU adapter (starts one in a child process)')
    .option(
      '--server <url>',
      'running server to compare measured memory with (default http://127.0.0.1:<port>)',
    )
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      `\nEnvironment:\n${[...ENV_VARS, ...HF_ENV_VARS].map((v) => `  ${v.name.padEnd(28)} ${v.help}`).join('\n')}`,
    )
    .action(async (flags: DoctorFlags, command: Command) => {
      const home = (command.optsWithGlobals() as { home?: string }).home
      const config = loadConfig({ flags: { home } })
      const vram = flags.vram !== undefined ? parseSize(flags.vram, '--vram') : undefined
      const device =
        (flags.device === undefined ? undefined : parseChoice('--device', flags.device, DEVICES)) ??
        (vram ? 'cuda' : vram === 0 ? 'cpu' : config.device)
      const diagnosis = await diagnose({
        home: config.home,
        engine: config.engine,
        ...(flags.model ? { model: flags.model } : {}),
        whatIf: {
          ...(flags.ram !== undefined ? { ramBytes: parseSize(flags.ram, '--ram') } : {}),
          ...(vram !== undefined ? { vramBytes: vram } : {}),
          ...(flags.swap !== undefined ? { swapBytes: parseSize(flags.swap, '--swap') } : {}),
        },
        device,
        allowFp16: flags.fp16 !== false,
        ...(parseCount(flags.concurrency) ? { concurrency: parseCount(flags.concurrency) } : {}),
        ...(flags.webgpu ? { probeWebGpu: true } : {}),
        serverUrl: flags.server ?? `http://127.0.0.1:${config.port}`,
      })
      if (flags.json) printJson(toJson(diagnosis))
      else for (const line of render(diagnosis)) printLine(line)
      if (diagnosis.plan?.verdict === 'does-not-fit') process.exitCode = EXIT_DOES_NOT_FIT
    })
}
