/**
 * The Engine interface and the registry table. Engines are looked up by id in the table
 * and loaded with import() only when chosen; nothing outside engines/ switches on ids.
 */

import { MynahError } from '../core/errors.js'
import type {
  Audio,
  Device,
  EngineParams,
  Lang,
  Precision,
  Residency,
  ResolvedEmotion,
  Segment,
  VoiceProfile,
} from '../core/types.js'

/** A voice an engine ships (built-in voices) — saved user voices are profiles instead. */
export interface EngineVoice {
  readonly name: string
  readonly lang: Lang
  readonly gender: 'male' | 'female'
  /** SPDX id or short name of the licence of the recordings behind the voice. */
  readonly licence: string
  readonly description: string
  /** True for the voice used when a request names none for this language. */
  readonly isDefault: boolean
}

/** Memory model of one stage of an engine, so the planner can reason about engines it has never run. */
export interface StageInfo {
  readonly name: string
  /** Bytes of weights per precision the stage can run in. */
  readonly weightBytes: Partial<Record<Precision, number>>
  /** Activation bytes per second of output audio (upper estimate). */
  readonly activationBytesPerAudioSecond: number
  /** Activation bytes per input token (upper estimate). */
  readonly activationBytesPerToken: number
  readonly devices: readonly Device[]
  /** May be loaded just for a request and released after it. */
  readonly canLoadOnDemand: boolean
  /** Optional stage (e.g. IndexTTS2's text->emotion LLM). */
  readonly optional?: boolean
}

/** One file (or a folder pattern) the store downloads for a model. */
export interface ModelFileSpec {
  /** Hugging Face repo id, e.g. "IndexTeam/IndexTTS-2". */
  readonly repo: string
  /** Branch, tag or commit (default "main"). */
  readonly revision?: string
  /** Path in the repo; a trailing "/" means every file under that folder. */
  readonly path: string
  /** Where it goes under models/<name>/ (default: same as path). A folder when `path` is one. */
  readonly dest?: string
  /** Approximate bytes, for disk checks before the exact size is known. */
  readonly approxBytes: number
  /** sha256 when known ahead of time; otherwise taken from the hub's LFS metadata at pull. */
  readonly sha256?: string
  /** The stage that needs it (optional stages' files are skipped with --without-optional). */
  readonly stage?: string
}

export interface ModelSpec {
  readonly name: string
  readonly description: string
  /** Licence of the weights, as the model card states it. */
  readonly licence: string
  /** Where the weights come from (model card URL). */
  readonly source: string
  readonly files: readonly ModelFileSpec[]
  readonly stages: readonly StageInfo[]
}

export interface EngineInfo {
  readonly id: string
  readonly description: string
  readonly languages: readonly Lang[]
  /** Native output sample rate; the runtime resamples to the requested rate. */
  readonly sampleRate: number
  readonly features: readonly ('clone' | 'emotion' | 'streaming' | 'emotion-audio')[]
  readonly voices: readonly EngineVoice[]
  readonly stages: readonly StageInfo[]
}

/** Where and how an engine's stages run; chosen by runtime/planner. */
export interface Placement {
  readonly device: Device
  readonly precision: Precision
  readonly stages?: Readonly<Record<string, { device: Device; precision: Precision; residency: Residency }>>
}

export interface SynthesisRequest {
  readonly segments: readonly Segment[]
  /** Built-in voice name of this engine; undefined = the engine's default per language. */
  readonly voice?: string
  /** Clone target; when present the engine converts its voice towards it. */
  readonly profile?: VoiceProfile
  readonly emotion: ResolvedEmotion
  /** Speaking-rate factor, 1 = normal. */
  readonly speed: number
  /** Silence inserted between segments, in ms (IndexTTS2 interval_silence). */
  readonly intervalSilenceMs: number
  readonly params: EngineParams
}

/** One piece of output; engines yield at least one chunk per segment. */
export interface AudioChunk extends Audio {
  readonly segmentIndex: number
  /** True on the last chunk of a segment. */
  readonly segmentEnd: boolean
}

export interface Engine {
  readonly id: string
  describe(): EngineInfo
  load(placement: Placement): Promise<void>
  /**
   * The clone profile of a reference clip (speech only). Its id may be empty: the caller
   * sets it to the sha256 of the uploaded bytes (voice/profile-cache.ts does).
   */
  profile(reference: Audio, signal?: AbortSignal): Promise<VoiceProfile>
  synthesize(request: SynthesisRequest, signal: AbortSignal): AsyncIterable<AudioChunk>
  unload(): Promise<void>
}

export interface EngineEntry {
  readonly id: string
  readonly description: string
  /** Loaded with import() only when the engine is chosen. */
  readonly create: () => Promise<Engine>
}

/** The registry table: add an engine by adding a row. */
export const ENGINES: readonly EngineEntry[] = [
  {
    id: 'builtin',
    description:
      'Embedded engine: recorded Mandarin syllables + flite English, DSP voice cloning and emotion.',
    create: async () => {
      const { createBuiltinEngine } = await import('./builtin/index.js')
      return createBuiltinEngine()
    },
  },
]

export function engineEntry(id: string): EngineEntry {
  const entry = ENGINES.find((e) => e.id === id)
  if (!entry)
    throw new MynahError('E_ENGINE_UNKNOWN', { engine: id, available: ENGINES.map((e) => e.id).join(', ') })
  return entry
}
