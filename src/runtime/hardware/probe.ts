/**
 * The hardware probe: RAM and swap, CPU, CUDA GPUs, WebGPU, free disk where the model
 * store lives. Every source is a seam (STYLE habit 10, after ollama's getGpuFn) so tests
 * describe fake machines; every probe step is allowed to fail and leaves a note instead.
 */
import { execFile } from 'node:child_process'
import { readFile, statfs } from 'node:fs/promises'
import os from 'node:os'
import { dirname, resolve } from 'node:path'
import { parseCpuinfo, parseMeminfo, parseNvidiaSmi } from './parse.js'
import type { DiskInfo, GpuInfo, MachineInfo, WebGpuInfo } from './types.js'
import { probeWebGpu } from './webgpu.js'

export interface StatfsResult {
  bavail: number | bigint
  blocks: number | bigint
  bsize: number | bigint
}

export interface ProbeSeams {
  platform?: NodeJS.Platform
  readTextFile?: (path: string) => Promise<string>
  totalmem?: () => number
  freemem?: () => number
  cpuCount?: () => number
  cpuModel?: () => string
  /** Run a command; resolves with stdout, rejects on a non-zero exit, a missing binary or the timeout. */
  runCommand?: (command: string, args: readonly string[], timeoutMs: number) => Promise<string>
  statfs?: (path: string) => Promise<StatfsResult>
  probeWebGpu?: (timeoutMs: number) => Promise<WebGpuInfo>
}

export interface ProbeOptions {
  /** Where the model store lives; free disk is measured there (or at its nearest existing parent). */
  storePath?: string
  /** Start a WebGPU adapter in a child process (seconds; default false → "not probed"). */
  webgpu?: boolean
  /** Limit for each external command (default 5 s). */
  timeoutMs?: number
}

export const NVIDIA_SMI_ARGS = [
  '--query-gpu=name,memory.total,memory.free,driver_version',
  '--format=csv,noheader,nounits',
] as const

function defaultRunCommand(command: string, args: readonly string[], timeoutMs: number): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile(command, [...args], { timeout: timeoutMs, maxBuffer: 1024 * 1024 }, (error, stdout) => {
      if (error) reject(error)
      else resolvePromise(stdout)
    })
  })
}

const defaults: Required<ProbeSeams> = {
  platform: process.platform,
  readTextFile: (path) => readFile(path, 'utf8'),
  totalmem: () => os.totalmem(),
  freemem: () => os.freemem(),
  cpuCount: () =>
    typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length,
  cpuModel: () => os.cpus()[0]?.model ?? 'unknown CPU',
  runCommand: defaultRunCommand,
  statfs: (path) => statfs(path),
  probeWebGpu,
}

async function probeMemory(s: Required<ProbeSeams>, notes: string[]) {
  if (s.platform === 'linux') {
    try {
      const info = parseMeminfo(await s.readTextFile('/proc/meminfo'))
      if (info) return info
      notes.push('/proc/meminfo had no MemTotal; using os.totalmem/freemem')
    } catch (error) {
      notes.push(`/proc/meminfo unreadable (${(error as Error).message}); using os.totalmem/freemem`)
    }
  } else {
    notes.push('swap size is not probed on this platform')
  }
  const total = s.totalmem()
  return {
    totalBytes: total,
    availableBytes: Math.min(total, s.freemem()),
    swapTotalBytes: 0,
    swapFreeBytes: 0,
  }
}

async function probeCpu(s: Required<ProbeSeams>, notes: string[]) {
  const cores = s.cpuCount()
  if (s.platform === 'linux') {
    try {
      const info = parseCpuinfo(await s.readTextFile('/proc/cpuinfo'))
      return {
        cores,
        model: info.model === 'unknown CPU' ? s.cpuModel() : info.model,
        features: info.features,
      }
    } catch (error) {
      notes.push(`/proc/cpuinfo unreadable (${(error as Error).message})`)
    }
  }
  return { cores, model: s.cpuModel(), features: [] as string[] }
}

async function probeGpus(s: Required<ProbeSeams>, timeoutMs: number, notes: string[]): Promise<GpuInfo[]> {
  let stdout: string
  try {
    stdout = await s.runCommand('nvidia-smi', NVIDIA_SMI_ARGS, timeoutMs)
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { killed?: boolean }
    if (e.code === 'ENOENT') return [] // no NVIDIA driver: the common, quiet case
    notes.push(
      e.killed
        ? `nvidia-smi gave no answer within ${timeoutMs / 1000} s`
        : `nvidia-smi failed: ${e.message.split('\n')[0]}`,
    )
    return []
  }
  const { gpus, skipped } = parseNvidiaSmi(stdout)
  for (const line of skipped) notes.push(`nvidia-smi line not understood: ${line}`)
  return gpus
}

/** statfs of `path`, or of its nearest existing parent (the store may not exist yet). */
async function probeDisk(
  s: Required<ProbeSeams>,
  path: string,
  notes: string[],
): Promise<DiskInfo | undefined> {
  let dir = resolve(path)
  for (;;) {
    try {
      const st = await s.statfs(dir)
      return {
        path: dir,
        freeBytes: Number(st.bavail) * Number(st.bsize),
        totalBytes: Number(st.blocks) * Number(st.bsize),
      }
    } catch (error) {
      const parent = dirname(dir)
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || parent === dir) {
        notes.push(`free disk at ${path} unknown: ${(error as Error).message}`)
        return undefined
      }
      dir = parent
    }
  }
}

export async function probeMachine(options: ProbeOptions = {}, seams: ProbeSeams = {}): Promise<MachineInfo> {
  const s = { ...defaults, ...seams }
  const timeoutMs = options.timeoutMs ?? 5000
  const notes: string[] = []
  const [memory, cpu, gpus, webgpu, disk] = await Promise.all([
    probeMemory(s, notes),
    probeCpu(s, notes),
    probeGpus(s, timeoutMs, notes),
    options.webgpu
      ? s.probeWebGpu(Math.max(timeoutMs, 20_000))
      : Promise.resolve<WebGpuInfo>({ available: false, detail: 'not probed' }),
    options.storePath ? probeDisk(s, options.storePath, notes) : Promise.resolve(undefined),
  ])
  return {
    source: 'probe',
    ramTotalBytes: memory.totalBytes,
    ramAvailableBytes: memory.availableBytes,
    swapTotalBytes: memory.swapTotalBytes,
    swapFreeBytes: memory.swapFreeBytes,
    cpu,
    gpus,
    webgpu,
    ...(disk ? { disk } : {}),
    notes,
  }
}

/** One line a person can read: "no GPU" when there is none. */
export function describeGpus(machine: MachineInfo): string {
  if (machine.gpus.length === 0) return 'no GPU'
  return machine.gpus.map((g) => `${g.name} (${Math.round(g.totalBytes / 1024 ** 2)} MiB)`).join(', ')
}
