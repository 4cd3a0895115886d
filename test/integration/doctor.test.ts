import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'
import { REPO_ROOT } from '../helpers/env.js'

const home = mkdtempSync(join(tmpdir(), 'mynah-doctor-'))
const GiB = 1024 ** 3

afterAll(() => rmSync(home, { recursive: true, force: true }))

async function doctor(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const r = await runCli(['doctor', ...args], {
    home,
    cwd: REPO_ROOT,
    env: { MYNAH_PORT: '9' },
    timeoutMs: 60_000,
  })
  return { code: r.code, stdout: r.stdout.toString(), stderr: r.stderr }
}

describe('mynah doctor (built CLI)', () => {
  it('plans IndexTTS2 for 8 GB RAM + 4 GB VRAM as JSON', async () => {
    const { code, stdout } = await doctor(['--model', 'indextts2', '--ram', '8G', '--vram', '4G', '--json'])
    expect(code).toBe(0)
    const out = JSON.parse(stdout)
    expect(out.verdict).toBe('fits-with-compromises')
    expect(out.machine).toMatchObject({ source: 'simulated', ramTotalBytes: 8 * GiB })
    expect(out.machine.gpus).toEqual([expect.objectContaining({ totalBytes: 4 * GiB })])
    expect(out.stages).toHaveLength(7)
    for (const stage of out.stages) {
      expect(stage).toEqual(
        expect.objectContaining({
          name: expect.any(String),
          device: expect.stringMatching(/^(cpu|cuda)$/),
          precision: expect.stringMatching(/^(fp32|fp16|int8)$/),
          residency: expect.stringMatching(/^(resident|on-demand|offloaded)$/),
          weights_bytes: expect.any(Number),
          peak_bytes: expect.any(Number),
        }),
      )
    }
    expect(out.stages[0]).toMatchObject({ name: 'GPT', device: 'cuda', precision: 'fp16' })
    expect(out.peak_ram_bytes).toBeLessThanOrEqual(out.budget.ram_bytes)
    expect(out.peak_vram_bytes).toBeLessThanOrEqual(out.budget.vram_bytes)
    expect(out.max_concurrency).toBe(1)
    expect(out.compromises).toContain('GPT in fp16')
    expect(out.disk).toMatchObject({ ok: expect.any(Boolean), model_bytes: expect.any(Number) })
    expect(out.server).toMatchObject({ reachable: false })
  })

  it('says it does not fit, names bigger machines, and exits 3', async () => {
    const { code, stdout } = await doctor(['--model', 'indextts2', '--ram', '4G', '--vram', '2G', '--json'])
    expect(code).toBe(3)
    const out = JSON.parse(stdout)
    expect(out.verdict).toBe('does-not-fit')
    expect(out.max_concurrency).toBe(0)
    expect(out.smallest_machines.length).toBeGreaterThan(0)
    expect(out.summary).toMatch(/would fit on/)
  })

  it('prints a readable table and a one-line verdict', async () => {
    const { code, stdout } = await doctor(['--model', 'indextts2', '--ram', '16G', '--device', 'cpu'])
    expect(code).toBe(0)
    expect(stdout).toMatch(/^stage +device +precision +residency +weights +peak$/m)
    expect(stdout).toMatch(/^GPT +cpu +fp32 +resident/m)
    expect(stdout).toMatch(/^verdict: fits: peak RAM /m)
  })

  it('rejects bad flags with E_INVALID_ARGUMENT', async () => {
    const { code, stderr } = await doctor(['--model', 'indextts2', '--device', 'tpu', '--json'])
    expect(code).toBe(2)
    expect(JSON.parse(stderr).error.code).toBe('E_INVALID_ARGUMENT')
    const unknown = await doctor(['--model', 'nosuchmodel', '--json'])
    expect(unknown.code).toBe(1)
    expect(JSON.parse(unknown.stderr).error.code).toBe('E_ENGINE_UNKNOWN')
  })

  it('shows a running server’s measured memory next to the prediction', async () => {
    const server = createServer((req, res) => {
      if (req.url !== '/api/system') {
        res.writeHead(404).end()
        return
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          version: '0.1.0',
          engine: { id: 'indextts2', loaded: true, device: 'cpu' },
          memory: {
            rssBytes: 5 * GiB,
            budgetBytes: 12 * GiB,
            reservedBytes: 0,
            peakRssBytes: 7 * GiB,
            predictedPeakRamBytes: 8 * GiB,
          },
          queue: { active: 0, waiting: 0, capacity: 16, maxConcurrency: 2 },
          hardware: {},
        }),
      )
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      const json = JSON.parse(
        (await doctor(['--model', 'indextts2', '--ram', '16G', '--server', url, '--json'])).stdout,
      )
      expect(json.server).toMatchObject({
        reachable: true,
        peakRssBytes: 7 * GiB,
        predictedPeakRamBytes: 8 * GiB,
        engine: 'indextts2',
      })
      const text = (await doctor(['--model', 'indextts2', '--ram', '16G', '--server', url])).stdout
      expect(text).toContain('peak 7.0 GiB measured vs 8.0 GiB predicted')
    } finally {
      server.close()
    }
  })

  it('warns once about memory beyond RAM and swap, in the text and in --json', async () => {
    const args = ['--model', 'indextts2', '--ram', '2G', '--device', 'cpu', '--swap', '0']
    const text = await doctor(args)
    expect(text.code).toBe(3)
    expect(text.stdout.match(/exceeds available RAM and there is no swap/g)).toHaveLength(1)
    const json = JSON.parse((await doctor([...args, '--json'])).stdout)
    expect(json.swap).toEqual({ total_bytes: 0, free_bytes: 0, warning: expect.stringMatching(/no swap/) })
  })
})
