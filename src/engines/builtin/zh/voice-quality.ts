/**
 * Voice-quality controls applied after synthesis: spectral tilt (a first-order shelf that
 * approximates tilt × 3 octaves of gain change between ~500 Hz and ~4 kHz), breathiness
 * (high-passed noise following the speech envelope — aspiration noise rises with the
 * amplitude of voicing; Klatt & Klatt 1990, "Analysis, synthesis, and perception of voice
 * quality variations among female and male talkers", JASA 87(2)), and output gain.
 */
import type { ProsodyControls } from '../prosody.js'

/** Deterministic noise (xorshift32) so renders are reproducible. */
function noiseSource(seed = 0x9e3779b9): () => number {
  let s = seed >>> 0 || 1
  return () => {
    s ^= s << 13
    s >>>= 0
    s ^= s >>> 17
    s ^= s << 5
    s >>>= 0
    return s / 0x80000000 - 1
  }
}

export function applyVoiceQuality(samples: Float32Array, sampleRate: number, c: ProsodyControls): void {
  if (c.tiltDbPerOctave !== 0) {
    const a = Math.exp((-2 * Math.PI * 1000) / sampleRate)
    const high = 10 ** ((c.tiltDbPerOctave * 1.5) / 20)
    const low = 10 ** ((-c.tiltDbPerOctave * 1.5) / 20)
    let lp = 0
    for (let i = 0; i < samples.length; i++) {
      lp = (1 - a) * samples[i] + a * lp
      samples[i] = low * lp + high * (samples[i] - lp)
    }
  }
  if (c.breathiness > 0) {
    const noise = noiseSource()
    const env = Math.exp(-1 / (0.01 * sampleRate))
    const hp = Math.exp((-2 * Math.PI * 1500) / sampleRate)
    let envelope = 0
    let lpNoise = 0
    for (let i = 0; i < samples.length; i++) {
      envelope = Math.max(Math.abs(samples[i]), envelope * env)
      const n = noise()
      lpNoise = (1 - hp) * n + hp * lpNoise
      samples[i] = samples[i] * (1 - 0.3 * c.breathiness) + 0.35 * c.breathiness * envelope * (n - lpNoise)
    }
  }
  if (c.gainDb !== 0) {
    const g = 10 ** (c.gainDb / 20)
    for (let i = 0; i < samples.length; i++) samples[i] *= g
  }
}
