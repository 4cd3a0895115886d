/**
 * Values that cross room boundaries (text -> engines, audio -> voice, runtime -> surfaces).
 * Audio inside the library is always mono Float32Array plus a sample rate; encoding
 * happens at the edge (server, cli).
 */

export type Lang = 'zh' | 'en'
export type LangOption = Lang | 'auto'
export const LANG_OPTIONS: readonly LangOption[] = ['auto', 'zh', 'en']

/** Request ranges every surface validates against (and the library enforces). */
export const SPEED_RANGE = { min: 0.5, max: 2 } as const
export const SAMPLE_RATE_RANGE = { min: 8_000, max: 48_000 } as const
export const INTERVAL_SILENCE_MS_RANGE = { min: 0, max: 10_000 } as const

/** Encoded output formats (audio/ encodes them; surfaces pick one per request). */
export type OutputFormat = 'wav' | 'pcm' | 'mp3' | 'opus' | 'flac'
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['wav', 'pcm', 'mp3', 'opus', 'flac']

/** Mono PCM, samples nominally in [-1, 1]. */
export interface Audio {
  readonly samples: Float32Array
  readonly sampleRate: number
}

/** How strong a boundary is after a run of text; engines turn it into a pause. */
export type BreakLevel =
  | 'none' // inside a phrase (e.g. a zh/en switch mid-sentence)
  | 'word' // between prosodic words
  | 'minor' // ，、,; and the like
  | 'major' // ：;— clause boundary
  | 'sentence' // 。！？.!?
  | 'paragraph' // blank line / end of text

/** Every break level, weakest first. */
export const BREAK_LEVELS: readonly BreakLevel[] = ['none', 'word', 'minor', 'major', 'sentence', 'paragraph']

/** The stronger of two break levels (`a` when they are equal). */
export function strongerBreak(a: BreakLevel, b: BreakLevel): BreakLevel {
  return BREAK_LEVELS.indexOf(a) >= BREAK_LEVELS.indexOf(b) ? a : b
}

/** One Mandarin syllable after G2P: sandhi, erhua and overrides already applied. */
export interface Syllable {
  /** Source characters (usually one; two for an erhua syllable like 儿 merged into 花儿). */
  readonly text: string
  /** Toned pinyin with a tone digit 1-5 (5 = neutral), ü written as "v": "hang2", "lv4", "huar1". */
  readonly pinyin: string
  /** True for the last syllable of a prosodic word (used for duration and pitch shaping). */
  readonly wordEnd: boolean
}

/** A stretch of one language inside a segment. */
export interface TextRun {
  readonly lang: Lang
  /** Normalized text of the run (words a speaker would say). */
  readonly text: string
  /** Mandarin runs: one entry per spoken syllable. Absent for English. */
  readonly syllables?: readonly Syllable[]
  /** Boundary after this run. */
  readonly breakAfter: BreakLevel
}

/** A piece of text small enough for one engine call (≤ max tokens). */
export interface Segment {
  readonly index: number
  /** Normalized text of the whole segment. */
  readonly text: string
  /** Token count used against the budget (see text/tokens.ts). */
  readonly tokens: number
  readonly runs: readonly TextRun[]
}

/** Warnings are collected, never thrown: dropped emoji, unreadable symbols, ... */
export interface TextWarning {
  readonly code:
    | 'W_SYMBOL_DROPPED'
    | 'W_CONTROL_REMOVED'
    | 'W_OVERRIDE_INVALID'
    | 'W_GLOSSARY'
    // About the reference clip (voice/reference.ts): noisy, music, trimmed to 15 s, short.
    | 'W_AUDIO_NOISY'
    | 'W_AUDIO_MUSIC'
    | 'W_AUDIO_TRIMMED'
    | 'W_AUDIO_SHORT'
  readonly message: string
  /** Offset in the input where the problem was found, when known. */
  readonly offset?: number
}

/** IndexTTS2's order: happy, angry, sad, afraid, disgusted, melancholic, surprised, calm. */
export const EMOTION_NAMES = [
  'happy',
  'angry',
  'sad',
  'afraid',
  'disgusted',
  'melancholic',
  'surprised',
  'calm',
] as const
export type EmotionName = (typeof EMOTION_NAMES)[number]
/** Eight weights in EMOTION_NAMES order, each 0..1. */
export type EmotionVector = readonly [number, number, number, number, number, number, number, number]

/** The emotion an engine realises, after mode precedence and alpha have been applied. */
export interface ResolvedEmotion {
  readonly vector: EmotionVector
  /** Strength applied to the vector (IndexTTS2 emo_alpha), already folded into `vector`; kept for engines that want it. */
  readonly alpha: number
  /** Where the vector came from. */
  readonly source: 'speaker' | 'audio' | 'vector' | 'text'
  /**
   * IndexTTS2 use_random: present when the caller asked for random sampling in a mode that
   * has a vector (vector or text). Engines pick a random realisation of each emotion from
   * this seed instead of the one closest to the speaker; the weights themselves are unchanged.
   */
  readonly randomSeed?: number
}

/** IndexTTS2's four emotion control methods (webui 0..3). */
export type EmotionMode = 'speaker' | 'audio' | 'vector' | 'text'
export const EMOTION_MODES: readonly EmotionMode[] = ['speaker', 'audio', 'vector', 'text']

/** How the caller asks for emotion; resolved by emotion/ with IndexTTS2's precedence (docs/emotion.md). */
export interface EmotionSpec {
  /** Explicit mode; when absent it is inferred (text > vector > audio > speaker, as IndexTTS2). */
  mode?: EmotionMode
  /** Weights 0..1 by name, or 8 numbers in EMOTION_NAMES order. */
  vector?: Partial<Record<EmotionName, number>> | readonly number[]
  /** Encoded emotion reference clip (wav/flac/mp3/ogg bytes). */
  audio?: Uint8Array
  /** Text describing the emotion (or the text itself when mode is 'text' and this is absent). */
  text?: string
  /** IndexTTS2 emo_alpha, 0..1 (default 1; 0.6 suggested for text mode). */
  alpha?: number
  /** IndexTTS2 use_random: sample the emotion instead of using it exactly. */
  random?: boolean
}

/** Speaker characteristics measured from a reference clip (builtin engine's cloning target). */
export interface VoiceProfile {
  /** sha256 of the reference audio bytes. */
  readonly id: string
  readonly sampleRate: number
  /** F0 statistics over voiced frames: mean and std of natural-log Hz, 5th/95th percentiles, median. */
  readonly f0: {
    readonly logMean: number
    readonly logStd: number
    readonly minHz: number
    readonly maxHz: number
    /** Median F0 in Hz (the robust centre conversion maps to); absent in profiles made before it existed. */
    readonly medianHz?: number
  }
  /** Vocal-tract-length warp factor relative to an average speaker (>1 = shorter tract, higher formants). */
  readonly warp: number
  /** Long-term average spectral envelope, log magnitude on a fixed frequency grid. */
  readonly envelope: readonly number[]
  /**
   * Standard deviation over voiced frames of the level-normalised envelope (dB) on the same
   * grid: how much the spectral shape moves (articulation). Absent in older profiles.
   */
  readonly envelopeStd?: readonly number[]
  /** Spectral tilt in dB per octave. */
  readonly tiltDbPerOctave: number
  /** Mean aperiodicity (0 = fully periodic, 1 = noise). */
  readonly aperiodicity: number
  /** Syllables (or phones) per second. */
  readonly rate: number
  /** Seconds of speech the profile was built from. */
  readonly speechSeconds: number
  /** Language guessed or declared for the clip, when known. */
  readonly lang?: Lang
  /** Neural engines may attach their own embeddings keyed by engine id. */
  readonly embeddings?: Readonly<Record<string, Float32Array>>
}

export type Device = 'cpu' | 'webgpu' | 'cuda'
export const DEVICES: readonly Device[] = ['cpu', 'webgpu', 'cuda']
export type Precision = 'fp32' | 'fp16' | 'int8'
export type Residency = 'resident' | 'on-demand' | 'offloaded'

export type EngineParams = Readonly<Record<string, string | number | boolean>>
