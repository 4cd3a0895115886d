/**
 * Voice cloning costs: reference ingestion (decode + Silero VAD) and profile time for a
 * ~10 s clip, and the conversion real-time factor (analysis + mapping + synthesis time /
 * audio time) of built-in speech at the voices' native rate and at the engine's 24 kHz.
 * Medians of RUNS runs after one warm-up. Figures are printed, never asserted.
 *
 * Run: npm run bench -- clone   (or: npx tsx bench/clone.ts)
 */
import { readFile } from 'node:fs/promises'
import { resample } from '../src/audio/resample.js'
import { sha256Hex } from '../src/core/files.js'
import type { Audio, Lang, TextRun } from '../src/core/types.js'
import { convertToProfile, profileOfBuiltinVoice } from '../src/engines/builtin/clone/index.js'
import { NEUTRAL_PROSODY } from '../src/engines/builtin/prosody.js'
import { builtinVoiceRenderers } from '../src/engines/builtin/voices.js'
import { readChineseLine } from '../src/text/g2p/zh.js'
import { buildProfile } from '../src/voice/profile.js'
import { ingestReference } from '../src/voice/reference.js'
import { testdata } from '../test/helpers/env.js'
import { describeMachine } from './lib/machine.js'
import { fixed, markdownTable } from './lib/report.js'
import { median } from './lib/stats.js'

const RUNS = 5
const REFERENCE = 'ljspeech/LJ001-0001.wav' // 9.7 s, 9.0 s of speech

/** Harvard sentences (IEEE 1969, public domain) and an everyday Mandarin sentence written for mynah. */
const TEXT: Record<Lang, string> = {
  en: 'The birch canoe slid on the smooth planks. Glue the sheet to the dark blue background.',
  zh: '春天来了，公园里的花都开了，很多老人在湖边打太极拳。',
}

function runsOf(text: string, lang: Lang): TextRun[] {
  if (lang === 'en') return [{ lang, text, breakAfter: 'sentence' }]
  return text
    .split(/(?<=[，。])/u)
    .filter((p) => p.length > 0)
    .map((part) => {
      const chars = [...part]
      const { pinyin, words } = readChineseLine(chars)
      const ends = new Set(words.map((w) => w.end - 1))
      const syllables = chars.flatMap((char, i) =>
        pinyin[i] ? [{ text: char, pinyin: pinyin[i] as string, wordEnd: ends.has(i) }] : [],
      )
      return { lang, text: part, syllables, breakAfter: part.endsWith('。') ? 'sentence' : 'minor' }
    })
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now()
  const value = await work()
  return { ms: performance.now() - start, value }
}

async function medianMs<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const first = await timed(work) // warm-up (JIT, ONNX session, resampler)
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) times.push((await timed(work)).ms)
  return { ms: median(times), value: first.value }
}

export async function run(): Promise<void> {
  let bytes: Uint8Array
  try {
    bytes = await readFile(testdata('voices', REFERENCE))
  } catch {
    console.log(`(skipped: ${REFERENCE} not found under ../shared/testdata)`)
    return
  }
  const ingest = await medianMs(() => ingestReference(bytes, { maxBytes: 20 * 1024 * 1024 }))
  const reference = ingest.value
  const sha256 = sha256Hex(bytes)
  const profile = await medianMs(() => buildProfile(reference.audio, sha256))
  const clipSeconds = reference.audio.samples.length / reference.audio.sampleRate

  const rows: string[][] = [
    [
      'ingest (decode + VAD)',
      fixed(clipSeconds, 1),
      fixed(ingest.ms, 0),
      fixed(ingest.ms / 1000 / clipSeconds, 3),
    ],
    ['profile', fixed(clipSeconds, 1), fixed(profile.ms, 0), fixed(profile.ms / 1000 / clipSeconds, 3)],
  ]

  const renderers = builtinVoiceRenderers()
  const signal = new AbortController().signal
  for (const name of ['en-rms', 'zh-female']) {
    const renderer = renderers.find((r) => r.voice.name === name)
    if (!renderer) continue
    const lang = renderer.voice.lang
    const render = (text: string) =>
      renderer.render(runsOf(text, lang), { prosody: NEUTRAL_PROSODY, speed: 1, signal })
    const source = await profileOfBuiltinVoice(name, lang, render)
    const native = await render(TEXT[lang])
    // The voice's own rate, and the engine's 24 kHz when that differs (Mandarin is 24 kHz already).
    const cases: [string, Audio][] = [[`${native.sampleRate / 1000} kHz`, native]]
    if (native.sampleRate !== 24_000) cases.push(['24 kHz', await resample(native, 24_000)])
    for (const [rate, audio] of cases) {
      const seconds = audio.samples.length / audio.sampleRate
      const conversion = await medianMs(() => convertToProfile(audio, source, profile.value))
      rows.push([
        `convert ${name} speech @ ${rate}`,
        fixed(seconds, 1),
        fixed(conversion.ms, 0),
        fixed(conversion.ms / 1000 / seconds, 3),
      ])
    }
  }
  console.log(markdownTable(['step', 'audio s', `median ms (${RUNS} runs)`, 'real-time factor'], rows))
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`Machine: ${describeMachine()}\n`)
  run().catch((error: unknown) => {
    console.error(error)
    process.exitCode = 1
  })
}
