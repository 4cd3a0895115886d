/** The machine a benchmark ran on, printed above every table so figures can be compared. */
import { cpus, totalmem } from 'node:os'

export interface MachineInfo {
  readonly cpu: string
  readonly cores: number
  readonly ramGiB: number
  readonly node: string
  readonly platform: string
}

export function machineInfo(): MachineInfo {
  const list = cpus()
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    ramGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  }
}

export function describeMachine(m: MachineInfo = machineInfo()): string {
  return `${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, Node ${m.node}, ${m.platform}`
}
