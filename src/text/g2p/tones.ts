/**
 * From lexical readings to the tones a speaker produces (spoken) or the dictionary tone of
 * each character (citation).
 *
 * Spoken rules, after Chen, "Tone Sandhi: Patterns across Chinese Dialects" (CUP 2000) and
 * the 一/不 rules of 现代汉语词典 (see also PaddleSpeech's tone_sandhi.py, Apache-2.0, which
 * applies the same rules over jieba words):
 *   - 不 bu4 → bu2 before a 4th tone; bu5 inside V不V / V不C (是不是, 看不见).
 *   - 一 yi1 → yi2 before a 4th tone, yi4 before 1st/2nd/3rd; kept yi1 when counting or
 *     ordinal (第一, 一九八四, 十一, 统一 at a word end) and yi5 in V一V (看一看).
 *   - 3rd-tone sandhi 3-3 → 2-3, applied inside each word first, then across a boundary
 *     where one side is a single syllable, right to left, on surface tones. That yields
 *     展览馆 2-2-3, 小老虎 3-2-3 and 我很好 3-2-3.
 *   - The second syllable of a reduplicated kinship term is neutral (妈妈 ma1 ma5).
 */
import { polyphonic } from 'pinyin-pro'
import { type WordSpan, wordIndexes } from './polyphone.js'
import { baseOf, fromPinyinPro, toneOf, withTone } from './syllable.js'

/** Characters whose neutral tone is grammatical (particles, suffixes): neutral even in citation. */
const GRAMMATICAL_NEUTRAL = new Set([...'的地得了着过吗呢吧啊么们呀啦哇哪嘛呗喽哟哦咯噢罢咧嘞哩子'])
/** Where pinyin-pro's list of readings puts a rarer one first. */
const FULL_TONE: Readonly<Record<string, string>> = { 缝: 'feng2', 么: 'me5' }

const fullToneCache = new Map<string, string>()

/** The full (non-neutral) tone of a character read neutrally in a word (衣服 fu5 → fu2). */
function fullTone(char: string, neutral: string): string {
  const key = `${char}${neutral}`
  const cached = fullToneCache.get(key)
  if (cached) return cached
  let result = FULL_TONE[char]
  if (!result) {
    const list = (polyphonic(char, { toneType: 'num', type: 'array' })[0] ?? [])
      .map((p) => fromPinyinPro(p))
      .filter((p): p is string => p !== undefined && toneOf(p) !== 5)
    result = list.find((p) => baseOf(p) === baseOf(neutral)) ?? neutral
  }
  fullToneCache.set(key, result)
  return result
}

/** 一 and 不 back to their citation tones (dictionary entries may carry the sandhi). */
export function undoYiBu(char: string, reading: string): string {
  if (char === '一' && baseOf(reading) === 'yi') return 'yi1'
  if (char === '不' && baseOf(reading) === 'bu') return 'bu4'
  return reading
}

/** Citation form of one reading: lexical neutral tones restored (知识 shi5 → shi2), particles kept. */
export function toCitation(char: string, reading: string): string {
  const undone = undoYiBu(char, reading)
  if (toneOf(undone) !== 5 || GRAMMATICAL_NEUTRAL.has(char) || undone === 'r5') return undone
  return fullTone(char, undone)
}

const KINSHIP = new Set([...'爸妈哥姐弟妹爷奶姥舅叔伯婶姑婆公嫂'])
const DIGITS = '〇零一二三四五六七八九'
const COUNT_NEXT = new Set([...'月号'])

/**
 * Spoken tones for a line. `readings` are lexical (一/不 in citation form, lexical neutral
 * tones kept); `forced` positions are spoken exactly as given and never changed.
 */
export function applySpokenTones(
  chars: readonly string[],
  readings: readonly (string | undefined)[],
  words: readonly WordSpan[],
  forced: ReadonlySet<number>,
): (string | undefined)[] {
  const out = [...readings]
  const wi = wordIndexes(chars.length, words)
  const free = (i: number): boolean => out[i] !== undefined && !forced.has(i)
  /** Next syllable that is not an erhua r5 (erhua is part of the previous syllable). */
  const nextSyllable = (i: number): number => {
    let j = i + 1
    while (out[j] === 'r5') j++
    return j
  }

  // Reduplicated kinship terms: 妈妈, 姐姐.
  for (let i = 1; i < chars.length; i++) {
    if (chars[i] === chars[i - 1] && KINSHIP.has(chars[i] ?? '') && free(i) && wi[i] === wi[i - 1])
      out[i] = withTone(out[i] ?? '', 5)
  }

  // 不 and 一.
  for (let i = 0; i < chars.length; i++) {
    if (!free(i)) continue
    const char = chars[i]
    const j = nextSyllable(i)
    const next = out[j]
    const word = words[wi[i] ?? -1]
    if (char === '不' && out[i] === 'bu4') {
      const midOfThree = word && word.end - word.start === 3 && i === word.start + 1
      if ((i > 0 && chars[i - 1] === chars[j] && next !== undefined) || midOfThree) out[i] = 'bu5'
      else if (next !== undefined && toneOf(next) === 4) out[i] = 'bu2'
    } else if (char === '一' && out[i] === 'yi1') {
      const prev = chars[i - 1] ?? ''
      const nextChar = chars[j] ?? ''
      if (next === undefined) continue // end of a phrase: 统一。
      if (
        prev === '第' ||
        prev === '十' ||
        (prev !== '' && DIGITS.includes(prev)) ||
        (nextChar !== '' && DIGITS.includes(nextChar))
      )
        continue
      if (COUNT_NEXT.has(nextChar)) continue // 一月, 一号
      if (word && word.end - word.start > 1 && i === word.end - 1) continue // 统一, 唯一, 之一
      if (i > 0 && prev === chars[j] && prev !== '')
        out[i] = 'yi5' // 看一看
      else out[i] = toneOf(next) === 4 || (toneOf(next) === 5 && chars[j] === '个') ? 'yi2' : 'yi4'
    }
  }

  // Third-tone sandhi: inside words first, then across short-word boundaries, right to left.
  const isThree = (i: number): boolean => out[i] !== undefined && toneOf(out[i] ?? '') === 3
  // Inside a word every 3rd tone before another 3rd tone rises: 展览馆 2-2-3.
  const underlying = [...out]
  const wasThree = (i: number): boolean => underlying[i] !== undefined && toneOf(underlying[i] ?? '') === 3
  for (const w of words) {
    for (let i = w.start; i < w.end - 1; i++) {
      const j = nextSyllable(i)
      if (j < w.end && wasThree(i) && wasThree(j) && free(i)) out[i] = withTone(out[i] ?? '', 2)
    }
  }
  for (let k = words.length - 2; k >= 0; k--) {
    const left = words[k]
    const right = words[k + 1]
    if (!left || !right) continue
    const short = left.end - left.start === 1 || right.end - right.start === 1
    const i = left.end - 1
    const j = right.start
    if (short && isThree(i) && isThree(j) && free(i)) out[i] = withTone(out[i] ?? '', 2)
  }
  return out
}
