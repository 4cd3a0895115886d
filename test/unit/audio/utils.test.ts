import { describe, expect, it } from 'vitest'
import {
  applyFade,
  applyGain,
  concatWithCrossfade,
  fromDb,
  mean,
  mixToMono,
  peak,
  removeDc,
  rms,
  silence,
  toDb,
  trimSilence,
} from '../../../src/audio/index.js'
import type { Audio } from '../../../src/core/types.js'
import { tones } from './signals.js'

const rate = 24000
const f32 = (values: number[]) => new Float32Array(values)

describe('levels', () => {
  it('peak, rms, dB conversions', () => {
    expect(peak(f32([0.1, -0.7, 0.3]))).toBeCloseTo(0.7, 6)
    expect(rms(f32([1, -1, 1, -1]))).toBe(1)
    expect(rms(new Float32Array(0))).toBe(0)
    expect(rms(tones(rate, 1, [[100, 1]]).samples)).toBeCloseTo(Math.SQRT1_2, 4)
    expect(toDb(0.5)).toBeCloseTo(-6.0206, 4)
    expect(fromDb(-6.0206)).toBeCloseTo(0.5, 4)
    expect(Array.from(applyGain(f32([0.5, -0.25]), -6.0206))).toEqual([
      expect.closeTo(0.25, 4),
      expect.closeTo(-0.125, 4),
    ])
  })

  it('removeDc subtracts the mean and leaves the input alone', () => {
    const x = f32([1.5, 0.5, 1.5, 0.5])
    expect(Array.from(removeDc(x))).toEqual([0.5, -0.5, 0.5, -0.5])
    expect(x[0]).toBe(1.5)
    expect(mean(x)).toBe(1)
    expect(mean(f32([]))).toBe(0)
  })

  it('mixToMono averages channels', () => {
    expect(Array.from(mixToMono([f32([1, 0.5]), f32([0, -0.5])]))).toEqual([0.5, 0])
    expect(mixToMono([]).length).toBe(0)
  })

  it('silence has the asked length', () => {
    const s = silence(0.25, rate)
    expect(s.samples.length).toBe(6000)
    expect(peak(s.samples)).toBe(0)
  })
})

describe('trimSilence', () => {
  const padded = (): Audio => {
    const tone = tones(rate, 0.5, [[300, 0.5]]).samples
    const samples = new Float32Array(rate * 2)
    samples.set(tone, rate / 2) // tone from 0.5 s to 1.0 s
    for (let i = 0; i < samples.length; i++) samples[i] += i % 2 ? 1e-4 : -1e-4 // -80 dB noise floor
    return { samples, sampleRate: rate }
  }

  it('cuts leading and trailing silence and reports the offsets, keeping the padding', () => {
    const { audio, start, end } = trimSilence(padded(), { padMs: 20 })
    expect(start).toBe(rate / 2 - 480)
    expect(end).toBe(rate + 480)
    expect(audio.samples.length).toBe(end - start)
    expect(audio.samples[480]).toBe(padded().samples[rate / 2])
  })

  it('honours an absolute threshold and returns nothing for all-silence', () => {
    // At -30 dBFS the tone (-9 dBFS rms) still counts, the noise does not.
    expect(trimSilence(padded(), { thresholdDb: -30, relativeTo: 'fullScale', padMs: 0 }).start).toBe(
      rate / 2,
    )
    // At -3 dBFS nothing is loud enough.
    const none = trimSilence(padded(), { thresholdDb: -3, relativeTo: 'fullScale' })
    expect(none.audio.samples.length).toBe(0)
    expect(trimSilence(silence(1, rate)).end).toBe(0)
  })
})

describe('applyFade', () => {
  it('fades in and out without touching the middle', () => {
    const x: Audio = { samples: new Float32Array(rate).fill(1), sampleRate: rate }
    const y = applyFade(x, { inMs: 10, outMs: 20 })
    expect(y.samples[0]).toBe(0)
    expect(y.samples[120]).toBeCloseTo(Math.sin(Math.PI / 4), 5) // half-way through a 240-sample sine fade
    expect(y.samples[rate / 2]).toBe(1)
    expect(y.samples[rate - 1]).toBe(0)
    expect(x.samples[0]).toBe(1)
    const lin = applyFade(x, { inMs: 10, shape: 'linear' })
    expect(lin.samples[120]).toBeCloseTo(0.5, 5)
  })
})

describe('concatWithCrossfade', () => {
  it('overlaps by the fade length with equal power (constant power for uncorrelated noise)', () => {
    const noise = (seed: number) => {
      let s = seed
      const out = new Float32Array(rate)
      for (let i = 0; i < out.length; i++) {
        s = (s * 1103515245 + 12345) & 0x7fffffff
        out[i] = (s / 0x7fffffff - 0.5) * 0.5
      }
      return { samples: out, sampleRate: rate }
    }
    const a = noise(1)
    const b = noise(2)
    const joined = concatWithCrossfade([a, b], 100)
    expect(joined.samples.length).toBe(2 * rate - 2400)
    const region = joined.samples.subarray(rate - 2400, rate)
    expect(toDb(rms(region)) - toDb(rms(a.samples))).toBeCloseTo(0, 0)
    expect(joined.samples[0]).toBe(a.samples[0])
    expect(joined.samples.at(-1)).toBe(b.samples.at(-1))
  })

  it('plain concatenation at 0 ms, shrinking fades for short clips, one rate only', () => {
    const a: Audio = { samples: f32([1, 2, 3]), sampleRate: rate }
    const b: Audio = { samples: f32([4, 5]), sampleRate: rate }
    expect(Array.from(concatWithCrossfade([a, b], 0).samples)).toEqual([1, 2, 3, 4, 5])
    expect(concatWithCrossfade([a, b], 1000).samples.length).toBe(3) // overlap limited to 2 samples
    expect(() => concatWithCrossfade([a, { samples: f32([1]), sampleRate: 16000 }], 10)).toThrow(/resample/)
  })
})
