/**
 * The built-in engine: Mandarin runs go to a recorded-syllable voice, English runs to a
 * flite voice of the same gender; each segment's pieces are levelled, joined with pauses
 * and crossfades at 24 kHz, and yielded as one chunk as soon as the segment is done. With
 * a clone profile, every piece is converted towards it right after it is rendered
 * (clone-sources.ts), so cloning streams the same way.
 */
import { MynahError, throwIfAborted } from '../../core/errors.js'
import {
  type Audio,
  type Lang,
  type Segment,
  SPEED_RANGE,
  strongerBreak,
  type TextRun,
  type VoiceProfile,
} from '../../core/types.js'
import { buildProfile } from '../../voice/profile.js'
import type { AudioChunk, Engine, EngineInfo, EngineVoice, SynthesisRequest } from '../engine.js'
import { CloneSources } from './clone-sources.js'
import { emotionToProsody } from './emotion-prosody.js'
import { EN_VOICE_BY_GENDER } from './en/voices.js'
import {
  ENGINE_SAMPLE_RATE,
  joinPieces,
  LANGUAGE_SWITCH_MIN_MS,
  PAUSE_MS,
  type Piece,
  withTrailingSilence,
} from './mix.js'
import { type ProsodyControls, scaledPause } from './prosody.js'

/** What a voice needs to render a stretch of its language. */
export interface RenderContext {
  /** Prosody from the emotion (engines/builtin/emotion-prosody.ts); neutral for now. */
  readonly prosody: ProsodyControls
  /** Speaking-rate factor of the request (1 = normal); renderers fold it into their rate. */
  readonly speed: number
  readonly signal: AbortSignal
}

/** One built-in voice behind a uniform call; engines/builtin/voices.ts makes the real ones. */
export interface VoiceRenderer {
  readonly voice: EngineVoice
  /** Load data the voice needs (voice pack, compiled wasm); idempotent. */
  load(): Promise<void>
  /**
   * Render consecutive runs of the voice's language as one piece, pauses between them
   * included; leading and trailing silence trimmed (the engine adds pauses after the piece).
   */
  render(runs: readonly TextRun[], context: RenderContext): Promise<Audio>
  /** Release what load() took (idle unload); the next load() or render() loads again. */
  unload?(): Promise<void>
}

export interface BuiltinEngineOptions {
  /** The voices; both languages must have at least one voice per gender used. */
  readonly voices: readonly VoiceRenderer[]
}

const BUILTIN_INFO = {
  id: 'builtin',
  description: 'Embedded engine: recorded Mandarin syllables + flite English voices, paired by gender.',
  languages: ['zh', 'en'] as const,
} as const

/** A run says something when it has syllables (zh) or a letter or digit (en). */
function isSpeakable(run: TextRun): boolean {
  if (run.lang === 'zh') return (run.syllables?.length ?? 0) > 0 || /\p{L}|\p{N}/u.test(run.text)
  return /[\p{L}\p{N}]/u.test(run.text)
}

/** Consecutive runs of one language, rendered by one voice call. */
interface RunGroup {
  readonly lang: Lang
  readonly runs: TextRun[]
}

function groupRuns(segment: Segment): RunGroup[] {
  const groups: RunGroup[] = []
  for (const run of segment.runs) {
    const group = groups.at(-1)
    if (!isSpeakable(run)) {
      // A dropped run still pauses: its boundary moves to the previous run when stronger (a lone "—").
      const previous = group?.runs.at(-1)
      if (group && previous)
        group.runs[group.runs.length - 1] = {
          ...previous,
          breakAfter: strongerBreak(previous.breakAfter, run.breakAfter),
        }
      continue
    }
    if (group && group.lang === run.lang) group.runs.push(run)
    else groups.push({ lang: run.lang, runs: [run] })
  }
  return groups
}

/**
 * Pause after a group: its last run's break, at least LANGUAGE_SWITCH_MIN_MS (groups change
 * language); scaled by the prosody and speed as the zh renderer scales its own pauses.
 */
function pauseAfterGroup(group: RunGroup, context: RenderContext): number {
  const breakAfter = group.runs[group.runs.length - 1].breakAfter
  return scaledPause(Math.max(PAUSE_MS[breakAfter], LANGUAGE_SWITCH_MIN_MS), context.prosody, context.speed)
}

/** Syllables (zh) and words (en) in the request, to pick the default voice by the main language. */
function spokenUnits(segments: readonly Segment[]): Record<Lang, number> {
  const count: Record<Lang, number> = { zh: 0, en: 0 }
  for (const s of segments)
    for (const run of s.runs)
      count[run.lang] +=
        run.lang === 'zh'
          ? (run.syllables?.length ?? run.text.length)
          : run.text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length
  return count
}

export class BuiltinEngine implements Engine {
  readonly id = BUILTIN_INFO.id
  readonly #voices: readonly VoiceRenderer[]
  readonly #clone: CloneSources
  #loaded = false

  constructor(options: BuiltinEngineOptions) {
    this.#voices = options.voices
    this.#clone = new CloneSources(options.voices)
  }

  describe(): EngineInfo {
    return {
      ...BUILTIN_INFO,
      sampleRate: ENGINE_SAMPLE_RATE,
      features: ['streaming', 'emotion', 'clone'],
      voices: this.#voices.map((v) => v.voice),
      stages: [
        {
          name: 'zh-units',
          // Two Opus voice packs decoded on demand; a few MB of index and decoded units.
          weightBytes: { fp32: 24 * 1024 * 1024 },
          activationBytesPerAudioSecond: 2 * 1024 * 1024,
          activationBytesPerToken: 64 * 1024,
          devices: ['cpu'],
          canLoadOnDemand: false,
        },
        {
          name: 'flite',
          // flite.wasm compiled once (21 MB of wasm); each call instantiates a fresh linear memory.
          weightBytes: { fp32: 64 * 1024 * 1024 },
          activationBytesPerAudioSecond: 1024 * 1024,
          activationBytesPerToken: 256 * 1024,
          devices: ['cpu'],
          canLoadOnDemand: false,
        },
      ],
    }
  }

  /**
   * Warm the default voices. A voice that cannot load (a missing zh pack in a broken
   * install) does not fail the engine: it fails with its own error when a request needs it,
   * so the other language still speaks.
   */
  async load(): Promise<void> {
    if (this.#loaded) return
    const defaults = this.#voices.filter((v) => v.voice.isDefault)
    await Promise.allSettled(defaults.map((v) => v.load()))
    this.#loaded = true
  }

  /**
   * Profile of a reference clip (speech only: voice/reference.ts ingestReference first).
   * The id is left empty: it is set by the caller (the facade's ProfileCache), which keys
   * profiles by the sha256 of the uploaded bytes.
   */
  async profile(reference: Audio, signal?: AbortSignal): Promise<VoiceProfile> {
    return buildProfile(reference, '', { signal })
  }

  /** Idle unload (runtime's keep-alive): the voices give back their packs and decoders. */
  async unload(): Promise<void> {
    this.#loaded = false
    await Promise.allSettled(this.#voices.map((v) => v.unload?.()))
  }

  /** The voice for each language: the named voice decides the gender, the other language uses its pair. */
  pickVoices(name: string | undefined, segments: readonly Segment[]): Record<Lang, VoiceRenderer> {
    const byName = (n: string) => this.#voices.find((v) => v.voice.name === n)
    let primary: VoiceRenderer | undefined
    if (name !== undefined) {
      primary = byName(name)
      if (!primary)
        throw new MynahError('E_VOICE_UNKNOWN', {
          voice: name,
          hint: `Built-in voices: ${this.#voices.map((v) => v.voice.name).join(', ')}.`,
        })
    } else {
      const units = spokenUnits(segments)
      const lang: Lang = units.zh >= units.en ? 'zh' : 'en'
      primary = this.#voices.find((v) => v.voice.lang === lang && v.voice.isDefault)
    }
    if (!primary) throw new MynahError('E_INTERNAL', { detail: 'the built-in engine has no default voice' })
    const gender = primary.voice.gender
    // The partner: the language's default if it has this gender, else the clearest voice of
    // the gender (English: EN_VOICE_BY_GENDER), else any of the gender, else any.
    const clearest = (lang: Lang) =>
      lang === 'en' ? this.#voices.find((v) => v.voice.name === EN_VOICE_BY_GENDER[gender]) : undefined
    const partner = (lang: Lang) =>
      primary.voice.lang === lang
        ? primary
        : (this.#voices.find(
            (v) => v.voice.lang === lang && v.voice.gender === gender && v.voice.isDefault,
          ) ??
          clearest(lang) ??
          this.#voices.find((v) => v.voice.lang === lang && v.voice.gender === gender) ??
          this.#voices.find((v) => v.voice.lang === lang))
    const zh = partner('zh')
    const en = partner('en')
    if (!zh || !en) throw new MynahError('E_INTERNAL', { detail: 'the built-in engine lacks a voice pair' })
    return { zh, en }
  }

  async *synthesize(request: SynthesisRequest, signal: AbortSignal): AsyncIterable<AudioChunk> {
    const { segments, speed } = request
    if (!Number.isFinite(speed) || speed < SPEED_RANGE.min || speed > SPEED_RANGE.max)
      throw new MynahError('E_INVALID_ARGUMENT', {
        detail: `speed must be between ${SPEED_RANGE.min} and ${SPEED_RANGE.max}, got ${speed}`,
      })
    if (!(request.intervalSilenceMs >= 0))
      throw new MynahError('E_INVALID_ARGUMENT', { detail: 'intervalSilenceMs must be 0 or more' })
    const target = request.profile
    // Cloning converts from the named voice (and its pair), or from the voices closest to the target.
    const voices =
      target && request.voice === undefined
        ? this.#clone.pick(target)
        : this.pickVoices(request.voice, segments)
    if (!segments.some((s) => s.runs.some(isSpeakable))) throw new MynahError('E_TEXT_UNSPEAKABLE')
    const context: RenderContext = { prosody: emotionToProsody(request.emotion), speed, signal }
    throwIfAborted(signal)
    for (const [i, segment] of segments.entries()) {
      const audio = await this.renderSegment(segment, voices, context, target)
      throwIfAborted(signal)
      const last = i === segments.length - 1
      const chunk = last ? audio : withTrailingSilence(audio, request.intervalSilenceMs)
      yield { ...chunk, segmentIndex: segment.index, segmentEnd: true }
    }
  }

  /**
   * Render one segment: one voice call per language group, each piece converted towards
   * `target` when cloning, then level and join. Conversion comes after the emotion's
   * prosody has shaped the rendering and before levelling, so the emotion's gain is applied
   * once, at the join, for both languages.
   */
  async renderSegment(
    segment: Segment,
    voices: Record<Lang, VoiceRenderer>,
    context: RenderContext,
    target?: VoiceProfile,
  ): Promise<Audio> {
    const groups = groupRuns(segment)
    const pieces: Piece[] = []
    for (const [k, group] of groups.entries()) {
      throwIfAborted(context.signal)
      const voice = voices[group.lang]
      await voice.load()
      let audio: Audio
      if (target) {
        // The source voice's profile first: measuring it (once) takes a second or two, and a
        // request cancelled meanwhile stops before rendering.
        const source = await this.#clone.profileOf(voice, context.signal)
        audio = await this.#clone.convert(await voice.render(group.runs, context), source, target, context)
      } else audio = await voice.render(group.runs, context)
      const isLast = k === groups.length - 1
      pieces.push({ audio, pauseAfterMs: isLast ? 0 : pauseAfterGroup(group, context) })
    }
    // Pieces are levelled to one loudness, so the prosody's gain is applied here, once, for both languages.
    return joinPieces(pieces, ENGINE_SAMPLE_RATE, context.prosody.gainDb)
  }
}
