/**
 * The built-in engine's assembly, with fake voices (tones of known level and length) so the
 * joins, pairing, loudness, speed, streaming, abort and the cloning wiring are checked
 * without real voice data. Real voices are exercised in engine-voices.test.ts, cloning on
 * real references in test/integration/clone-engine.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { measureLoudness } from '../../../../src/audio/index.js'
import { isMynahError } from '../../../../src/core/errors.js'
import type {
  Audio,
  BreakLevel,
  Lang,
  ResolvedEmotion,
  Segment,
  VoiceProfile,
} from '../../../../src/core/types.js'
import { estimateF0 } from '../../../../src/dsp/world/f0.js'
import {
  BuiltinEngine,
  type RenderContext,
  type VoiceRenderer,
} from '../../../../src/engines/builtin/engine.js'
import { ENGINE_SAMPLE_RATE, LANGUAGE_SWITCH_MIN_MS } from '../../../../src/engines/builtin/mix.js'
import type { AudioChunk, SynthesisRequest } from '../../../../src/engines/engine.js'

const CALM: ResolvedEmotion = { vector: [0, 0, 0, 0, 0, 0, 0, 0], alpha: 1, source: 'speaker' }
const HAPPY: ResolvedEmotion = { vector: [1, 0, 0, 0, 0, 0, 0, 0], alpha: 1, source: 'vector' }
/** Fake voices sing this; a clone target elsewhere shows the conversion happened. */
const TONE_HZ = 220

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
        samples[i] = options.amplitude * Math.sin((2 * Math.PI * TONE_HZ * i) / rate)
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
    const pause = LANGUAGE_SWITCH_MIN_MS / 1000
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
})

/** 2 s of a buzz (harmonics with falling level) at `hz`, a stand-in for a voiced reference clip. */
function buzz(hz: number, rate = 16_000): Audio {
  const samples = new Float32Array(2 * rate)
  for (let i = 0; i < samples.length; i++)
    for (let h = 1; h <= 10; h++) samples[i] += (0.3 / h) * Math.sin((2 * Math.PI * hz * h * i) / rate)
  return { samples, sampleRate: rate }
}

function medianF0(audio: Audio): number {
  const voiced = Array.from(estimateF0(audio.samples, audio.sampleRate, { refine: false }))
    .filter((f) => f > 0)
    .sort((a, b) => a - b)
  return voiced[Math.floor(voiced.length / 2)]
}

const semitones = (a: number, b: number) => 12 * Math.log2(a / b)

describe('built-in engine cloning wiring', () => {
  // A male-range target (warp pinned to 1 so its gender reads from F0 alone) and a female-range one.
  let male: VoiceProfile
  let female: VoiceProfile
  const engineOf = () => fakeEngine().engine

  it('profile(): measured from the clip, id left to the caller; describe() advertises clone', async () => {
    const engine = engineOf()
    const clip = buzz(120)
    const profile = await engine.profile(clip, signal())
    expect(profile.id).toBe('')
    expect(Math.abs(semitones(profile.f0.medianHz ?? 0, 120))).toBeLessThan(0.5)
    male = { ...profile, warp: 1 }
    female = { ...(await engine.profile(buzz(260), signal())), warp: 1 }
    expect(engine.describe().features).toContain('clone')
  })

  it('a profile converts the voice: the output sits at the target F0, not the voice tone', async () => {
    const { engine } = fakeEngine()
    const seg = segment(0, ['en', 'one two three four five six', 'sentence'])
    const [plain] = await collect(engine.synthesize(request([seg]), signal()))
    const [cloned] = await collect(engine.synthesize(request([seg], { profile: male }), signal()))
    expect(Math.abs(semitones(medianF0(plain), TONE_HZ))).toBeLessThan(0.5)
    expect(Math.abs(semitones(medianF0(cloned), 120))).toBeLessThan(1)
    expect(cloned.sampleRate).toBe(ENGINE_SAMPLE_RATE)
  })

  it('picks source voices by the target (gender), or converts from the named voice and its pair', async () => {
    const { engine, calls } = fakeEngine()
    const seg = segment(0, ['zh', '你好', 'minor'], ['en', 'hello', 'sentence'])
    const voicesOf = async (extra: Partial<SynthesisRequest>) => {
      calls.length = 0
      await collect(engine.synthesize(request([seg], extra), signal()))
      // Calibration renders of the voices (the North Wind passage) are not the request's words.
      return calls.filter((c) => c.text === '你好' || c.text === 'hello').map((c) => c.voice)
    }
    expect(await voicesOf({ profile: male })).toEqual(['zh-male', 'en-rms'])
    expect(await voicesOf({ profile: female })).toEqual(['zh-female', 'en-slt'])
    expect(await voicesOf({ profile: female, voice: 'en-awb' })).toEqual(['zh-male', 'en-awb'])
  })

  it("keeps the emotion's register: cloned happy is 3 st above the cloned speaker's own", async () => {
    // The fake voices ignore prosody, so only the conversion can carry the emotion's F0 level
    // (without it, F0 is centred on the target per segment and the shift is lost).
    const { engine } = fakeEngine()
    const seg = segment(0, ['en', 'one two three four five six', 'sentence'])
    const [neutral] = await collect(engine.synthesize(request([seg], { profile: male }), signal()))
    const [happy] = await collect(
      engine.synthesize(request([seg], { profile: male, emotion: HAPPY }), signal()),
    )
    expect(semitones(medianF0(happy), medianF0(neutral))).toBeGreaterThan(2.5)
    expect(semitones(medianF0(happy), medianF0(neutral))).toBeLessThan(3.5)
  })

  it('streams while cloning: chunk k is out when k+1 segments have been rendered', async () => {
    const { engine, calls } = fakeEngine()
    const segs = Array.from({ length: 4 }, (_, i) => segment(i, ['en', `segment number ${i}`, 'sentence']))
    const seen: number[] = []
    for await (const _ of engine.synthesize(request(segs, { profile: male }), signal()))
      seen.push(calls.filter((c) => c.text.startsWith('segment number')).length)
    expect(seen).toEqual([1, 2, 3, 4])
  })

  it('abort stops a cloned request with E_CANCELLED between segments', async () => {
    const { engine } = fakeEngine()
    const segs = Array.from({ length: 4 }, (_, i) => segment(i, ['zh', '你好世界', 'sentence']))
    const controller = new AbortController()
    const got: AudioChunk[] = []
    const run = async () => {
      for await (const chunk of engine.synthesize(request(segs, { profile: male }), controller.signal)) {
        got.push(chunk)
        controller.abort()
      }
    }
    expect(await codeOf(run())).toBe('E_CANCELLED')
    expect(got.length).toBe(1)
  })

  it('abort while a source voice is still being measured stops at once, before the request renders', async () => {
    // A fresh engine has measured none of its voices yet. The calibration render is slow.
    const calls: Call[] = []
    const engine = new BuiltinEngine({
      voices: [
        toneVoice('zh-slow', 'zh', 'male', { amplitude: 0.5, isDefault: true, calls, delayMs: 300 }),
        toneVoice('en-slow', 'en', 'male', { amplitude: 0.5, isDefault: true, calls, delayMs: 300 }),
      ],
    })
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 20)
    const seg = segment(0, ['en', 'hello there', 'sentence'])
    const run = collect(engine.synthesize(request([seg], { profile: male }), controller.signal))
    expect(await codeOf(run)).toBe('E_CANCELLED')
    // The first call is the voice's own render (the calibration passage); the request's words never were.
    expect(calls.map((c) => c.voice)).toEqual(['en-slow'])
    expect(calls.some((c) => c.text === 'hello there')).toBe(false)
  })
})
