/**
 * Voice cloning end to end on real recordings (../shared/testdata/voices): each reference
 * clip is ingested and profiled, the closest built-in voice (measured profiles of
 * zh-male, zh-female, en-rms, en-slt) speaks a sentence through the real engine, and the
 * speech is converted towards the reference. Done-when of issue 5:
 * - the converted speech's median F0 is within 1 semitone of the reference's;
 * - by a speaker embedding (MFCC mean and std, test/helpers/speaker-embedding.ts; cosine after centring
 *   and scaling by a background population: every clip in testdata/voices plus the four
 *   voices' calibration speech), the converted speech is closer to its reference than to
 *   the voice it was converted from, for ≥ 90 % of the references. The unconverted voice
 *   is represented by its calibration passage, not by the same sentence, so that both
 *   comparisons are across different words (same-text similarity is printed as well).
 * Seven speakers (five English, one Mandarin; male and female), in-language and
 * cross-language (Mandarin speech in English speakers' voices and the reverse).
 */
import { readFile } from 'node:fs/promises'
import { beforeAll, describe, expect, it } from 'vitest'
import { decodeAudio } from '../../src/audio/decode.js'
import { resample } from '../../src/audio/resample.js'
import { sha256Hex } from '../../src/core/files.js'
import type { Audio, Lang, TextRun, VoiceProfile } from '../../src/core/types.js'
import { estimateF0 } from '../../src/dsp/world/f0.js'
import {
  convertToProfile,
  pickSourceVoice,
  profileOfBuiltinVoice,
} from '../../src/engines/builtin/clone/index.js'
import type { VoiceRenderer } from '../../src/engines/builtin/engine.js'
import { NEUTRAL_PROSODY } from '../../src/engines/builtin/prosody.js'
import { builtinVoiceRenderers } from '../../src/engines/builtin/voices.js'
import type { EngineVoice } from '../../src/engines/engine.js'
import { readChineseLine } from '../../src/text/g2p/zh.js'
import { buildProfile } from '../../src/voice/profile.js'
import { ingestReference } from '../../src/voice/reference.js'
import { ASR_SAMPLE_RATE, hasPocketsphinx, recognize, wordErrorRate } from '../helpers/asr.js'
import { requireTestdata, testdata } from '../helpers/env.js'
import { centredCosine, speakerEmbedding } from '../helpers/speaker-embedding.js'

const SENTENCE: Record<Lang, string> = {
  en: 'Please call Stella and ask her to bring these things with her from the store.',
  zh: '今天天气很好，我们一起去公园散步吧。',
}

/** Reference clip, its language, and the languages it is asked to speak. */
const CASES: readonly { file: string; lang: Lang; speak: readonly Lang[] }[] = [
  { file: 'ljspeech/LJ001-0001.wav', lang: 'en', speak: ['en', 'zh'] },
  { file: 'librispeech-librosa/198-209-0000.ogg', lang: 'en', speak: ['en'] },
  { file: 'librispeech-librosa/3436-172162-0000.ogg', lang: 'en', speak: ['en', 'zh'] },
  { file: 'librispeech-librosa/5703-47212-0000.ogg', lang: 'en', speak: ['en'] },
  { file: 'pocketsphinx/librivox/sense_and_sensibility_01_austen_64kb-0870.wav', lang: 'en', speak: ['en'] },
  { file: 'pocketsphinx/cards/005.wav', lang: 'en', speak: ['en'] },
  { file: 'cosyvoice/zero_shot_prompt.wav', lang: 'zh', speak: ['zh', 'en'] },
]

const SOURCE_VOICES = ['zh-male', 'zh-female', 'en-rms', 'en-slt']

/**
 * Text as the engine's voices take it: English as one run; Mandarin split at punctuation,
 * one syllable per Han character from the project's G2P. (The text room's prepareText does
 * this for real requests; these sentences need nothing more.)
 */
function runsOf(text: string, lang: Lang): TextRun[] {
  if (lang === 'en') return [{ lang, text, breakAfter: 'sentence' }]
  return text
    .split(/(?<=[，。！？])/u)
    .filter((part) => part.length > 0)
    .map((part) => {
      const chars = [...part]
      const { pinyin, words } = readChineseLine(chars)
      const ends = new Set(words.map((w) => w.end - 1))
      const syllables = chars.flatMap((char, i) =>
        pinyin[i] ? [{ text: char, pinyin: pinyin[i] as string, wordEnd: ends.has(i) }] : [],
      )
      return { lang, text: part, syllables, breakAfter: /[。！？]$/u.test(part) ? 'sentence' : 'minor' }
    })
}

interface Row {
  name: string
  lang: Lang
  source: string
  reference: Audio
  converted: Audio
  original: Audio
  semitones: number
}

function medianF0(audio: Audio): number {
  const voiced = Array.from(estimateF0(audio.samples, audio.sampleRate, { refine: false }))
    .filter((f) => f > 0)
    .sort((a, b) => a - b)
  return voiced[Math.floor(voiced.length / 2)]
}

describe.skipIf(!requireTestdata())('voice cloning on real references', () => {
  const renderers: VoiceRenderer[] = builtinVoiceRenderers().filter((r) =>
    SOURCE_VOICES.includes(r.voice.name),
  )
  const voices: EngineVoice[] = renderers.map((r) => r.voice)
  const rendered = new Map<string, Audio>()
  const calibration = new Map<string, Audio>()
  const sourceProfiles = new Map<string, VoiceProfile>()
  const rows: Row[] = []

  const render = async (voice: string, lang: Lang, text: string): Promise<Audio> => {
    const renderer = renderers.find((r) => r.voice.name === voice)!
    return renderer.render(runsOf(text, lang), {
      prosody: NEUTRAL_PROSODY,
      speed: 1,
      signal: new AbortController().signal,
    })
  }

  beforeAll(async () => {
    expect(voices).toHaveLength(SOURCE_VOICES.length)
    for (const v of voices)
      sourceProfiles.set(
        v.name,
        await profileOfBuiltinVoice(v.name, v.lang, async (text) => {
          const audio = await render(v.name, v.lang, text)
          calibration.set(v.name, audio)
          return audio
        }),
      )
    for (const c of CASES) {
      const bytes = await readFile(testdata('voices', c.file))
      const reference = await ingestReference(bytes, { maxBytes: 20 * 1024 * 1024 })
      const target: VoiceProfile = await buildProfile(reference.audio, sha256Hex(bytes), { lang: c.lang })
      for (const lang of c.speak) {
        const source = pickSourceVoice(target, voices, lang, (name) => sourceProfiles.get(name))
        const key = `${source}:${lang}`
        if (!rendered.has(key)) rendered.set(key, await render(source, lang, SENTENCE[lang]))
        const original = rendered.get(key)!
        const converted = await convertToProfile(original, sourceProfiles.get(source)!, target)
        const semitones = 12 * Math.log2(medianF0(converted) / medianF0(reference.audio))
        rows.push({
          name: c.file.split('/').pop()!,
          lang,
          source,
          reference: reference.audio,
          converted,
          original,
          semitones,
        })
      }
    }
  })

  it('converts towards each reference: median F0 within a semitone, closer to the reference than to the source', async () => {
    const manifest = JSON.parse(await readFile(testdata('voices', 'manifest.json'), 'utf8')) as {
      file: string
    }[]
    const population = [
      ...(await Promise.all(
        manifest.map(async (m) =>
          speakerEmbedding(await decodeAudio(await readFile(testdata('voices', m.file)))),
        ),
      )),
      ...[...calibration.values()].map((a) => speakerEmbedding(a)),
    ]
    let closer = 0
    const table = rows.map((r) => {
      const converted = speakerEmbedding(r.converted)
      const reference = speakerEmbedding(r.reference)
      const voice = speakerEmbedding(calibration.get(r.source)!)
      const toReference = centredCosine(converted, reference, population)
      const toSource = centredCosine(converted, voice, population)
      const sameText = centredCosine(converted, speakerEmbedding(r.original), population)
      const before = centredCosine(speakerEmbedding(r.original), reference, population)
      if (toReference > toSource) closer++
      const cells = [
        `F0 err ${r.semitones.toFixed(2).padStart(5)} st`,
        `sim(out,ref) ${toReference.toFixed(2).padStart(5)}`,
        `sim(out,voice) ${toSource.toFixed(2).padStart(5)}`,
        `same text ${sameText.toFixed(2).padStart(5)}`,
        `sim(unconverted,ref) ${before.toFixed(2).padStart(5)}`,
      ]
      return `${r.name.padEnd(46)} ${r.lang} from ${r.source.padEnd(9)} ${cells.join('  ')}`
    })
    console.log(`${table.join('\n')}\ncloser to the reference: ${closer}/${rows.length}`)

    for (const r of rows) expect(Math.abs(r.semitones), `${r.name} (${r.lang})`).toBeLessThan(1)
    expect(closer / rows.length).toBeGreaterThanOrEqual(0.9)
  })

  it.skipIf(!hasPocketsphinx())(
    'keeps converted English speech intelligible (pocketsphinx WER)',
    async () => {
      const english = rows.filter((r) => r.lang === 'en')
      const sources = [...new Set(english.map((r) => r.source))].map((name) => rendered.get(`${name}:en`)!)
      const at16k = async (audio: Audio) => resample(audio, ASR_SAMPLE_RATE)
      const heard = await recognize(
        await Promise.all([...sources, ...english.map((r) => r.converted)].map(at16k)),
      )
      const pairs = heard.map((hypothesis) => ({ reference: SENTENCE.en, hypothesis }))
      const before = wordErrorRate(pairs.slice(0, sources.length))
      const after = wordErrorRate(pairs.slice(sources.length))
      console.log(
        `pocketsphinx WER: unconverted voices ${(100 * before).toFixed(0)} %, converted (${english.length} speakers) ${(100 * after).toFixed(0)} %`,
      )
      // Conversion may cost some accuracy, never most of it (real speech scores ~36 % with this recogniser).
      expect(after).toBeLessThan(Math.max(0.5, before + 0.25))
    },
  )
})
