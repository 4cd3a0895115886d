/**
 * mynah's public library API: the only module users import. Types and entry points only;
 * the implementation lives in the rooms below (see DESIGN.md).
 */

export type { MynahConfig } from './core/config.js'
export { DEFAULT_CONFIG, loadConfig } from './core/config.js'
export type { ErrorCode, ErrorDetails } from './core/errors.js'
export { ERROR_CATALOGUE, httpStatusOf, MynahError } from './core/errors.js'
export type {
  Audio,
  BreakLevel,
  Device,
  EmotionName,
  EmotionVector,
  Lang,
  LangOption,
  Precision,
  ResolvedEmotion,
  Segment,
  Syllable,
  TextRun,
  TextWarning,
  VoiceProfile,
} from './core/types.js'
export { EMOTION_NAMES } from './core/types.js'
export type {
  AudioChunk,
  Engine,
  EngineInfo,
  EngineVoice,
  Placement,
  StageInfo,
  SynthesisRequest,
} from './engines/engine.js'
export type {
  EmotionMode,
  EmotionSpec,
  Mynah,
  OutputFormat,
  PreparedText,
  Progress,
  SpeakOptions,
  SpeakRequest,
  SpeechResult,
  SystemStatus,
  VoiceListing,
} from './runtime/api.js'
export { OUTPUT_FORMATS } from './runtime/api.js'
export { createMynah } from './runtime/mynah.js'
