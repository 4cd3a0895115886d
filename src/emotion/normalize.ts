/**
 * IndexTTS2's web-UI normalisation of slider vectors, for callers that want its exact
 * behaviour (IndexTTS2 infer_v2.py `normalize_emo_vec`, applied by webui.py in the
 * "emotion vector" mode only; `infer()` itself does not apply it).
 *
 * 1. Each weight is multiplied by a per-emotion bias that de-emphasises emotions which
 *    "can cause strange results" in IndexTTS2 — surprised and calm most of all.
 * 2. If the biased weights sum to more than 0.8, all are scaled so the sum is 0.8: the
 *    remaining 0.2 or more always goes to the speaker's own emotion (IndexTTS2 mixes
 *    `emovec = Σ wᵢ·eᵢ + (1 − Σ wᵢ)·speaker`).
 *
 * mynah's resolveEmotion does not apply it (neither does IndexTTS2's library call); the
 * web UI and the indextts2 engine may, to match IndexTTS2's UI.
 */
import type { EmotionVector } from '../core/types.js'
import { scaleVector, toVector, vectorSum } from './vector.js'

/** [happy, angry, sad, afraid, disgusted, melancholic, surprised, calm] */
export const INDEXTTS2_EMOTION_BIAS: EmotionVector = [0.9375, 0.875, 1.0, 1.0, 0.9375, 0.9375, 0.6875, 0.5625]
/** Largest total weight IndexTTS2's UI lets through. */
export const INDEXTTS2_MAX_EMOTION_SUM = 0.8

export function normalizeLikeIndexTTS2(vector: EmotionVector, applyBias = true): EmotionVector {
  const biased = toVector(applyBias ? vector.map((w, i) => w * INDEXTTS2_EMOTION_BIAS[i]) : vector)
  const sum = vectorSum(biased)
  if (sum <= INDEXTTS2_MAX_EMOTION_SUM) return biased
  return scaleVector(biased, INDEXTTS2_MAX_EMOTION_SUM / sum)
}
