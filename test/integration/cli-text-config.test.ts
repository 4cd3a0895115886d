/** `mynah text segments` takes its defaults from the same config as `mynah say` (env, config.json). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'

const home = mkdtempSync(join(tmpdir(), 'mynah-text-config-'))
afterAll(() => rmSync(home, { recursive: true, force: true }))

const TEXT = '今天天气很好，我们去公园散步吧，然后一起吃午饭。'

async function segmentCount(env: Record<string, string> = {}, args: string[] = []): Promise<number> {
  const r = await runCli(['text', 'segments', ...args, TEXT], { home, env })
  expect(r.stderr).toBe('')
  return r.stdout.toString().trim().split('\n').length
}

describe('mynah text segments and the config', () => {
  it('uses MYNAH_MAX_TOKENS_PER_SEGMENT and config.json as the default budget, --max-tokens over both', async () => {
    expect(await segmentCount()).toBe(1)
    expect(await segmentCount({ MYNAH_MAX_TOKENS_PER_SEGMENT: '10' })).toBeGreaterThan(1)
    writeFileSync(join(home, 'config.json'), JSON.stringify({ maxTokensPerSegment: 10 }))
    expect(await segmentCount()).toBeGreaterThan(1)
    expect(await segmentCount({}, ['--max-tokens', '120'])).toBe(1)
  })
})
