import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  decodeAudio,
  KWeightingFilter,
  kWeightingHighpass,
  kWeightingShelf,
  measureLoudness,
  normalizeLoudness,
  peak,
  resample,
  toDb,
  truePeak,
} from '../../../src/audio/index.js'
import type { Audio } from '../../../src/core/types.js'
import { requireTestdata, testdata } from '../../helpers/env.js'
import { tones } from './signals.js'

/** A 1 kHz sine whose peak is `dbfs`; piecewise levels make the EBU gating cases. */
function sineSegments(sampleRate: number, segments: [seconds: number, peakDbfs: number][], hz = 1000): Audio {
  const total = segments.reduce((n, [s]) => n + Math.round(s * sampleRate), 0)
  const samples = new Float32Array(total)
  let i = 0
  for (const [seconds, level] of segments) {
    const a = 10 ** (level / 20)
    for (let k = 0; k < Math.round(seconds * sampleRate); k++, i++)
      samples[i] = a * Math.sin((2 * Math.PI * hz * i) / sampleRate)
  }
  return { samples, sampleRate }
}

describe('K-weighting filter', () => {
  it('reproduces the coefficients of ITU-R BS.1770-4 Tables 1 and 2 at 48 kHz', () => {
    const shelf = kWeightingShelf(48000)
    expect(shelf.b0).toBeCloseTo(1.53512485958697, 10)
    expect(shelf.b1).toBeCloseTo(-2.69169618940638, 10)
    expect(shelf.b2).toBeCloseTo(1.19839281085285, 10)
    expect(shelf.a1).toBeCloseTo(-1.69065929318241, 10)
    expect(shelf.a2).toBeCloseTo(0.73248077421585, 10)
    const hp = kWeightingHighpass(48000)
    expect([hp.b0, hp.b1, hp.b2]).toEqual([1, -2, 1])
    expect(hp.a1).toBeCloseTo(-1.99004745483398, 10)
    expect(hp.a2).toBeCloseTo(0.99007225036621, 10)
  })

  it('has the same response at 16 kHz as at 48 kHz (about +0.7 dB at 1 kHz, strong cut at 20 Hz)', () => {
    const gainDb = (rate: number, hz: number) => {
      const f = new KWeightingFilter({ sampleRate: rate })
      const n = rate * 2
      let sumIn = 0
      let sumOut = 0
      for (let i = 0; i < n; i++) {
        const x = Math.sin((2 * Math.PI * hz * i) / rate)
        const y = f.process(x)
        if (i > rate) {
          sumIn += x * x
          sumOut += y * y
        }
      }
      return 10 * Math.log10(sumOut / sumIn)
    }
    expect(gainDb(48000, 1000)).toBeCloseTo(gainDb(16000, 1000), 1)
    expect(gainDb(48000, 1000)).toBeCloseTo(0.69, 1)
    expect(gainDb(16000, 20)).toBeLessThan(-10)
    expect(gainDb(24000, 5000)).toBeCloseTo(gainDb(48000, 5000), 0)
  })
})

describe('measureLoudness (BS.1770-4 integrated, mono)', () => {
  // BS.1770-4 §2.1 and Annex 1: a 0 dBFS 997 Hz sine in one channel reads -3.01 LKFS; the
  // K-weighting gain at ~1 kHz (+0.69 dB) is cancelled by the -0.691 constant, so a sine of
  // peak P dBFS reads P + 10·log10(1/2) = P - 3.01 LUFS.
  it('reads a 997 Hz full-scale sine as -3.01 LUFS and a 1 kHz sine at -20 dBFS as -23.01 LUFS', () => {
    expect(measureLoudness(sineSegments(48000, [[5, 0]], 997))).toBeCloseTo(-3.01, 1)
    for (const rate of [48000, 24000, 16000])
      expect(measureLoudness(sineSegments(rate, [[5, -20]])), `${rate} Hz`).toBeCloseTo(-23.01, 1)
  })

  // EBU Tech 3341 (2016) cases 3 and 4, mono: a mono sine at P dBFS carries the loudness of
  // the stereo case's sine at P - 3.01 dBFS per channel, so levels are shifted by +3.01 dB.
  it('gates like EBU Tech 3341 case 3: -36/-23/-36 LUFS for 10/60/10 s reads -23.0', () => {
    const x = sineSegments(48000, [
      [10, -32.99],
      [60, -19.99],
      [10, -32.99],
    ])
    expect(Math.abs(measureLoudness(x) - -23)).toBeLessThanOrEqual(0.1)
  })

  it('gates like EBU Tech 3341 case 4: -72/-36/-23/-36/-72 LUFS reads -23.0', () => {
    const x = sineSegments(24000, [
      [10, -68.99],
      [10, -32.99],
      [60, -19.99],
      [10, -32.99],
      [10, -68.99],
    ])
    expect(Math.abs(measureLoudness(x) - -23)).toBeLessThanOrEqual(0.1)
  })

  it('gives -Infinity for silence and below the absolute gate; measures a lone syllable as one block', () => {
    expect(measureLoudness({ samples: new Float32Array(48000), sampleRate: 48000 })).toBe(
      Number.NEGATIVE_INFINITY,
    )
    expect(measureLoudness(sineSegments(48000, [[2, -80]]))).toBe(Number.NEGATIVE_INFINITY)
    expect(measureLoudness({ samples: new Float32Array(0), sampleRate: 24000 })).toBe(
      Number.NEGATIVE_INFINITY,
    )
    expect(measureLoudness(sineSegments(24000, [[0.3, -20]]))).toBeCloseTo(-23.01, 0)
  })

  it.skipIf(!requireTestdata())(
    'agrees with ffmpeg on real speech and does not depend on the sample rate',
    async () => {
      // ffmpeg 5.1 `-af ebur128` (which measures at 48 kHz) reports I: -20.2 LUFS for this file.
      const speech = await decodeAudio(
        new Uint8Array(readFileSync(testdata('voices', 'ljspeech/LJ001-0001.wav'))),
      )
      const native = measureLoudness(speech)
      expect(Math.abs(native - -20.2)).toBeLessThanOrEqual(0.06)
      expect(measureLoudness(await resample(speech, 48000, { quality: 'best' }))).toBeCloseTo(native, 1)
    },
  )
})

describe('truePeak and normalizeLoudness', () => {
  it('finds the inter-sample peak of a quarter-rate sine sampled off its crests', () => {
    // 12 kHz at 48 kHz with a 45° phase: samples land at ±0.707 of the true amplitude.
    const n = 4800
    const samples = new Float32Array(n)
    for (let i = 0; i < n; i++) samples[i] = 0.5 * Math.sin((Math.PI / 2) * i + Math.PI / 4)
    expect(toDb(peak(samples))).toBeCloseTo(toDb(0.5) - 3.01, 1)
    expect(Math.abs(toDb(truePeak(samples)) - toDb(0.5))).toBeLessThan(0.3)
  })

  it('normalises speech-like audio to the target when the peak allows', () => {
    const x = sineSegments(24000, [
      [1, -30],
      [1, -40],
      [1, -30],
    ])
    const y = normalizeLoudness(x, -20)
    expect(measureLoudness(y)).toBeCloseTo(-20, 1)
    expect(x.samples[100]).toBe(sineSegments(24000, [[1, -30]]).samples[100]) // input untouched
  })

  it('lowers the gain instead of exceeding the peak ceiling', () => {
    // A spiky signal: a quiet tone with one loud click.
    const x = tones(24000, 2, [[500, 0.05]])
    x.samples[24000] = 0.9
    const y = normalizeLoudness(x, -10, { peakDbfs: -1 })
    expect(toDb(truePeak(y.samples))).toBeLessThanOrEqual(-1 + 1e-6)
    expect(toDb(truePeak(y.samples))).toBeGreaterThan(-1.01)
    expect(measureLoudness(y)).toBeLessThan(-10)
    const s = normalizeLoudness(x, -10, { peakDbfs: -3, peakMode: 'sample' })
    expect(toDb(peak(s.samples))).toBeCloseTo(-3, 3)
  })

  it('leaves silence alone', () => {
    const silent = { samples: new Float32Array(1000), sampleRate: 24000 }
    expect(normalizeLoudness(silent).samples).toEqual(silent.samples)
  })
})
