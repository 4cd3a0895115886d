/**
 * The built-in engine's assembly, with fake voices (tones of known level and length) so the
 * joins, pairing, loudness, speed, streaming and abort are checked without real voice data.
 * Real voices are exercised in engine-voices.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { measureLoudness } from '../../../../src/audio/index.js'
import { isMynahError } from '../../../../src/core/errors.js'
import type { Audio, BreakLevel, Lang, ResolvedEmotion, Segment } from '../../../../src/core/types.js'
import {
  BuiltinEngine,
  type RenderContext,
  type VoiceRenderer,
} from '../../../../src/engines/builtin/engine.js'
import { ENGINE_SAMPLE_RATE, PAUSE_MS } from '../../../../src/engines/builtin/mix.js'
import type { AudioChunk, SynthesisRequest } from '../../../../src/engines/engine.js'

const CALM: ResolvedEmotion = { vector: [0, 0, 0, 0, 0, 0, 0, 0], alpha: 1, source: 'speaker' }

interface Call {
  readonly voice: string
  readonly text: string
}

/** A voice that renders a 220 Hz tone: 0.2 s per zh syllable or en word at speed 1, at 16 kHz. */
function toneVoice(
  name: string,
  lang: Lang,
  gender: 'male' | 'female',
  options: { amplitude: number; isDefault?: boolean; calls: Call[]; delayMs?: number },
): VoiceRenderer {
  return {
    voice: {
      name,
      lang,
      gender,
      licence: 'test',
      description: 'tone',
      isDefault: options.isDefault ?? false,
    },
    load: async () => {},
    render: async (runs, context: RenderContext) => {
      options.calls.push({ voice: name, text: runs.map((r) => r.text).join('|') })
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs))
      const units = runs.reduce(
        (n, r) =>
          n + (lang === 'zh' ? (r.syllables?.length ?? 0) : r.text.split(/\s+/).filter(Boolean).length),
        0,
      )
      const rate = 16_000
      const samples = new Float32Array(Math.round((units * 0.2 * rate) / context.speed))
      for (let i = 0; i < samples.length; i++)
        samples[i] = options.amplitude * Math.sin((2 * Math.PI * 220 * i) / rate)
      return { samples, sampleRate: rate }
    },
  }
}

function fakeEngine(options: { delayMs?: number } = {}) {
  const calls: Call[] = []
  const voices = [
    toneVoice('zh-female', 'zh', 'female', { amplitude: 0.6, isDefault: true, calls, ...options }),
    toneVoice('zh-male', 'zh', 'male', { amplitude: 0.6, calls, ...options }),
    toneVoice('en-rms', 'en', 'male', { amplitude: 0.02, isDefault: true, calls, ...options }),
    toneVoice('en-slt', 'en', 'female', { amplitude: 0.02, calls, ...options }),
    toneVoice('en-awb', 'en', 'male', { amplitude: 0.02, calls, ...options }),
  ]
  return { engine: new BuiltinEngine({ voices }), calls }
}

type RunSpec = readonly [Lang, string, BreakLevel]

function segment(index: number, ...runs: RunSpec[]): Segment {
  return {
    index,
    text: runs.map((r) => r[1]).join(''),
    tokens: runs.length,
    runs: runs.map(([lang, text, breakAfter]) => ({
      lang,
      text,
      breakAfter,
      syllables:
        lang === 'zh'
          ? [...text]
              .filter((c) => /\p{Script=Han}/u.test(c))
              .map((c) => ({ text: c, pinyin: 'ma1', wordEnd: true }))
          : undefined,
    })),
  }
}

function request(segments: Segment[], extra: Partial<SynthesisRequest> = {}): SynthesisRequest {
  return { segments, emotion: CALM, speed: 1, intervalSilenceMs: 200, params: {}, ...extra }
}

async function collect(chunks: AsyncIterable<AudioChunk>): Promise<AudioChunk[]> {
  const out: AudioChunk[] = []
  for await (const c of chunks) out.push(c)
  return out
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p
  } catch (error) {
    return isMynahError(error) ? error.code : `not a MynahError: ${String(error)}`
  }
  return 'no error'
}

const signal = () => new AbortController().signal
const seconds = (a: Audio) => a.samples.length / a.sampleRate
const slice = (a: Audio, from: number, to: number): Audio => ({
  samples: a.samples.subarray(Math.round(from * a.sampleRate), Math.round(to * a.sampleRate)),
  sampleRate: a.sampleRate,
})

describe('built-in engine assembly', () => {
  it('describes both languages, 24 kHz, and every voice with licence and gender', () => {
    const info = fakeEngine().engine.describe()
    expect(info.id).toBe('builtin')
    expect(info.sampleRate).toBe(ENGINE_SAMPLE_RATE)
    expect(info.languages).toEqual(['zh', 'en'])
    expect(info.voices.map((v) => v.name)).toContain('en-slt')
    expect(info.stages.length).toBeGreaterThan(0)
  })

  it('mixed zh/en text: one sample rate, and zh and en parts within 1 LU though the voices differ by 30 dB', async () => {
    const { engine } = fakeEngine()
    const seg = segment(
      0,
      ['zh', '我们用', 'none'],
      ['en', 'one two three four', 'none'],
      ['zh', '来说话', 'sentence'],
    )
    const [chunk] = await collect(engine.synthesize(request([seg]), signal()))
    expect(chunk.sampleRate).toBe(ENGINE_SAMPLE_RATE)
    // Parts: zh 0.6 s, word pause, en 0.8 s, word pause, zh 0.6 s.
    const pause = PAUSE_MS.word / 1000
    const zh = measureLoudness(slice(chunk, 0.05, 0.55))
    const en = measureLoudness(slice(chunk, 0.6 + pause + 0.05, 0.6 + pause + 0.75))
    const zh2 = measureLoudness(slice(chunk, seconds(chunk) - 0.55, seconds(chunk) - 0.05))
    expect(Math.abs(zh - en)).toBeLessThan(1)
    expect(Math.abs(zh2 - en)).toBeLessThan(1)
    expect(seconds(chunk)).toBeCloseTo(2 + 2 * pause, 1)
  })

  it('segments in different languages come out equally loud', async () => {
    const { engine } = fakeEngine()
    const chunks = await collect(
      engine.synthesize(
        request([
          segment(0, ['zh', '你好世界', 'sentence']),
          segment(1, ['en', 'hello there my friend', 'sentence']),
        ]),
        signal(),
      ),
    )
    const zh = measureLoudness(slice(chunks[0], 0, 0.8))
    const en = measureLoudness(chunks[1])
    expect(Math.abs(zh - en)).toBeLessThan(1)
  })

  it('pairs voices by gender: the named voice decides, the other language follows', async () => {
    const { engine, calls } = fakeEngine()
    const seg = segment(0, ['zh', '你好', 'minor'], ['en', 'hello', 'sentence'])
    await collect(engine.synthesize(request([seg], { voice: 'en-slt' }), signal()))
    expect(calls.map((c) => c.voice)).toEqual(['zh-female', 'en-slt'])
    calls.length = 0
    await collect(engine.synthesize(request([seg], { voice: 'zh-male' }), signal()))
    expect(calls.map((c) => c.voice)).toEqual(['zh-male', 'en-rms'])
    calls.length = 0
    await collect(engine.synthesize(request([seg], { voice: 'en-awb' }), signal()))
    expect(calls.map((c) => c.voice)).toEqual(['zh-male', 'en-awb'])
  })

  it('without a voice, the main language picks the default voice and its gender', async () => {
    const { engine, calls } = fakeEngine()
    await collect(
      engine.synthesize(
        request([segment(0, ['en', 'call me at the office', 'minor'], ['zh', '王', 'sentence'])]),
        signal(),
      ),
    )
    expect(calls.map((c) => c.voice)).toEqual(['en-rms', 'zh-male'])
    calls.length = 0
    await collect(
      engine.synthesize(
        request([segment(0, ['zh', '我用', 'none'], ['en', 'iPhone', 'sentence'])]),
        signal(),
      ),
    )
    expect(calls.map((c) => c.voice)).toEqual(['zh-female', 'en-slt'])
  })

  it('consecutive runs of one language go to the voice in one call', async () => {
    const { engine, calls } = fakeEngine()
    const seg = segment(0, ['en', 'one', 'minor'], ['en', 'two', 'sentence'], ['zh', '三', 'sentence'])
    await collect(engine.synthesize(request([seg]), signal()))
    expect(calls).toEqual([
      { voice: 'en-rms', text: 'one|two' },
      { voice: 'zh-male', text: '三' },
    ])
  })

  it('speed 1.5 shortens the output to about 1/1.5, pauses included', async () => {
    const { engine } = fakeEngine()
    const segs = [
      segment(0, ['zh', '我们今天', 'minor'], ['en', 'go to the market', 'sentence']),
      segment(1, ['en', 'and buy some fresh bread', 'sentence']),
    ]
    const total = (chunks: AudioChunk[]) => chunks.reduce((n, c) => n + seconds(c), 0)
    const normal = total(await collect(engine.synthesize(request(segs, { intervalSilenceMs: 0 }), signal())))
    const fast = total(
      await collect(engine.synthesize(request(segs, { speed: 1.5, intervalSilenceMs: 0 }), signal())),
    )
    expect(fast / normal).toBeGreaterThan(0.62)
    expect(fast / normal).toBeLessThan(0.72)
  })

  it('intervalSilenceMs is added after every segment but the last', async () => {
    const { engine } = fakeEngine()
    const segs = [segment(0, ['en', 'one two', 'sentence']), segment(1, ['en', 'three four', 'sentence'])]
    const without = await collect(engine.synthesize(request(segs, { intervalSilenceMs: 0 }), signal()))
    const withGap = await collect(engine.synthesize(request(segs, { intervalSilenceMs: 500 }), signal()))
    expect(withGap[0].samples.length - without[0].samples.length).toBe(0.5 * ENGINE_SAMPLE_RATE)
    expect(withGap[1].samples.length).toBe(without[1].samples.length)
  })

  it('an unknown voice is E_VOICE_UNKNOWN', async () => {
    const { engine } = fakeEngine()
    const seg = segment(0, ['en', 'hello', 'sentence'])
    expect(await codeOf(collect(engine.synthesize(request([seg], { voice: 'en-nobody' }), signal())))).toBe(
      'E_VOICE_UNKNOWN',
    )
  })

  it('text with nothing speakable is E_TEXT_UNSPEAKABLE, before any rendering', async () => {
    const { engine, calls } = fakeEngine()
    const seg = segment(0, ['en', ' … ', 'sentence'], ['zh', '。', 'sentence'])
    expect(await codeOf(collect(engine.synthesize(request([seg]), signal())))).toBe('E_TEXT_UNSPEAKABLE')
    expect(await codeOf(collect(engine.synthesize(request([]), signal())))).toBe('E_TEXT_UNSPEAKABLE')
    expect(calls).toEqual([])
  })

  it('speed outside 0.5..2 is E_INVALID_ARGUMENT', async () => {
    const { engine } = fakeEngine()
    const seg = segment(0, ['en', 'hello', 'sentence'])
    expect(await codeOf(collect(engine.synthesize(request([seg], { speed: 3 }), signal())))).toBe(
      'E_INVALID_ARGUMENT',
    )
  })

  it('streams: the first chunk arrives before the later segments are rendered', async () => {
    const { engine, calls } = fakeEngine({ delayMs: 5 })
    const segs = Array.from({ length: 6 }, (_, i) => segment(i, ['en', `segment number ${i}`, 'sentence']))
    const seen: number[] = []
    for await (const chunk of engine.synthesize(request(segs), signal())) {
      seen.push(calls.length)
      expect(chunk.segmentEnd).toBe(true)
    }
    // One render call per segment, and chunk k is out when only k+1 segments have been rendered.
    expect(seen).toEqual([1, 2, 3, 4, 5, 6])
  })

  it('abort stops synthesis between segments with E_CANCELLED', async () => {
    const { engine, calls } = fakeEngine()
    const segs = Array.from({ length: 8 }, (_, i) => segment(i, ['en', `segment ${i}`, 'sentence']))
    const controller = new AbortController()
    const got: AudioChunk[] = []
    const run = async () => {
      for await (const chunk of engine.synthesize(request(segs), controller.signal)) {
        got.push(chunk)
        if (got.length === 2) controller.abort()
      }
    }
    expect(await codeOf(run())).toBe('E_CANCELLED')
    expect(got.length).toBe(2)
    expect(calls.length).toBeLessThanOrEqual(3)
  })

  it('cloning is not ready yet: profile() and a request with a profile say so instead of ignoring it', async () => {
    const { engine, calls } = fakeEngine()
    expect(await codeOf(engine.profile({ samples: new Float32Array(16000), sampleRate: 16000 }))).toBe(
      'E_ENGINE_NOT_READY',
    )
    const profile = { id: 'x' } as unknown as SynthesisRequest['profile']
    const seg = segment(0, ['en', 'hello', 'sentence'])
    expect(await codeOf(collect(engine.synthesize(request([seg], { profile }), signal())))).toBe(
      'E_ENGINE_NOT_READY',
    )
    expect(calls).toEqual([])
  })
})
