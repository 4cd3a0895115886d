/**
 * emotion/: IndexTTS2's 8-dimensional emotion control, engine-agnostic — the vector and its
 * validation, presets, IndexTTS2's UI normalisation, text -> vector, audio -> vector, the
 * acoustic correlates engines realise, and resolveEmotion (mode precedence and alpha).
 * See docs/emotion.md.
 */
export {
  type AudioEmotionAnalysis,
  analyzeAudioEmotion,
  audioToEmotion,
  featuresToEmotion,
  type NeutralProfile,
  neutralFromVoiceProfile,
} from './audio/classify.js'
export { type AcousticFeatures, averageFeatures, measureAcousticFeatures } from './audio/features.js'
export {
  type AcousticCorrelates,
  blendCorrelates,
  type Direction,
  EMOTION_CORRELATES,
  expectedDirections,
  type MeasuredDirections,
  NEUTRAL_CORRELATES,
  RANDOM_SPREAD,
  seededRandom,
} from './correlates.js'
export { INDEXTTS2_EMOTION_BIAS, INDEXTTS2_MAX_EMOTION_SUM, normalizeLikeIndexTTS2 } from './normalize.js'
export { EMOTION_PRESETS, type EmotionPreset, emotionPreset } from './presets.js'
export { type EmotionContext, emotionModeOf, resolveEmotion, scaleByAlpha } from './resolve.js'
export {
  analyzeTextEmotion,
  LexiconTextEmotionClassifier,
  lexiconClassifier,
  type TextEmotionAnalysis,
  type TextEmotionClassifier,
  type TextEmotionMatch,
  textToEmotion,
} from './text/classifier.js'
export {
  type ClassifierEvaluation,
  evaluateTextClassifier,
  formatConfusion,
  type LabelledSentence,
} from './text/evaluate.js'
export {
  CALM_VECTOR,
  dominantEmotion,
  EMOTION_LABELS,
  EMOTION_NAMES,
  type EmotionLabel,
  type EmotionName,
  type EmotionVector,
  emotionIndex,
  emotionNameOf,
  formatEmotionVector,
  NEUTRAL_VECTOR,
  pureEmotion,
  scaleVector,
  toVector,
  validateAlpha,
  validateEmotionVector,
  vectorSum,
} from './vector.js'
