/**
 * Periodicity per frame for the voicing decision of dsp/epochs.ts: the smallest value of
 * YIN's cumulative-mean-normalised difference function (de Cheveigné & Kawahara 2002, "YIN,
 * a fundamental frequency estimator for speech and music", JASA 111(4)) over the lags of the
 * F0 range, 0 for a perfectly periodic frame and about 1 for noise. Quiet frames (more than
 * `silenceDb` under the loudest) read 1. The search runs on the signal decimated to about
 * 8 kHz (F0 of speech is far below 4 kHz; the cost is O(window × lags) per frame). F0 itself
 * comes from dsp/world/f0.ts, which adds candidate tracking and refinement.
 */
import { rms } from '../audio/utils.js'
import { decimate } from './signal.js'

export interface PeriodicityOptions {
  /** Lowest F0 searched, Hz. */
  minHz: number
  /** Highest F0 searched, Hz. */
  maxHz: number
  /** Frame step in seconds. */
  hopSeconds: number
  /** Frames whose RMS is this far below the loudest frame are aperiodic (1), dB. */
  silenceDb: number
  /** Rate the search runs at (the input is decimated by floor(rate / analysisRate)). */
  analysisRate: number
}

export const defaultPeriodicityOptions: Readonly<PeriodicityOptions> = {
  minHz: 60,
  maxHz: 500,
  hopSeconds: 0.005,
  silenceDb: 40,
  analysisRate: 8000,
}

/**
 * Smallest normalised difference over the lags 1/maxHz … 1/minHz, per frame (frame k centred
 * at k * hopSeconds); 1 for quiet frames and for signals shorter than one analysis span.
 */
export function framePeriodicity(
  samples: Float32Array,
  sampleRate: number,
  options: Partial<PeriodicityOptions> = {},
): Float32Array {
  const o = { ...defaultPeriodicityOptions, ...options }
  const factor = Math.max(1, Math.floor(sampleRate / o.analysisRate))
  const x = decimate(samples, factor)
  const rate = sampleRate / factor
  const maxLag = Math.ceil(rate / o.minHz)
  const minLag = Math.max(2, Math.floor(rate / o.maxHz))
  const window = maxLag
  const hop = o.hopSeconds * rate
  const frames = Math.max(0, Math.floor(samples.length / sampleRate / o.hopSeconds) + 1)
  const energy = new Float32Array(frames)
  let loudest = 0
  for (let k = 0; k < frames; k++) {
    const centre = Math.round(k * hop)
    energy[k] = rms(x.subarray(Math.max(0, centre - window), centre + window))
    loudest = Math.max(loudest, energy[k])
  }
  const floor = loudest * 10 ** (-o.silenceDb / 20)
  const periodicity = new Float32Array(frames).fill(1)
  const d = new Float64Array(maxLag + 2)
  // Frames near the edges slide inwards so onsets at the very start are judged too.
  const span = window + maxLag + 2
  if (span > x.length) return periodicity
  for (let k = 0; k < frames; k++) {
    if (energy[k] <= floor) continue
    const start = Math.min(x.length - span, Math.max(0, Math.round(k * hop) - Math.floor(span / 2)))
    let running = 0
    d[0] = 1
    for (let tau = 1; tau <= maxLag + 1; tau++) {
      let s = 0
      for (let j = 0; j < window; j++) {
        const diff = x[start + j] - x[start + j + tau]
        s += diff * diff
      }
      running += s
      d[tau] = running > 0 ? (s * tau) / running : 1
    }
    for (let tau = minLag; tau <= maxLag; tau++) periodicity[k] = Math.min(periodicity[k], d[tau])
  }
  return periodicity
}
