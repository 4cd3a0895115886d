import { describe, expect, it } from 'vitest'
import { limitPeaks, measureLoudness, peak } from '../../../src/audio/index.js'

const RATE = 24_000

function tone(amplitude: number, seconds = 1, hz = 220): Float32Array {
  const out = new Float32Array(Math.round(seconds * RATE))
  for (let i = 0; i < out.length; i++) out[i] = amplitude * Math.sin((2 * Math.PI * hz * i) / RATE)
  return out
}

describe('limitPeaks', () => {
  it('returns the same clip when it is already under the ceiling', () => {
    const audio = { samples: tone(0.5), sampleRate: RATE }
    expect(limitPeaks(audio, { ceilingDb: -1 })).toBe(audio)
  })

  it('keeps every sample under the ceiling', () => {
    const out = limitPeaks({ samples: tone(1.8), sampleRate: RATE }, { ceilingDb: -1 })
    expect(peak(out.samples)).toBeLessThanOrEqual(10 ** (-1 / 20) + 1e-6)
  })

  it('turns down only around a short peak, so loudness barely changes', () => {
    // Speech-like: a steady tone at 0.5 with one 2 ms burst to 1.5.
    const samples = tone(0.5)
    for (let i = 12_000; i < 12_048; i++) samples[i] = 1.5 * Math.sign(samples[i] || 1)
    const before = measureLoudness({ samples, sampleRate: RATE })
    const out = limitPeaks({ samples, sampleRate: RATE }, { ceilingDb: -1, releaseMs: 40 })
    expect(peak(out.samples)).toBeLessThanOrEqual(10 ** (-1 / 20) + 1e-6)
    expect(Math.abs(measureLoudness(out) - before)).toBeLessThan(0.5)
    // Far from the burst the signal is untouched.
    expect(out.samples[2_000]).toBeCloseTo(samples[2_000], 6)
    expect(out.samples[20_000]).toBeCloseTo(samples[20_000], 3)
  })

  it('ramps the gain down before a peak instead of stepping (no click)', () => {
    const samples = new Float32Array(RATE / 10).fill(0.5)
    samples[1_200] = 2
    const out = limitPeaks({ samples, sampleRate: RATE }, { ceilingDb: -1, lookaheadMs: 5 })
    let biggestStep = 0
    for (let i = 1; i < 1_200; i++)
      biggestStep = Math.max(biggestStep, Math.abs(out.samples[i] - out.samples[i - 1]))
    // 5 ms look-ahead = 120 samples to go from 0.5 to ~0.22: steps of a few thousandths.
    expect(biggestStep).toBeLessThan(0.01)
  })
})
