/**
 * A stand-in Mynah for testing surfaces (server, CLI) without an engine. It keeps the
 * library's contract: tones whose length follows the text (so tests can check durations),
 * one chunk pair per segment, progress callbacks, AbortSignal honoured between chunks, and
 * the same error codes the real facade raises for bad input. Saved voices go to a real
 * VoiceLibrary when one is given, else to memory.
 */
import { decodeAudio } from '../../src/audio/index.js'
import { DEFAULT_CONFIG, type MynahConfig } from '../../src/core/config.js'
import { MynahError, throwIfAborted } from '../../src/core/errors.js'
import { EMOTION_NAMES, type Segment } from '../../src/core/types.js'
import type { AudioChunk, EngineInfo, EngineVoice } from '../../src/engines/engine.js'
import type {
  Mynah,
  PreparedText,
  SpeakOptions,
  SpeakRequest,
  SpeechResult,
  SystemStatus,
  VoiceListing,
} from '../../src/runtime/api.js'
import { isOpenAiVoice } from '../../src/runtime/openai-voices.js'
import type { VoiceLibrary } from '../../src/voice/library.js'

export interface FakeMynahOptions {
  config?: Partial<MynahConfig>
  /** Seconds of audio per character of text (default 0.06), divided by speed. */
  secondsPerChar?: number
  /** Pause before each chunk, to test cancellation and streaming (default 0). */
  chunkDelayMs?: number
  library?: VoiceLibrary
}

export const FAKE_VOICES: readonly EngineVoice[] = [
  {
    name: 'xiaoyu',
    lang: 'zh',
    gender: 'female',
    licence: 'test',
    description: 'zh female',
    isDefault: true,
  },
  { name: 'laoli', lang: 'zh', gender: 'male', licence: 'test', description: 'zh male', isDefault: false },
  { name: 'kal', lang: 'en', gender: 'male', licence: 'test', description: 'en male', isDefault: true },
  { name: 'slt', lang: 'en', gender: 'female', licence: 'test', description: 'en female', isDefault: false },
]

const ENGINE: EngineInfo = {
  id: 'builtin',
  description: 'fake engine for tests',
  languages: ['zh', 'en'],
  sampleRate: 24_000,
  features: ['clone', 'emotion', 'streaming'],
  voices: FAKE_VOICES,
  stages: [],
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (ms <= 0) return resolve()
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason ?? new MynahError('E_CANCELLED'))
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

function checkEmotion(request: SpeakRequest): void {
  const vector = request.emotion?.vector
  if (vector === undefined) return
  const bad = (detail: string): never => {
    throw new MynahError('E_EMOTION_INVALID', { detail })
  }
  const values = Array.isArray(vector)
    ? vector
    : Object.entries(vector).map(([name, v]) => {
        if (!(EMOTION_NAMES as readonly string[]).includes(name)) bad(`unknown emotion ${name}`)
        return v as number
      })
  if (Array.isArray(vector) && vector.length !== 8) bad('expected 8 weights')
  for (const v of values) if (typeof v !== 'number' || !(v >= 0 && v <= 1)) bad(`weight ${v} is outside 0..1`)
}

export class FakeMynah implements Mynah {
  readonly config: MynahConfig
  readonly requests: SpeakRequest[] = []
  readonly signals: AbortSignal[] = []
  closed = false
  private readonly secondsPerChar: number
  private readonly chunkDelayMs: number
  private readonly library?: VoiceLibrary
  private readonly memoryVoices = new Map<string, VoiceListing>()
  private active = 0
  /** Resolves the next time a synthesis starts producing audio. */
  private startWaiters: (() => void)[] = []

  constructor(options: FakeMynahOptions = {}) {
    this.config = { ...DEFAULT_CONFIG, home: '/nonexistent-mynah-home', ...options.config }
    this.secondsPerChar = options.secondsPerChar ?? 0.06
    this.chunkDelayMs = options.chunkDelayMs ?? 0
    this.library = options.library
  }

  /** How many syntheses saw their AbortSignal fire. */
  get abortedCount(): number {
    return this.signals.filter((s) => s.aborted).length
  }

  /** Wait until a synthesis has started (its first chunk is about to be produced). */
  started(): Promise<void> {
    return new Promise((resolve) => this.startWaiters.push(resolve))
  }

  private checkLength(text: string): void {
    const length = [...text].length
    if (length > this.config.maxTextChars)
      throw new MynahError('E_TEXT_TOO_LONG', { length, limit: this.config.maxTextChars })
  }

  prepareText(text: string, options: { maxTokensPerSegment?: number } = {}): PreparedText {
    this.checkLength(text)
    const max = options.maxTokensPerSegment ?? this.config.maxTokensPerSegment
    const sentences = text
      .split(/(?<=[。！？.!?])\s*/u)
      .map((s) => s.trim())
      .filter((s) => s.length > 0)
    const pieces: string[] = []
    for (const s of sentences) for (let i = 0; i < s.length; i += max) pieces.push(s.slice(i, i + max))
    const segments: Segment[] = pieces.map((piece, index) => ({
      index,
      text: piece,
      tokens: [...piece.replace(/\s/g, '')].length,
      runs: [
        { lang: /\p{Script=Han}/u.test(piece) ? 'zh' : 'en', text: piece, breakAfter: 'sentence' as const },
      ],
    }))
    return { segments, warnings: [] }
  }

  private async knownVoice(name: string): Promise<boolean> {
    if (FAKE_VOICES.some((v) => v.name === name) || isOpenAiVoice(name)) return true
    return (await this.listVoices()).some((v) => v.id === name || v.name === name)
  }

  async *synthesize(request: SpeakRequest, options: SpeakOptions = {}): AsyncIterable<AudioChunk> {
    const signal = options.signal ?? new AbortController().signal
    // Like the real library: the text limit (in code points) is checked before any work.
    this.checkLength(request.text)
    this.requests.push(request)
    this.signals.push(signal)
    if (request.text.trim() === '') throw new MynahError('E_TEXT_EMPTY')
    if (request.engine !== undefined && request.engine !== ENGINE.id)
      throw new MynahError('E_ENGINE_UNKNOWN', { engine: request.engine, available: ENGINE.id })
    if (request.voice !== undefined && !(await this.knownVoice(request.voice)))
      throw new MynahError('E_VOICE_UNKNOWN', { voice: request.voice, hint: 'fake' })
    // Clips are decoded by the real decoder, as the facade does (415 / 422 on bad bytes).
    for (const clip of [request.reference, request.emotion?.audio])
      if (clip) await decodeAudio(clip, { signal })
    checkEmotion(request)
    const { segments } = this.prepareText(request.text, { maxTokensPerSegment: request.maxTokensPerSegment })
    if (segments.length === 0) throw new MynahError('E_TEXT_UNSPEAKABLE')
    const sampleRate = request.sampleRate ?? this.config.sampleRate
    const speed = request.speed ?? 1
    options.onProgress?.({ stage: 'queued', queuePosition: 0 })
    this.active++
    try {
      for (const segment of segments) {
        const seconds = (segment.text.length * this.secondsPerChar) / speed
        const total = Math.max(1, Math.round(seconds * sampleRate))
        const half = Math.ceil(total / 2)
        for (const [from, to] of [
          [0, half],
          [half, total],
        ] as const) {
          await sleep(this.chunkDelayMs, signal)
          throwIfAborted(signal)
          for (const wake of this.startWaiters.splice(0)) wake()
          const samples = new Float32Array(to - from)
          for (let i = 0; i < samples.length; i++)
            samples[i] = 0.3 * Math.sin((2 * Math.PI * 220 * (from + i)) / sampleRate)
          yield { samples, sampleRate, segmentIndex: segment.index, segmentEnd: to === total }
        }
        options.onProgress?.({
          stage: 'synthesis',
          segmentsDone: segment.index + 1,
          segmentsTotal: segments.length,
        })
      }
      options.onProgress?.({ stage: 'done' })
    } finally {
      this.active--
    }
  }

  async speak(request: SpeakRequest, options?: SpeakOptions): Promise<SpeechResult> {
    const parts: Float32Array[] = []
    let sampleRate = request.sampleRate ?? this.config.sampleRate
    for await (const chunk of this.synthesize(request, options)) {
      parts.push(chunk.samples)
      sampleRate = chunk.sampleRate
    }
    const samples = new Float32Array(parts.reduce((n, p) => n + p.length, 0))
    let at = 0
    for (const p of parts) {
      samples.set(p, at)
      at += p.length
    }
    return {
      samples,
      sampleRate,
      segments: this.prepareText(request.text).segments,
      voice: request.voice ?? 'xiaoyu',
      warnings: [],
    }
  }

  async engines(): Promise<EngineInfo[]> {
    return [ENGINE]
  }

  async listVoices(): Promise<VoiceListing[]> {
    const builtin: VoiceListing[] = FAKE_VOICES.map((v) => ({
      id: v.name,
      name: v.name,
      kind: 'builtin',
      engine: ENGINE.id,
      lang: v.lang,
      gender: v.gender,
      licence: v.licence,
      description: v.description,
    }))
    const saved: VoiceListing[] = this.library
      ? this.library.list().map((v) => ({
          id: v.id,
          name: v.name,
          kind: 'saved',
          engine: ENGINE.id,
          createdAt: v.createdAt,
          sha256: v.sha256,
        }))
      : [...this.memoryVoices.values()]
    return [...builtin, ...saved]
  }

  async addVoice(name: string, clip: Uint8Array): Promise<VoiceListing> {
    if (this.library) {
      const v = await this.library.add(name, clip)
      return {
        id: v.id,
        name: v.name,
        kind: 'saved',
        engine: ENGINE.id,
        createdAt: v.createdAt,
        sha256: v.sha256,
      }
    }
    const id = `mem${this.memoryVoices.size.toString().padStart(9, '0')}`
    const voice: VoiceListing = { id, name, kind: 'saved', engine: ENGINE.id }
    this.memoryVoices.set(id, voice)
    return voice
  }

  async removeVoice(idOrName: string): Promise<void> {
    if (this.library) {
      this.library.remove(idOrName)
      return
    }
    const found = [...this.memoryVoices.values()].find((v) => v.id === idOrName || v.name === idOrName)
    if (!found) throw new MynahError('E_VOICE_UNKNOWN', { voice: idOrName, hint: '' })
    this.memoryVoices.delete(found.id)
  }

  /** How often system() was called (metrics scrapes should call it once). */
  systemCalls = 0

  async system(): Promise<SystemStatus> {
    this.systemCalls++
    return {
      version: '0.0.0-test',
      engine: { id: ENGINE.id, loaded: true, device: this.config.device },
      memory: {
        rssBytes: process.memoryUsage.rss(),
        budgetBytes: 8 * 2 ** 30,
        reservedBytes: 0,
        peakRssBytes: 0,
      },
      queue: { active: this.active, waiting: 0, capacity: this.config.queueSize, maxConcurrency: 1 },
      hardware: { cpus: 2 },
    }
  }

  async close(): Promise<void> {
    this.closed = true
  }
}
