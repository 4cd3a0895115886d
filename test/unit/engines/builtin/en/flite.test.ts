import { execFile } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { rms } from '../../../../../src/audio/index.js'
import { isMynahError } from '../../../../../src/core/errors.js'
import type { Audio } from '../../../../../src/core/types.js'
import { FLITE_SAMPLE_RATE, parseFliteWav, runFlite } from '../../../../../src/engines/builtin/en/flite.js'
import { renderEnglish, textForFlite } from '../../../../../src/engines/builtin/en/render.js'
import { EN_VOICES, englishVoice } from '../../../../../src/engines/builtin/en/voices.js'

const seconds = (a: Audio) => a.samples.length / a.sampleRate

/** Median F0 of voiced 40 ms frames by normalised autocorrelation (enough to compare two renderings). */
function medianF0(audio: Audio): number {
  const { samples, sampleRate } = audio
  const frame = Math.round(0.04 * sampleRate)
  const level = rms(samples)
  const found: number[] = []
  for (let at = 0; at + frame < samples.length; at += frame / 2) {
    const x = samples.subarray(at, at + frame)
    if (rms(x) < level) continue
    let best = 0
    let bestLag = 0
    const energy = x.reduce((s, v) => s + v * v, 0)
    for (let lag = Math.floor(sampleRate / 400); lag <= sampleRate / 60; lag++) {
      let c = 0
      for (let i = 0; i + lag < frame; i++) c += x[i] * x[i + lag]
      if (c > best) {
        best = c
        bestLag = lag
      }
    }
    if (bestLag > 0 && best > 0.4 * energy) found.push(sampleRate / bestLag)
  }
  found.sort((a, b) => a - b)
  return found[found.length >> 1] ?? 0
}

async function errorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p
  } catch (error) {
    return isMynahError(error) ? error.code : `not a MynahError: ${error}`
  }
  return 'no error'
}

describe('flite voices', () => {
  it.each(EN_VOICES.map((v) => [v.name]))(
    '%s renders audible 16 kHz speech of plausible length',
    async (name) => {
      const audio = await renderEnglish(name, 'The birch canoe slid on the smooth planks.')
      expect(audio.sampleRate).toBe(FLITE_SAMPLE_RATE)
      // Nine words of read speech take about 2-3 s; trimmed output must not be near-silent.
      expect(seconds(audio)).toBeGreaterThan(1.2)
      expect(seconds(audio)).toBeLessThan(4.5)
      expect(rms(audio.samples)).toBeGreaterThan(0.01)
    },
  )

  it('longer text gives longer audio', async () => {
    const short = await renderEnglish('en-rms', 'Glue the sheet.')
    const long = await renderEnglish(
      'en-rms',
      'Glue the sheet to the dark blue background, then leave it to dry.',
    )
    expect(seconds(long)).toBeGreaterThan(2 * seconds(short))
  })

  it('rate 2 halves and rate 0.5 doubles the duration', async () => {
    const text = 'Four hours of steady work faced us.'
    const base = seconds(await renderEnglish('en-slt', text))
    const fast = seconds(await renderEnglish('en-slt', text, { rate: 2, pitch: 1 }))
    const slow = seconds(await renderEnglish('en-slt', text, { rate: 0.5, pitch: 1 }))
    expect(fast / base).toBeGreaterThan(0.4)
    expect(fast / base).toBeLessThan(0.6)
    expect(slow / base).toBeGreaterThan(1.8)
    expect(slow / base).toBeLessThan(2.2)
  })

  it('a pitch factor moves F0 for voices flite can re-pitch', async () => {
    const text = 'These days a chicken leg is a rare dish.'
    const base = medianF0(await renderEnglish('en-slt', text))
    const high = medianF0(await renderEnglish('en-slt', text, { rate: 1, pitch: 1.3 }))
    expect(base).toBeGreaterThan(130)
    expect(base).toBeLessThan(220)
    expect(high / base).toBeGreaterThan(1.15)
    expect(high / base).toBeLessThan(1.45)
  })

  it('a pitch factor moves F0 of the rms voice too (PSOLA after flite), keeping its duration', async () => {
    const text = 'These days a chicken leg is a rare dish.'
    const plain = await renderEnglish('en-rms', text)
    const high = await renderEnglish('en-rms', text, { rate: 1, pitch: 1.3 })
    const ratio = medianF0(high) / medianF0(plain)
    expect(ratio).toBeGreaterThan(1.15)
    expect(ratio).toBeLessThan(1.45)
    expect(Math.abs(seconds(high) - seconds(plain))).toBeLessThan(0.05)
  })

  it('unknown voices are E_VOICE_UNKNOWN, never the 8 kHz kal fallback', async () => {
    expect(await errorCode(runFlite({ voice: 'kal' as never, text: 'hello' }))).toBe('E_VOICE_UNKNOWN')
    expect(await errorCode(runFlite({ voice: 'bogus' as never, text: 'hello' }))).toBe('E_VOICE_UNKNOWN')
    expect(await errorCode(renderEnglish('en-bogus', 'hello'))).toBe('E_VOICE_UNKNOWN')
    expect(() => englishVoice('slt')).toThrow(/Unknown voice slt/)
  })

  it('text that starts with a dash is spoken, not parsed as an option', async () => {
    const audio = await renderEnglish('en-rms', '-voice kal hello there')
    expect(audio.sampleRate).toBe(FLITE_SAMPLE_RATE)
    expect(seconds(audio)).toBeGreaterThan(0.8)
  })

  it('nothing to say gives empty audio without calling flite', async () => {
    const audio = await renderEnglish('en-rms', ' … — ')
    expect(audio.samples.length).toBe(0)
  })

  it('folds text to what flite reads', () => {
    expect(textForFlite('Café “naïve” — it’s…')).toBe('Cafe "naive" , it\'s...')
    expect(textForFlite('北京 and\tthe\nsea')).toBe('and the sea')
  })

  it('rejects output that is not RIFF PCM', () => {
    expect(() => parseFliteWav(new Uint8Array(8))).toThrow(/RIFF/)
  })

  it('repeated calls do not leak instance memory (each instance holds >= 17 MB)', async () => {
    const text = 'The juice of lemons makes fine punch. The box was thrown beside the parked truck.'
    for (let i = 0; i < 5; i++) await runFlite({ voice: 'slt', text })
    const before = process.memoryUsage().rss
    for (let i = 0; i < 30; i++) await runFlite({ voice: EN_VOICES[i % 4].flite, text })
    const grown = process.memoryUsage().rss - before
    // A leaked instance per call would add 30 x 17 MB = 510 MB.
    expect(grown).toBeLessThan(200 * 1024 * 1024)
  })

  it('synthesizes a 600-word text through the library path without crashing', async () => {
    const child = join(dirname(fileURLToPath(import.meta.url)), 'long-text.child.ts')
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', child], {
      timeout: 110_000,
    })
    const result = JSON.parse(stdout) as { words: number; seconds: number }
    expect(result.words).toBe(600)
    // 600 words at flite's ~3 words/s.
    expect(result.seconds).toBeGreaterThan(150)
    expect(result.seconds).toBeLessThan(300)
  })
})
