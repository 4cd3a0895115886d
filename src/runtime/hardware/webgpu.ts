/**
 * Whether a WebGPU adapter starts under onnxruntime-node. The only reliable test is to
 * open a one-node session with the webgpu provider; it runs in a child process because
 * Dawn (ONNX Runtime's WebGPU implementation) prints adapter errors straight to the
 * process's stderr and may take seconds to give up. onnxruntime-node does not expose the
 * adapter's name or memory, so this reports availability only.
 */
import { execFile } from 'node:child_process'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { identityModel } from '../../onnx/model-writer.js'
import type { WebGpuInfo } from './types.js'

function childScript(ortEntry: string, modelBase64: string): string {
  return `
const ort = await import(${JSON.stringify(pathToFileURL(ortEntry).href)})
ort.env.logLevel = 'fatal'
const model = Buffer.from(${JSON.stringify(modelBase64)}, 'base64')
try {
  const s = await ort.InferenceSession.create(model, { executionProviders: ['webgpu'], logSeverityLevel: 4 })
  await s.release()
  console.log(JSON.stringify({ ok: true }))
} catch (e) {
  console.log(JSON.stringify({ ok: false, error: String(e && e.message || e) }))
}
process.exit(0)
`
}

/** The last sentence that mentions the adapter ("Failed to get a WebGPU adapter: No supported adapters"). */
export function summarizeWebGpuError(error: string): string {
  const sentences = error
    .split(/\n|\.\s+/)
    .map((s) => s.trim())
    .filter(Boolean)
  const about = sentences.filter((s) => /adapter|webgpu|dawn|vulkan/i.test(s) && !/^\/|::/.test(s))
  return (about.at(-1) ?? sentences.at(-1) ?? error).slice(0, 200)
}

export async function probeWebGpu(timeoutMs = 20_000): Promise<WebGpuInfo> {
  let entry: string
  try {
    entry = createRequire(import.meta.url).resolve('onnxruntime-node')
  } catch {
    return { available: false, detail: 'onnxruntime-node is not installed' }
  }
  const script = childScript(entry, Buffer.from(identityModel()).toString('base64'))
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', script],
      { timeout: timeoutMs, maxBuffer: 1024 * 1024 },
      (error, stdout) => {
        const last = stdout.trim().split('\n').pop() ?? ''
        try {
          const result = JSON.parse(last) as { ok: boolean; error?: string }
          resolve(
            result.ok
              ? { available: true, detail: 'a WebGPU adapter started' }
              : { available: false, detail: summarizeWebGpuError(result.error ?? 'unknown error') },
          )
        } catch {
          const why = error?.killed
            ? `no answer within ${timeoutMs / 1000} s`
            : (error?.message ?? 'no output')
          resolve({ available: false, detail: `probe failed: ${why.split('\n')[0]}` })
        }
      },
    )
  })
}
