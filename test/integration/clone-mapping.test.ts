/**
 * The conversion's parameter mappings and the source-voice choice, on synthetic profiles
 * and frames (fast; the real-speech test is clone.test.ts).
 */
import { describe, expect, it } from 'vitest'
import type { VoiceProfile } from '../../src/core/types.js'
import type { WorldParams } from '../../src/dsp/world/common.js'
import { conversionPlan, convertParams } from '../../src/engines/builtin/clone/convert.js'
import { mapF0, rateFactor, timeScale, unwarpFrequency } from '../../src/engines/builtin/clone/mapping.js'
import { likelyGender, pickSourceVoice } from '../../src/engines/builtin/clone/source.js'
import type { EngineVoice } from '../../src/engines/engine.js'
import { PROFILE_GRID_HZ } from '../../src/voice/profile.js'

function profile(medianHz: number, warp: number, extra: Partial<VoiceProfile> = {}): VoiceProfile {
  return {
    id: 'p'.repeat(64),
    sampleRate: 16_000,
    f0: { logMean: Math.log(medianHz), logStd: 0.2, minHz: medianHz * 0.7, maxHz: medianHz * 1.4, medianHz },
    warp,
    envelope: PROFILE_GRID_HZ.map(() => 0),
    tiltDbPerOctave: -6,
    aperiodicity: 0.3,
    rate: 4.5,
    speechSeconds: 10,
    ...extra,
  }
}

const voice = (
  name: string,
  lang: 'zh' | 'en',
  gender: 'male' | 'female',
  isDefault = false,
): EngineVoice => ({
  name,
  lang,
  gender,
  licence: 'x',
  description: '',
  isDefault,
})

describe('mapF0', () => {
  it('puts the median of a segment exactly on the target median and scales the spread', () => {
    const f0 = Float64Array.from({ length: 400 }, (_, i) => (i % 5 === 0 ? 0 : 100 * 2 ** Math.sin(i / 20)))
    const source = profile(100, 1, { f0: { logMean: Math.log(100), logStd: 0.3, minHz: 60, maxHz: 180 } })
    const target = profile(220, 1, {
      f0: { logMean: Math.log(220), logStd: 0.15, minHz: 170, maxHz: 280, medianHz: 220 },
    })
    const mapped = mapF0(f0, 0.005, source, target)
    const voiced = (a: Float64Array) =>
      Array.from(a)
        .filter((v) => v > 0)
        .sort((x, y) => x - y)
    const out = voiced(mapped)
    expect(out[Math.floor(out.length / 2)]).toBeCloseTo(220, 0)
    const logRange = (a: number[]) => Math.log(a[a.length - 1] / a[0])
    expect(logRange(out) / logRange(voiced(f0))).toBeCloseTo(0.5, 2)
    expect(mapped.filter((v, i) => (v === 0) !== (f0[i] === 0))).toHaveLength(0)
  })
})

describe('frequency warp', () => {
  it('is monotonic, scales below the knee and keeps 0 and Nyquist fixed', () => {
    for (const alpha of [0.85, 1, 1.2]) {
      expect(unwarpFrequency(0, alpha, 8000)).toBe(0)
      expect(unwarpFrequency(8000, alpha, 8000)).toBeCloseTo(8000, 6)
      expect(unwarpFrequency(1000 * alpha, alpha, 8000)).toBeCloseTo(1000, 6)
      let previous = -1
      for (let hz = 0; hz <= 8000; hz += 50) {
        const source = unwarpFrequency(hz, alpha, 8000)
        expect(source).toBeGreaterThan(previous)
        previous = source
      }
    }
  })

  it('moves an envelope peak by the warp ratio', () => {
    const bins = 513
    const peakAt = (e: Float64Array) => e.indexOf(Math.max(...e))
    const envelope = Float64Array.from({ length: bins }, (_, k) => 1e-4 + Math.exp(-(((k - 64) / 6) ** 2)))
    const params: WorldParams = {
      sampleRate: 16_000,
      framePeriod: 0.005,
      fftSize: 1024,
      f0: Float64Array.from([150, 150]),
      envelope: [envelope, envelope],
      bandAperiodicity: [Float64Array.from([-20]), Float64Array.from([-20])],
      bandFrequencies: Float64Array.from([3000]),
      length: 160,
    }
    const source = profile(150, 1)
    const target = profile(150, 1.15)
    const converted = convertParams(params, source, target)
    expect(peakAt(converted.envelope[0]) / 64).toBeCloseTo(1.15, 1)
    expect(conversionPlan(source, target).warp).toBeCloseTo(1.15, 6)
  })
})

describe('rate and time scaling', () => {
  it('maps rate only within one language and within limits', () => {
    const en = profile(120, 1, { rate: 4, lang: 'en' })
    expect(rateFactor(en, profile(120, 1, { rate: 5, lang: 'en' }))).toBeCloseTo(1.25, 6)
    expect(rateFactor(en, profile(120, 1, { rate: 9, lang: 'en' }))).toBe(1.25)
    expect(rateFactor(en, profile(120, 1, { rate: 5, lang: 'zh' }))).toBe(1)
    expect(rateFactor(en, profile(120, 1, { rate: 4.4 }))).toBeCloseTo(1.1, 6)
  })

  it('shortens the frame sequence and the signal by the factor', () => {
    const frames = 200
    const params: WorldParams = {
      sampleRate: 16_000,
      framePeriod: 0.005,
      fftSize: 1024,
      f0: Float64Array.from({ length: frames }, (_, i) => (i < 100 ? 120 : 0)),
      envelope: Array.from({ length: frames }, () => new Float64Array(513).fill(1)),
      bandAperiodicity: Array.from({ length: frames }, () => Float64Array.from([-10])),
      bandFrequencies: Float64Array.from([3000]),
      length: 16_000,
    }
    const scaled = timeScale(params, 1.25)
    expect(scaled.f0.length).toBe(160)
    expect(scaled.length).toBe(12_800)
    expect(scaled.f0[70]).toBe(120)
    expect(scaled.f0[90]).toBe(0)
  })
})

describe('source voice choice', () => {
  const voices = [
    voice('zh-male', 'zh', 'male'),
    voice('zh-female', 'zh', 'female', true),
    voice('en-rms', 'en', 'male', true),
    voice('en-slt', 'en', 'female'),
  ]
  it('picks by likely gender in the requested language', () => {
    expect(likelyGender(profile(110, 0.95))).toBe('male')
    expect(likelyGender(profile(230, 1.1))).toBe('female')
    expect(pickSourceVoice(profile(110, 0.95), voices, 'zh')).toBe('zh-male')
    expect(pickSourceVoice(profile(230, 1.1), voices, 'zh')).toBe('zh-female')
    expect(pickSourceVoice(profile(230, 1.1), voices, 'en')).toBe('en-slt')
    expect(pickSourceVoice(profile(110, 0.95), voices, 'en')).toBe('en-rms')
  })

  it('falls back to any voice when the language has none', () => {
    expect(pickSourceVoice(profile(110, 0.95), voices.slice(0, 2), 'en')).toBe('zh-male')
  })
})
