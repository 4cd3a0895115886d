/**
 * audio/: decode, encode, resample, loudness and small sample utilities. Audio inside
 * mynah is mono Float32Array plus a sample rate (core/types.ts Audio); encoded bytes exist
 * only at the edges. See docs/audio.md.
 */
export { DEFAULT_MAX_DECODE_SECONDS, type DecodeOptions, decodeAudio } from './decode.js'
export {
  contentTypeOf,
  createStreamEncoder,
  type EncodeOptions,
  encodeAudio,
  type StreamEncoder,
} from './encode.js'
export { type LimiterOptions, limitPeaks } from './limiter.js'
export {
  Biquad,
  type BiquadCoefficients,
  KWeightingFilter,
  kWeightingHighpass,
  kWeightingShelf,
  LoudnessMeter,
  loudnessGainDb,
  measureLoudness,
  type NormalizeOptions,
  normalizeLoudness,
  truePeak,
} from './loudness.js'
export { OPUS_RATES, opusRateFor } from './opus.js'
export {
  createResampler,
  initResampler,
  type ResampleOptions,
  type ResampleQuality,
  resample,
  resampleSync,
  type StreamResampler,
} from './resample.js'
export { type AudioType, sniffAudioType } from './sniff.js'
export {
  applyFade,
  applyGain,
  concatWithCrossfade,
  type FadeOptions,
  fromDb,
  mean,
  mixToMono,
  peak,
  removeDc,
  rms,
  silence,
  type TrimOptions,
  type TrimResult,
  toDb,
  trimSilence,
} from './utils.js'
export { decodeWav, encodeWav } from './wav.js'
