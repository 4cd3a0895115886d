/**
 * Polyphone benchmark on the g2pM CPP dev split (../shared/testdata/text/g2pM-CPP, format in
 * its README): accuracy of raw pinyin-pro and of mynah's G2P on the marked character.
 *
 * mynah is measured through pinyinPerChar() — the same G2P the engines use — with
 * tones: 'citation', because the corpus labels dictionary tones (可以 is labelled ke3, not
 * the spoken ke2); sandhi is the only thing that mode leaves out.
 *
 * The dev split is cut deterministically into halves A and B (FNV-1a hash of the line):
 * rules and word lists were developed looking at A's errors only, so B shows how well they
 * generalise. Run: npm run bench:text
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { pinyin } from 'pinyin-pro'
import { formatTable } from '../src/cli/output.js'
import { pinyinPerChar } from '../src/text/index.js'

const DIR = resolve(import.meta.dirname, '../../shared/testdata/text/g2pM-CPP')

interface Item {
  readonly text: string
  readonly index: number
  readonly char: string
  readonly gold: string
  readonly half: 'A' | 'B'
}

/** FNV-1a over code points: the A/B split. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  for (const ch of text) {
    hash ^= ch.codePointAt(0) ?? 0
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash
}

function loadItems(): Item[] {
  const sentences = readFileSync(resolve(DIR, 'dev.sent'), 'utf8').split('\n')
  const labels = readFileSync(resolve(DIR, 'dev.lb'), 'utf8').split('\n')
  const items: Item[] = []
  sentences.forEach((line, k) => {
    if (!line) return
    const index = [...line.slice(0, line.indexOf('▁'))].length
    const text = line.replaceAll('▁', '')
    items.push({
      text,
      index,
      char: [...text][index] ?? '',
      gold: (labels[k] ?? '').trim().replace('u:', 'v'),
      half: (fnv1a(line) & 1) === 0 ? 'A' : 'B',
    })
  })
  return items
}

function rawPinyinPro(text: string, index: number): string | undefined {
  const all = pinyin(text, { toneType: 'num', type: 'all', v: true })
  const reading = all[index]?.pinyin.replace('ü', 'v')
  return reading?.replace(/0$/, '5')
}

function mynah(text: string, index: number): string | undefined {
  return pinyinPerChar(text, { tones: 'citation' })[index] ?? undefined
}

const pct = (ok: number, n: number): string => (n === 0 ? '-' : `${((100 * ok) / n).toFixed(2)} %`)

function main(): void {
  const items = loadItems()
  // Raw pinyin-pro first: mynah extends pinyin-pro's (global) dictionary on its first call.
  const raw = items.map((item) => rawPinyinPro(item.text, item.index) === item.gold)
  const started = performance.now()
  const results = items.map((item, k) => ({
    item,
    raw: raw[k] ?? false,
    mynah: mynah(item.text, item.index) === item.gold,
  }))
  const seconds = (performance.now() - started) / 1000

  const rows = (['A', 'B', 'all'] as const).map((half) => {
    const subset = results.filter((r) => half === 'all' || r.item.half === half)
    const raw = subset.filter((r) => r.raw).length
    const ours = subset.filter((r) => r.mynah).length
    return [half, String(subset.length), pct(raw, subset.length), pct(ours, subset.length)]
  })
  console.log(`Polyphone accuracy, g2pM CPP dev split (${items.length} sentences)\n`)
  console.log(formatTable(['half', 'items', 'raw pinyin-pro', 'mynah'], rows))

  const byChar = new Map<string, { n: number; raw: number; ours: number }>()
  for (const r of results) {
    const entry = byChar.get(r.item.char) ?? { n: 0, raw: 0, ours: 0 }
    entry.n++
    if (r.raw) entry.raw++
    if (r.mynah) entry.ours++
    byChar.set(r.item.char, entry)
  }
  const worst = [...byChar]
    .filter(([, e]) => e.ours < e.n)
    .sort((a, b) => a[1].ours / a[1].n - b[1].ours / b[1].n || b[1].n - a[1].n)
    .slice(0, 25)
    .map(([char, e]) => [char, String(e.n), pct(e.raw, e.n), pct(e.ours, e.n)])
  console.log('\nWorst characters for mynah (all halves)\n')
  console.log(formatTable(['char', 'items', 'raw pinyin-pro', 'mynah'], worst))
  console.log(`\nmynah G2P: ${items.length} sentences in ${seconds.toFixed(1)} s`)
}

main()
