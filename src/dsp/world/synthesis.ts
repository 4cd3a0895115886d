/**
 * Source-filter synthesis from WORLD-style parameters (pulse-by-pulse overlap-add, as in
 * Morise et al., "WORLD: a vocoder-based high-quality speech synthesis system for
 * real-time applications", IEICE Trans. E99-D(7), 2016). At every excitation instant the
 * envelope and aperiodicity are interpolated between frames; the periodic part is a
 * minimum-phase pulse with power P·(1−a²)·T (T = pulse interval, so a pulse train of
 * period T has mean power P·(1−a²) per sample, the scale CheapTrick measures), the
 * aperiodic part is T samples of unit-variance noise shaped by a minimum-phase filter of
 * power P·a². Unvoiced stretches use pulses at a fixed rate carrying only noise.
 */
import { throwIfAborted } from '../../core/errors.js'
import { fftOf } from '../fft.js'
import { GaussianNoise, minimumPhase, SAFE_MIN, type WorldParams } from './common.js'
import { aperiodicitySpectrum } from './d4c.js'

/**
 * Noise "pulses" per second in unvoiced stretches: one per 5 ms frame keeps the temporal
 * detail of bursts the frames can carry, at less cost than WORLD's 500 Hz.
 */
const UNVOICED_PULSE_RATE = 500

export interface SynthesisOptions {
  readonly signal?: AbortSignal
  /** Seed of the noise generator (synthesis is deterministic for a seed). */
  readonly seed?: number
}

/** F0 at `time` (linear between voiced frames; 0 when either neighbour is unvoiced and the nearer one is). */
function f0At(f0: Float64Array, framePeriod: number, time: number): number {
  const position = time / framePeriod
  const i = Math.min(f0.length - 1, Math.max(0, Math.floor(position)))
  const j = Math.min(f0.length - 1, i + 1)
  const w = Math.min(1, Math.max(0, position - i))
  const a = f0[i]
  const b = f0[j]
  if (a > 0 && b > 0) return a + (b - a) * w
  return w < 0.5 ? a : b
}

export function synthesize(params: WorldParams, options: SynthesisOptions = {}): Float32Array {
  const { sampleRate, framePeriod, fftSize, f0, envelope, bandAperiodicity, bandFrequencies, length } = params
  const output = new Float64Array(length + fftSize)
  const fft = fftOf(fftSize)
  const bins = fft.bins
  const frames = f0.length
  const noise = new GaussianNoise(options.seed)

  const power = new Float64Array(bins)
  const bandDb = new Float64Array(bandFrequencies.length)
  const aperiodicity = new Float64Array(bins)
  const logPeriodic = new Float64Array(bins)
  const logAperiodic = new Float64Array(bins)
  const periodicRe = new Float64Array(bins)
  const periodicIm = new Float64Array(bins)
  const filterRe = new Float64Array(bins)
  const filterIm = new Float64Array(bins)
  const noiseRe = new Float64Array(bins)
  const noiseIm = new Float64Array(bins)
  const sumRe = new Float64Array(bins)
  const sumIm = new Float64Array(bins)
  const segment = new Float64Array(fftSize)
  const response = new Float64Array(fftSize)

  let position = 0 // pulse position in samples (fractional)
  let pulses = 0
  while (position < length) {
    if ((++pulses & 255) === 0) throwIfAborted(options.signal)
    const time = position / sampleRate
    const localF0 = f0At(f0, framePeriod, time)
    const voiced = localF0 > 0
    const period = sampleRate / (voiced ? localF0 : UNVOICED_PULSE_RATE)
    const interval = Math.max(1, Math.round(period))

    // Frame interpolation of the envelope (linear power) and the band aperiodicity (dB).
    const frame = Math.min(frames - 1, Math.floor(time / framePeriod))
    const next = Math.min(frames - 1, frame + 1)
    const w = Math.min(1, Math.max(0, time / framePeriod - frame))
    const e0 = envelope[frame]
    const e1 = envelope[next]
    for (let k = 0; k < bins; k++) power[k] = e0[k] + (e1[k] - e0[k]) * w
    if (voiced) {
      const a0 = bandAperiodicity[frame]
      const a1 = bandAperiodicity[next]
      for (let b = 0; b < bandDb.length; b++) bandDb[b] = a0[b] + (a1[b] - a0[b]) * w
      aperiodicitySpectrum(bandDb, bandFrequencies, sampleRate, fftSize, aperiodicity)
    } else aperiodicity.fill(1)

    // Aperiodic part: `interval` samples of white noise through the aperiodic filter.
    for (let k = 0; k < bins; k++) {
      const a = Math.min(1, aperiodicity[k])
      logAperiodic[k] = 0.5 * Math.log(power[k] * a * a + SAFE_MIN)
    }
    minimumPhase(logAperiodic, filterRe, filterIm)
    segment.fill(0)
    for (let i = 0; i < interval && i < fftSize; i++) segment[i] = noise.next()
    fft.forward(segment, noiseRe, noiseIm)
    for (let k = 0; k < bins; k++) {
      sumRe[k] = filterRe[k] * noiseRe[k] - filterIm[k] * noiseIm[k]
      sumIm[k] = filterRe[k] * noiseIm[k] + filterIm[k] * noiseRe[k]
    }

    const start = Math.floor(position)
    let periodicDc = 0
    if (voiced) {
      for (let k = 0; k < bins; k++) {
        const a = Math.min(1, aperiodicity[k])
        logPeriodic[k] = 0.5 * Math.log(power[k] * (1 - a * a) * period + SAFE_MIN)
      }
      minimumPhase(logPeriodic, periodicRe, periodicIm)
      // Fractional delay of the pulse inside its first sample.
      const fraction = position - start
      const step = (-2 * Math.PI * fraction) / fftSize
      const rotateC = Math.cos(step)
      const rotateS = Math.sin(step)
      let c = 1
      let s = 0
      for (let k = 0; k < bins; k++) {
        if (k > 0) {
          const nc = c * rotateC - s * rotateS
          s = s * rotateC + c * rotateS
          c = nc
        }
        const pr = periodicRe[k] * c - periodicIm[k] * s
        const pi = periodicRe[k] * s + periodicIm[k] * c
        sumRe[k] += pr
        sumIm[k] += pi
      }
      periodicDc = periodicRe[0]
    }
    fft.inverse(sumRe, sumIm, response)
    if (periodicDc !== 0) {
      // Remove the pulse's DC with a one-period raised-cosine bump of equal area.
      const span = Math.min(fftSize, 2 * interval)
      for (let i = 0; i < span; i++)
        response[i] -= (periodicDc / interval) * (0.5 - 0.5 * Math.cos((2 * Math.PI * (i + 0.5)) / span))
    }
    for (let i = 0; i < fftSize; i++) {
      const index = start + i
      if (index >= output.length) break
      output[index] += response[i]
    }
    position += period
  }
  const out = new Float32Array(length)
  for (let i = 0; i < length; i++) out[i] = output[i]
  return out
}
