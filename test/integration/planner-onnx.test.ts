/**
 * The planner's load prediction against reality: synthetic ONNX models of known weight
 * size are loaded by onnxruntime-node in a fresh child process (through mynah's session
 * factory), and the growth of its resident memory after load + one warm-up run must be
 * within 15 % of what the planner predicts for a stage of that size.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { simulateMachine } from '../../src/runtime/hardware/simulate.js'
import { formatBytes } from '../../src/runtime/hardware/units.js'
import { planEngine } from '../../src/runtime/planner/index.js'
import { REPO_ROOT } from '../helpers/env.js'
import { type ChainOptions, writeChain } from '../helpers/onnx-builder.js'

const dir = mkdtempSync(join(tmpdir(), 'mynah-onnx-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface Measured {
  loadRss: number
  growth: number
  device: string
}

/** Load `model` in a child Node process and report RSS growth after load and one run. */
function measureInChild(model: string, prepack: boolean): Promise<Measured> {
  const session = pathToFileURL(resolve(REPO_ROOT, 'src/onnx/session.ts')).href
  const writer = pathToFileURL(resolve(REPO_ROOT, 'src/onnx/model-writer.ts')).href
  const script = `
const { createOnnxSession, loadOrt } = await import(${JSON.stringify(session)})
const { identityModel } = await import(${JSON.stringify(writer)})
const ort = await loadOrt()
// Load the library and its thread pools first: their cost is the process base, not the model's.
const warm = await createOnnxSession(identityModel())
await warm.run({ input: new ort.Tensor('float32', new Float32Array(4), [4]) })
await warm.release()
globalThis.gc?.()
const before = process.memoryUsage.rss()
const s = await createOnnxSession(${JSON.stringify(model)}, { prepack: ${prepack} })
await s.run({ input: new ort.Tensor('float32', new Float32Array(1024).fill(0.5), [1, 1024]) })
globalThis.gc?.()
const after = process.memoryUsage.rss()
console.log(JSON.stringify({ loadRss: s.loadRssBytes, growth: after - before, device: s.device }))
await s.release()
`
  return new Promise((resolvePromise, reject) => {
    execFile(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: REPO_ROOT, timeout: 120_000, maxBuffer: 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${error.message}\n${stderr}`))
        else resolvePromise(JSON.parse(stdout.trim().split('\n').pop()!) as Measured)
      },
    )
  })
}

/** What the planner predicts one CPU stage of these weights adds to RSS once loaded. */
function predicted(weightBytes: number): number {
  const plan = planEngine({
    engine: 'synthetic',
    stages: [
      {
        name: 'model',
        weightBytes: { fp32: weightBytes },
        activationBytesPerAudioSecond: 0,
        activationBytesPerToken: 0,
        devices: ['cpu'],
        canLoadOnDemand: false,
      },
    ],
    machine: simulateMachine({ ramBytes: 16 * 1024 ** 3, vramBytes: 0 }),
  })
  return plan.stages[0]!.weightsBytes
}

const MiB = 1024 ** 2
const CASES: { name: string; options: ChainOptions; prepack: boolean }[] = [
  {
    name: 'MatMul, external data (pre-packed)',
    options: { weightBytes: 192 * MiB, op: 'MatMul', externalData: 'mx.data' },
    prepack: true,
  },
  {
    name: 'Add, external data (memory-mapped)',
    options: { weightBytes: 192 * MiB, op: 'Add', externalData: 'ax.data' },
    prepack: true,
  },
  { name: 'Add, embedded weights', options: { weightBytes: 192 * MiB, op: 'Add' }, prepack: true },
  {
    name: 'MatMul, embedded, pre-packing off',
    options: { weightBytes: 192 * MiB, op: 'MatMul' },
    prepack: false,
  },
  {
    name: 'MatMul, external data, 128 MiB',
    options: { weightBytes: 128 * MiB, op: 'MatMul', externalData: 'small.data' },
    prepack: true,
  },
]

describe('planner predictions vs onnxruntime-node (child process RSS)', () => {
  const rows: string[] = []
  afterAll(() => {
    console.log(
      `\n| model | weights | predicted | measured | error |\n|---|---|---|---|---|\n${rows.join('\n')}\n`,
    )
  })

  for (const c of CASES) {
    it(`${c.name}: measured RSS growth within 15 % of the prediction`, async () => {
      const path = join(dir, `${c.name.replace(/\W+/g, '-')}.onnx`)
      const built = writeChain(path, c.options)
      const measured = await measureInChild(path, c.prepack)
      const prediction = predicted(built.weightBytes)
      const error = (prediction - measured.growth) / measured.growth
      rows.push(
        `| ${c.name} | ${formatBytes(built.weightBytes)} | ${formatBytes(prediction)} | ${formatBytes(measured.growth)} | ${(error * 100).toFixed(1)} % |`,
      )
      expect(measured.device).toBe('cpu')
      expect(Math.abs(error)).toBeLessThanOrEqual(0.15)
    })
  }

  it('embedded weights with pre-packing stay under two copies (the hazard the calibration corrects)', async () => {
    const path = join(dir, 'embedded-prepacked.onnx')
    const built = writeChain(path, { weightBytes: 128 * MiB, op: 'MatMul' })
    const measured = await measureInChild(path, true)
    const prediction = predicted(built.weightBytes)
    rows.push(
      `| MatMul, embedded, pre-packed (not asserted: 1–2 copies) | ${formatBytes(built.weightBytes)} | ${formatBytes(prediction)} | ${formatBytes(measured.growth)} | ${(((prediction - measured.growth) / measured.growth) * 100).toFixed(1)} % |`,
    )
    expect(measured.growth).toBeGreaterThan(built.weightBytes * 0.95)
    expect(measured.growth).toBeLessThan(built.weightBytes * 2.1)
  })
})
