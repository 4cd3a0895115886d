/** Test signals and measurements shared by the audio tests. */
import type { Audio } from '../../../src/core/types.js'

/** Sum of sines (Hz, linear amplitude). */
export function tones(sampleRate: number, seconds: number, parts: readonly [number, number][]): Audio {
  const n = Math.round(sampleRate * seconds)
  const samples = new Float32Array(n)
  for (let i = 0; i < n; i++) {
    let v = 0
    for (const [hz, amp] of parts) v += amp * Math.sin((2 * Math.PI * hz * i) / sampleRate)
    samples[i] = v
  }
  return { samples, sampleRate }
}

/** Power of one frequency component (Goertzel), normalised so a unit sine gives 0.25. */
export function tonePower(samples: Float32Array, sampleRate: number, hz: number): number {
  const w = (2 * Math.PI * hz) / sampleRate
  const coeff = 2 * Math.cos(w)
  let s1 = 0
  let s2 = 0
  for (let i = 0; i < samples.length; i++) {
    const s0 = samples[i] + coeff * s1 - s2
    s2 = s1
    s1 = s0
  }
  const power = s1 * s1 + s2 * s2 - coeff * s1 * s2
  return power / (samples.length * samples.length)
}

export function db(x: number): number {
  return 10 * Math.log10(x)
}

/** Lag (in samples, b relative to a) maximising the normalised cross-correlation, and that correlation. */
export function bestAlignment(
  a: Float32Array,
  b: Float32Array,
  maxLag: number,
  window: [number, number],
): { lag: number; correlation: number } {
  let best = { lag: 0, correlation: -1 }
  const [from, to] = window
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    let ab = 0
    let aa = 0
    let bb = 0
    for (let i = from; i < to; i++) {
      const j = i + lag
      if (j < 0 || j >= b.length) continue
      ab += a[i] * b[j]
      aa += a[i] * a[i]
      bb += b[j] * b[j]
    }
    const c = ab / Math.sqrt(aa * bb || 1)
    if (c > best.correlation) best = { lag, correlation: c }
  }
  return best
}

/** Deterministic pseudo-random bytes (mulberry32), so fuzz failures reproduce. */
export function randomBytes(seed: number, length: number): Uint8Array {
  let t = seed >>> 0
  const out = new Uint8Array(length)
  for (let i = 0; i < length; i++) {
    t = (t + 0x6d2b79f5) >>> 0
    let r = Math.imul(t ^ (t >>> 15), 1 | t)
    r ^= r + Math.imul(r ^ (r >>> 7), 61 | r)
    out[i] = ((r ^ (r >>> 14)) >>> 0) & 0xff
  }
  return out
}
