/**
 * What-if machines: `mynah doctor --ram 8G --vram 4G` plans for a machine described by
 * flags. Values not given come from the probed machine when there is one (CPU, disk),
 * otherwise from neutral defaults. A simulated GPU is fully free.
 */
import type { MachineInfo } from './types.js'

export interface WhatIf {
  ramBytes?: number
  /** VRAM of one simulated GPU; 0 = no GPU. */
  vramBytes?: number
  /** Name for the simulated GPU in reports. */
  gpuName?: string
  swapBytes?: number
}

export function simulateMachine(whatIf: WhatIf, base?: MachineInfo): MachineInfo {
  const ram = whatIf.ramBytes ?? base?.ramTotalBytes ?? 8 * 1024 ** 3
  const swap = whatIf.swapBytes ?? (whatIf.ramBytes === undefined ? (base?.swapTotalBytes ?? 0) : 0)
  const gpus =
    whatIf.vramBytes === undefined
      ? (base?.gpus ?? [])
      : whatIf.vramBytes > 0
        ? [
            {
              name: whatIf.gpuName ?? `simulated GPU`,
              totalBytes: whatIf.vramBytes,
              freeBytes: whatIf.vramBytes,
              source: 'simulated' as const,
            },
          ]
        : []
  return {
    source: 'simulated',
    ramTotalBytes: ram,
    // A what-if machine runs nothing else: all of its RAM is available.
    ramAvailableBytes: whatIf.ramBytes === undefined ? (base?.ramAvailableBytes ?? ram) : ram,
    swapTotalBytes: swap,
    swapFreeBytes: swap,
    cpu: base?.cpu ?? { cores: 4, model: 'simulated CPU', features: [] },
    gpus,
    webgpu: whatIf.vramBytes
      ? { available: true, detail: 'simulated' }
      : (base?.webgpu ?? { available: false, detail: 'simulated machine' }),
    ...(base?.disk ? { disk: base.disk } : {}),
    notes: base?.notes ?? [],
  }
}
