/**
 * Look-ahead peak limiter: keeps sample peaks under a ceiling by turning down only the few
 * milliseconds around each peak, instead of the whole clip. Levelling with a plain peak
 * ceiling would undo deliberate loudness differences (an angry voice +6 dB over calm);
 * a limiter keeps them. Classic feed-forward design (Giannoulis, Massberg & Reiss 2012,
 * "Digital dynamic range compressor design — a tutorial and analysis", JAES 60(6)):
 * gain = min(1, ceiling/|x|) over a look-ahead window, instant attack inside the window,
 * exponential release.
 */
import type { Audio } from '../core/types.js'
import { fromDb } from './utils.js'

export interface LimiterOptions {
  /** Sample-peak ceiling in dBFS (default -1). */
  ceilingDb?: number
  /** How far ahead the gain starts falling, in ms (default 5): the attack is spread over it. */
  lookaheadMs?: number
  /** Time constant of gain recovery, in ms (default 60). */
  releaseMs?: number
}

/** Returns a new clip whose |samples| never exceed the ceiling; identity when already under it. */
export function limitPeaks(audio: Audio, options: LimiterOptions = {}): Audio {
  const { ceilingDb = -1, lookaheadMs = 5, releaseMs = 60 } = options
  const ceiling = fromDb(ceilingDb)
  const x = audio.samples
  let over = false
  for (let i = 0; i < x.length; i++) {
    if (Math.abs(x[i]) > ceiling) {
      over = true
      break
    }
  }
  if (!over) return audio

  const n = x.length
  const look = Math.max(1, Math.round((lookaheadMs / 1000) * audio.sampleRate))
  // Gain envelope: each over-ceiling sample j needs ceiling/|x[j]|; the gain ramps linearly
  // down to it over the `look` samples before j (the attack), so no step is ever applied.
  const gain = new Float32Array(n).fill(1)
  for (let j = 0; j < n; j++) {
    const a = Math.abs(x[j])
    if (a <= ceiling) continue
    const needed = ceiling / a
    for (let d = 0; d <= look && d <= j; d++) {
      const g = needed + ((1 - needed) * d) / look
      if (g < gain[j - d]) gain[j - d] = g
    }
  }
  // Forward pass: exponential release after each reduction, never above what the backward pass allows.
  const release = Math.exp(-1 / ((releaseMs / 1000) * audio.sampleRate))
  const out = new Float32Array(n)
  let g = 1
  for (let i = 0; i < n; i++) {
    g = Math.min(gain[i], release * g + (1 - release))
    const y = x[i] * g
    // Guard against rounding: the ceiling is a promise.
    out[i] = Math.min(ceiling, Math.max(-ceiling, y))
  }
  return { samples: out, sampleRate: audio.sampleRate }
}
