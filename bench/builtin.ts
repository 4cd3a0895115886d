/**
 * The built-in engine through the library facade: real-time factor (synthesis time / audio
 * time), first-chunk latency (call to first audio chunk, text preparation included) and peak
 * RSS, for a short and a ~1000-character text in each language. Each case runs in its own
 * process so its peak RSS is its own: one cold run (engine load included, reported apart),
 * then RUNS warm runs whose medians are reported.
 *
 * Run: npm run bench -- builtin   (or: npx tsx bench/builtin.ts)
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { loadConfig } from '../src/core/config.js'
import type { Lang } from '../src/core/types.js'
import { createMynah } from '../src/runtime/mynah.js'
import { describeMachine } from './lib/machine.js'
import { fixed, markdownTable, mib } from './lib/report.js'
import { median } from './lib/stats.js'

const RUNS = 5

/** Written for this benchmark (no third-party text): everyday Mandarin, punctuation, one number. */
const ZH_PARAGRAPH =
  '春天来了，公园里的花都开了。每天早上，很多老人在湖边打太极拳，孩子们在草地上放风筝。' +
  '我喜欢沿着小路慢慢地走，听鸟儿唱歌，看阳光穿过树叶。中午的时候，我们在附近的小饭馆吃一碗热腾腾的面条，' +
  '然后坐在长椅上聊天。有人说城市的生活太忙，可是只要停下来看一看，就会发现身边有很多美好的东西。' +
  '今年我们打算去3个新的地方旅行。'

/** Harvard sentences (IEEE 1969, public domain), list 3 and 4. */
const EN_PARAGRAPH =
  'A small creek cut across the field. Cars and busses stalled in snow drifts. ' +
  'The set of china hit the floor with a crash. This is a grand season for hikes on the road. ' +
  'The dune rose from the edge of the water. Those words were the cue for the actor to leave. ' +
  'A yacht slid around the point into the bay. The two met while playing on the sand. ' +
  'The ink stain dried on the finished page. The walled town was seized without a fight. '

function atLeast(paragraph: string, chars: number): string {
  let text = ''
  while ([...text].length < chars) text += paragraph
  return text
}

interface BenchCase {
  readonly id: string
  readonly lang: Lang
  readonly label: string
  readonly text: string
}

export const CASES: readonly BenchCase[] = [
  { id: 'zh-short', lang: 'zh', label: 'zh short', text: '今天天气很好，我们去公园散步吧。' },
  { id: 'zh-1000', lang: 'zh', label: 'zh 1000 chars', text: atLeast(ZH_PARAGRAPH, 1000) },
  { id: 'en-short', lang: 'en', label: 'en short', text: 'The quick brown fox jumps over the lazy dog.' },
  { id: 'en-1000', lang: 'en', label: 'en 1000 chars', text: atLeast(EN_PARAGRAPH, 1000) },
]

interface CaseResult {
  readonly chars: number
  readonly segments: number
  readonly audioSeconds: number
  readonly coldFirstChunkMs: number
  readonly rtf: number[]
  readonly firstChunkMs: number[]
  readonly peakRssBytes: number
}

/** One synthesis: wall time, time to the first chunk, seconds of audio. */
async function measureOnce(
  mynah: ReturnType<typeof createMynah>,
  c: BenchCase,
): Promise<{ ms: number; firstMs: number; seconds: number; segments: number }> {
  const start = performance.now()
  let firstMs = Number.NaN
  let samples = 0
  let rate = 1
  const segments = new Set<number>()
  for await (const chunk of mynah.synthesize({ text: c.text, lang: c.lang })) {
    if (Number.isNaN(firstMs)) firstMs = performance.now() - start
    samples += chunk.samples.length
    rate = chunk.sampleRate
    segments.add(chunk.segmentIndex)
  }
  return { ms: performance.now() - start, firstMs, seconds: samples / rate, segments: segments.size }
}

/** Child-process side: run one case and print its CaseResult as JSON. */
async function runCase(id: string): Promise<void> {
  const c = CASES.find((x) => x.id === id)
  if (!c) throw new Error(`unknown case ${id}`)
  const home = mkdtempSync(join(tmpdir(), 'mynah-bench-'))
  try {
    const mynah = createMynah(loadConfig({ flags: { home }, env: {} }))
    const cold = await measureOnce(mynah, c)
    const warm: Awaited<ReturnType<typeof measureOnce>>[] = []
    for (let i = 0; i < RUNS; i++) warm.push(await measureOnce(mynah, c))
    await mynah.close()
    const result: CaseResult = {
      chars: [...c.text].length,
      segments: cold.segments,
      audioSeconds: cold.seconds,
      coldFirstChunkMs: cold.firstMs,
      rtf: warm.map((w) => w.ms / 1000 / w.seconds),
      firstChunkMs: warm.map((w) => w.firstMs),
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
    }
    process.stdout.write(`${JSON.stringify(result)}\n`)
  } finally {
    rmSync(home, { recursive: true, force: true })
  }
}

export async function run(): Promise<void> {
  const self = fileURLToPath(import.meta.url)
  const rows: string[][] = []
  for (const c of CASES) {
    try {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', self, '--case', c.id],
        {
          maxBuffer: 1024 * 1024,
          timeout: 600_000,
        },
      )
      const r = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as CaseResult
      rows.push([
        c.label,
        String(r.chars),
        String(r.segments),
        fixed(r.audioSeconds, 1),
        fixed(median(r.rtf), 3),
        fixed(median(r.firstChunkMs), 0),
        fixed(r.coldFirstChunkMs, 0),
        mib(r.peakRssBytes),
      ])
    } catch (error) {
      const reason = ((error as { stderr?: string }).stderr ?? String(error)).trim().split('\n').at(-1) ?? ''
      rows.push([c.label, String([...c.text].length), '', '', 'failed', '', '', reason.slice(0, 80)])
    }
  }
  console.log(`Built-in engine, median of ${RUNS} warm runs per case (each case in a fresh process)`)
  console.log(
    markdownTable(
      [
        'text',
        'chars',
        'segments',
        'audio s',
        'RTF',
        'first chunk ms',
        'cold first chunk ms',
        'peak RSS MiB',
      ],
      rows,
    ),
  )
}

const caseFlag = process.argv.indexOf('--case')
if (caseFlag > 0) await runCase(process.argv[caseFlag + 1])
else if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(`Machine: ${describeMachine()}`)
  await run()
}
