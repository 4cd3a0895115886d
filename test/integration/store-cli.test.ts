/**
 * `mynah models` end to end: the built CLI pulls IndexTTS2's file list from a fake hub
 * (tiny stand-in files under the real names), then lists, verifies and removes it.
 */
import { execFile, execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { INDEXTTS2_MODEL } from '../../src/engines/indextts2/manifest.js'
import { REPO_ROOT } from '../helpers/env.js'
import { type FixtureFile, type HubFixture, startHubFixture } from '../helpers/http-fixture.js'

const BIN = join(REPO_ROOT, 'bin/mynah.js')
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

function mynah(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, MYNAH_HOME: home, HF_ENDPOINT: hub.endpoint },
        timeout: 60_000,
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    )
  })
}

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

beforeAll(async () => {
  // The bin runs dist/: rebuild it with tsc when older than the sources it uses (CI builds in `npm ci`).
  const built = join(REPO_ROOT, 'dist/cli/commands/models.js')
  const sources = ['src/runtime', 'src/cli', 'src/engines', 'src/core'].map((d) =>
    newestMtime(join(REPO_ROOT, d)),
  )
  if (!existsSync(built) || statSync(built).mtimeMs < Math.max(...sources)) {
    try {
      execFileSync(
        process.execPath,
        [join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
        {
          cwd: REPO_ROOT,
          stdio: 'pipe',
        },
      )
    } catch {
      // Type errors elsewhere in the tree do not stop tsc from emitting.
    }
  }
  expect(existsSync(built)).toBe(true)
  hub = await startHubFixture(standIns(), { cdn: true })
}, 300_000)

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
