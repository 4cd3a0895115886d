/**
 * Chinese G2P for one line: per code point, toned pinyin (or undefined for non-Han), plus
 * the prosodic word each character belongs to. The single implementation behind
 * pinyinPerChar(), prepareText() and the polyphone benchmark.
 */

import { isHan } from '../script.js'
import { isErhuaSuffix } from './erhua.js'
import { decideReadings, type WordSpan } from './polyphone.js'
import { applySpokenTones, toCitation, undoYiBu } from './tones.js'

export type ToneMode = 'spoken' | 'citation'

export interface ZhReadingOptions {
  /** 'spoken' (default): sandhi and neutral tones as pronounced. 'citation': dictionary tone per character. */
  readonly tones?: ToneMode
  /**
   * Readings fixed by the user (overrides, glossary), by code point index. A string is kept
   * exactly as given (no sandhi); null means "do not read this position as Chinese".
   */
  readonly forced?: ReadonlyMap<number, string | null>
}

export interface ZhLineReading {
  /** Per code point: toned pinyin, "r5" for an erhua 儿, undefined for non-Han (or forced null). */
  readonly pinyin: readonly (string | undefined)[]
  /** Word spans (ICU segmenter) used for sandhi and prosodic word ends. */
  readonly words: readonly WordSpan[]
}

export function readChineseLine(chars: readonly string[], options: ZhReadingOptions = {}): ZhLineReading {
  const forced = options.forced ?? new Map<number, string | null>()
  if (!chars.some(isHan)) return { pinyin: chars.map(() => undefined), words: [] }
  const { readings, words } = decideReadings(chars, forced)
  const lexical = readings.map((r, i) => {
    if (r === undefined || forced.has(i)) return r
    if (chars[i] === '儿') return isErhuaSuffix(chars, i) ? 'r5' : r === 'er5' ? 'er2' : r
    return undoYiBu(chars[i] ?? '', r)
  })
  if (options.tones === 'citation') {
    return {
      pinyin: lexical.map((r, i) => (r === undefined || forced.has(i) ? r : toCitation(chars[i] ?? '', r))),
      words,
    }
  }
  const fixed = new Set(forced.keys())
  return { pinyin: applySpokenTones(chars, lexical, words, fixed), words }
}
