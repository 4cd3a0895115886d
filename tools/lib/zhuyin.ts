/**
 * Zhuyin (Bopomofo) → toned Hanyu Pinyin, as gcin-voice names its folders: `<zhuyin><tone>`
 * where no digit = tone 1, 2-4 = tones 2-4 and 1 = the neutral tone (written 5 here, the
 * convention of core/types.ts Syllable). Spelling follows the official Hanyu Pinyin rules
 * (GB/T 16159): y/w for zero initials, iou→iu, uei→ui, uen→un after consonants, ü written u
 * after j q x and v after n l, ㄩㄥ→iong, bare ㄓㄔㄕㄖㄗㄘㄙ carry the apical vowel -i.
 */

const INITIALS: Readonly<Record<string, string>> = {
  ㄅ: 'b',
  ㄆ: 'p',
  ㄇ: 'm',
  ㄈ: 'f',
  ㄉ: 'd',
  ㄊ: 't',
  ㄋ: 'n',
  ㄌ: 'l',
  ㄍ: 'g',
  ㄎ: 'k',
  ㄏ: 'h',
  ㄐ: 'j',
  ㄑ: 'q',
  ㄒ: 'x',
  ㄓ: 'zh',
  ㄔ: 'ch',
  ㄕ: 'sh',
  ㄖ: 'r',
  ㄗ: 'z',
  ㄘ: 'c',
  ㄙ: 's',
}

/** Finals in "underlying" form (before y/w spelling and contractions). */
const FINALS: Readonly<Record<string, string>> = {
  '': '',
  ㄚ: 'a',
  ㄛ: 'o',
  ㄜ: 'e',
  ㄝ: 'ê',
  ㄞ: 'ai',
  ㄟ: 'ei',
  ㄠ: 'ao',
  ㄡ: 'ou',
  ㄢ: 'an',
  ㄣ: 'en',
  ㄤ: 'ang',
  ㄥ: 'eng',
  ㄦ: 'er',
  ㄧ: 'i',
  ㄧㄚ: 'ia',
  ㄧㄛ: 'io',
  ㄧㄝ: 'ie',
  ㄧㄞ: 'iai',
  ㄧㄠ: 'iao',
  ㄧㄡ: 'iou',
  ㄧㄢ: 'ian',
  ㄧㄣ: 'in',
  ㄧㄤ: 'iang',
  ㄧㄥ: 'ing',
  ㄨ: 'u',
  ㄨㄚ: 'ua',
  ㄨㄛ: 'uo',
  ㄨㄞ: 'uai',
  ㄨㄟ: 'uei',
  ㄨㄢ: 'uan',
  ㄨㄣ: 'uen',
  ㄨㄤ: 'uang',
  ㄨㄥ: 'ueng',
  ㄩ: 'ü',
  ㄩㄝ: 'üe',
  ㄩㄢ: 'üan',
  ㄩㄣ: 'ün',
  ㄩㄥ: 'iong',
}

/** Zero-initial spellings (Hanyu Pinyin rule for syllables that start with i, u or ü). */
const ZERO_INITIAL: Readonly<Record<string, string>> = {
  i: 'yi',
  ia: 'ya',
  io: 'yo',
  ie: 'ye',
  iai: 'yai',
  iao: 'yao',
  iou: 'you',
  ian: 'yan',
  in: 'yin',
  iang: 'yang',
  ing: 'ying',
  iong: 'yong',
  u: 'wu',
  ua: 'wa',
  uo: 'wo',
  uai: 'wai',
  uei: 'wei',
  uan: 'wan',
  uen: 'wen',
  uang: 'wang',
  ueng: 'weng',
  ü: 'yu',
  üe: 'yue',
  üan: 'yuan',
  ün: 'yun',
}

const APICAL = new Set(['zh', 'ch', 'sh', 'r', 'z', 'c', 's'])

export type ZhuyinParse =
  | { readonly ok: true; readonly base: string; readonly tone: 1 | 2 | 3 | 4 | 5; readonly pinyin: string }
  | { readonly ok: false; readonly reason: string }

function spell(initial: string, final: string): string | undefined {
  if (initial === '') {
    if (final === '') return undefined
    return ZERO_INITIAL[final] ?? final
  }
  if (final === '') return APICAL.has(initial) ? `${initial}i` : undefined
  let f = final
  if (f === 'iou') f = 'iu'
  else if (f === 'uei') f = 'ui'
  else if (f === 'uen') f = 'un'
  else if (f === 'ueng') f = 'ong'
  if (f.startsWith('ü'))
    f = initial === 'j' || initial === 'q' || initial === 'x' ? `u${f.slice(1)}` : `v${f.slice(1)}`
  return initial + f
}

/**
 * Parse one gcin-voice folder name. Bare non-syllabic initials (ㄅ, ㄆ, ...) are the letter
 * names the male speaker also recorded; they are not syllables and are rejected.
 */
export function zhuyinToPinyin(name: string): ZhuyinParse {
  const m = /^([\u3105-\u3129]+)([1-4])?$/u.exec(name)
  if (!m) return { ok: false, reason: 'not zhuyin' }
  const body = m[1]
  const digit = m[2]
  const tone = digit === undefined ? 1 : digit === '1' ? 5 : (Number(digit) as 2 | 3 | 4)
  const first = body[0]
  const initial = INITIALS[first] ?? ''
  const rest = initial === '' ? body : body.slice(1)
  const final = FINALS[rest]
  if (final === undefined) return { ok: false, reason: `unknown final ${rest}` }
  if (initial !== '' && final === '' && !APICAL.has(initial)) return { ok: false, reason: 'letter name' }
  const base = spell(initial, final)
  if (!base) return { ok: false, reason: 'empty' }
  return { ok: true, base, tone, pinyin: `${base}${tone}` }
}
