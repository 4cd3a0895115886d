/**
 * What `mynah doctor` reports, as data: the machine (probed or what-if), the plan for a
 * model or engine, swap, free disk for the model store against the model's size, and a
 * running server's measured memory next to the predicted peaks.
 */
import { join } from 'node:path'
import { toMynahError } from '../../core/errors.js'
import type { Device } from '../../core/types.js'
import { engineEntry, type StageInfo } from '../../engines/engine.js'
import type { SystemStatus } from '../api.js'
import { type ProbeOptions, type ProbeSeams, probeMachine } from '../hardware/probe.js'
import { simulateMachine, type WhatIf } from '../hardware/simulate.js'
import type { MachineInfo } from '../hardware/types.js'
import { approxModelBytes, MODEL_CATALOGUE, type ModelSpec } from '../store/catalogue.js'
import { readLocalManifest } from '../store/local-manifest.js'
import { diskHeadroom } from '../store/store.js'
import { planEngine } from './index.js'
import type { Plan } from './types.js'

export interface DiagnoseOptions {
  /** mynah's data dir; the model store is <home>/models. */
  home: string
  /** A model from the store's catalogue (e.g. indextts2) or an engine id; default: `engine`. */
  model?: string
  /** The configured engine (config.engine), planned when no model is named. */
  engine: string
  whatIf?: WhatIf
  device?: Device
  allowFp16?: boolean
  concurrency?: number
  /** Start a WebGPU adapter to see whether it works (slow; default: only when device is webgpu). */
  probeWebGpu?: boolean
  /** A running server to ask for measured memory (GET <url>/api/system); none = skip. */
  serverUrl?: string
  catalogue?: readonly ModelSpec[]
}

export interface DiagnoseSeams {
  probe?: ProbeSeams
  fetch?: typeof fetch
}

export interface DiskCheck {
  path: string
  freeBytes: number
  /** Bytes the model's files take when complete (catalogue estimate). */
  modelBytes: number
  /** Bytes already in the store for it. */
  installedBytes: number
  /** Still to download plus headroom. */
  neededBytes: number
  ok: boolean
}

export interface ServerCheck {
  url: string
  reachable: boolean
  error?: string
  rssBytes?: number
  peakRssBytes?: number
  predictedPeakRamBytes?: number
  predictedPeakVramBytes?: number
  peakVramBytes?: number
  engine?: string
}

export interface Diagnosis {
  /** What was planned: a store model or an engine. */
  target: { name: string; kind: 'model' | 'engine'; ready: boolean; detail?: string }
  /** The machine planned for (what-if values applied). */
  machine: MachineInfo
  /** The machine as probed. */
  probed: MachineInfo
  /** Absent when the engine could not describe itself. */
  plan?: Plan
  disk?: DiskCheck
  swap: { totalBytes: number; freeBytes: number; warning?: string }
  server?: ServerCheck
}

async function stagesFor(
  name: string,
  catalogue: readonly ModelSpec[],
): Promise<{ kind: 'model' | 'engine'; stages?: readonly StageInfo[]; model?: ModelSpec; detail?: string }> {
  const model = catalogue.find((m) => m.name === name)
  if (model) return { kind: 'model', stages: model.stages, model }
  const entry = engineEntry(name) // E_ENGINE_UNKNOWN for names that are neither
  try {
    const engine = await entry.create()
    return { kind: 'engine', stages: engine.describe().stages }
  } catch (error) {
    return { kind: 'engine', detail: toMynahError(error).message }
  }
}

async function checkServer(url: string, fetchFn: typeof fetch): Promise<ServerCheck> {
  const base = url.replace(/\/+$/, '')
  try {
    const response = await fetchFn(`${base}/api/system`, { signal: AbortSignal.timeout(1500) })
    if (!response.ok) return { url: base, reachable: true, error: `HTTP ${response.status}` }
    const status = (await response.json()) as Partial<SystemStatus>
    const memory = status.memory
    return {
      url: base,
      reachable: true,
      ...(memory?.rssBytes !== undefined ? { rssBytes: memory.rssBytes } : {}),
      ...(memory?.peakRssBytes !== undefined ? { peakRssBytes: memory.peakRssBytes } : {}),
      ...(memory?.predictedPeakRamBytes !== undefined
        ? { predictedPeakRamBytes: memory.predictedPeakRamBytes }
        : {}),
      ...(memory?.predictedPeakVramBytes !== undefined
        ? { predictedPeakVramBytes: memory.predictedPeakVramBytes }
        : {}),
      ...(memory?.peakVramBytes !== undefined ? { peakVramBytes: memory.peakVramBytes } : {}),
      ...(status.engine?.id ? { engine: status.engine.id } : {}),
    }
  } catch (error) {
    return { url: base, reachable: false, error: (error as Error).message }
  }
}

export async function diagnose(o: DiagnoseOptions, seams: DiagnoseSeams = {}): Promise<Diagnosis> {
  const catalogue = o.catalogue ?? MODEL_CATALOGUE
  const name = o.model ?? o.engine
  const device = o.device ?? (o.whatIf?.vramBytes ? 'cuda' : 'cpu')
  const storePath = join(o.home, 'models')
  const probeOptions: ProbeOptions = { storePath, webgpu: o.probeWebGpu ?? device === 'webgpu' }
  const [resolved, probed, server] = await Promise.all([
    stagesFor(name, catalogue),
    probeMachine(probeOptions, seams.probe),
    o.serverUrl ? checkServer(o.serverUrl, seams.fetch ?? fetch) : Promise.resolve(undefined),
  ])
  const whatIf = o.whatIf ?? {}
  const simulated =
    whatIf.ramBytes !== undefined || whatIf.vramBytes !== undefined || whatIf.swapBytes !== undefined
  const machine = simulated ? simulateMachine(whatIf, probed) : probed
  const plan = resolved.stages
    ? planEngine({
        engine: name,
        stages: resolved.stages,
        machine,
        options: {
          device,
          ...(o.allowFp16 !== undefined ? { allowFp16: o.allowFp16 } : {}),
          ...(o.concurrency ? { concurrency: o.concurrency } : {}),
        },
      })
    : undefined
  let disk: DiskCheck | undefined
  if (resolved.model && machine.disk) {
    const manifest = await readLocalManifest(join(storePath, resolved.model.name))
    const modelBytes = approxModelBytes(resolved.model)
    const installedBytes = (manifest?.files ?? []).reduce((sum, f) => sum + f.size, 0)
    const missing = manifest?.complete ? 0 : Math.max(0, modelBytes - installedBytes)
    const neededBytes = missing > 0 ? missing + diskHeadroom(missing) : 0
    disk = {
      path: machine.disk.path,
      freeBytes: machine.disk.freeBytes,
      modelBytes,
      installedBytes,
      neededBytes,
      ok: neededBytes <= machine.disk.freeBytes,
    }
  }
  // The planner already judged paging (plan.warnings); the swap block repeats that one line.
  const swapWarning = plan?.warnings.find((w) => w.includes('swap'))
  return {
    target: {
      name,
      kind: resolved.kind,
      ready: resolved.stages !== undefined,
      ...(resolved.detail ? { detail: resolved.detail } : {}),
    },
    machine,
    probed,
    ...(plan ? { plan } : {}),
    ...(disk ? { disk } : {}),
    swap: {
      totalBytes: machine.swapTotalBytes,
      freeBytes: machine.swapFreeBytes,
      ...(swapWarning ? { warning: swapWarning } : {}),
    },
    ...(server ? { server } : {}),
  }
}
