/** The built-in Mandarin voices: packs of recorded syllables rendered with PSOLA and a qTA prosody model. */
export { loadZhVoice, type ZhUnit, type ZhVoice, type ZhVoiceOptions } from './pack.js'
export { type MandarinLayout, type MandarinRun, renderMandarin, renderMandarinWithLayout } from './render.js'
export { isZhVoiceName, ZH_VOICES, type ZhVoiceName } from './voices.js'
