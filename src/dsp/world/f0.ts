/**
 * Robust F0 tracking for real speech, in three stages:
 *
 * 1. Candidates per 5 ms frame from the cumulative-mean-normalised difference function
 *    (YIN: A. de Cheveigné & H. Kawahara, JASA 111(4), 2002) on a copy decimated to about
 *    8 kHz: every local dip of d'(τ) in the allowed lag range, with parabolic interpolation.
 * 2. A dynamic-programming tracker over candidates plus an "unvoiced" state per frame, as
 *    in RAPT (D. Talkin, "A robust algorithm for pitch tracking", 1995): local costs are
 *    the dip depth (with a small bias to shorter lags against octave-down errors) and, for
 *    unvoiced, a threshold that falls in quiet frames; transitions cost the log-F0 jump and
 *    a fixed voicing-change penalty. A second pass repeats the search with a soft prior
 *    around the first pass's median F0, which removes most remaining octave errors — the
 *    same goal as Harvest's candidate connection (Morise, Interspeech 2017).
 * 3. StoneMask-style refinement on the full-rate signal (see stonemask.ts).
 */
import { dropShortRuns, percentile } from '../signal.js'
import { refineF0 } from './stonemask.js'

export interface F0Options {
  /** Seconds between frames (default 0.005). */
  readonly framePeriod?: number
  /** Lowest F0 searched, Hz (default 60). */
  readonly floor?: number
  /** Highest F0 searched, Hz (default 700). */
  readonly ceil?: number
  /** Skip the instantaneous-frequency refinement (faster, coarser). */
  readonly refine?: boolean
}

export const DEFAULT_F0_OPTIONS: Required<F0Options> = {
  framePeriod: 0.005,
  floor: 60,
  ceil: 700,
  refine: true,
}

interface Candidate {
  readonly f0: number
  readonly cost: number
}

const MAX_CANDIDATES = 4
/** Dips above this normalised difference are not pitch candidates. */
const MAX_DIP = 0.65
/** Depth under which dips are not told apart. */
const DIP_FLOOR = 0.1
/** Cost of one octave of F0 change between adjacent frames. */
const OCTAVE_JUMP_COST = 1.6
/** Cost of switching between voiced and unvoiced. */
const VOICING_SWITCH_COST = 0.2
/** Unvoiced cost in loud frames: frames whose best dip is deeper than this are voiced. */
const UNVOICED_COST = 0.42
/** Bias per lag fraction that favours the shortest plausible period (YIN's "first dip"). */
const LAG_BIAS = 0.08
/** Shortest voiced run kept, in frames. */
const MIN_VOICED_FRAMES = 4

/**
 * Windowed-sinc low-pass + decimation by an integer factor. Not dsp/signal's decimate: this
 * filter is twice as long (32·factor + 1 taps) and runs in double precision, and estimateF0's
 * output depends on it, so the two stay separate.
 */
function decimate(x: Float32Array | Float64Array, factor: number): Float64Array {
  const out = new Float64Array(Math.ceil(x.length / factor))
  if (factor === 1) {
    out.set(x)
    return out
  }
  const half = 16 * factor
  const cutoff = 0.45 / factor // cycles per input sample
  const taps = new Float64Array(2 * half + 1)
  let sum = 0
  for (let i = -half; i <= half; i++) {
    const sinc = i === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * i) / (Math.PI * i)
    const w = 0.42 + 0.5 * Math.cos((Math.PI * i) / half) + 0.08 * Math.cos((2 * Math.PI * i) / half)
    taps[i + half] = sinc * w
    sum += sinc * w
  }
  for (let i = 0; i < taps.length; i++) taps[i] /= sum
  for (let o = 0; o < out.length; o++) {
    const centre = o * factor
    let acc = 0
    const lo = Math.max(-half, -centre)
    const hi = Math.min(half, x.length - 1 - centre)
    for (let i = lo; i <= hi; i++) acc += x[centre + i] * taps[i + half]
    out[o] = acc
  }
  return out
}

/** Per-frame candidates and loudness (dB) from the normalised difference function. */
function frameCandidates(
  y: Float64Array,
  rate: number,
  frames: number,
  framePeriod: number,
  floor: number,
  ceil: number,
): { candidates: Candidate[][]; loudness: Float64Array } {
  const maxLag = Math.ceil(rate / floor) + 1
  const minLag = Math.max(2, Math.floor(rate / ceil))
  const width = Math.ceil(rate / floor)
  const d = new Float64Array(maxLag + 2)
  const candidates: Candidate[][] = []
  const loudness = new Float64Array(frames)
  const at = (i: number): number => (i >= 0 && i < y.length ? y[i] : 0)
  for (let f = 0; f < frames; f++) {
    const centre = Math.round(f * framePeriod * rate)
    let energy = 0
    for (let j = centre - (width >> 1); j < centre + (width >> 1); j++) energy += at(j) * at(j)
    loudness[f] = 10 * Math.log10(energy / width + 1e-12)
    let running = 0
    d[0] = 1
    for (let lag = 1; lag <= maxLag + 1; lag++) {
      const start = centre - ((width + lag) >> 1)
      let acc = 0
      for (let j = 0; j < width; j++) {
        const diff = at(start + j) - at(start + j + lag)
        acc += diff * diff
      }
      running += acc
      d[lag] = running > 0 ? (acc * lag) / running : 1
    }
    const list: Candidate[] = []
    for (let lag = minLag; lag <= maxLag; lag++) {
      const v = d[lag]
      if (v > MAX_DIP || v > d[lag - 1] || v > d[lag + 1]) continue
      // Parabolic interpolation of the dip position and depth.
      const a = d[lag - 1]
      const c = d[lag + 1]
      const denom = a - 2 * v + c
      const shift = denom > 0 ? (0.5 * (a - c)) / denom : 0
      const depth = Math.max(0, v - 0.25 * (a - c) * shift)
      const period = lag + shift
      // Dips deeper than DIP_FLOOR count as equally good (sampling the lag grid at ~8 kHz
      // blurs the exact depth), so the lag bias and continuity decide among them.
      list.push({ f0: rate / period, cost: Math.max(depth, DIP_FLOOR) + LAG_BIAS * (period / maxLag) })
    }
    list.sort((p, q) => p.cost - q.cost)
    candidates.push(list.slice(0, MAX_CANDIDATES))
  }
  return { candidates, loudness }
}

/** Viterbi search over candidates + unvoiced; `prior` (Hz) adds a soft cost away from a typical F0. */
function track(candidates: Candidate[][], loudness: Float64Array, prior: number | undefined): Float64Array {
  const frames = candidates.length
  const out = new Float64Array(frames)
  if (frames === 0) return out
  const loud = percentile(Float64Array.from(loudness).sort(), 0.95)
  const unvoicedCost = (f: number): number => {
    // Frames 25 dB or more under the loud level drift towards unvoiced; 50 dB under is silence.
    const quiet = Math.min(1, Math.max(0, (loud - 25 - loudness[f]) / 25))
    return UNVOICED_COST * (1 - quiet)
  }
  const localCost = (c: Candidate): number =>
    prior === undefined ? c.cost : c.cost + 0.25 * Math.max(0, Math.abs(Math.log2(c.f0 / prior)) - 0.8)
  // State 0 = unvoiced, states 1.. = candidates.
  let previousCost = [unvoicedCost(0), ...candidates[0].map(localCost)]
  const back: Int32Array[] = [new Int32Array(previousCost.length)]
  for (let f = 1; f < frames; f++) {
    const list = candidates[f]
    const prevList = candidates[f - 1]
    const cost = new Array<number>(list.length + 1)
    const from = new Int32Array(list.length + 1)
    for (let s = 0; s <= list.length; s++) {
      const local = s === 0 ? unvoicedCost(f) : localCost(list[s - 1])
      let best = Number.POSITIVE_INFINITY
      let arg = 0
      for (let p = 0; p <= prevList.length; p++) {
        let transition = 0
        if ((s === 0) !== (p === 0)) transition = VOICING_SWITCH_COST
        else if (s > 0)
          transition = OCTAVE_JUMP_COST * Math.abs(Math.log2(list[s - 1].f0 / prevList[p - 1].f0))
        const total = previousCost[p] + transition
        if (total < best) {
          best = total
          arg = p
        }
      }
      cost[s] = best + local
      from[s] = arg
    }
    previousCost = cost
    back.push(from)
  }
  let state = 0
  for (let s = 1; s < previousCost.length; s++) if (previousCost[s] < previousCost[state]) state = s
  for (let f = frames - 1; f >= 0; f--) {
    out[f] = state === 0 ? 0 : candidates[f][state - 1].f0
    state = back[f][state]
  }
  return out
}

/** Number of frames WORLD-style analysis produces for a signal of `length` samples. */
export function frameCount(length: number, sampleRate: number, framePeriod: number): number {
  return Math.floor(length / sampleRate / framePeriod) + 1
}

/** F0 contour (Hz, 0 = unvoiced) at frames i * framePeriod. */
export function estimateF0(
  x: Float32Array | Float64Array,
  sampleRate: number,
  options: F0Options = {},
): Float64Array {
  const o = { ...DEFAULT_F0_OPTIONS, ...options }
  const factor = Math.max(1, Math.floor(sampleRate / 8000))
  const y = decimate(x, factor)
  const rate = sampleRate / factor
  const frames = frameCount(x.length, sampleRate, o.framePeriod)
  const { candidates, loudness } = frameCandidates(y, rate, frames, o.framePeriod, o.floor, o.ceil)
  let f0 = track(candidates, loudness, undefined)
  const voiced = Array.from(f0).filter((v) => v > 0)
  // The upper median (sorted[floor(n / 2)]) is the prior: percentile's nearest rank at 0.5.
  if (voiced.length > 10)
    f0 = track(
      candidates,
      loudness,
      percentile(
        voiced.sort((a, b) => a - b),
        0.5,
      ),
    )
  dropShortRuns(f0, MIN_VOICED_FRAMES)
  if (!o.refine) return f0
  return refineF0(x, sampleRate, f0, o.framePeriod)
}
