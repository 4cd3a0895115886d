/**
 * Spectral envelope estimation after the idea of CheapTrick (M. Morise, "CheapTrick, a
 * spectral envelope estimator for high-quality speech synthesis", Speech Communication 67,
 * 2015): a Hann window three pitch periods long makes the power spectrum's periodicity
 * along frequency exactly F0; a rectangular smoothing of width 2F0/3 on the linear power
 * and a cepstral lifter (sinc smoothing × a q1 "recovery" term) remove the harmonic
 * ripple while keeping formant peaks. The window has unit energy, so a frame of white
 * noise of variance σ² yields a flat envelope of σ² (the synthesizer relies on this scale).
 */

import { fftOf } from '../fft.js'
import { dcCorrection, SAFE_MIN, smoothLinear, UNVOICED_F0, windowedSegment } from './common.js'

/** Spectral recovery weight of the lifter (the paper's optimised q1). */
const Q1 = -0.15

export interface EnvelopeEstimator {
  /** Envelope (linear power, fftSize/2+1 bins) of `x` at `time` seconds with local F0 `f0` (0 = unvoiced). */
  at(time: number, f0: number): Float64Array
}

export function createEnvelopeEstimator(
  x: Float32Array | Float64Array,
  sampleRate: number,
  fftSize: number,
): EnvelopeEstimator {
  const fft = fftOf(fftSize)
  const bins = fft.bins
  // The lowest F0 whose three-period window still fits the FFT.
  const f0Floor = (3 * sampleRate) / (fftSize - 3)
  const segment = new Float64Array(fftSize)
  const re = new Float64Array(bins)
  const im = new Float64Array(bins)
  const power = new Float64Array(bins)
  const smoothed = new Float64Array(bins)
  const cepstrum = new Float64Array(fftSize)
  const zeros = new Float64Array(bins)

  return {
    at(time, f0In) {
      // Unvoiced frames use a fixed F0; very low voiced F0 is clamped so three periods fit the FFT.
      const f0 = f0In <= 0 ? UNVOICED_F0 : Math.max(f0In, f0Floor)
      const { length, window } = windowedSegment(x, sampleRate, f0, time, 3, 'hann', segment)
      let energy = 0
      for (let i = 0; i < length; i++) energy += window[i] * window[i]
      const norm = 1 / Math.sqrt(energy)
      for (let i = 0; i < length; i++) segment[i] *= norm
      fft.forward(segment, re, im)
      for (let k = 0; k < bins; k++) power[k] = re[k] * re[k] + im[k] * im[k]
      dcCorrection(power, f0, sampleRate, fftSize)
      smoothLinear(power, (2 * f0) / 3, sampleRate, fftSize, smoothed)
      // Log spectrum -> real cepstrum (the spectrum is real and even, so the inverse real FFT
      // of the one-sided log gives the cepstrum directly).
      for (let k = 0; k < bins; k++) smoothed[k] = Math.log(smoothed[k] + SAFE_MIN)
      fft.inverse(smoothed, zeros, cepstrum)
      // Lifter sin(πf0q)/(πf0q) · (1 − 2q1 + 2q1·cos(2πf0q)), q = n/fs; sin/cos by rotation.
      const theta = (Math.PI * f0) / sampleRate
      const rotateC = Math.cos(theta)
      const rotateS = Math.sin(theta)
      let c = 1
      let s = 0
      for (let n = 1; n <= fftSize / 2; n++) {
        const nc = c * rotateC - s * rotateS
        s = s * rotateC + c * rotateS
        c = nc
        const lifter = (s / (theta * n)) * (1 - 2 * Q1 + 2 * Q1 * (1 - 2 * s * s))
        cepstrum[n] *= lifter
        if (n < fftSize / 2) cepstrum[fftSize - n] *= lifter
      }
      fft.forward(cepstrum, re, im)
      const envelope = new Float64Array(bins)
      for (let k = 0; k < bins; k++) envelope[k] = Math.exp(re[k])
      return envelope
    },
  }
}
