/**
 * Accuracy of a text emotion classifier on labelled sentences: top-emotion accuracy and a
 * confusion table. Used by the unit test (floor) and bench/emotion-text.ts (report); an
 * ONNX classifier that replaces the lexicon one is measured the same way.
 */
import { EMOTION_NAMES, type EmotionName, type LangOption } from '../../core/types.js'
import { dominantEmotion } from '../vector.js'
import type { TextEmotionClassifier } from './classifier.js'

export interface LabelledSentence {
  readonly id: string
  readonly lang: 'zh' | 'en'
  readonly label: EmotionName
  readonly split: 'dev' | 'test'
  readonly text: string
}

export interface ClassifierEvaluation {
  readonly total: number
  readonly correct: number
  readonly accuracy: number
  /** confusion[label][predicted] counts, in EMOTION_NAMES order. */
  readonly confusion: readonly (readonly number[])[]
  /** Share of the most frequent label: the accuracy of always guessing it. */
  readonly majorityBaseline: number
  readonly errors: readonly { id: string; label: EmotionName; predicted: EmotionName }[]
}

export async function evaluateTextClassifier(
  classifier: TextEmotionClassifier,
  sentences: readonly LabelledSentence[],
  lang?: LangOption,
): Promise<ClassifierEvaluation> {
  const confusion = EMOTION_NAMES.map(() => new Array<number>(8).fill(0))
  const errors: { id: string; label: EmotionName; predicted: EmotionName }[] = []
  let correct = 0
  for (const s of sentences) {
    const vector = await classifier.classify(s.text, lang ?? s.lang)
    const predicted = dominantEmotion(vector) ?? 'calm'
    confusion[EMOTION_NAMES.indexOf(s.label)][EMOTION_NAMES.indexOf(predicted)] += 1
    if (predicted === s.label) correct += 1
    else errors.push({ id: s.id, label: s.label, predicted })
  }
  const perLabel = confusion.map((row) => row.reduce((a, b) => a + b, 0))
  const total = sentences.length
  return {
    total,
    correct,
    accuracy: total > 0 ? correct / total : 0,
    confusion,
    majorityBaseline: total > 0 ? Math.max(...perLabel) / total : 0,
    errors,
  }
}

/** Plain-text confusion table (rows: label, columns: prediction) with per-row recall. */
export function formatConfusion(evaluation: ClassifierEvaluation): string {
  const short = EMOTION_NAMES.map((n) => n.slice(0, 5))
  const lines = [`${'label'.padEnd(12)}${short.map((s) => s.padStart(6)).join('')}  recall`]
  evaluation.confusion.forEach((row, i) => {
    const n = row.reduce((a, b) => a + b, 0)
    const recall = n > 0 ? `${((100 * row[i]) / n).toFixed(0)} %` : '-'
    lines.push(
      `${EMOTION_NAMES[i].padEnd(12)}${row.map((c) => String(c).padStart(6)).join('')}  ${recall.padStart(6)}`,
    )
  })
  return lines.join('\n')
}
