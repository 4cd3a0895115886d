/**
 * English intelligibility: Harvard sentences (IEEE 1969 "Recommended Practice for Speech
 * Quality Measurements", lists 1 and 2 — phonetically balanced, low-predictability, public
 * domain) spoken by every English voice through the whole library path (text prep, engine,
 * levelling, resampling to 16 kHz), recognised by pocketsphinx, scored by word error rate.
 *
 * The bound is relative to real speech scored in the same run by the same recognizer
 * (LibriVox and spoken-card recordings shipped with pocketsphinx's tests): an offered voice
 * may be at most 1.5x as hard to recognise as those human recordings, and the default voice
 * no harder than them. The recognizer's general-purpose language model helps neither side.
 */

import { mkdtempSync, rmSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/core/config.js'
import type { Audio } from '../../src/core/types.js'
import { DEFAULT_EN_VOICE, EN_VOICES } from '../../src/engines/builtin/en/voices.js'
import { createMynah } from '../../src/runtime/mynah.js'
import { ASR_SAMPLE_RATE, hasPocketsphinx, readWav, recognize, wordErrorRate } from '../helpers/asr.js'
import { requireTestdata, testdata } from '../helpers/env.js'

export const HARVARD_SENTENCES = [
  'The birch canoe slid on the smooth planks.',
  'Glue the sheet to the dark blue background.',
  "It's easy to tell the depth of a well.",
  'These days a chicken leg is a rare dish.',
  'Rice is often served in round bowls.',
  'The juice of lemons makes fine punch.',
  'The box was thrown beside the parked truck.',
  'The hogs were fed chopped corn and garbage.',
  'Four hours of steady work faced us.',
  'Large size in stockings is hard to sell.',
  'The boy was there when the sun rose.',
  'A rod is used to catch pink salmon.',
  'The source of the huge river is the clear spring.',
  'Kick the ball straight and follow through.',
  'Help the woman get back to her feet.',
  'A pot of tea helps to pass the evening.',
  'Smoky fires lack flame and heat.',
  "The soft cushion broke the man's fall.",
  'The salt breeze came across from the sea.',
  'The girl at the booth sold fifty bonds.',
]

/** The real recordings: `<s> words </s> (id)` transcription lines beside `<id>.wav` files. */
async function realSpeech(): Promise<{ reference: string; audio: Audio }[]> {
  const sets = [
    ['librivox', 'transcription'],
    ['cards', 'cards.transcription'],
  ] as const
  const out: { reference: string; audio: Audio }[] = []
  for (const [dir, list] of sets) {
    const base = testdata('voices', 'pocketsphinx', dir)
    for (const line of (await readFile(join(base, list), 'utf8')).split('\n')) {
      const m = /^(.*)\((\S+)\)\s*$/.exec(line)
      if (m) out.push({ reference: m[1], audio: await readWav(join(base, `${m[2]}.wav`)) })
    }
  }
  return out
}

const has = hasPocketsphinx() && requireTestdata()
const home = mkdtempSync(join(tmpdir(), 'mynah-wer-'))
afterAll(() => rmSync(home, { recursive: true, force: true }))

describe.skipIf(!has)('English intelligibility (pocketsphinx WER)', () => {
  it('every English voice is at most 1.5x as hard to recognise as real speech; the default no harder', async () => {
    const real = await realSpeech()
    expect(real.length).toBe(10)
    const mynah = createMynah(loadConfig({ flags: { home }, env: {} }))
    const clips: Audio[] = []
    for (const voice of EN_VOICES)
      for (const text of HARVARD_SENTENCES) {
        const speech = await mynah.speak({ text, voice: voice.name, lang: 'en', sampleRate: ASR_SAMPLE_RATE })
        clips.push({ samples: speech.samples, sampleRate: speech.sampleRate })
      }
    await mynah.close()

    const hypotheses = await recognize([...real.map((r) => r.audio), ...clips])
    const baseline = wordErrorRate(
      real.map((r, i) => ({ reference: r.reference, hypothesis: hypotheses[i] })),
    )
    const rows = EN_VOICES.map((voice, v) => {
      const pairs = HARVARD_SENTENCES.map((reference, i) => ({
        reference,
        hypothesis: hypotheses[real.length + v * HARVARD_SENTENCES.length + i],
      }))
      return { voice: voice.name, wer: wordErrorRate(pairs) }
    })
    const percent = (x: number) => `${(100 * x).toFixed(1)} %`
    console.log(
      [
        `real speech (10 recordings): WER ${percent(baseline)}`,
        ...rows.map(
          (r) =>
            `${r.voice.padEnd(9)} (${HARVARD_SENTENCES.length} Harvard sentences): WER ${percent(r.wer)}`,
        ),
      ].join('\n'),
    )

    // A recognizer that fails outright would make every bound meaningless.
    expect(baseline).toBeLessThan(0.45)
    for (const row of rows) expect(row.wer, row.voice).toBeLessThanOrEqual(1.5 * baseline)
    const best = rows.reduce((a, b) => (b.wer < a.wer ? b : a))
    const byDefault = rows.find((r) => r.voice === DEFAULT_EN_VOICE)!
    expect(byDefault.wer).toBeLessThanOrEqual(baseline)
    // The default is the most intelligible voice (ties allowed within one word in a hundred).
    expect(byDefault.wer - best.wer).toBeLessThan(0.01)
  })
})
