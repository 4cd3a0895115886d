/**
 * createMynah: the library facade every surface calls (server, CLI, queue). It prepares the
 * text, resolves voice and emotion, gets the engine from the ENGINES registry (created and
 * loaded once, lazily), streams the engine's chunks at the requested sample rate and
 * reports progress. The engine is called in exactly one place (runEngine), where the
 * scheduler's admission control will wrap it.
 */
import { cpus, totalmem } from 'node:os'
import { decodeAudio, resample } from '../audio/index.js'
import type { MynahConfig } from '../core/config.js'
import { MynahError, throwIfAborted } from '../core/errors.js'
import type { Lang, Segment, VoiceProfile } from '../core/types.js'
import { VERSION } from '../core/version.js'
import { resolveEmotion } from '../emotion/index.js'
import type { AudioChunk, Engine, EngineInfo, SynthesisRequest } from '../engines/engine.js'
import { ENGINES, engineEntry } from '../engines/engine.js'
import { prepareText } from '../text/index.js'
import type {
  Mynah,
  PreparedText,
  Progress,
  SpeakOptions,
  SpeakRequest,
  SpeechResult,
  SystemStatus,
  VoiceListing,
} from './api.js'

/** IndexTTS2's default interval_silence between segments, in ms. */
export const DEFAULT_INTERVAL_SILENCE_MS = 200
/** Output sample rates a request may ask for. */
export const SAMPLE_RATE_RANGE = { min: 8_000, max: 48_000 } as const
export const SPEED_RANGE = { min: 0.5, max: 2 } as const

export type EngineFactory = (id: string) => Promise<Engine>

export interface MynahOptions {
  /** Makes an engine by id; default: the ENGINES registry (tests pass fakes). */
  engineFactory?: EngineFactory
}

const registryFactory: EngineFactory = (id) => engineEntry(id).create()

function checkRange(name: string, value: number, range: { min: number; max: number }, integer = false): void {
  if (
    !Number.isFinite(value) ||
    value < range.min ||
    value > range.max ||
    (integer && !Number.isInteger(value))
  )
    throw new MynahError('E_INVALID_ARGUMENT', {
      detail: `${name} must be ${integer ? 'an integer ' : ''}between ${range.min} and ${range.max}, got ${value}`,
    })
}

/** The language most of the text is in (syllables vs words), to pick a default voice. */
function mainLanguage(segments: readonly Segment[]): Lang {
  let zh = 0
  let en = 0
  for (const s of segments)
    for (const run of s.runs)
      if (run.lang === 'zh') zh += run.syllables?.length ?? run.text.length
      else en += run.text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length
  return zh >= en ? 'zh' : 'en'
}

/** The voice an engine speaks with when the request names none: its default for the text's main language. */
export function defaultVoiceName(info: EngineInfo, segments: readonly Segment[]): string | undefined {
  const lang = mainLanguage(segments)
  return (info.voices.find((v) => v.lang === lang && v.isDefault) ?? info.voices[0])?.name
}

export function createMynah(config: MynahConfig, options: MynahOptions = {}): Mynah {
  const makeEngine = options.engineFactory ?? registryFactory
  /** Engines by id: created once, loaded once (a failed load is forgotten so a retry can succeed). */
  const created = new Map<string, Promise<Engine>>()
  const loaded = new Map<string, Promise<Engine>>()
  let active = 0
  let peakRss = process.memoryUsage().rss

  function engine(id: string): Promise<Engine> {
    let e = created.get(id)
    if (!e) {
      e = makeEngine(id)
      created.set(id, e)
      e.catch(() => created.delete(id))
    }
    return e
  }

  function loadedEngine(id: string): Promise<Engine> {
    let e = loaded.get(id)
    if (!e) {
      e = engine(id).then(async (en) => {
        await en.load({ device: config.device, precision: config.fp16 ? 'fp16' : 'fp32' })
        return en
      })
      loaded.set(id, e)
      e.catch(() => loaded.delete(id))
    }
    return e
  }

  function prepare(text: string, lang: SpeakRequest['lang'], maxTokensPerSegment?: number): PreparedText {
    // Seam: a user glossary from <home>/glossary is passed here once the text room reads one.
    const { segments, warnings } = prepareText(text, {
      lang: lang ?? 'auto',
      maxTokensPerSegment: maxTokensPerSegment ?? config.maxTokensPerSegment,
      maxTextChars: config.maxTextChars,
    })
    return { segments: [...segments], warnings: [...warnings] }
  }

  /** Voice name the engine should use, the clone profile if any, and the name reported back. */
  async function resolveVoice(
    en: Engine,
    request: SpeakRequest,
    segments: readonly Segment[],
    signal: AbortSignal,
  ): Promise<{ voice?: string; profile?: VoiceProfile; spoken: string }> {
    const info = en.describe()
    if (request.reference) {
      const reference = await decodeAudio(request.reference)
      throwIfAborted(signal)
      return { profile: await en.profile(reference, signal), spoken: 'reference' }
    }
    if (request.voice === undefined) {
      const fallback = defaultVoiceName(info, segments)
      return { voice: fallback, spoken: fallback ?? en.id }
    }
    if (info.voices.some((v) => v.name === request.voice))
      return { voice: request.voice, spoken: request.voice }
    // Seam: saved voices (src/voice/library) are looked up here and turned into a profile.
    throw new MynahError('E_VOICE_UNKNOWN', {
      voice: request.voice,
      hint: `Built-in voices: ${info.voices.map((v) => v.name).join(', ')}.`,
    })
  }

  /** The one place an engine synthesizes (admission control wraps this). */
  function runEngine(en: Engine, request: SynthesisRequest, signal: AbortSignal): AsyncIterable<AudioChunk> {
    return en.synthesize(request, signal)
  }

  /** What a run found out on the way, for speak()'s result. */
  interface RunFacts {
    prepared?: PreparedText
    spoken?: string
  }

  async function* run(request: SpeakRequest, opts: SpeakOptions, facts: RunFacts): AsyncIterable<AudioChunk> {
    const signal = opts.signal ?? new AbortController().signal
    const progress = (p: Progress) => opts.onProgress?.(p)
    const speed = request.speed ?? 1
    const sampleRate = request.sampleRate ?? config.sampleRate
    const intervalSilenceMs = request.intervalSilenceMs ?? DEFAULT_INTERVAL_SILENCE_MS
    checkRange('speed', speed, SPEED_RANGE)
    checkRange('sampleRate', sampleRate, SAMPLE_RATE_RANGE, true)
    checkRange('intervalSilenceMs', intervalSilenceMs, { min: 0, max: 10_000 })
    throwIfAborted(signal)

    progress({ stage: 'text' })
    facts.prepared = prepare(request.text, request.lang, request.maxTokensPerSegment)
    const { segments } = facts.prepared
    const id = request.engine ?? config.engine
    const en = await loadedEngine(id)
    throwIfAborted(signal)

    progress({ stage: 'voice' })
    const { voice, profile, spoken } = await resolveVoice(en, request, segments, signal)
    facts.spoken = spoken
    // No spec = the speaker's own manner (source 'speaker'); emotion/ applies IndexTTS2's precedence.
    const emotion = await resolveEmotion(request.emotion, {
      text: request.text,
      lang: request.lang,
      decodeAudio: (bytes) => decodeAudio(bytes),
      signal,
    })
    throwIfAborted(signal)

    const total = segments.length
    let done = 0
    progress({ stage: 'synthesis', segmentsDone: 0, segmentsTotal: total })
    active++
    try {
      const chunks = runEngine(
        en,
        { segments, voice, profile, emotion, speed, intervalSilenceMs, params: request.params ?? {} },
        signal,
      )
      for await (const chunk of chunks) {
        throwIfAborted(signal)
        const out = await resample(chunk, sampleRate)
        peakRss = Math.max(peakRss, process.memoryUsage().rss)
        yield {
          samples: out.samples,
          sampleRate,
          segmentIndex: chunk.segmentIndex,
          segmentEnd: chunk.segmentEnd,
        }
        if (chunk.segmentEnd) progress({ stage: 'synthesis', segmentsDone: ++done, segmentsTotal: total })
      }
    } finally {
      active--
    }
    progress({ stage: 'done', segmentsDone: done, segmentsTotal: total })
  }

  function synthesize(request: SpeakRequest, opts: SpeakOptions = {}): AsyncIterable<AudioChunk> {
    return run(request, opts, {})
  }

  async function speak(request: SpeakRequest, opts: SpeakOptions = {}): Promise<SpeechResult> {
    const facts: RunFacts = {}
    const parts: Float32Array[] = []
    for await (const chunk of run(request, opts, facts)) parts.push(chunk.samples)
    const samples = new Float32Array(parts.reduce((n, p) => n + p.length, 0))
    let at = 0
    for (const p of parts) {
      samples.set(p, at)
      at += p.length
    }
    const { segments = [], warnings = [] } = facts.prepared ?? {}
    const sampleRate = request.sampleRate ?? config.sampleRate
    return { samples, sampleRate, segments, voice: facts.spoken ?? '', warnings }
  }

  async function engines(): Promise<EngineInfo[]> {
    const infos: EngineInfo[] = []
    for (const entry of ENGINES) {
      try {
        infos.push((await engine(entry.id)).describe())
      } catch {
        // An engine that cannot be created here (missing weights, no runtime) is not listed.
      }
    }
    return infos
  }

  async function listVoices(): Promise<VoiceListing[]> {
    const en = await engine(config.engine)
    // Seam: saved voices from src/voice/library are appended here.
    return en.describe().voices.map((v) => ({
      id: v.name,
      name: v.name,
      kind: 'builtin',
      engine: en.id,
      lang: v.lang,
      gender: v.gender,
      licence: v.licence,
      description: v.description,
    }))
  }

  const savedVoicesMissing = () =>
    new MynahError('E_ENGINE_NOT_READY', {
      engine: config.engine,
      detail: 'saved voices are not available in this build yet',
    })

  return {
    config,
    synthesize,
    speak,
    prepareText: (text, o = {}) => prepare(text, o.lang, o.maxTokensPerSegment),
    engines,
    listVoices,
    addVoice: async () => {
      throw savedVoicesMissing()
    },
    removeVoice: async () => {
      throw savedVoicesMissing()
    },
    async system(): Promise<SystemStatus> {
      const rss = process.memoryUsage().rss
      peakRss = Math.max(peakRss, rss)
      return {
        version: VERSION,
        engine: { id: config.engine, loaded: loaded.has(config.engine), device: config.device },
        memory: { rssBytes: rss, budgetBytes: totalmem(), reservedBytes: 0, peakRssBytes: peakRss },
        queue: { active, waiting: 0, capacity: config.queueSize, maxConcurrency: config.maxConcurrency },
        hardware: {
          platform: process.platform,
          arch: process.arch,
          cpus: cpus().length,
          totalMemoryBytes: totalmem(),
        },
      }
    },
    async close(): Promise<void> {
      const engines = await Promise.allSettled([...created.values()])
      created.clear()
      loaded.clear()
      for (const e of engines) if (e.status === 'fulfilled') await e.value.unload()
    },
  }
}
