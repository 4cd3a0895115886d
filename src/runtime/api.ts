/**
 * The library's public surface (re-exported by src/index.ts): what server/, cli/ and
 * queue/ call. They hold no synthesis logic; everything goes through a Mynah instance.
 */
import type { MynahConfig } from '../core/config.js'
import type { EmotionSpec, EngineParams, LangOption, Segment, TextWarning } from '../core/types.js'
import type { AudioChunk, EngineInfo } from '../engines/engine.js'

// Defined in core so that emotion/ (which resolves them) need not import upward.
export type { EmotionMode, EmotionSpec } from '../core/types.js'
// Defined in core so that audio/ (which encodes them) need not import upward.
export { OUTPUT_FORMATS, type OutputFormat } from '../core/types.js'

export interface SpeakRequest {
  text: string
  lang?: LangOption
  /** Built-in voice name, or a saved voice's name or id. */
  voice?: string
  /** Encoded reference clip to clone from (takes precedence over `voice` for timbre). */
  reference?: Uint8Array
  emotion?: EmotionSpec
  /** Speaking-rate factor, 0.5..2 (default 1). */
  speed?: number
  /** Output sample rate in Hz (default config.sampleRate). */
  sampleRate?: number
  maxTokensPerSegment?: number
  /** Silence between segments in ms (default 200). */
  intervalSilenceMs?: number
  engine?: string
  params?: EngineParams
}

export interface Progress {
  stage: 'queued' | 'text' | 'voice' | 'synthesis' | 'done'
  /** Segments finished so far / in total, during 'synthesis'. */
  segmentsDone?: number
  segmentsTotal?: number
  /** Position in the admission queue while 'queued' (0 = next). */
  queuePosition?: number
  /** The voice that speaks (built-in name, saved voice name, or 'reference'); set from 'synthesis' on. */
  voice?: string
}

export interface SpeakOptions {
  signal?: AbortSignal
  onProgress?: (progress: Progress) => void
}

export interface PreparedText {
  segments: Segment[]
  warnings: TextWarning[]
}

export interface SpeechResult {
  samples: Float32Array
  sampleRate: number
  segments: Segment[]
  /** Voice that spoke (built-in name, saved voice name, or 'reference'). */
  voice: string
  warnings: TextWarning[]
}

export interface VoiceListing {
  /** Stable id: built-in voices use their name; saved voices a short content-hash id. */
  id: string
  name: string
  kind: 'builtin' | 'saved'
  engine: string
  lang?: 'zh' | 'en'
  gender?: 'male' | 'female'
  licence?: string
  description?: string
  createdAt?: string
  /** sha256 of the saved clip's bytes. */
  sha256?: string
  /** Built-in voices: the one that speaks its language when a request names no voice. */
  isDefault?: boolean
}

export interface SystemStatus {
  version: string
  engine: { id: string; loaded: boolean; device: string }
  memory: {
    rssBytes: number
    budgetBytes: number
    reservedBytes: number
    peakRssBytes: number
    /** The plan's predicted peak RAM for the loaded engine (runtime/planner), when one was made. */
    predictedPeakRamBytes?: number
    /** The plan's predicted peak VRAM, when the engine runs on a GPU. */
    predictedPeakVramBytes?: number
    /** Measured peak VRAM of this process, when the runtime can read it. */
    peakVramBytes?: number
  }
  queue: { active: number; waiting: number; capacity: number; maxConcurrency: number }
  hardware: Record<string, unknown>
}

export interface Mynah {
  readonly config: MynahConfig
  /** Streams audio per segment at the requested sample rate; the first chunk comes as soon as segment 0 is ready. */
  synthesize(request: SpeakRequest, options?: SpeakOptions): AsyncIterable<AudioChunk>
  /** Whole utterance, collected. */
  speak(request: SpeakRequest, options?: SpeakOptions): Promise<SpeechResult>
  prepareText(text: string, options?: { lang?: LangOption; maxTokensPerSegment?: number }): PreparedText
  engines(): Promise<EngineInfo[]>
  listVoices(): Promise<VoiceListing[]>
  addVoice(name: string, clip: Uint8Array): Promise<VoiceListing>
  removeVoice(idOrName: string): Promise<void>
  system(): Promise<SystemStatus>
  close(): Promise<void>
}
