/**
 * The first opinion on every Han character: pinyin-pro (github.com/zh-lx/pinyin-pro) with its
 * own word dictionary, extended once with the polyphone words of @pinyin-pro/data that it
 * reads differently (data/extra-phrases.ts). Returns citation readings (一 and 不 unchanged;
 * mynah applies sandhi itself) and the dictionary words pinyin-pro matched.
 */
import { addDict, OutputFormat, segment } from 'pinyin-pro'
import { EXTRA_PHRASES } from './data/extra-phrases.js'
import { fromPinyinPro } from './syllable.js'

export interface BaseReading {
  readonly char: string
  /** Toned pinyin, or undefined when pinyin-pro has no reading (not a Han character). */
  readonly pinyin: string | undefined
  /** Index of the pinyin-pro dictionary word this character belongs to. */
  readonly word: number
  /** True when that word has more than one character (the reading came from a word entry). */
  readonly inWord: boolean
}

let loaded = false

function ensureDictionary(): void {
  if (loaded) return
  loaded = true
  const dict: Record<string, [string, number]> = {}
  for (const line of EXTRA_PHRASES.split('\n')) {
    if (!line) continue
    const [word, reading, probability] = line.split('\t')
    if (word && reading) dict[word] = [reading, Number(probability) || 1e-11]
  }
  addDict(dict, 'mynah-extra')
}

/** Readings for one run of text (any script; non-Han characters come back without pinyin). */
export function baseReadings(text: string): BaseReading[] {
  ensureDictionary()
  const words = segment(text, { format: OutputFormat.AllArray, toneType: 'num', toneSandhi: false })
  const out: BaseReading[] = []
  words.forEach((word, index) => {
    const inWord = word.length > 1
    for (const piece of word) {
      // pinyin-pro keeps surrogate pairs together; split defensively so output stays per code point.
      const chars = [...piece.origin]
      for (const char of chars) {
        const pinyin =
          chars.length === 1 && piece.result !== piece.origin ? fromPinyinPro(piece.result) : undefined
        out.push({ char, pinyin, word: index, inWord })
      }
    }
  })
  return out
}
