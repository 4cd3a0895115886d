/**
 * Voice cloning for the built-in engine: pick the closest built-in voice, measure its
 * profile, and convert each rendered segment towards the target profile (docs/voice-cloning.md).
 */
export {
  type ConversionPlan,
  type ConvertOptions,
  conversionPlan,
  convertParams,
  convertToProfile,
} from './convert.js'
export { DEFAULT_LIMITS, type MappingLimits } from './mapping.js'
export {
  CALIBRATION_TEXT,
  likelyGender,
  type MeasuredProfile,
  pickSourceVoice,
  profileOfBuiltinVoice,
  voiceDistance,
} from './source.js'
