/**
 * The whole front-end in one call: clean → overrides / glossary → normalize → sentences →
 * segments under the token budget → language runs → Chinese G2P.
 */
import { DEFAULT_CONFIG } from '../core/config.js'
import { MynahError } from '../core/errors.js'
import type { LangOption, Segment, TextWarning } from '../core/types.js'
import { annotate } from './annotate.js'
import type { Glossary } from './glossary.js'
import { buildSegment } from './runs.js'
import { segmentSpans } from './segment.js'

export interface PrepareOptions {
  /** Language of the text; 'auto' (default) decides per run. */
  readonly lang?: LangOption
  /** Token budget per segment (default 120, IndexTTS2's max_text_tokens_per_segment). */
  readonly maxTokensPerSegment?: number
  /** Longest accepted input in characters (default DEFAULT_CONFIG.maxTextChars); past it E_TEXT_TOO_LONG. */
  readonly maxTextChars?: number
  readonly glossary?: Glossary
}

export interface PreparedText {
  readonly segments: Segment[]
  readonly warnings: TextWarning[]
}

const SPEECH = /\p{L}/u

function codePointLength(text: string, stopAfter: number): number {
  let n = 0
  for (const _ of text) if (++n > stopAfter) break
  return n
}

export function prepareText(text: string, options: PrepareOptions = {}): PreparedText {
  if (typeof text !== 'string')
    throw new MynahError('E_INVALID_ARGUMENT', { detail: 'text must be a string' })
  const limit = options.maxTextChars ?? DEFAULT_CONFIG.maxTextChars
  if (text.length > limit) {
    const length = codePointLength(text, limit)
    if (length > limit) throw new MynahError('E_TEXT_TOO_LONG', { length: [...text].length, limit })
  }
  if (text.trim() === '') throw new MynahError('E_TEXT_EMPTY')
  const maxTokens = options.maxTokensPerSegment ?? DEFAULT_CONFIG.maxTokensPerSegment
  if (!Number.isInteger(maxTokens) || maxTokens < 1)
    throw new MynahError('E_INVALID_ARGUMENT', {
      detail: `maxTokensPerSegment must be a positive integer, got ${maxTokens}`,
    })

  const annotated = annotate(text, { lang: options.lang, glossary: options.glossary })
  if (!annotated.chars.some((ch) => SPEECH.test(ch))) throw new MynahError('E_TEXT_UNSPEAKABLE')
  const spans = segmentSpans(annotated.chars, annotated.atom, maxTokens)
  const segments = spans
    .map((span, index) => buildSegment(annotated, span, index, index === spans.length - 1))
    .filter((segment) => segment.runs.length > 0)
    .map((segment, index) => ({ ...segment, index }))
  if (segments.length === 0) throw new MynahError('E_TEXT_UNSPEAKABLE')
  return { segments, warnings: annotated.warnings }
}
