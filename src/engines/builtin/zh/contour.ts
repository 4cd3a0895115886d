/**
 * Mandarin F0 contours by target approximation: each syllable has a linear pitch target
 * (height b, slope m, in semitones over the syllable) and F0 approaches it as a third-order
 * critically damped system whose state (F0, velocity, acceleration) carries over into the
 * next syllable — the quantitative Target Approximation model, qTA (Prom-on, Xu & Thipakorn
 * 2009, "Modeling tone and intonation in Mandarin and English as a process of target
 * approximation", JASA 125(1); Xu & Wang 2001, "Pitch targets and their realization",
 * Speech Communication 33). Tones are therefore joined smoothly, carry-over effects appear
 * by themselves, and the neutral tone (weak strength λ) mostly continues what precedes it.
 * A declination line, reset at each phrase, lowers the register over time, with the lowering
 * of sentence-final syllables and an optional final rise layered on top.
 */

export interface ToneTarget {
  /** Target height at syllable onset, semitones re the speaker's mid register. */
  readonly start: number
  /** Target height at syllable end (the target is the straight line between). */
  readonly end: number
  /** Rate of approach λ, 1/s (larger = reaches the target faster). */
  readonly strength: number
}

/** Targets for tones 1-4 and neutral (5); values in semitones re the mid register. */
export const TONE_TARGETS: Readonly<Record<1 | 2 | 3 | 4 | 5, ToneTarget>> = {
  1: { start: 4, end: 4, strength: 45 },
  2: { start: -3, end: 4, strength: 40 },
  3: { start: -5.5, end: -6, strength: 45 },
  4: { start: 6, end: -4.5, strength: 45 },
  5: { start: -2.5, end: -3, strength: 14 },
}

/** Phrase-final tone 3 gets its citation rise back (low-rising target). */
export const FINAL_TONE3: ToneTarget = { start: -6.5, end: -1.5, strength: 40 }

export interface ContourSyllable {
  /** Output sample where the syllable's pitch target starts applying. */
  readonly start: number
  readonly end: number
  readonly target: ToneTarget
}

export interface ContourOptions {
  sampleRate: number
  /** Declination, semitones per second of speech since the phrase began (negative = falling). */
  declinationPerSecond: number
  /** Lowest declination reached, semitones. */
  declinationFloor: number
  /** Scale of every excursion (targets, declination, rise), ProsodyControls.pitchRangeScale. */
  rangeScale: number
  /** Semitones added over the last syllable (a rise for > 0). */
  finalRise: number
  /** Semitones the last syllable's target is lowered in a statement (final lowering). */
  finalLowering: number
  /** Register offset at the start of this phrase, model semitones (a partial reset continues declination). */
  startOffset: number
}

/** F0 in semitones (re mid register) per output sample over [0, length). */
export function qtaContour(
  syllables: readonly ContourSyllable[],
  length: number,
  o: ContourOptions,
): Float32Array {
  const out = new Float32Array(length)
  if (syllables.length === 0) return out
  const r = o.rangeScale
  // State of the third-order system, carried across syllable boundaries.
  let f = r * (syllables[0].target.start + o.startOffset)
  let v = 0
  let a = 0
  const dt = 1 / o.sampleRate
  for (let s = 0; s < syllables.length; s++) {
    const syl = syllables[s]
    const from = s === 0 ? 0 : Math.max(0, syl.start)
    const to = s + 1 < syllables.length ? Math.min(length, syllables[s + 1].start) : length
    const dur = Math.max(1, syl.end - syl.start) * dt
    const last = s === syllables.length - 1
    const seconds = (syl.start * dt + syl.end * dt) / 2
    const decl = r * Math.max(o.declinationFloor, o.startOffset + o.declinationPerSecond * seconds)
    let b = r * syl.target.start + decl
    let endH = r * syl.target.end + decl
    if (last) {
      b -= r * o.finalLowering
      endH -= r * o.finalLowering
      endH += r * o.finalRise
    }
    const m = (endH - b) / dur
    const lambda = syl.target.strength
    // qTA closed form: f(t) = (m t + b) + (c1 + c2 t + c3 t^2) e^{-λt}, with c1..c3 from the state at onset.
    const c1 = f - b
    const c2 = v + c1 * lambda - m
    const c3 = (a + 2 * c2 * lambda - c1 * lambda * lambda) / 2
    for (let i = from; i < to; i++) {
      const t = (i - syl.start) * dt
      const e = Math.exp(-lambda * t)
      out[i] = m * t + b + (c1 + c2 * t + c3 * t * t) * e
    }
    // State at the next syllable's onset.
    const t = Math.max(0, (to - syl.start) * dt)
    const e = Math.exp(-lambda * t)
    const poly = c1 + c2 * t + c3 * t * t
    const dpoly = c2 + 2 * c3 * t
    f = m * t + b + poly * e
    v = m + (dpoly - lambda * poly) * e
    a = (2 * c3 - 2 * lambda * dpoly + lambda * lambda * poly) * e
  }
  return out
}
