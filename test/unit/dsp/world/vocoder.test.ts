/**
 * The WORLD-style vocoder on signals whose truth is known: FFT against a direct DFT, F0 of
 * harmonic tones, envelope and aperiodicity of pulse trains and noise, synthesis level,
 * formants of resonators.
 */
import { describe, expect, it } from 'vitest'
import { RealFFT } from '../../../../src/dsp/fft.js'
import { analyze } from '../../../../src/dsp/world/analysis.js'
import { createEnvelopeEstimator } from '../../../../src/dsp/world/cheaptrick.js'
import { envelopeFftSize } from '../../../../src/dsp/world/common.js'
import { createAperiodicityEstimator } from '../../../../src/dsp/world/d4c.js'
import { estimateF0 } from '../../../../src/dsp/world/f0.js'
import { formantsOfEnvelope } from '../../../../src/dsp/world/formants.js'
import { synthesize } from '../../../../src/dsp/world/synthesis.js'

const FS = 16_000

function harmonicTone(f0: number, seconds = 1): Float32Array {
  const x = new Float32Array(Math.round(seconds * FS))
  for (let n = 0; n < x.length; n++) {
    let v = 0
    for (let h = 1; h * f0 < 4000; h++) v += Math.cos((2 * Math.PI * f0 * h * n) / FS + h) / h
    x[n] = 0.1 * v
  }
  return x
}

/** Pulse train through resonators (two-pole, radius r) at the given frequencies. */
function vowel(f0: number, formants: readonly number[], r = 0.97): Float32Array {
  let y = new Float32Array(FS)
  for (let i = 0; i < FS; i += FS / f0) y[Math.round(i)] = 0.5
  for (const fc of formants) {
    const z = new Float32Array(FS)
    for (let i = 2; i < FS; i++)
      z[i] = y[i] + 2 * r * z[i - 1] * Math.cos((2 * Math.PI * fc) / FS) - r * r * z[i - 2]
    y = z
  }
  return y
}

function whiteNoise(length: number, amplitude: number, seed = 7): Float32Array {
  const x = new Float32Array(length)
  let s = seed
  for (let i = 0; i < length; i++) {
    s = (s * 16807) % 2147483647
    x[i] = amplitude * (s / 2147483647 - 0.5) * Math.sqrt(12)
  }
  return x
}

const rms = (x: ArrayLike<number>, from = 0, to = x.length): number => {
  let acc = 0
  for (let i = from; i < to; i++) acc += x[i] * x[i]
  return Math.sqrt(acc / (to - from))
}

describe('RealFFT', () => {
  it('matches a direct DFT and inverts exactly', () => {
    const n = 64
    const fft = new RealFFT(n)
    const x = Float64Array.from(
      { length: n },
      (_, i) => Math.sin(i * 0.7) + 0.3 * Math.cos(i * 2.1) + (i % 5) * 0.1,
    )
    const re = new Float64Array(fft.bins)
    const im = new Float64Array(fft.bins)
    fft.forward(x, re, im)
    for (let k = 0; k < fft.bins; k++) {
      let sr = 0
      let si = 0
      for (let t = 0; t < n; t++) {
        sr += x[t] * Math.cos((-2 * Math.PI * k * t) / n)
        si += x[t] * Math.sin((-2 * Math.PI * k * t) / n)
      }
      expect(re[k]).toBeCloseTo(sr, 9)
      expect(im[k]).toBeCloseTo(si, 9)
    }
    const back = new Float64Array(n)
    fft.inverse(re, im, back)
    for (let t = 0; t < n; t++) expect(back[t]).toBeCloseTo(x[t], 12)
  })

  it('refuses sizes that are not powers of two', () => {
    expect(() => new RealFFT(1000)).toThrow(RangeError)
  })
})

describe('estimateF0', () => {
  it.each([87.3, 123.4, 231.7, 410])('tracks a %s Hz harmonic tone within 0.3 %', (f0) => {
    const track = estimateF0(harmonicTone(f0), FS)
    const middle = Array.from(track.slice(20, 180))
    expect(middle.every((v) => Math.abs(v / f0 - 1) < 0.003)).toBe(true)
  })

  it('calls silence and white noise unvoiced', () => {
    expect(estimateF0(new Float32Array(FS), FS).every((v) => v === 0)).toBe(true)
    const noise = estimateF0(whiteNoise(FS, 0.1), FS)
    expect(noise.filter((v) => v > 0).length).toBeLessThan(noise.length * 0.05)
  })

  it('follows a glide (120 -> 240 Hz over a second) without octave jumps', () => {
    const x = new Float32Array(FS)
    let phase = 0
    for (let n = 0; n < FS; n++) {
      const f = 120 * 2 ** (n / FS)
      phase += (2 * Math.PI * f) / FS
      x[n] = 0.2 * (Math.sin(phase) + 0.5 * Math.sin(2 * phase) + 0.3 * Math.sin(3 * phase))
    }
    const track = estimateF0(x, FS)
    for (let i = 10; i < 190; i++) {
      const truth = 120 * 2 ** ((i * 0.005) / 1)
      expect(Math.abs(track[i] / truth - 1)).toBeLessThan(0.02)
    }
  })
})

describe('spectral envelope (CheapTrick-like)', () => {
  it('puts the envelope peak on the resonance, within half a harmonic spacing', () => {
    // The envelope interpolates harmonic amplitudes, so a resonance between two harmonics
    // shows its peak near the stronger one: the error is bounded by F0/2, not zero.
    const size = envelopeFftSize(FS)
    for (const f0 of [110, 220]) {
      const x = vowel(f0, [800])
      const envelope = createEnvelopeEstimator(x, FS, size).at(0.5, f0)
      let best = 0
      for (let k = 1; k < envelope.length; k++) if (envelope[k] > envelope[best]) best = k
      expect(Math.abs((best * FS) / size - 800)).toBeLessThan(f0 / 2)
    }
  })

  it('measures white noise of variance σ² as a flat σ² (within 1.5 dB)', () => {
    const x = whiteNoise(FS, 0.1)
    const estimator = createEnvelopeEstimator(x, FS, envelopeFftSize(FS))
    const mean = new Float64Array(envelopeFftSize(FS) / 2 + 1)
    const frames = 100
    for (let i = 0; i < frames; i++) {
      const envelope = estimator.at(0.1 + i * 0.008, 0)
      for (let k = 0; k < mean.length; k++) mean[k] += envelope[k] / frames
    }
    const db = Array.from(mean.slice(20, 480), (v) => 10 * Math.log10(v / 0.01))
    expect(Math.max(...db.map(Math.abs))).toBeLessThan(1.5)
  })
})

describe('band aperiodicity (D4C-like)', () => {
  it('reads a pulse train as periodic and noise as aperiodic', () => {
    const periodic = createAperiodicityEstimator(vowel(150, [600, 1700, 2600], 0.9), FS).at(0.5, 150)
    expect(periodic[0]).toBeLessThan(-20)
    const noisy = createAperiodicityEstimator(whiteNoise(FS, 0.1), FS).at(0.5, 150)
    expect(noisy[0]).toBeGreaterThan(-6)
  })
})

describe('synthesis', () => {
  it('resynthesises a pulse train and noise at the same level and length', () => {
    const tone = vowel(140, [500, 1500, 2500], 0.9)
    const toneOut = synthesize(analyze({ samples: tone, sampleRate: FS }))
    expect(toneOut.length).toBe(tone.length)
    expect(20 * Math.log10(rms(toneOut, 1600, 14400) / rms(tone, 1600, 14400))).toBeCloseTo(0, 0)
    const noise = whiteNoise(FS, 0.1)
    const noiseOut = synthesize(analyze({ samples: noise, sampleRate: FS }))
    expect(Math.abs(20 * Math.log10(rms(noiseOut) / rms(noise)))).toBeLessThan(0.5)
  })

  it('is deterministic for a seed and keeps the F0 it was given', () => {
    const params = analyze({ samples: vowel(180, [700, 1200]), sampleRate: FS })
    const a = synthesize(params, { seed: 3 })
    const b = synthesize(params, { seed: 3 })
    expect(a).toEqual(b)
    const track = estimateF0(a, FS)
    expect(Math.abs(track[100] / 180 - 1)).toBeLessThan(0.005)
  })
})

describe('formants', () => {
  it('finds the resonances of a three-formant vowel', () => {
    const x = vowel(120, [600, 1500, 2600], 0.97)
    const envelope = createEnvelopeEstimator(x, FS, envelopeFftSize(FS)).at(0.5, 120)
    const formants = formantsOfEnvelope(envelope, FS)
    for (const [i, truth] of [600, 1500, 2600].entries())
      expect(Math.abs(formants[i] / truth - 1)).toBeLessThan(0.06)
  })
})
