/**
 * Second-order IIR sections with the Audio EQ Cookbook formulas (R. Bristow-Johnson,
 * "Cookbook formulae for audio EQ biquad filter coefficients", W3C Audio EQ Cookbook), and
 * zero-phase filtering (forward then backward, squaring the magnitude response and
 * cancelling the phase), used to clean recordings without moving pitch marks.
 */

import type { BiquadCoefficients } from '../audio/index.js'

// One coefficient type for the whole project: audio/loudness.ts's (K-weighting) biquads.
export type { BiquadCoefficients }

function normalise(
  b0: number,
  b1: number,
  b2: number,
  a0: number,
  a1: number,
  a2: number,
): BiquadCoefficients {
  return { b0: b0 / a0, b1: b1 / a0, b2: b2 / a0, a1: a1 / a0, a2: a2 / a0 }
}

export function highPass(sampleRate: number, hz: number, q = Math.SQRT1_2): BiquadCoefficients {
  const w = (2 * Math.PI * hz) / sampleRate
  const alpha = Math.sin(w) / (2 * q)
  const c = Math.cos(w)
  return normalise((1 + c) / 2, -(1 + c), (1 + c) / 2, 1 + alpha, -2 * c, 1 - alpha)
}

export function notch(sampleRate: number, hz: number, q: number): BiquadCoefficients {
  const w = (2 * Math.PI * hz) / sampleRate
  const alpha = Math.sin(w) / (2 * q)
  const c = Math.cos(w)
  return normalise(1, -2 * c, 1, 1 + alpha, -2 * c, 1 - alpha)
}

/** Direct form II transposed, in place (audio/'s Biquad class does the same per sample, for streaming). */
export function filterInPlace(x: Float32Array, k: BiquadCoefficients, reverse = false): void {
  let z1 = 0
  let z2 = 0
  const n = x.length
  for (let step = 0; step < n; step++) {
    const i = reverse ? n - 1 - step : step
    const v = x[i]
    const y = k.b0 * v + z1
    z1 = k.b1 * v - k.a1 * y + z2
    z2 = k.b2 * v - k.a2 * y
    x[i] = y
  }
}

/** Zero-phase filtering: forward and backward passes (magnitude squared, no phase shift). */
export function filtfilt(x: Float32Array, k: BiquadCoefficients): void {
  filterInPlace(x, k)
  filterInPlace(x, k, true)
}
