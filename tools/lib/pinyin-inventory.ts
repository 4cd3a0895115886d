/**
 * The syllable inventory the zh voices must cover: every base syllable pinyin-pro can output
 * (all readings of every character it knows, plus every word in its phrase dictionaries),
 * each in tones 1-5 — tone sandhi and the neutral tone can put any syllable in any tone.
 * Spelling: toned pinyin with ü as v (core/types.ts Syllable).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pinyin } from 'pinyin-pro'

/** Code-point ranges of CJK ideographs (URO, extensions A-H, compatibility). */
const CJK_RANGES: readonly (readonly [number, number])[] = [
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xf900, 0xfaff],
  [0x20000, 0x2a6df],
  [0x2a700, 0x2ebef],
  [0x30000, 0x3134f],
]

const BASE = /^([a-zêv]+)([0-5])?$/

function addReading(out: Set<string>, reading: string): void {
  const m = BASE.exec(reading)
  if (m) out.add(m[1])
}

function pinyinProDataDir(): string {
  const require = createRequire(import.meta.url)
  return join(dirname(require.resolve('pinyin-pro/package.json')), 'dist/esm/data')
}

/** Every base syllable (no tone) pinyin-pro can produce, sorted. */
export function pinyinProBases(): string[] {
  const bases = new Set<string>()
  for (const [from, to] of CJK_RANGES) {
    for (let c = from; c <= to; c++) {
      const ch = String.fromCodePoint(c)
      const readings = pinyin(ch, { multiple: true, toneType: 'num', type: 'array', v: true }) as string[]
      for (const r of readings) if (r !== ch) addReading(bases, r)
    }
  }
  // Phrase dictionaries: words can carry readings (and data slips) no single character has.
  const dir = pinyinProDataDir()
  for (const file of readdirSync(dir)) {
    const text = readFileSync(join(dir, file), 'utf8')
    for (const m of text.matchAll(/^\s+["']?([\u3400-\u9fff\u{20000}-\u{3134f}]+)["']?\s*:/gmu)) {
      for (const r of pinyin(m[1], { toneType: 'num', type: 'array', v: true }) as string[])
        addReading(bases, r)
    }
  }
  return [...bases].sort()
}

/** Toned inventory: every base in tones 1-5 ("ma1" … "ma5"). */
export function tonedInventory(bases: readonly string[]): string[] {
  return bases.flatMap((b) => [1, 2, 3, 4, 5].map((t) => `${b}${t}`))
}
