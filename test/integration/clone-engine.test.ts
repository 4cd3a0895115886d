/**
 * Voice cloning through the built-in engine (createBuiltinEngine, real voices) on real
 * reference clips from ../shared/testdata/voices: a male and a female English speaker and
 * a female Mandarin speaker. The profile is built as the facade does (ingestReference,
 * buildProfile) and passed as `request.profile`; the engine picks the source voice,
 * measures it, and converts every rendered piece.
 *
 * - median F0 of the output within 1 semitone of the reference's;
 * - the output is closer to the reference than the same text unconverted from the same
 *   voice, by the MFCC speaker embedding (test/helpers/speaker-embedding.ts) centred on a background
 *   population (every clip in testdata/voices plus the unconverted outputs);
 * - emotion still moves the cloned voice's F0 mean the documented way (happy up, sad down,
 *   against calm; docs/emotion.md);
 * - streaming (the first chunk before the last segment is rendered) and abort.
 */
import { readFile } from 'node:fs/promises'
import { beforeAll, describe, expect, it } from 'vitest'
import { decodeAudio } from '../../src/audio/decode.js'
import { isMynahError } from '../../src/core/errors.js'
import { sha256Hex } from '../../src/core/files.js'
import type { Audio, Lang, ResolvedEmotion, Segment, VoiceProfile } from '../../src/core/types.js'
import { estimateF0 } from '../../src/dsp/world/f0.js'
import type { VoiceRenderer } from '../../src/engines/builtin/engine.js'
import { createBuiltinEngine } from '../../src/engines/builtin/index.js'
import { builtinVoiceRenderers } from '../../src/engines/builtin/voices.js'
import type { AudioChunk, Engine, SynthesisRequest } from '../../src/engines/engine.js'
import { prepareText } from '../../src/text/index.js'
import { buildProfile } from '../../src/voice/profile.js'
import { ingestReference } from '../../src/voice/reference.js'
import { requireTestdata, testdata } from '../helpers/env.js'
import { centredCosine, speakerEmbedding } from '../helpers/speaker-embedding.js'

const TEXT: Record<Lang, string> = {
  en: 'Please call Stella and ask her to bring these things with her from the store.',
  zh: '今天天气很好，我们一起去公园散步吧。',
}

const CASES: readonly { file: string; lang: Lang }[] = [
  { file: 'librispeech-librosa/5703-47212-0000.ogg', lang: 'en' }, // male, ~80 Hz
  { file: 'ljspeech/LJ001-0001.wav', lang: 'en' }, // female
  { file: 'cosyvoice/zero_shot_prompt.wav', lang: 'zh' }, // female, Mandarin
]

/** IndexTTS2 order: happy, angry, sad, afraid, disgusted, melancholic, surprised, calm. */
const emotion = (index?: number): ResolvedEmotion => {
  const w = (i: number) => (i === index ? 1 : 0)
  return {
    vector: [w(0), w(1), w(2), w(3), w(4), w(5), w(6), w(7)],
    alpha: 1,
    source: index === undefined ? 'speaker' : 'vector',
  }
}
const HAPPY = 0
const SAD = 2
const CALM = 7

function voicedF0(audio: Audio): number[] {
  return Array.from(estimateF0(audio.samples, audio.sampleRate, { refine: false })).filter((f) => f > 0)
}
function medianF0(audio: Audio): number {
  const voiced = voicedF0(audio).sort((a, b) => a - b)
  return voiced[Math.floor(voiced.length / 2)]
}
function meanF0(audio: Audio): number {
  const logs = voicedF0(audio).map(Math.log)
  return Math.exp(logs.reduce((a, b) => a + b, 0) / logs.length)
}
const semitones = (a: number, b: number) => 12 * Math.log2(a / b)

function concat(chunks: readonly AudioChunk[]): Audio {
  const samples = new Float32Array(chunks.reduce((n, c) => n + c.samples.length, 0))
  let at = 0
  for (const c of chunks) {
    samples.set(c.samples, at)
    at += c.samples.length
  }
  return { samples, sampleRate: chunks[0].sampleRate }
}

interface Row {
  readonly file: string
  readonly reference: Audio
  readonly source: string
  readonly cloned: Audio
  readonly plain: Audio
}

describe.skipIf(!requireTestdata())('voice cloning through the built-in engine', () => {
  /** Texts each voice was asked to render, in order (calibration passages included). */
  const calls: { voice: string; text: string }[] = []
  const recording = (renderer: VoiceRenderer): VoiceRenderer => ({
    ...renderer,
    render: (runs, context) => {
      calls.push({ voice: renderer.voice.name, text: runs.map((r) => r.text).join(' ') })
      return renderer.render(runs, context)
    },
  })
  let engine: Engine
  const profiles = new Map<string, VoiceProfile>()
  const rows: Row[] = []

  const request = (segments: readonly Segment[], extra: Partial<SynthesisRequest>): SynthesisRequest => ({
    segments,
    emotion: emotion(),
    speed: 1,
    intervalSilenceMs: 0,
    params: {},
    ...extra,
  })
  const speak = async (lang: Lang, extra: Partial<SynthesisRequest>): Promise<Audio> => {
    const chunks: AudioChunk[] = []
    const { segments } = prepareText(TEXT[lang], { lang })
    for await (const chunk of engine.synthesize(request(segments, extra), new AbortController().signal))
      chunks.push(chunk)
    return concat(chunks)
  }

  beforeAll(async () => {
    engine = await createBuiltinEngine({ voices: builtinVoiceRenderers().map(recording) })
    for (const c of CASES) {
      const bytes = await readFile(testdata('voices', c.file))
      const reference = await ingestReference(bytes, { maxBytes: 20 * 1024 * 1024 })
      const profile = await buildProfile(reference.audio, sha256Hex(bytes), { lang: c.lang })
      profiles.set(c.file, profile)
      calls.length = 0
      const cloned = await speak(c.lang, { profile })
      // The voice the engine converted from: the one that rendered the request's own words.
      const source = calls.findLast(
        (call) => !call.text.includes('North Wind') && !call.text.includes('北风'),
      )
      expect(source).toBeDefined()
      const plain = await speak(c.lang, { voice: source?.voice })
      rows.push({ file: c.file, reference: reference.audio, source: source?.voice ?? '', cloned, plain })
    }
  })

  it('meets the reference: median F0 within 1 semitone, closer to it than the unconverted voice', async () => {
    const manifest = JSON.parse(await readFile(testdata('voices', 'manifest.json'), 'utf8')) as {
      file: string
    }[]
    const population = [
      ...(await Promise.all(
        manifest.map(async (m) =>
          speakerEmbedding(await decodeAudio(await readFile(testdata('voices', m.file)))),
        ),
      )),
      ...rows.map((r) => speakerEmbedding(r.plain)),
    ]
    const table = rows.map((r) => {
      const reference = speakerEmbedding(r.reference)
      const after = centredCosine(speakerEmbedding(r.cloned), reference, population)
      const before = centredCosine(speakerEmbedding(r.plain), reference, population)
      const error = semitones(medianF0(r.cloned), medianF0(r.reference))
      return { ...r, after, before, error }
    })
    console.log(
      table
        .map(
          (t) =>
            `${t.file.split('/').pop()?.padEnd(24)} from ${t.source.padEnd(9)} F0 err ${t.error.toFixed(2).padStart(5)} st  ` +
            `sim(ref) unconverted ${t.before.toFixed(2).padStart(5)} → cloned ${t.after.toFixed(2).padStart(5)}`,
        )
        .join('\n'),
    )
    for (const t of table) {
      expect(Math.abs(t.error), t.file).toBeLessThan(1)
      expect(t.after, t.file).toBeGreaterThan(t.before)
    }
  })

  it('keeps the emotion: a cloned happy voice is higher than cloned calm, a cloned sad one lower', async () => {
    const lines: string[] = []
    for (const c of [CASES[1], CASES[2]]) {
      const profile = profiles.get(c.file)
      const calm = meanF0(await speak(c.lang, { profile, emotion: emotion(CALM) }))
      const happy = semitones(meanF0(await speak(c.lang, { profile, emotion: emotion(HAPPY) })), calm)
      const sad = semitones(meanF0(await speak(c.lang, { profile, emotion: emotion(SAD) })), calm)
      lines.push(`${c.file.split('/').pop()} vs calm: happy ${happy.toFixed(2)} st, sad ${sad.toFixed(2)} st`)
      // Nominal: happy +3.75 st, sad -1.25 st against calm (emotion/correlates.ts).
      expect(happy, c.file).toBeGreaterThan(1)
      expect(sad, c.file).toBeLessThan(-0.4)
    }
    console.log(lines.join('\n'))
  })

  it('streams: the first chunk comes before the last segment is rendered; abort stops with E_CANCELLED', async () => {
    const profile = profiles.get(CASES[1].file)
    const text = 'The sun was warm today. We walked along the river. Then we went home for tea.'
    const { segments } = prepareText(text, { lang: 'en', maxTokensPerSegment: 8 })
    expect(segments.length).toBeGreaterThanOrEqual(3)
    const last = segments[segments.length - 1].runs.map((r) => r.text.trim()).join(' ')
    calls.length = 0
    let renderedAtFirstChunk: string[] | undefined
    let count = 0
    for await (const _ of engine.synthesize(request(segments, { profile }), new AbortController().signal)) {
      renderedAtFirstChunk ??= calls.map((c) => c.text)
      count++
    }
    expect(count).toBe(segments.length)
    expect(renderedAtFirstChunk?.some((t) => t.includes(last))).toBe(false)
    expect(calls.some((c) => c.text.includes(last))).toBe(true)

    const controller = new AbortController()
    const got: AudioChunk[] = []
    let code = 'no error'
    try {
      for await (const chunk of engine.synthesize(request(segments, { profile }), controller.signal)) {
        got.push(chunk)
        controller.abort()
      }
    } catch (error) {
      code = isMynahError(error) ? error.code : String(error)
    }
    expect(code).toBe('E_CANCELLED')
    expect(got).toHaveLength(1)
  })
})
