/**
 * Text -> emotion accuracy of the built-in lexicon classifier on the project's labelled
 * sentences (test/fixtures/emotion/{zh,en}.jsonl): top-emotion accuracy per language and
 * split, with confusion tables. `--errors` lists the dev-split mistakes (never the held-out
 * ones, so tuning stays honest). Run: npx tsx bench/emotion-text.ts
 */
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { lexiconClassifier } from '../src/emotion/text/classifier.js'
import {
  evaluateTextClassifier,
  formatConfusion,
  type LabelledSentence,
} from '../src/emotion/text/evaluate.js'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')

export function loadSentences(lang: 'zh' | 'en'): LabelledSentence[] {
  const file = resolve(root, 'test/fixtures/emotion', `${lang}.jsonl`)
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as LabelledSentence)
}

export async function run(options: { errors?: boolean; devOnly?: boolean } = {}): Promise<void> {
  const classifier = lexiconClassifier()
  const pct = (x: number): string => `${(100 * x).toFixed(1)} %`
  const rows: string[] = []
  for (const lang of ['zh', 'en'] as const) {
    const all = loadSentences(lang)
    const splits = options.devOnly ? (['dev'] as const) : (['dev', 'test', 'all'] as const)
    for (const split of splits) {
      const set = split === 'all' ? all : all.filter((s) => s.split === split)
      const ev = await evaluateTextClassifier(classifier, set)
      rows.push(
        `| ${lang} | ${split.padEnd(4)} | ${String(ev.total).padStart(3)} | ${pct(ev.accuracy).padStart(7)} | ${pct(ev.majorityBaseline).padStart(6)} |`,
      )
      if (split === 'all') {
        console.log(`\n${lang}: confusion (all ${ev.total} sentences; rows = label, columns = predicted)`)
        console.log(formatConfusion(ev))
      }
      if (split === 'dev' && options.errors) {
        for (const e of ev.errors) {
          const s = set.find((x) => x.id === e.id)
          console.log(`  ${e.id} ${e.label} -> ${e.predicted}: ${s?.text}`)
        }
      }
    }
  }
  console.log('\nText -> emotion, top-emotion accuracy (chance 12.5 %)')
  console.log('| lang | split | n | accuracy | majority |')
  console.log('|---|---|---|---|---|')
  for (const r of rows) console.log(r)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await run({ errors: process.argv.includes('--errors'), devOnly: process.argv.includes('--dev-only') })
}
