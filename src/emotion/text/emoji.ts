/**
 * Emoji and emoticons as emotion cues, by their conventional reading (Unicode CLDR short
 * names: "grinning face", "pouting face", "crying face", ...). Written by the project.
 */
import type { EmotionName } from '../../core/types.js'

type Mix = Partial<Record<EmotionName, number>>

const GROUPS: readonly [string, Mix][] = [
  [
    '😀 😃 😄 😁 😆 😊 ☺️ ☺ 🙂 😍 🥰 😘 😻 😺 😸 🤗 🥳 🎉 🎊 🎈 ❤️ ❤ 💕 💖 💗 👍 🙌 👏 ✨ 🌞 😎 😋 🤩 💯',
    { happy: 1 },
  ],
  ['😂 🤣 😹', { happy: 0.9 }],
  ['😠 😡 🤬 👿 💢 😤 🖕 😾', { angry: 1 }],
  ['😢 😭 😿 💔 🥺 😥', { sad: 1 }],
  ['😱 😨 😰 😧 🙀 👻 💀 ☠️ ☠', { afraid: 1 }],
  ['😬 😖', { afraid: 0.5, disgusted: 0.3 }],
  ['🤢 🤮 😒 🙄 💩 🤧', { disgusted: 1 }],
  ['😔 😞 😟 😩 😫 😪 😓 🥀 🌧️ 🌧 ☔ 🍂 😑 😐 🫠', { melancholic: 0.9 }],
  ['😮 😲 😯 🤯 😳 ❗ ‼️ ‼ ⁉️ ⁉ 😦', { surprised: 1 }],
  ['😌 🧘 🍵 ☕ 🌿 🍃 🕊️ 🕊 😴 🛀', { calm: 1 }],
]

/** ASCII and kaomoji emoticons (matched as whole tokens, case-sensitive). */
const EMOTICONS: readonly [string, Mix][] = [
  [':) :-) :] =) ^_^ ^^ (^_^) :D :-D XD xD <3 (*^▽^*) (≧▽≦) ヽ(^o^)ノ', { happy: 1 }],
  [":( :-( :[ =( :'( T_T T.T QAQ QwQ ಥ_ಥ (╥﹏╥)", { sad: 1 }],
  ['>:( >:-( (╯°□°)╯︵┻━┻ ╰_╯', { angry: 1 }],
  [':O :-O :o O_O o_O O.O (⊙_⊙) Σ(っ°Д°;)っ', { surprised: 1 }],
  ['-_- =_= orz OTZ', { melancholic: 0.8 }],
  [':S D:', { afraid: 0.7 }],
]

function build(groups: readonly [string, Mix][]): Map<string, Mix> {
  const map = new Map<string, Mix>()
  for (const [list, mix] of groups) for (const item of list.split(' ')) if (item) map.set(item, mix)
  return map
}

export const EMOJI: ReadonlyMap<string, Mix> = build(GROUPS)
export const EMOTICONS_MAP: ReadonlyMap<string, Mix> = build(EMOTICONS)

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

/** Matches any emoticon, longest first, standing alone (not inside a word). */
export const EMOTICON_PATTERN = new RegExp(
  `(?<![A-Za-z0-9])(?:${[...EMOTICONS_MAP.keys()]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|')})(?![A-Za-z0-9])`,
  'g',
)
