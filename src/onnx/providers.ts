/**
 * Which execution providers the installed onnxruntime-node can offer, without starting
 * them. `listSupportedBackends()` reports CUDA as "not bundled": its provider libraries
 * are fetched by onnxruntime-node's install script, which mynah's package.json does not
 * allow to run, so CUDA is usable only when those libraries are present beside the binding.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { Device } from '../core/types.js'
import { loadOrt, type OrtModule } from './session.js'

export interface ProviderStatus {
  readonly device: Device
  /** The provider's code is present in this install (it may still fail to start: no GPU, no driver). */
  readonly installed: boolean
  readonly detail: string
}

/** Directory holding onnxruntime-node's native binding for this platform, when resolvable. */
export function ortBindingDir(): string | undefined {
  try {
    const require = createRequire(import.meta.url)
    const pkg = require.resolve('onnxruntime-node/package.json')
    return join(dirname(pkg), 'bin', 'napi-v6', process.platform, process.arch)
  } catch {
    return undefined
  }
}

const CUDA_LIBRARY: Partial<Record<NodeJS.Platform, string>> = {
  linux: 'libonnxruntime_providers_cuda.so',
  win32: 'onnxruntime_providers_cuda.dll',
}

export async function listProviders(load: () => Promise<OrtModule> = loadOrt): Promise<ProviderStatus[]> {
  let backends: readonly { name: string; bundled: boolean }[] = []
  try {
    backends = (await load()).listSupportedBackends()
  } catch (error) {
    const detail = `onnxruntime-node failed to load: ${(error as Error).message}`
    return (['cpu', 'webgpu', 'cuda'] as const).map((device) => ({ device, installed: false, detail }))
  }
  const has = (name: string) => backends.find((b) => b.name === name)
  const dir = ortBindingDir()
  const cudaLib = CUDA_LIBRARY[process.platform]
  const cudaPresent = Boolean(has('cuda') && dir && cudaLib && existsSync(join(dir, cudaLib)))
  return [
    { device: 'cpu', installed: Boolean(has('cpu')), detail: 'bundled with onnxruntime-node' },
    {
      device: 'webgpu',
      installed: Boolean(has('webgpu')?.bundled),
      detail: has('webgpu')?.bundled
        ? 'bundled (needs a GPU with Vulkan, Metal or D3D12)'
        : 'not in this build',
    },
    {
      device: 'cuda',
      installed: cudaPresent,
      detail: cudaPresent
        ? 'CUDA provider libraries present'
        : "CUDA provider libraries not installed (onnxruntime-node's install script fetches them; it is disabled)",
    },
  ]
}
