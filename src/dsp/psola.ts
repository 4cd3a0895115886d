/**
 * TD-PSOLA: time-domain pitch-synchronous overlap-add (Moulines & Charpentier 1990,
 * "Pitch-synchronous waveform processing techniques for text-to-speech synthesis using
 * diphones", Speech Communication 9(5-6); Moulines & Laroche 1995, "Non-parametric
 * techniques for pitch-scale and time-scale modification of speech", Speech Communication
 * 16(2)). Each analysis pitch mark owns a grain windowed by an asymmetric Hann window that
 * reaches the neighbouring marks; synthesis marks are laid out at the target period and
 * each takes the grain whose analysis mark is nearest the mapped source time. Unvoiced
 * stretches keep their analysis spacing (only time-scaled) and repeated unvoiced grains are
 * time-reversed to avoid the buzz of a repeated noise frame (Moulines & Laroche 1995, 4.2).
 *
 * The score interface lets one pass read from several sources (the syllable renderer
 * switches units at syllable boundaries and mixes two grains inside a crossfade).
 */
import { hann } from './signal.js'

/** Audio plus its pitch marks, as produced by dsp/epochs.ts (or stored in a voice pack). */
export interface PsolaSource {
  readonly samples: Float32Array
  readonly marks: Int32Array
  readonly voiced: Uint8Array
}

/** One grain request: read `source` near `position` (source samples), scaled by `weight`. */
export interface GrainSelection {
  source: PsolaSource
  position: number
  weight: number
}

/** What to play: the output length, which grains to read at each output time, and the target F0. */
export interface PsolaScore {
  /** Output length in samples. */
  readonly length: number
  /** Grains for output sample t; the first entry decides voicing and the unvoiced step. */
  select(t: number): readonly GrainSelection[]
  /** Target F0 in Hz at output sample t (used where the chosen grain is voiced). */
  f0(t: number): number
  /** Extra gain (linear) at output sample t; 1 when absent. */
  gain?(t: number): number
}

export interface PsolaOptions {
  /** Scale voiced grains by sqrt(outputPeriod / sourcePeriod) so loudness does not follow F0. */
  preserveEnergy: boolean
  /** Time-reverse an unvoiced grain that is used twice in a row. */
  reverseRepeatedUnvoiced: boolean
  /** Longest grain half-width, seconds (caps windows at long gaps between marks). */
  maxHalfWindowSeconds: number
  /** Lowest and highest target F0 honoured, Hz. */
  minF0: number
  maxF0: number
}

export const defaultPsolaOptions: Readonly<PsolaOptions> = {
  preserveEnergy: true,
  reverseRepeatedUnvoiced: true,
  maxHalfWindowSeconds: 0.025,
  minF0: 40,
  maxF0: 800,
}

/** Index of the mark nearest to `position` (binary search). */
export function nearestMark(marks: Int32Array, position: number): number {
  let lo = 0
  let hi = marks.length - 1
  if (hi < 0) return -1
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1
    if (marks[mid] <= position) lo = mid
    else hi = mid
  }
  return Math.abs(marks[lo] - position) <= Math.abs(marks[hi] - position) ? lo : hi
}

/** Local source period (samples) at mark j: mean distance to its neighbours. */
export function markPeriod(marks: Int32Array, j: number): number {
  const left = j > 0 ? marks[j] - marks[j - 1] : 0
  const right = j + 1 < marks.length ? marks[j + 1] - marks[j] : 0
  if (left && right) return 0.5 * (left + right)
  return left || right || 1
}

/**
 * Half-widths (samples) of mark j's grain: back to the previous mark and on to the next,
 * each capped at `cap`. The first mark mirrors its distance to the next; the last mirrors
 * the previous; a lone mark gets `cap` both ways.
 */
export function grainBounds(marks: Int32Array, j: number, cap: number): { left: number; right: number } {
  const m = marks[j]
  const left = j > 0 ? m - marks[j - 1] : j + 1 < marks.length ? marks[j + 1] - m : cap
  const right = j + 1 < marks.length ? marks[j + 1] - m : left
  return { left: Math.min(cap, left), right: Math.min(cap, right) }
}

/** Asymmetric Hann weight at offset k from a grain's mark: rises over `left`, falls over `right`. */
export function grainWindow(k: number, left: number, right: number): number {
  return k < 0 ? hann(k / left) : hann(k / right)
}

export class TdPsola {
  readonly options: PsolaOptions
  readonly sampleRate: number
  private readonly lastUsed = new Map<PsolaSource, number>()

  constructor(sampleRate: number, options: Partial<PsolaOptions> = {}) {
    this.sampleRate = sampleRate
    this.options = { ...defaultPsolaOptions, ...options }
  }

  /** Render a score; adds into `out` when given (it must hold score.length samples). */
  render(score: PsolaScore, out = new Float32Array(score.length)): Float32Array {
    const o = this.options
    this.lastUsed.clear()
    let t = 0
    while (t < score.length) {
      const selections = score.select(t)
      if (selections.length === 0) {
        t += Math.round(0.005 * this.sampleRate)
        continue
      }
      const first = selections[0]
      const j0 = nearestMark(first.source.marks, first.position)
      if (j0 < 0) {
        t += Math.round(0.005 * this.sampleRate)
        continue
      }
      const voiced = first.source.voiced[j0] === 1
      let step: number
      if (voiced) {
        const f = Math.min(o.maxF0, Math.max(o.minF0, score.f0(t)))
        step = this.sampleRate / f
      } else {
        const marks = first.source.marks
        step = j0 + 1 < marks.length ? marks[j0 + 1] - marks[j0] : markPeriod(marks, j0)
      }
      const extra = score.gain ? score.gain(t) : 1
      const centre = Math.round(t)
      for (const s of selections) {
        if (s.weight <= 0) continue
        const j = s === first ? j0 : nearestMark(s.source.marks, s.position)
        if (j < 0) continue
        const isVoiced = s.source.voiced[j] === 1
        let gain = s.weight * extra
        if (isVoiced && o.preserveEnergy) {
          const ratio = step / markPeriod(s.source.marks, j)
          gain *= Math.sqrt(Math.min(2, Math.max(0.5, ratio)))
        }
        const reverse = !isVoiced && o.reverseRepeatedUnvoiced && this.lastUsed.get(s.source) === j
        this.lastUsed.set(s.source, reverse ? -1 : j)
        this.addGrain(out, centre, s.source, j, gain, reverse)
      }
      t += Math.max(1, step)
    }
    return out
  }

  private addGrain(
    out: Float32Array,
    centre: number,
    source: PsolaSource,
    j: number,
    gain: number,
    reverse: boolean,
  ): void {
    const { samples, marks } = source
    const cap = Math.round(this.options.maxHalfWindowSeconds * this.sampleRate)
    const m = marks[j]
    let { left, right } = grainBounds(marks, j, cap)
    if (reverse) {
      const half = Math.min(left, right)
      left = half
      right = half
    }
    for (let k = -left + 1; k < right; k++) {
      const o = centre + k
      if (o < 0 || o >= out.length) continue
      const i = reverse ? m - k : m + k
      if (i < 0 || i >= samples.length) continue
      out[o] += gain * grainWindow(k, left, right) * samples[i]
    }
  }
}

/** Source F0 (Hz) near `position`, from the spacing of voiced marks; 0 if unvoiced there. */
export function sourceF0(source: PsolaSource, position: number, sampleRate: number): number {
  const j = nearestMark(source.marks, position)
  if (j < 0 || source.voiced[j] !== 1) return 0
  return sampleRate / markPeriod(source.marks, j)
}

export interface ModifyOptions {
  /** Output duration / input duration. */
  timeRatio: number
  /** Output F0 / input F0 (constant factor). */
  pitchRatio: number
}

/**
 * Uniform pitch and time modification of one source: `pitchRatio` scales F0 everywhere
 * (duration unchanged when timeRatio = 1); `timeRatio` scales duration (F0 unchanged when
 * pitchRatio = 1).
 */
export function modifyPitchTime(
  source: PsolaSource,
  sampleRate: number,
  modify: Partial<ModifyOptions>,
  options: Partial<PsolaOptions> = {},
): Float32Array {
  const timeRatio = modify.timeRatio ?? 1
  const pitchRatio = modify.pitchRatio ?? 1
  const selection: GrainSelection = { source, position: 0, weight: 1 }
  const list = [selection]
  const score: PsolaScore = {
    length: Math.round(source.samples.length * timeRatio),
    select(t) {
      selection.position = t / timeRatio
      return list
    },
    f0(t) {
      const f = sourceF0(source, t / timeRatio, sampleRate)
      return f > 0 ? f * pitchRatio : 100
    },
  }
  return new TdPsola(sampleRate, options).render(score)
}
