/**
 * `mynah models` end to end: the built CLI pulls IndexTTS2's file list from a fake hub
 * (tiny stand-in files under the real names), then lists, verifies and removes it.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { INDEXTTS2_MODEL } from '../../src/engines/indextts2/manifest.js'
import { runCli } from '../helpers/cli.js'
import { REPO_ROOT } from '../helpers/env.js'
import { type FixtureFile, type HubFixture, startHubFixture } from '../helpers/http-fixture.js'

const home = mkdtempSync(join(tmpdir(), 'mynah-models-'))
let hub: HubFixture

/** One small file per catalogue entry; folders get two files. */
function standIns(): FixtureFile[] {
  const files: FixtureFile[] = []
  for (const [i, spec] of INDEXTTS2_MODEL.files.entries()) {
    const content = (n: number) =>
      new TextEncoder().encode(`${spec.repo}/${spec.path} #${n} `.repeat(200 + i))
    if (spec.path.endsWith('/')) {
      files.push({ repo: spec.repo, path: `${spec.path}config.json`, content: content(1), lfs: false })
      files.push({ repo: spec.repo, path: `${spec.path}model.safetensors`, content: content(2) })
    } else {
      files.push({ repo: spec.repo, path: spec.path, content: content(0), lfs: spec.approxBytes > 100_000 })
    }
  }
  return files
}

async function mynah(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const r = await runCli(args, {
    home,
    cwd: REPO_ROOT,
    env: { HF_ENDPOINT: hub.endpoint },
    timeoutMs: 60_000,
  })
  return { code: r.code, stdout: r.stdout.toString(), stderr: r.stderr }
}

beforeAll(async () => {
  hub = await startHubFixture(standIns(), { cdn: true })
})

afterAll(async () => {
  await hub.close()
  rmSync(home, { recursive: true, force: true })
})

describe('mynah models (built CLI)', () => {
  it('pulls, lists, verifies and removes indextts2', async () => {
    const pull = await mynah(['models', 'pull', 'indextts2', '--json'])
    expect(pull.code).toBe(0)
    const result = JSON.parse(pull.stdout)
    expect(result.files.length).toBe(standIns().length)
    expect(result.skipped).toBe(0)
    const dir = join(home, 'models', 'indextts2')
    expect(existsSync(join(dir, 'gpt.pth'))).toBe(true)
    expect(existsSync(join(dir, 'hf_cache/bigvgan/bigvgan_generator.pt'))).toBe(true)
    expect(existsSync(join(dir, 'qwen0.6bemo4-merge/model.safetensors'))).toBe(true)

    const list = JSON.parse((await mynah(['models', 'list', '--json'])).stdout)
    expect(list).toEqual([expect.objectContaining({ name: 'indextts2', state: 'installed' })])

    const again = JSON.parse((await mynah(['models', 'pull', 'indextts2', '--json'])).stdout)
    expect(again.downloadedBytes).toBe(0)

    writeFileSync(join(dir, 's2mel.pth'), 'damaged')
    const verify = await mynah(['models', 'verify', 'indextts2'])
    expect(verify.code).toBe(1)
    expect(verify.stdout).toMatch(/^s2mel\.pth +size-mismatch/m)

    const rm = await mynah(['models', 'rm', 'indextts2', '--json'])
    expect(JSON.parse(rm.stdout)).toEqual({ name: 'indextts2', removed: true })
    expect(existsSync(dir)).toBe(false)
  })

  it('pulls without the optional emotion LLM, and reports unknown models', async () => {
    const pull = await mynah(['models', 'pull', 'indextts2', '--no-optional', '--json'])
    expect(pull.code).toBe(0)
    expect(existsSync(join(home, 'models', 'indextts2', 'qwen0.6bemo4-merge'))).toBe(false)
    const unknown = await mynah(['models', 'pull', 'nosuch', '--json'])
    expect(unknown.code).toBe(1)
    expect(JSON.parse(unknown.stderr).error.code).toBe('E_MODEL_UNKNOWN')
  })
})
