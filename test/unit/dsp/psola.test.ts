import { describe, expect, it } from 'vitest'
import { warpSpectralEnvelope } from '../../../src/dsp/envelope-warp.js'
import { detectPitchMarks, markF0 } from '../../../src/dsp/epochs.js'
import { modifyPitchTime, type PsolaSource } from '../../../src/dsp/psola.js'
import { median } from '../../../src/dsp/signal.js'
import { trackPitch } from '../../helpers/f0.js'
import { envelopeCorrelation, longTermSpectrum } from './spectra.js'
import { autocorrelationF0, syntheticVowel } from './synthetic.js'

const SR = 24000
const vowel = syntheticVowel({ sampleRate: SR, seconds: 0.6, f0: 120 })
const marks = detectPitchMarks(vowel, SR, { minHz: 60, maxHz: 400, zffPeriodSeconds: 0.006 })
const source: PsolaSource = { samples: vowel, ...marks }

function yinMedian(x: Float32Array): number {
  return median(Array.from(trackPitch(x, SR, { minHz: 60, maxHz: 400 }).f0).filter((v) => v > 0))
}

describe('pitch marks on a synthetic glottal-pulse vowel', () => {
  it('puts one voiced mark per period', () => {
    const hz = Array.from(markF0(marks, SR)).filter((v) => v > 0)
    expect(hz.length).toBeGreaterThan(0.9 * 0.6 * 120)
    expect(median(hz)).toBeCloseTo(120, 0)
    expect(Math.min(...hz)).toBeGreaterThan(115)
    expect(Math.max(...hz)).toBeLessThan(125)
  })
})

describe('TD-PSOLA pitch modification', () => {
  for (const ratio of [0.75, 1.3, 1.6]) {
    it(`scales F0 by ${ratio} and keeps the duration`, () => {
      const out = modifyPitchTime(source, SR, { pitchRatio: ratio })
      expect(out.length).toBe(vowel.length)
      const yin = yinMedian(out)
      const ac = autocorrelationF0(out, SR)
      console.log(
        `pitch x${ratio}: YIN ${yin.toFixed(2)} Hz, autocorrelation ${ac.toFixed(2)} Hz, target ${120 * ratio} Hz`,
      )
      expect(Math.abs(yin / (120 * ratio) - 1)).toBeLessThan(0.02)
      expect(Math.abs(ac / (120 * ratio) - 1)).toBeLessThan(0.02)
    })
  }
})

describe('TD-PSOLA time-scale modification', () => {
  for (const ratio of [0.6, 1.7]) {
    it(`scales the duration by ${ratio} and keeps F0`, () => {
      const out = modifyPitchTime(source, SR, { timeRatio: ratio })
      expect(Math.abs(out.length / vowel.length - ratio)).toBeLessThan(0.01)
      const yin = yinMedian(out)
      const ac = autocorrelationF0(out, SR)
      console.log(
        `time x${ratio}: ${(out.length / SR).toFixed(3)} s, YIN ${yin.toFixed(2)} Hz, autocorrelation ${ac.toFixed(2)} Hz`,
      )
      expect(Math.abs(yin / 120 - 1)).toBeLessThan(0.02)
      expect(Math.abs(ac / 120 - 1)).toBeLessThan(0.02)
      // No dropout: every 20 ms block of the stretched vowel keeps its level.
      const block = Math.round(0.02 * SR)
      let min = Number.POSITIVE_INFINITY
      let max = 0
      for (let s = block; s + 2 * block < out.length; s += block) {
        let e = 0
        for (let i = s; i < s + block; i++) e += out[i] * out[i]
        min = Math.min(min, e)
        max = Math.max(max, e)
      }
      expect(10 * Math.log10(max / min)).toBeLessThan(3)
    })
  }
})

describe('F0 tracker', () => {
  it('follows a gliding F0 (tone-2-like rise 110 → 220 Hz) without octave errors', () => {
    const glide = syntheticVowel({ sampleRate: SR, seconds: 0.5, f0: (t) => 110 * 2 ** (t / 0.5) })
    const track = trackPitch(glide, SR, { minHz: 60, maxHz: 400 })
    let worst = 0
    for (let k = 0; k < track.f0.length; k++) {
      const t = k * track.hopSeconds
      if (t < 0.04 || t > 0.46) continue
      expect(track.f0[k]).toBeGreaterThan(0)
      worst = Math.max(worst, Math.abs(Math.log2(track.f0[k] / (110 * 2 ** (t / 0.5)))))
    }
    console.log(`glide: worst tracking error ${(1200 * worst).toFixed(1)} cents`)
    expect(1200 * worst).toBeLessThan(60)
  })
})

describe('spectral envelope warp', () => {
  for (const alpha of [1.2, 0.85]) {
    it(`moves formants by α = ${alpha} at constant F0`, () => {
      const target = syntheticVowel({
        sampleRate: SR,
        seconds: 0.6,
        f0: 120,
        formants: [700 * alpha, 1220 * alpha, 2600 * alpha],
      })
      const warped = warpSpectralEnvelope(vowel, SR, marks, { alpha })
      const before = envelopeCorrelation(longTermSpectrum(vowel, SR), longTermSpectrum(target, SR), SR)
      const after = envelopeCorrelation(longTermSpectrum(warped, SR), longTermSpectrum(target, SR), SR)
      console.log(
        `warp ${alpha}: log-spectrum correlation with the true target ${before.toFixed(3)} → ${after.toFixed(3)}`,
      )
      expect(after).toBeGreaterThan(before + 0.01)
      expect(after).toBeGreaterThan(0.98)
      expect(Math.abs(yinMedian(warped) / 120 - 1)).toBeLessThan(0.01)
    })
  }
})
