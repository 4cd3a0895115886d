/**
 * Band aperiodicity after the idea of D4C (M. Morise, "D4C, a band-aperiodicity estimator
 * for high-quality speech synthesis", Speech Communication 84, 2016). A periodic signal
 * has a group delay that does not change when the analysis window slides by half a period;
 * D4C sums the energy centroids (Cohen, "Time-frequency analysis", 1995) of two windows a
 * half period apart to get that "temporally static" group delay, removes its slow trend,
 * and measures, band by band (every 3 kHz), how concentrated the Fourier transform of what
 * is left is: a periodic band leaves a smooth, compact residue, a noisy band spreads.
 * The result is a few dB values per frame, interpolated over frequency at synthesis.
 */

import { fftOf } from '../fft.js'
import { dcCorrection, F0_FLOOR, SAFE_MIN, smoothLinear, windowedSegment } from './common.js'

/** Spacing of the aperiodicity bands (Hz). */
export const BAND_SPACING = 3000
/** Highest band centre considered (Hz). */
const UPPER_LIMIT = 15000
/** Aperiodicity assumed at 0 Hz (dB): the lowest band is taken as periodic. */
export const APERIODICITY_AT_DC = -60

/** Band centres (Hz) for a sample rate: 3 kHz, 6 kHz, ... below min(15 kHz, fs/2 - 3 kHz). */
export function bandCentres(sampleRate: number): Float64Array {
  const count = Math.max(1, Math.floor(Math.min(UPPER_LIMIT, sampleRate / 2 - BAND_SPACING) / BAND_SPACING))
  return Float64Array.from({ length: count }, (_, i) => BAND_SPACING * (i + 1))
}

function nuttall(length: number): Float64Array {
  const w = new Float64Array(length)
  for (let i = 0; i < length; i++) {
    const t = i / (length - 1)
    w[i] =
      0.355768 -
      0.487396 * Math.cos(2 * Math.PI * t) +
      0.144232 * Math.cos(4 * Math.PI * t) -
      0.012604 * Math.cos(6 * Math.PI * t)
  }
  return w
}

export interface AperiodicityEstimator {
  /** Band aperiodicity (dB, ≤ 0, one per band centre) at `time`; unvoiced frames (f0 = 0) are all 0 dB. */
  at(time: number, f0: number): Float64Array
  readonly centres: Float64Array
}

export function createAperiodicityEstimator(
  x: Float32Array | Float64Array,
  sampleRate: number,
): AperiodicityEstimator {
  const fftSize = 2 ** (1 + Math.floor(Math.log2((4 * sampleRate) / F0_FLOOR + 1)))
  const fft = fftOf(fftSize)
  const bins = fft.bins
  const centres = bandCentres(sampleRate)
  const windowLength = Math.floor((BAND_SPACING * fftSize) / sampleRate) * 2 + 1
  const bandWindow = nuttall(windowLength)
  const boundary = Math.round((fftSize * 8) / windowLength)
  const halfWindow = Math.floor(windowLength / 2)

  const segment = new Float64Array(fftSize)
  const re = new Float64Array(bins)
  const im = new Float64Array(bins)
  const re2 = new Float64Array(bins)
  const im2 = new Float64Array(bins)
  // Per-frame work arrays, allocated once per estimator.
  const staticCentroid = new Float64Array(bins)
  const power = new Float64Array(bins)
  const smoothedPower = new Float64Array(bins)
  const groupDelay = new Float64Array(bins)
  const staticDelay = new Float64Array(bins)
  const trend = new Float64Array(bins)
  const bandPower = new Float64Array(bins)

  /** Energy centroid spectrum Re(X)Re(TX) + Im(X)Im(TX) of a Blackman-windowed segment at `time`. */
  const centroid = (time: number, f0: number, out: Float64Array): void => {
    const { length } = windowedSegment(x, sampleRate, f0, time, 4, 'blackman', segment)
    let power = 0
    for (let i = 0; i < length; i++) power += segment[i] * segment[i]
    const norm = power > 0 ? 1 / Math.sqrt(power) : 0
    for (let i = 0; i < length; i++) segment[i] *= norm
    fft.forward(segment, re, im)
    for (let i = 0; i < length; i++) segment[i] *= i + 1
    fft.forward(segment, re2, im2)
    for (let k = 0; k < bins; k++) out[k] += re[k] * re2[k] + im[k] * im2[k]
  }

  return {
    centres,
    at(time, f0In) {
      const result = new Float64Array(centres.length)
      if (f0In <= 0) return result
      const f0 = Math.max(f0In, F0_FLOOR)
      staticCentroid.fill(0)
      centroid(time - 0.25 / f0, f0, staticCentroid)
      centroid(time + 0.25 / f0, f0, staticCentroid)
      dcCorrection(staticCentroid, f0, sampleRate, fftSize)

      windowedSegment(x, sampleRate, f0, time, 4, 'hann', segment)
      fft.forward(segment, re, im)
      for (let k = 0; k < bins; k++) power[k] = re[k] * re[k] + im[k] * im[k]
      dcCorrection(power, f0, sampleRate, fftSize)
      smoothLinear(power, f0, sampleRate, fftSize, smoothedPower)

      for (let k = 0; k < bins; k++) groupDelay[k] = staticCentroid[k] / (smoothedPower[k] + SAFE_MIN)
      smoothLinear(groupDelay, f0 / 2, sampleRate, fftSize, staticDelay)
      smoothLinear(staticDelay, f0, sampleRate, fftSize, trend)
      for (let k = 0; k < bins; k++) staticDelay[k] -= trend[k]

      for (let b = 0; b < centres.length; b++) {
        const centre = Math.floor((centres[b] * fftSize) / sampleRate)
        segment.fill(0)
        for (let j = 0; j < windowLength; j++) {
          const k = centre - halfWindow + j
          segment[j] = (k >= 0 && k < bins ? staticDelay[k] : 0) * bandWindow[j]
        }
        fft.forward(segment, re, im)
        for (let k = 0; k < bins; k++) bandPower[k] = re[k] * re[k] + im[k] * im[k]
        bandPower.sort()
        for (let k = 1; k < bins; k++) bandPower[k] += bandPower[k - 1]
        const ratio = bandPower[bins - 1 - boundary - 1] / (bandPower[bins - 1] + SAFE_MIN)
        const db = 10 * Math.log10(ratio + SAFE_MIN)
        // Higher F0 leaves fewer harmonics per band; the paper's linear correction offsets that.
        result[b] = Math.min(0, db + (f0 - 100) / 50)
      }
      return result
    },
  }
}

/**
 * Linear aperiodicity (0..1, amplitude ratio) on the `bins` FFT bins of an envelope,
 * interpolated in dB between 0 Hz, the band centres and Nyquist (taken as noise).
 */
export function aperiodicitySpectrum(
  bandDb: Float64Array,
  centres: Float64Array,
  sampleRate: number,
  fftSize: number,
  out: Float64Array,
): void {
  const bins = fftSize / 2 + 1
  const df = sampleRate / fftSize
  const nyquist = sampleRate / 2
  // Anchors: (0 Hz, DC value), band centres, (Nyquist, 0 dB); linear in dB between them, so
  // the amplitude is geometric in k and advances by one multiplication per bin.
  let k = 0
  for (let segment = -1; segment < centres.length; segment++) {
    const fa = segment < 0 ? 0 : centres[segment]
    const va = segment < 0 ? APERIODICITY_AT_DC : bandDb[segment]
    const fb = segment + 1 < centres.length ? centres[segment + 1] : nyquist
    const vb = segment + 1 < centres.length ? bandDb[segment + 1] : 0
    const slope = fb > fa ? (vb - va) / (fb - fa) : 0
    const ratio = 10 ** ((slope * df) / 20)
    let value = 10 ** ((va + slope * (k * df - fa)) / 20)
    const end = segment + 1 < centres.length ? fb : Number.POSITIVE_INFINITY
    for (; k < bins && k * df < end; k++) {
      out[k] = Math.min(1, value)
      value *= ratio
    }
  }
}
