/**
 * The text front-end: what other rooms call. See docs/text.md for the user-facing rules
 * (normalization, override syntax, glossary format).
 */
import type { LangOption, TextWarning } from '../core/types.js'
import { annotate } from './annotate.js'
import type { Glossary } from './glossary.js'

export type { ToneMode } from './g2p/zh.js'
export {
  createGlossary,
  defaultGlossaryPath,
  type Glossary,
  type GlossaryEntry,
  loadGlossary,
} from './glossary.js'
export { type PinyinOptions, pinyinPerChar } from './pinyin.js'
export { type PreparedText, type PrepareOptions, prepareText } from './prepare.js'
export { SentenceSplitter, splitSentences } from './sentences.js'
export { countTokens } from './tokens.js'

export interface NormalizeOptions {
  readonly lang?: LangOption
  readonly glossary?: Glossary
}

/**
 * Normalizes text to the words a speaker would say (numbers, dates, money, units, URLs,
 * abbreviations ... in the language around them), removing control characters and dropping
 * unreadable symbols with a warning. Overrides `<word|reading>` and glossary terms are kept
 * as their word (pinyin readings) or replaced by their English spelling.
 */
export function normalizeText(
  text: string,
  options: NormalizeOptions = {},
): { text: string; warnings: TextWarning[] } {
  const annotated = annotate(text, options)
  return { text: annotated.chars.join(''), warnings: annotated.warnings }
}
