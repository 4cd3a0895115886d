/**
 * Spectral-envelope (formant) warp at constant F0 and duration: pitch-synchronous frames
 * (the PSOLA grains of dsp/psola.ts), log-magnitude spectrum, cepstral smoothing for the
 * envelope E(f) (Oppenheim & Schafer, "Discrete-Time Signal Processing", homomorphic
 * deconvolution; the lifter stays below the pitch period so harmonics do not leak into the
 * envelope), then every bin is scaled by E(f / α) / E(f) with the phase kept, and the frames
 * are overlap-added at the same marks. α > 1 moves formants up (shorter vocal tract),
 * α < 1 down — the frequency-warping model of vocal-tract-length normalisation (Lee & Rose
 * 1998, "A frequency warping approach to speaker normalization", IEEE TSAP 6(1)). Used to
 * convert one speaker's syllable towards another's timbre before PSOLA sets the pitch.
 */
import type { PitchMarks } from './epochs.js'
import { fftOf, nextPow2, type RealFFT } from './fft.js'
import { defaultPsolaOptions, grainBounds, grainWindow } from './psola.js'
import { hann } from './signal.js'

export interface EnvelopeWarpOptions {
  /** Frequency warp factor α applied to the spectral envelope. */
  alpha: number
  /** Cepstral lifter cut-off as a fraction of the shortest pitch period (0..1). */
  lifterFraction: number
  /** Upper bound of the lifter in milliseconds (bounds detail for unvoiced frames). */
  maxLifterMs: number
  /** Largest per-bin gain change, dB (keeps warps of near-empty bins sane). */
  maxGainDb: number
}

export const defaultEnvelopeWarpOptions: Readonly<EnvelopeWarpOptions> = {
  alpha: 1,
  lifterFraction: 0.6,
  maxLifterMs: 2,
  maxGainDb: 24,
}

/** Cepstrally smoothed log-magnitude envelope of one spectrum (natural-log units). */
function envelope(
  fft: RealFFT,
  logMag: Float64Array,
  lifter: number,
  scratch: { a: Float64Array; b: Float64Array; c: Float64Array },
  out: Float64Array,
): void {
  const n = fft.size
  const half = n / 2
  scratch.a.set(logMag)
  scratch.b.fill(0)
  fft.inverse(scratch.a, scratch.b, scratch.c) // real cepstrum (log spectrum is real and even)
  for (let q = 0; q < n; q++) {
    const d = Math.min(q, n - q)
    if (d > lifter) scratch.c[q] = 0
    else if (d > 0.7 * lifter)
      scratch.c[q] *= 0.5 + 0.5 * Math.cos((Math.PI * (d - 0.7 * lifter)) / (0.3 * lifter))
  }
  fft.forward(scratch.c, scratch.a, scratch.b)
  for (let k = 0; k <= half; k++) out[k] = scratch.a[k]
}

/** Warp the spectral envelope of `samples` by α, frame by frame at the given pitch marks. */
export function warpSpectralEnvelope(
  samples: Float32Array,
  sampleRate: number,
  pitchMarks: PitchMarks,
  options: Partial<EnvelopeWarpOptions> = {},
): Float32Array {
  const o = { ...defaultEnvelopeWarpOptions, ...options }
  const { marks, voiced } = pitchMarks
  const out = new Float32Array(samples.length)
  if (marks.length === 0 || o.alpha === 1) {
    out.set(samples)
    return out
  }
  const maxHalf = Math.round(defaultPsolaOptions.maxHalfWindowSeconds * sampleRate)
  const n = nextPow2(4 * maxHalf)
  const fft = fftOf(n)
  const half = n / 2
  const frame = new Float64Array(n)
  const re = new Float64Array(half + 1)
  const im = new Float64Array(half + 1)
  const logMag = new Float64Array(n)
  const env = new Float64Array(half + 1)
  const scratch = { a: new Float64Array(n), b: new Float64Array(n), c: new Float64Array(n) }
  const result = new Float64Array(n)
  const maxGain = (o.maxGainDb / 20) * Math.LN10
  let minPeriod = Number.POSITIVE_INFINITY
  for (let j = 1; j < marks.length; j++)
    if (voiced[j] && voiced[j - 1]) minPeriod = Math.min(minPeriod, marks[j] - marks[j - 1])
  const lifterCap = (o.maxLifterMs / 1000) * sampleRate
  const lifter = Math.max(
    8,
    Math.min(lifterCap, Number.isFinite(minPeriod) ? o.lifterFraction * minPeriod : lifterCap),
  )
  for (let j = 0; j < marks.length; j++) {
    const m = marks[j]
    const { left, right } = grainBounds(marks, j, maxHalf)
    frame.fill(0)
    // Grain centred at n/2 of the FFT buffer.
    for (let k = -left + 1; k < right; k++) {
      const i = m + k
      if (i < 0 || i >= samples.length) continue
      frame[half + k] = samples[i] * grainWindow(k, left, right)
    }
    fft.forward(frame, re, im)
    for (let k = 0; k <= half; k++) {
      const mag = Math.hypot(re[k], im[k]) + 1e-9
      logMag[k] = Math.log(mag)
      if (k > 0 && k < half) logMag[n - k] = logMag[k]
    }
    envelope(fft, logMag, lifter, scratch, env)
    for (let k = 0; k <= half; k++) {
      // E(f / α) by linear interpolation on the bin grid.
      const src = k / o.alpha
      const i0 = Math.floor(src)
      const frac = src - i0
      const warped = i0 + 1 <= half ? env[i0] * (1 - frac) + env[i0 + 1] * frac : env[half]
      const g = Math.exp(Math.max(-maxGain, Math.min(maxGain, warped - env[k])))
      re[k] *= g
      im[k] *= g
    }
    fft.inverse(re, im, result)
    // The modified grain may spread beyond its window; keep it, tapered to the buffer edges.
    for (let q = 0; q < n; q++) {
      const i = m + q - half
      if (i < 0 || i >= out.length) continue
      const d = Math.abs(q - half) / half
      const taper = d <= 0.5 ? 1 : hann((d - 0.5) * 2)
      out[i] += result[q] * taper
    }
  }
  return out
}
