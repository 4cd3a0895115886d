/**
 * Text -> emotion vector without a language model: lexicon matches combined by rules in
 * the spirit of VADER (Hutto & Gilbert 2014, "VADER: A Parsimonious Rule-based Model for
 * Sentiment Analysis of Social Media Text") extended from polarity to eight emotions:
 *
 * - negation flips a term within a short scope (不开心 -> low spirits, "not afraid" -> calm);
 * - intensifiers before a term (很, 非常, "very") and after it (极了, 死了) scale it;
 *   diminishers (有点, "a bit") shrink it; a negator before an intensifier (不太) weakens;
 * - a contrastive connective (但是, "but") halves what came before it in the sentence and
 *   weighs what follows by 1.5;
 * - clause punctuation: "！" raises high-arousal emotions, "?!" / "？！" and "？？" signal
 *   surprise, a trailing "…" / "..." a sigh; ALL-CAPS English emotion words count more;
 * - emoji and emoticons add their conventional reading.
 *
 * When nothing is detected the result is calm = 1, as IndexTTS2's QwenEmotion does.
 * The classifier sits behind TextEmotionClassifier so a learned (ONNX) model can replace it.
 */
import { EMOTION_NAMES, type EmotionVector, type LangOption } from '../../core/types.js'
import { CALM_VECTOR, toVector } from '../vector.js'
import { EMOJI, EMOTICON_PATTERN, EMOTICONS_MAP } from './emoji.js'
import {
  type CompiledLexicon,
  compileLexicon,
  type Token,
  tokenizeEn,
  tokenizeZh,
  type Weights,
} from './lexicon.js'
import { EN_LEXICON } from './lexicon-en.js'
import { ZH_LEXICON } from './lexicon-zh.js'

/** A text -> emotion model. The lexicon classifier is synchronous; learned models may be async. */
export interface TextEmotionClassifier {
  readonly id: string
  classify(text: string, lang?: LangOption): EmotionVector | Promise<EmotionVector>
}

export interface TextEmotionMatch {
  /** The matched term (lower-cased for English). */
  readonly term: string
  /** Its contribution after negation, intensifiers, punctuation and contrast, by emotion name. */
  readonly contribution: Readonly<Partial<Record<(typeof EMOTION_NAMES)[number], number>>>
}

export interface TextEmotionAnalysis {
  readonly vector: EmotionVector
  /** Raw evidence per emotion before normalisation. */
  readonly scores: EmotionVector
  readonly matches: readonly TextEmotionMatch[]
  /** True when nothing was found and the calm default was returned. */
  readonly fallback: boolean
}

const HAPPY = 0
const ANGRY = 1
const SAD = 2
const AFRAID = 3
const DISGUSTED = 4
const MELANCHOLIC = 5
const SURPRISED = 6
const CALM = 7
/** Emotions of high arousal, which "!" strengthens. */
const AROUSED = [HAPPY, ANGRY, AFRAID, DISGUSTED, SURPRISED]

/** Tokens a negator reaches forward (Chinese tokens are words or single characters). */
const NEGATION_SCOPE = 3
const INTENSIFIER_SCOPE = 3
const CAPS_FACTOR = 1.3
const CONTRAST_BEFORE = 0.5
const CONTRAST_AFTER = 1.5
/** Evidence that gives ~63 % strength; strength = 1 - exp(-total / SATURATION). */
const SATURATION = 0.8
const MIN_EVIDENCE = 0.05
const MIN_WEIGHT = 0.03

/** What a negated emotion turns into (fraction of its weight moved to each target). */
function negate(weights: Weights): Weights {
  const out = new Float64Array(8)
  const w = (i: number): number => weights[i]
  out[MELANCHOLIC] += 0.5 * w(HAPPY)
  out[SAD] += 0.3 * w(HAPPY)
  out[CALM] += 0.3 * (w(ANGRY) + w(SAD) + w(AFRAID) + w(DISGUSTED) + w(MELANCHOLIC) + w(SURPRISED))
  out[AFRAID] += 0.3 * w(CALM)
  out[ANGRY] += 0.2 * w(CALM)
  return out
}

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/
const PICTO = /\p{Extended_Pictographic}/u
/** Clause-ending punctuation; runs of it are kept together ("?!", "！！", "……"). */
const CLAUSE_PUNCT = /^[。！？!?；;，,、：:\n…]+$|^\.{2,}$|^\.$/

interface Piece {
  kind: 'zh' | 'en' | 'punct' | 'emoji' | 'emoticon' | 'space'
  text: string
}

function splitPieces(text: string): Piece[] {
  const pieces: Piece[] = []
  const push = (kind: Piece['kind'], ch: string): void => {
    const last = pieces[pieces.length - 1]
    if (last && last.kind === kind && kind !== 'emoji' && kind !== 'emoticon') last.text += ch
    else pieces.push({ kind, text: ch })
  }
  // Emoticons first (they are made of punctuation and letters).
  let cursor = 0
  const segments: { text: string; emoticon: boolean }[] = []
  for (const m of text.matchAll(EMOTICON_PATTERN)) {
    if (m.index > cursor) segments.push({ text: text.slice(cursor, m.index), emoticon: false })
    segments.push({ text: m[0], emoticon: true })
    cursor = m.index + m[0].length
  }
  if (cursor < text.length) segments.push({ text: text.slice(cursor), emoticon: false })
  for (const seg of segments) {
    if (seg.emoticon) {
      pieces.push({ kind: 'emoticon', text: seg.text })
      continue
    }
    for (const ch of seg.text) {
      if (CJK.test(ch)) push('zh', ch)
      else if (/[A-Za-z'’]/.test(ch)) push('en', ch)
      else if (/[。！？!?；;，,、：:\n….]/.test(ch)) push('punct', ch)
      else if (PICTO.test(ch) || ch === '\u2764' || ch === '\u263a') push('emoji', ch)
      else if (ch === '\ufe0f' || ch === '\u200d') {
        // variation selector / joiner: part of the previous emoji
      } else if (pieces[pieces.length - 1]?.kind === 'en') {
        // spaces, digits, hyphens between Latin words stay in the run so phrases can match
        pieces[pieces.length - 1].text += ch
      } else push('space', ch)
    }
  }
  return pieces
}

export class LexiconTextEmotionClassifier implements TextEmotionClassifier {
  readonly id = 'lexicon'
  private readonly zh: CompiledLexicon = compileLexicon(ZH_LEXICON, 'char')
  private readonly en: CompiledLexicon = compileLexicon(EN_LEXICON, 'word')

  classify(text: string, lang: LangOption = 'auto'): EmotionVector {
    return this.analyze(text, lang).vector
  }

  tokenize(text: string, lang: LangOption = 'auto'): Token[] {
    const tokens: Token[] = []
    for (const piece of splitPieces(text)) {
      if (piece.kind === 'zh') {
        if (lang !== 'en') tokenizeZh(piece.text, this.zh, tokens)
        else for (const ch of piece.text) tokens.push({ kind: 'other', text: ch })
      } else if (piece.kind === 'en') {
        if (lang !== 'zh') tokenizeEn(piece.text, this.en, tokens)
        else tokens.push({ kind: 'other', text: piece.text })
      } else if (piece.kind === 'punct') {
        tokens.push({ kind: 'punct', text: piece.text })
      } else if (piece.kind === 'emoji' || piece.kind === 'emoticon') {
        const mix = piece.kind === 'emoji' ? EMOJI.get(piece.text) : EMOTICONS_MAP.get(piece.text)
        if (mix) tokens.push({ kind: 'emoji', text: piece.text, weights: weightsOf(mix) })
      }
    }
    return tokens
  }

  analyze(text: string, lang: LangOption = 'auto'): TextEmotionAnalysis {
    const tokens = this.tokenize(text, lang)
    const scores = new Float64Array(8)
    const matches: TextEmotionMatch[] = []
    // Work sentence by sentence so that the contrast rule stays local.
    for (const sentence of splitSentences(tokens)) scoreSentence(sentence, scores, matches)
    let total = 0
    for (const s of scores) total += s
    if (total < MIN_EVIDENCE) {
      return { vector: CALM_VECTOR, scores: toVector(scores), matches, fallback: true }
    }
    const strength = 1 - Math.exp(-total / SATURATION)
    const vector = toVector(
      Array.from(scores, (s) => {
        const w = (s / total) * strength
        return w < MIN_WEIGHT ? 0 : Math.round(w * 1000) / 1000
      }),
    )
    return { vector, scores: toVector(scores), matches, fallback: false }
  }
}

function weightsOf(mix: Partial<Record<(typeof EMOTION_NAMES)[number], number>>): Weights {
  const w = new Float64Array(8)
  EMOTION_NAMES.forEach((name, i) => {
    w[i] = mix[name] ?? 0
  })
  return w
}

function isSentenceEnd(text: string): boolean {
  return /[。！？!?；;\n…]/.test(text) || /\.$/.test(text)
}

function splitSentences(tokens: readonly Token[]): Token[][] {
  const sentences: Token[][] = []
  let current: Token[] = []
  for (const t of tokens) {
    current.push(t)
    if (t.kind === 'punct' && isSentenceEnd(t.text)) {
      sentences.push(current)
      current = []
    }
  }
  if (current.length > 0) sentences.push(current)
  return sentences
}

interface Contribution {
  term: string
  weights: Weights
  /** Index of the clause the term sits in, for punctuation effects. */
  clause: number
  /** Before (-1) / after (+1) a contrast word in this sentence, 0 when there is none. */
  side: number
}

function scoreSentence(tokens: readonly Token[], scores: Float64Array, matches: TextEmotionMatch[]): void {
  const contributions: Contribution[] = []
  const clausePunct: string[] = []
  const clauseWords: string[][] = [[]]
  let clause = 0
  let contrastSeen = false
  let negationLeft = 0
  let intensity = 1
  let intensityLeft = 0
  for (const t of tokens) {
    if (t.kind === 'punct') {
      if (CLAUSE_PUNCT.test(t.text)) {
        clausePunct[clause] = (clausePunct[clause] ?? '') + t.text
        clause += 1
        clauseWords[clause] = []
        negationLeft = 0
        intensityLeft = 0
        intensity = 1
      }
      continue
    }
    if (t.kind !== 'emoji') clauseWords[clause].push(t.text)
    if (t.kind === 'emoji') {
      contributions.push({ term: t.text, weights: t.weights, clause, side: contrastSeen ? 1 : 0 })
      continue
    }
    if (t.kind === 'other') {
      if (negationLeft > 0) negationLeft -= 1
      if (intensityLeft > 0) intensityLeft -= 1
      if (intensityLeft === 0) intensity = 1
      continue
    }
    const e = t.entry
    if (e.contrast) {
      contrastSeen = true
      for (const c of contributions) if (c.side === 0) c.side = -1
      continue
    }
    if (e.negator && !e.weights) {
      negationLeft = NEGATION_SCOPE
      continue
    }
    if (e.intensifier !== undefined && !e.weights) {
      // 不太 / "not very": an intensifier after a negator softens instead.
      const factor = negationLeft > 0 ? Math.min(e.intensifier, 0.8) : e.intensifier
      intensity = Math.min(2.5, intensity * factor)
      intensityLeft = INTENSIFIER_SCOPE
      if (negationLeft > 0) negationLeft += 1
      continue
    }
    if (e.post !== undefined && !e.weights) {
      const last = contributions[contributions.length - 1]
      if (last && last.clause === clause) last.weights = last.weights.map((w) => w * (e.post ?? 1))
      continue
    }
    if (!e.weights) {
      // blocker or unused entry: an ordinary word
      if (negationLeft > 0) negationLeft -= 1
      continue
    }
    let weights: Weights = e.weights.map((w) => w * intensity * (t.caps ? CAPS_FACTOR : 1))
    if (negationLeft > 0) weights = negate(weights)
    contributions.push({ term: t.text, weights, clause, side: contrastSeen ? 1 : 0 })
    negationLeft = 0
    intensity = 1
    intensityLeft = 0
  }
  const clauseCount = clause + 1
  const extra = new Float64Array(8)
  for (let c = 0; c < clauseCount; c++) {
    const punct = clausePunct[c] ?? ''
    const exclamations = (punct.match(/[!！]/g) ?? []).length
    const questions = (punct.match(/[?？]/g) ?? []).length
    const ellipsis = /…|\.{2,}/.test(punct)
    const inClause = contributions.filter((x) => x.clause === c)
    if (exclamations > 0) {
      const boost = 1 + 0.2 * Math.min(exclamations, 3)
      for (const x of inClause) for (const i of AROUSED) x.weights[i] *= boost
    }
    const words = clauseWords[c] ?? []
    if (exclamations > 0 && questions > 0) extra[SURPRISED] += 0.7
    else if (questions >= 2) extra[SURPRISED] += 0.4
    else if (questions === 1 && isSurpriseQuestion(words)) extra[SURPRISED] += 0.5
    if (isSurpriseInterjection(words, punct)) extra[SURPRISED] += 0.4
    if (ellipsis) {
      const aroused = inClause.some((x) => AROUSED.some((i) => x.weights[i] > 0.3))
      if (!aroused) extra[MELANCHOLIC] += 0.25
    }
  }
  for (const c of contributions) {
    const factor = c.side < 0 ? CONTRAST_BEFORE : c.side > 0 ? CONTRAST_AFTER : 1
    const contribution: Partial<Record<(typeof EMOTION_NAMES)[number], number>> = {}
    for (let i = 0; i < 8; i++) {
      const v = c.weights[i] * factor
      if (v <= 0) continue
      scores[i] += v
      contribution[EMOTION_NAMES[i]] = Math.round(v * 1000) / 1000
    }
    matches.push({ term: c.term, contribution })
  }
  for (let i = 0; i < 8; i++) if (extra[i] > 0) scores[i] += extra[i]
  if (extra.some((v) => v > 0)) {
    const contribution: Partial<Record<(typeof EMOTION_NAMES)[number], number>> = {}
    for (let i = 0; i < 8; i++) if (extra[i] > 0) contribution[EMOTION_NAMES[i]] = extra[i]
    matches.push({ term: '(punctuation)', contribution })
  }
}

/** One-word questions that voice surprise ("What?", "真的？"). */
const SURPRISE_ONE_WORD = new Set([
  'what',
  'really',
  'seriously',
  'huh',
  'pardon',
  'whoa',
  'wow',
  'what now',
  'you did',
  '什么',
  '真的',
  '啊',
  '嗯',
  '哈',
  '啥',
  '是吗',
  '真的吗',
  '不会吧',
  '真的假的',
  '怎么可能',
])
const EN_QUESTION_START = new Set(
  `who what whom whose when where why how which do does did is are was were am can could will would should
  shall may might must have has had isn't aren't wasn't weren't don't doesn't didn't can't couldn't won't
  wouldn't shouldn't haven't hasn't hadn't`.split(/\s+/),
)
const EN_TAGS = new Set(['right', 'ok', 'okay', 'eh', 'yeah', 'correct'])
/** Particles and question words that make a Chinese clause an ordinary question. */
const ZH_QUESTION = /[吗呢吧么嘛谁哪几啥]|什么|怎|为什么|多少|难道|凭什么|(.)[不没]\1/

/**
 * A question that is not built as one — a statement with a question mark ("You built this
 * yourself?", "他们在一起十年了？") or a one-word echo ("What?") — voices incredulity,
 * i.e. surprise (echo / declarative questions; Gunlogson 2001, "True to Form").
 */
function isSurpriseQuestion(words: readonly string[]): boolean {
  if (words.length === 0) return false
  const joined = words.join(words.some((w) => CJK.test(w)) ? '' : ' ')
  if (SURPRISE_ONE_WORD.has(joined)) return true
  if (CJK.test(joined)) return Array.from(joined).length >= 4 && !ZH_QUESTION.test(joined)
  if (words.length < 3) return false
  const first = words[0].split(' ')[0]
  const last = words[words.length - 1].split(' ').pop() ?? ''
  return !EN_QUESTION_START.has(first) && !EN_TAGS.has(last)
}

/** "Wait," / "Hold on," opening a sentence. */
function isSurpriseInterjection(words: readonly string[], punct: string): boolean {
  const joined = words.join(' ')
  return (joined === 'wait' || joined === 'hold on' || joined === 'wait what') && /[,，!！]/.test(punct)
}

let defaultClassifier: LexiconTextEmotionClassifier | undefined

/** The built-in lexicon classifier (compiled once, on first use). */
export function lexiconClassifier(): LexiconTextEmotionClassifier {
  defaultClassifier ??= new LexiconTextEmotionClassifier()
  return defaultClassifier
}

/**
 * Text -> 8 emotion weights with the built-in lexicon classifier. `lang` restricts which
 * lexicon is used ('auto': Chinese on CJK characters, English on Latin words).
 * Returns calm = 1 when no emotion is found (IndexTTS2's default).
 */
export function textToEmotion(text: string, lang: LangOption = 'auto'): EmotionVector {
  return lexiconClassifier().classify(text, lang)
}

/** Like textToEmotion, with the evidence (matched terms and raw scores). */
export function analyzeTextEmotion(text: string, lang: LangOption = 'auto'): TextEmotionAnalysis {
  return lexiconClassifier().analyze(text, lang)
}
