/**
 * createMynah: the library facade every surface calls (server, CLI, queue). It prepares the
 * text, waits for admission (memory reservation in a bounded queue — runtime/admission.ts),
 * leases the loaded engine, resolves voice (built-in, saved, or a clone profile) and
 * emotion, streams the engine's chunks at the requested sample rate and reports progress.
 * The engine is called in exactly one place (runEngine), inside the reservation.
 */

import { cpus, totalmem } from 'node:os'
import { decodeAudio, resample } from '../audio/index.js'
import { concatFloat32 } from '../core/arrays.js'
import type { MynahConfig } from '../core/config.js'
import { MynahError, throwIfAborted } from '../core/errors.js'
import {
  INTERVAL_SILENCE_MS_RANGE,
  type Lang,
  SAMPLE_RATE_RANGE,
  type Segment,
  SPEED_RANGE,
  type TextWarning,
  type VoiceProfile,
} from '../core/types.js'
import { VERSION } from '../core/version.js'
import { neutralFromVoiceProfile, resolveEmotion } from '../emotion/index.js'
import type { AudioChunk, Engine, EngineInfo, SynthesisRequest } from '../engines/engine.js'
import { ENGINES, engineEntry } from '../engines/engine.js'
import { prepareText } from '../text/index.js'
import type { SavedVoice } from '../voice/library.js'
import { Admission, type MachineProbe } from './admission.js'
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
import { GlossaryFile } from './glossary-file.js'
import { isOpenAiVoice, mapOpenAiVoice } from './openai-voices.js'
import { builtinListings, savedListing, VoiceCatalog } from './voices.js'

/** IndexTTS2's default interval_silence between segments, in ms. */
export const DEFAULT_INTERVAL_SILENCE_MS = 200

export type EngineFactory = (id: string) => Promise<Engine>

/** The voice a request speaks with, chosen before admission (see chooseVoice). */
interface VoiceChoice {
  /** The engine's built-in voice (the source voice when cloning); undefined = engine default. */
  readonly voice?: string
  /** Reported back: built-in name, saved voice name, or 'reference'. */
  readonly spoken: string
  /** A clip to clone: uploaded with the request, or a saved voice's. */
  readonly clone?: { readonly clip: Uint8Array } | { readonly saved: SavedVoice }
}

export interface MynahOptions {
  /** Makes an engine by id; default: the ENGINES registry (tests pass fakes). */
  engineFactory?: EngineFactory
  /** Hardware probe for the memory plan; default probes this machine (tests pass fakes). */
  probe?: MachineProbe
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
  /** Memory plan + admission queue + engine leases (idle engines unload after keep-alive). */
  const admission = new Admission({ config, create: makeEngine, probe: options.probe })
  const voices = new VoiceCatalog(config)
  const glossary = new GlossaryFile(config.home)
  const engine = (id: string) => admission.engine(id)
  let peakRss = process.memoryUsage().rss

  function prepare(text: string, lang: SpeakRequest['lang'], maxTokensPerSegment?: number): PreparedText {
    const { segments, warnings } = prepareText(text, {
      lang: lang ?? 'auto',
      maxTokensPerSegment: maxTokensPerSegment ?? config.maxTokensPerSegment,
      maxTextChars: config.maxTextChars,
      glossary: glossary.get(),
    })
    return { segments: [...segments], warnings: [...warnings] }
  }

  /**
   * Which voice speaks, decided from names alone before the request queues (an unknown name
   * fails at once, not after waiting for memory): the engine's voice to use (the source voice
   * when cloning), the clip to clone if any, and the name reported back.
   */
  function chooseVoice(info: EngineInfo, request: SpeakRequest, segments: readonly Segment[]): VoiceChoice {
    if (request.reference) {
      // A built-in voice named alongside a reference chooses the source voice to convert from.
      const builtin = info.voices.some((v) => v.name === request.voice) ? request.voice : undefined
      return { voice: builtin, spoken: 'reference', clone: { clip: request.reference } }
    }
    if (request.voice === undefined) {
      const fallback = defaultVoiceName(info, segments)
      return { voice: fallback, spoken: fallback ?? info.id }
    }
    if (info.voices.some((v) => v.name === request.voice))
      return { voice: request.voice, spoken: request.voice }
    const saved = voices.find(request.voice)
    if (saved) return { spoken: saved.name, clone: { saved } }
    // OpenAI's voice names (alloy, onyx, ...) stand for a built-in voice of their gender in the
    // text's main language, after saved voices so a voice saved as "alloy" stays reachable.
    if (isOpenAiVoice(request.voice)) {
      const mapped =
        mapOpenAiVoice(request.voice, info.voices, mainLanguage(segments)) ?? defaultVoiceName(info, segments)
      return { voice: mapped, spoken: mapped ?? info.id }
    }
    const savedNames = voices.list().map((v) => v.name)
    throw new MynahError('E_VOICE_UNKNOWN', {
      voice: request.voice,
      hint:
        `Built-in voices: ${info.voices.map((v) => v.name).join(', ')}.` +
        (savedNames.length > 0 ? ` Saved voices: ${savedNames.join(', ')}.` : ''),
    })
  }

  /** The clone profile of a choice (built inside the reservation: profiling costs CPU and memory). */
  async function cloneOf(
    choice: VoiceChoice,
    en: Engine,
    signal: AbortSignal,
  ): Promise<{ profile?: VoiceProfile; warnings: TextWarning[] }> {
    if (!choice.clone) return { warnings: [] }
    return 'saved' in choice.clone
      ? voices.profileOfSaved(choice.clone.saved, en, signal)
      : voices.profileOf(choice.clone.clip, en, signal)
  }

  /** The one place an engine synthesizes (admission control wraps this). */
  function runEngine(en: Engine, request: SynthesisRequest, signal: AbortSignal): AsyncIterable<AudioChunk> {
    return en.synthesize(request, signal)
  }

  /** What a run found out on the way, for speak()'s result. */
  interface RunFacts {
    prepared?: PreparedText
    spoken?: string
    voiceWarnings?: TextWarning[]
  }

  async function* run(request: SpeakRequest, opts: SpeakOptions, facts: RunFacts): AsyncIterable<AudioChunk> {
    const signal = opts.signal ?? new AbortController().signal
    const progress = (p: Progress) => opts.onProgress?.(p)
    const speed = request.speed ?? 1
    const sampleRate = request.sampleRate ?? config.sampleRate
    const intervalSilenceMs = request.intervalSilenceMs ?? DEFAULT_INTERVAL_SILENCE_MS
    checkRange('speed', speed, SPEED_RANGE)
    checkRange('sampleRate', sampleRate, SAMPLE_RATE_RANGE, true)
    checkRange('intervalSilenceMs', intervalSilenceMs, INTERVAL_SILENCE_MS_RANGE)
    throwIfAborted(signal)

    progress({ stage: 'text' })
    facts.prepared = prepare(request.text, request.lang, request.maxTokensPerSegment)
    const { segments } = facts.prepared
    const id = request.engine ?? config.engine
    const choice = chooseVoice((await admission.engine(id)).describe(), request, segments)
    facts.spoken = choice.spoken
    // Wait for memory and a slot (E_BUSY when the queue is full), then lease the loaded engine.
    const admitted = await admission.admit(id, signal, (queuePosition) =>
      progress({ stage: 'queued', queuePosition }),
    )
    const work = admitted.reservation.signal
    try {
      const en = admitted.engine
      throwIfAborted(work)
      progress({ stage: 'voice' })
      const { profile, warnings } = await cloneOf(choice, en, work)
      const { voice, spoken } = choice
      facts.voiceWarnings = warnings
      // No spec = the speaker's own manner (source 'speaker'); emotion/ applies IndexTTS2's precedence.
      const emotion = await resolveEmotion(request.emotion, {
        text: request.text,
        lang: request.lang,
        decodeAudio: (bytes) => decodeAudio(bytes),
        // Audio -> emotion is measured relative to the speaker's neutral manner when it is known.
        neutral: profile ? neutralFromVoiceProfile(profile) : undefined,
        signal: work,
      })
      throwIfAborted(work)

      const total = segments.length
      let done = 0
      const rssBefore = process.memoryUsage().rss
      progress({ stage: 'synthesis', segmentsDone: 0, segmentsTotal: total, voice: spoken })
      const chunks = runEngine(
        en,
        { segments, voice, profile, emotion, speed, intervalSilenceMs, params: request.params ?? {} },
        work,
      )
      for await (const chunk of chunks) {
        throwIfAborted(work)
        const out = await resample(chunk, sampleRate)
        const rss = process.memoryUsage().rss
        peakRss = Math.max(peakRss, rss)
        admitted.reservation.recordPeak({ ramBytes: Math.max(0, rss - rssBefore) })
        yield {
          samples: out.samples,
          sampleRate,
          segmentIndex: chunk.segmentIndex,
          segmentEnd: chunk.segmentEnd,
        }
        if (chunk.segmentEnd)
          progress({ stage: 'synthesis', segmentsDone: ++done, segmentsTotal: total, voice: spoken })
      }
      progress({ stage: 'done', segmentsDone: done, segmentsTotal: total, voice: spoken })
    } finally {
      admitted.done()
    }
  }

  function synthesize(request: SpeakRequest, opts: SpeakOptions = {}): AsyncIterable<AudioChunk> {
    return run(request, opts, {})
  }

  async function speak(request: SpeakRequest, opts: SpeakOptions = {}): Promise<SpeechResult> {
    const facts: RunFacts = {}
    const parts: Float32Array[] = []
    for await (const chunk of run(request, opts, facts)) parts.push(chunk.samples)
    const samples = concatFloat32(parts)
    const { segments = [], warnings = [] } = facts.prepared ?? {}
    const sampleRate = request.sampleRate ?? config.sampleRate
    return {
      samples,
      sampleRate,
      segments,
      voice: facts.spoken ?? '',
      warnings: [...warnings, ...(facts.voiceWarnings ?? [])],
    }
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
    return [...builtinListings(en.describe()), ...voices.list().map((v) => savedListing(v, en.id))]
  }

  async function addVoice(name: string, clip: Uint8Array): Promise<VoiceListing> {
    const en = await engine(config.engine)
    if (en.describe().voices.some((v) => v.name.toLowerCase() === name.trim().toLowerCase()))
      throw new MynahError('E_VOICE_NAME_TAKEN', { name: name.trim() })
    return savedListing(await voices.add(name, clip, en), en.id)
  }

  async function system(): Promise<SystemStatus> {
    const rss = process.memoryUsage().rss
    peakRss = Math.max(peakRss, rss)
    const admitted = await admission.status(config.engine)
    const stats = admitted?.stats
    const plan = admitted?.plan
    return {
      version: VERSION,
      engine: {
        id: config.engine,
        loaded: admission.isLoaded(config.engine),
        device: plan?.device ?? config.device,
      },
      memory: {
        rssBytes: rss,
        budgetBytes: stats?.budgetRamBytes ?? totalmem(),
        reservedBytes: stats?.reservedRamBytes ?? 0,
        peakRssBytes: peakRss,
        predictedPeakRamBytes: plan?.atConcurrency.ramBytes,
        predictedPeakVramBytes: plan?.atConcurrency.vramBytes,
      },
      queue: {
        active: stats?.active ?? 0,
        waiting: stats?.waiting ?? 0,
        capacity: stats?.capacity ?? config.queueSize,
        maxConcurrency: stats?.maxConcurrency ?? config.maxConcurrency,
      },
      // The machine the plan was made for (probed once); before the first request, what os/ knows.
      hardware: plan
        ? {
            platform: process.platform,
            arch: process.arch,
            cpus: plan.machine.cpu.cores,
            cpuModel: plan.machine.cpu.model,
            totalMemoryBytes: plan.machine.ramTotalBytes,
            gpus: plan.machine.gpus.map((g) => ({ name: g.name, totalBytes: g.totalBytes })),
            verdict: plan.verdict,
            plan: plan.summary,
          }
        : {
            platform: process.platform,
            arch: process.arch,
            cpus: cpus().length,
            totalMemoryBytes: totalmem(),
          },
    }
  }

  return {
    config,
    synthesize,
    speak,
    prepareText: (text, o = {}) => prepare(text, o.lang, o.maxTokensPerSegment),
    engines,
    listVoices,
    addVoice,
    removeVoice: async (idOrName) => {
      voices.remove(idOrName)
    },
    system,
    async close(): Promise<void> {
      await admission.close()
      voices.close()
    },
  }
}
