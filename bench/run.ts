/**
 * `npm run bench [-- NAME ...] [--list]`: runs every benchmark module (or the named ones)
 * and prints their tables under one machine line. Figures are printed, never asserted.
 * Add a benchmark by adding a row to BENCHES; its module exports `run(): Promise<void>`.
 */
import { describeMachine } from './lib/machine.js'
import { markdownTable } from './lib/report.js'

interface BenchEntry {
  readonly name: string
  readonly description: string
  readonly load: () => Promise<{ run: () => Promise<void> }>
}

const BENCHES: readonly BenchEntry[] = [
  {
    name: 'builtin',
    description:
      'built-in engine: real-time factor, first-chunk latency, peak RSS (zh, en; short, 1000 chars)',
    load: () => import('./builtin.js'),
  },
  {
    name: 'scheduler',
    description: 'admission overhead per request, burst served vs E_BUSY, IndexTTS2 planning time',
    load: () => import('./scheduler.js'),
  },
  {
    name: 'clone',
    description: 'voice cloning: profile time, conversion RTF',
    load: () => import('./clone.js'),
  },
  {
    name: 'server',
    description:
      'HTTP server: first-byte latency and total time of POST /v1/audio/speech vs the library call',
    load: () => import('./server.js'),
  },
  {
    name: 'emotion-text',
    description: 'text -> emotion accuracy of the lexicon classifier',
    load: () => import('./emotion-text.js'),
  },
]

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--list')) {
    console.log(
      markdownTable(
        ['bench', 'measures'],
        BENCHES.map((b) => [b.name, b.description]),
      ),
    )
    return 0
  }
  const names = argv.filter((a) => !a.startsWith('-'))
  const unknown = names.filter((n) => !BENCHES.some((b) => b.name === n))
  if (unknown.length > 0) {
    console.error(`unknown bench ${unknown.join(', ')}; available: ${BENCHES.map((b) => b.name).join(', ')}`)
    return 2
  }
  const chosen = names.length > 0 ? BENCHES.filter((b) => names.includes(b.name)) : BENCHES
  console.log(`Machine: ${describeMachine()}`)
  let failed = 0
  for (const bench of chosen) {
    console.log(`\n## ${bench.name}: ${bench.description}\n`)
    try {
      await (await bench.load()).run()
    } catch (error) {
      failed++
      console.error(`bench ${bench.name} failed: ${(error as Error).stack ?? error}`)
    }
  }
  return failed > 0 ? 1 : 0
}

process.exitCode = await main(process.argv.slice(2))
