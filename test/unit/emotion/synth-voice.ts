/**
 * A speech-like test signal with known prosody: harmonic "syllables" (source with a
 * controllable spectral slope) under a raised-cosine envelope, an F0 contour with a known
 * level, range and phrase-final movement, silent gaps between syllables and pauses between
 * phrases. Not speech, but it has every property the emotion features measure.
 */
import type { Audio } from '../../../src/core/types.js'

export interface SynthVoiceOptions {
  f0Hz?: number
  /** Peak-to-peak F0 excursion inside a phrase, semitones. */
  rangeSt?: number
  syllablesPerSecond?: number
  gainDb?: number
  /** Spectral slope of the source, dB per octave (−6 ≈ modal, steeper = softer). */
  slopeDbPerOctave?: number
  /** F0 movement over the last syllable of each phrase, semitones. */
  finalSt?: number
  /** Aspiration noise above ~2 kHz mixed into voiced stretches, 0..1. */
  breathiness?: number
  pauseSeconds?: number
  phrases?: number
  syllablesPerPhrase?: number
  sampleRate?: number
  seed?: number
}

export function synthVoice(options: SynthVoiceOptions = {}): Audio {
  const o = {
    f0Hz: 120,
    rangeSt: 6,
    syllablesPerSecond: 4.5,
    gainDb: 0,
    slopeDbPerOctave: -9,
    finalSt: 0,
    breathiness: 0,
    pauseSeconds: 0.35,
    phrases: 2,
    syllablesPerPhrase: 6,
    sampleRate: 12000,
    seed: 1,
    ...options,
  }
  const sr = o.sampleRate
  const syll = 1 / o.syllablesPerSecond
  const voicedPart = 0.75
  const total = o.phrases * (o.syllablesPerPhrase * syll + o.pauseSeconds) + 0.2
  const out = new Float32Array(Math.ceil(total * sr))
  const amp = 0.1 * 10 ** (o.gainDb / 20)
  let seed = o.seed
  const rand = (): number => {
    seed = (seed * 16807) % 2147483647
    return seed / 2147483647
  }
  let lowNoise = 0
  let t0 = 0.1
  for (let p = 0; p < o.phrases; p++) {
    let phase = 0
    for (let s = 0; s < o.syllablesPerPhrase; s++) {
      const start = Math.round((t0 + s * syll) * sr)
      const len = Math.round(syll * voicedPart * sr)
      // Each syllable sits at a different height inside the phrase range (a zigzag with a
      // slight declination), so the 10-90 % range grows with rangeSt.
      const height = ((s * 0.618 + p * 0.3) % 1) - 0.5
      const isFinal = s === o.syllablesPerPhrase - 1
      for (let i = 0; i < len; i++) {
        const x = i / len
        let st = height * o.rangeSt - 0.3 * s + (rand() - 0.5) * 0.05
        if (isFinal) st += o.finalSt * x
        const f0 = o.f0Hz * 2 ** (st / 12)
        phase += (2 * Math.PI * f0) / sr
        let v = 0
        for (let k = 1; k * f0 < sr * 0.45 && k <= 40; k++) {
          v += 10 ** ((o.slopeDbPerOctave * Math.log2(k)) / 20) * Math.sin(k * phase)
        }
        const env = 0.5 - 0.5 * Math.cos(2 * Math.PI * x)
        // white noise minus its smoothed copy: a crude high band, scaled like the voice
        const white = rand() - 0.5
        lowNoise = 0.7 * lowNoise + 0.3 * white
        out[start + i] +=
          amp * env * (v * (1 - 0.3 * o.breathiness) + 0.3 * o.breathiness * (white - lowNoise))
      }
    }
    t0 += o.syllablesPerPhrase * syll + o.pauseSeconds
  }
  return { samples: out, sampleRate: sr }
}
