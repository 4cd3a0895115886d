/** Pure parsers for what the probe reads: /proc/meminfo, /proc/cpuinfo, nvidia-smi CSV. */
import type { GpuInfo } from './types.js'

export interface MemInfo {
  totalBytes: number
  availableBytes: number
  swapTotalBytes: number
  swapFreeBytes: number
}

/**
 * /proc/meminfo lines look like `MemAvailable:   22961136 kB` (kB = KiB, proc(5)).
 * MemAvailable exists since Linux 3.14; older kernels get MemFree + Buffers + Cached.
 */
export function parseMeminfo(text: string): MemInfo | undefined {
  const kib = new Map<string, number>()
  for (const line of text.split('\n')) {
    const m = /^(\w+(?:\(\w+\))?):\s+(\d+)(?:\s+kB)?/.exec(line)
    if (m) kib.set(m[1]!, Number(m[2]) * 1024)
  }
  const total = kib.get('MemTotal')
  if (total === undefined) return undefined
  const available =
    kib.get('MemAvailable') ??
    (kib.get('MemFree') ?? 0) + (kib.get('Buffers') ?? 0) + (kib.get('Cached') ?? 0)
  return {
    totalBytes: total,
    availableBytes: Math.min(total, available),
    swapTotalBytes: kib.get('SwapTotal') ?? 0,
    swapFreeBytes: kib.get('SwapFree') ?? 0,
  }
}

/** CPU flags that matter for ONNX Runtime's kernels (MLAS picks code paths by them). */
export const INTERESTING_CPU_FLAGS = [
  'avx',
  'avx2',
  'fma',
  'f16c',
  'avx512f',
  'avx512bw',
  'avx512_vnni',
  'avx512_bf16',
  'avx_vnni',
  'amx_tile',
  'sse4_2',
] as const

export interface CpuInfo {
  model: string
  features: string[]
}

/** x86 /proc/cpuinfo: "model name" and "flags"; ARM: "Features" (neon is "asimd") and maybe "Model". */
export function parseCpuinfo(text: string): CpuInfo {
  const field = (name: string) => {
    const m = new RegExp(`^${name}\\s*:\\s*(.*)$`, 'm').exec(text)
    return m ? m[1]!.trim() : undefined
  }
  const model =
    field('model name') ?? field('Model') ?? field('Hardware') ?? field('cpu model') ?? 'unknown CPU'
  const flags = new Set((field('flags') ?? field('Features') ?? '').split(/\s+/).filter(Boolean))
  const features: string[] = INTERESTING_CPU_FLAGS.filter((f) => flags.has(f))
  if (flags.has('asimd') || flags.has('neon')) features.push('neon')
  if (flags.has('asimdhp') || flags.has('fphp')) features.push('fp16')
  return { model, features }
}

/**
 * Output of `nvidia-smi --query-gpu=name,memory.total,memory.free,driver_version
 * --format=csv,noheader,nounits`: one line per GPU, memory in MiB, e.g.
 * `NVIDIA GeForce RTX 3060, 12288, 11874, 550.54.14`. Lines that do not parse are skipped
 * (the caller notes it); "[N/A]" memory (some vGPU/MIG setups) drops that GPU.
 */
export function parseNvidiaSmi(csv: string): { gpus: GpuInfo[]; skipped: string[] } {
  const gpus: GpuInfo[] = []
  const skipped: string[] = []
  for (const raw of csv.split('\n')) {
    const line = raw.trim()
    if (!line) continue
    const cells = line.split(',').map((c) => c.trim())
    const total = Number(cells[1])
    const free = Number(cells[2])
    if (cells.length < 3 || !cells[0] || !Number.isFinite(total) || !Number.isFinite(free) || total <= 0) {
      skipped.push(line)
      continue
    }
    gpus.push({
      name: cells[0],
      totalBytes: total * 1024 * 1024,
      freeBytes: Math.min(total, Math.max(0, free)) * 1024 * 1024,
      ...(cells[3] ? { driver: cells[3] } : {}),
      source: 'nvidia-smi',
    })
  }
  return { gpus, skipped }
}
