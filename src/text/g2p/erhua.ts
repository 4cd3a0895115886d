/**
 * Erhua: 儿 as a suffix that rhotacises the syllable before it (哪儿 nar3, 一点儿 dianr3),
 * as opposed to 儿 er2 the morpheme (儿子, 女儿, 婴儿) or a transliteration (笛卡儿, 帖木儿).
 * Only words known to take the suffix count: guessing erhua from a bare "X儿" misreads
 * names and loanwords, which are far more common in written text than dialectal erhua.
 *
 * Per character, a suffix 儿 reads "r5" (the convention of the g2pM polyphone corpus); the
 * character before it keeps its own syllable. prepareText() merges the two into one
 * Syllable ("hua1" + "r5" → "huar1").
 */

/** Characters that take the erhua suffix in common words (哪儿, 玩儿, 一点儿, 花儿 ...). */
const BEFORE_SUFFIX = new Set([
  ...'哪这那点会块下边玩事味劲空面门头花鸟猫狗雀棍今明昨个样份片条根盖把包本帽弯圈眼坎词字歌画信活道法号影馅伴准芽尖槽坡歇聊',
])

/** Words ending in 儿 where 儿 is the morpheme er2, although the character before is in BEFORE_SUFFIX. */
const NOT_SUFFIX = new Set(['健儿', '宠儿', '花儿匠'])

/** Words where 儿 is a suffix although the character before is not in BEFORE_SUFFIX. */
const SUFFIX_WORDS = new Set(['小孩儿', '老头儿', '一会儿', '一点儿', '有点儿', '好玩儿', '聊天儿', '冰棍儿'])

/** True when 儿 at position i is the erhua suffix. */
export function isErhuaSuffix(chars: readonly string[], i: number): boolean {
  if (chars[i] !== '儿' || i === 0) return false
  const prev = chars[i - 1] ?? ''
  const next = chars[i + 1] ?? ''
  // 儿子, 儿童, 儿女, 儿科 …: 儿 starts a word.
  if ('子童女孙媳科歌时戏化'.includes(next) && next !== '') return false
  for (const word of SUFFIX_WORDS) {
    const len = [...word].length
    if (chars.slice(i - len + 1, i + 1).join('') === word) return true
  }
  if (NOT_SUFFIX.has(`${prev}儿`)) return false
  return BEFORE_SUFFIX.has(prev)
}

/** The merged syllable: base syllable + r, tone kept ("hua1" → "huar1", "er2" stays). */
export function rhotacise(syllable: string): string {
  const tone = syllable.slice(-1)
  const base = syllable.slice(0, -1)
  if (base.endsWith('r')) return syllable
  return `${base}r${tone}`
}
