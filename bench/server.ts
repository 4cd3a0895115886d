/**
 * The HTTP server's cost over the library call: for the same request, time to the first
 * audio and to the last, once through `mynah.synthesize()` directly and once through
 * POST /v1/audio/speech on 127.0.0.1 (streamed pcm, so the first byte leaves with the
 * first segment; and a whole wav file). The three are run interleaved; medians of RUNS
 * rounds after one cold round.
 *
 * Run: npm run bench -- server   (or: npx tsx bench/server.ts)
 */
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadConfig } from '../src/core/config.js'
import { createMynah } from '../src/runtime/mynah.js'
import { buildServer } from '../src/server/app.js'
import { fixed, markdownTable } from './lib/report.js'
import { median } from './lib/stats.js'

const RUNS = 9

const CASES = [
  { label: 'en short', text: 'The quick brown fox jumps over the lazy dog.' },
  { label: 'zh short', text: '今天天气很好，我们去公园散步吧。' },
  {
    label: 'en 3 sentences',
    text: 'A small creek cut across the field. Cars and busses stalled in snow drifts. The set of china hit the floor with a crash.',
  },
  {
    // Harvard sentences (IEEE 1969, public domain): long enough for several segments, so the
    // first byte leaves well before the last.
    label: 'en ~450 chars',
    text:
      'A small creek cut across the field. Cars and busses stalled in snow drifts. ' +
      'The set of china hit the floor with a crash. This is a grand season for hikes on the road. ' +
      'The dune rose from the edge of the water. Those words were the cue for the actor to leave. ' +
      'A yacht slid around the point into the bay. The two met while playing on the sand. ' +
      'The ink stain dried on the finished page. The walled town was seized without a fight.',
  },
] as const

interface Timing {
  /** ms from the call to the first audio (chunk or byte). */
  first: number
  /** ms from the call to the end of the audio. */
  total: number
}

async function timeDirect(mynah: ReturnType<typeof createMynah>, text: string): Promise<Timing> {
  const start = performance.now()
  let first = Number.NaN
  for await (const _chunk of mynah.synthesize({ text, sampleRate: 24_000 })) {
    if (Number.isNaN(first)) first = performance.now() - start
  }
  return { first, total: performance.now() - start }
}

async function timeHttp(url: string, text: string, body: Record<string, unknown>): Promise<Timing> {
  const start = performance.now()
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'mynah', input: text, ...body }),
  })
  if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}: ${await res.text()}`)
  const reader = res.body.getReader()
  let first = Number.NaN
  while (true) {
    const { done, value } = await reader.read()
    if (value && value.length > 0 && Number.isNaN(first)) first = performance.now() - start
    if (done) break
  }
  return { first, total: performance.now() - start }
}

/**
 * Run the three ways interleaved (one each per round) so drift in machine load or engine
 * warm-up affects them alike; one cold round first, then RUNS rounds; medians.
 */
async function measureInterleaved(ways: readonly (() => Promise<Timing>)[]): Promise<Timing[]> {
  for (const way of ways) await way() // cold: engine load, JIT, caches
  const runs: Timing[][] = ways.map(() => [])
  for (let i = 0; i < RUNS; i++) for (const [k, way] of ways.entries()) runs[k]?.push(await way())
  return runs.map((r) => ({ first: median(r.map((t) => t.first)), total: median(r.map((t) => t.total)) }))
}

export async function run(): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'mynah-bench-server-'))
  const mynah = createMynah(loadConfig({ flags: { home }, env: {} }))
  const app = await buildServer(mynah, { webRoot: null })
  try {
    await app.listen({ host: '127.0.0.1', port: 0 })
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/v1/audio/speech`
    const rows: string[][] = []
    for (const c of CASES) {
      const [direct, streamed, file] = (await measureInterleaved([
        () => timeDirect(mynah, c.text),
        () => timeHttp(url, c.text, { response_format: 'pcm', stream_format: 'audio' }),
        () => timeHttp(url, c.text, { response_format: 'wav' }),
      ])) as [Timing, Timing, Timing]
      rows.push([
        c.label,
        fixed(direct.first, 1),
        fixed(streamed.first, 1),
        fixed(streamed.first - direct.first, 1),
        fixed(streamed.first / direct.first, 2),
        fixed(direct.total, 1),
        fixed(streamed.total, 1),
        fixed(file.total, 1),
        fixed(file.total / direct.total, 2),
      ])
    }
    console.log(
      markdownTable(
        [
          'text',
          'library first chunk ms',
          'HTTP first byte ms',
          'overhead ms',
          'ratio',
          'library total ms',
          'HTTP stream total ms',
          'HTTP wav file total ms',
          'file/library',
        ],
        rows,
      ),
    )
    console.log(
      `\nmedians of ${RUNS} interleaved warm rounds after one cold round; built-in engine, 24 kHz, 127.0.0.1`,
    )
  } finally {
    await app.close()
    await mynah.close()
    rmSync(home, { recursive: true, force: true })
  }
}

if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) await run()
