/**
 * F0 tracker for clean speech. Per frame, YIN's cumulative-mean-normalised difference
 * function (de Cheveigné & Kawahara 2002, "YIN, a fundamental frequency estimator for speech
 * and music", JASA 111(4)) gives up to `candidates` period candidates (its local minima,
 * parabolically interpolated); a Viterbi path through candidates and an unvoiced state then
 * picks the track, with costs for octave jumps and voicing changes as in Praat's path finder
 * (Boersma 1993, "Accurate short-term analysis of the fundamental frequency and the
 * harmonics-to-noise ratio of a sampled sound", IFA Proceedings 17). The path removes the
 * octave errors single-frame picking makes on fast tone glides and creaky endings. The search
 * runs on the signal decimated to about 8 kHz (F0 of speech is far below 4 kHz; the cost is
 * O(window × lags) per frame).
 */
import { decimate, rms } from './signal.js'

export interface PitchOptions {
  /** Lowest F0 searched, Hz. */
  minHz: number
  /** Highest F0 searched, Hz. */
  maxHz: number
  /** Frame step in seconds. */
  hopSeconds: number
  /** A local minimum of the normalised difference above this is not a candidate. */
  candidateThreshold: number
  /** Most period candidates per frame. */
  candidates: number
  /** Path cost per octave of F0 change between frames (Praat's octave-jump cost). */
  octaveJumpCost: number
  /** Path cost of a voiced/unvoiced switch (Praat's voiced/unvoiced cost). */
  voicingCost: number
  /** Local cost of the unvoiced state in a frame with energy (a candidate must beat it). */
  unvoicedCost: number
  /** Cost per octave below maxHz, so a period and its double do not tie (Praat's octave cost). */
  octaveCost: number
  /** Frames whose RMS is this far below the loudest frame are unvoiced, dB. */
  silenceDb: number
  /** Shortest voiced run kept, seconds. */
  minVoicedSeconds: number
  /** Rate the search runs at (the input is decimated by floor(rate / analysisRate)). */
  analysisRate: number
}

export const defaultPitchOptions: Readonly<PitchOptions> = {
  minHz: 60,
  maxHz: 500,
  hopSeconds: 0.005,
  candidateThreshold: 0.6,
  candidates: 4,
  octaveJumpCost: 0.5,
  voicingCost: 0.2,
  unvoicedCost: 0.45,
  octaveCost: 0.1,
  silenceDb: 40,
  minVoicedSeconds: 0.03,
  analysisRate: 8000,
}

export interface PitchTrack {
  readonly hopSeconds: number
  /** F0 per frame in Hz; 0 where unvoiced. Frame k is centred at k * hopSeconds. */
  readonly f0: Float32Array
  /** Normalised difference at the chosen period (0 = perfectly periodic, ~1 = noise); 1 if unvoiced. */
  readonly aperiodicity: Float32Array
  /** Smallest normalised difference over all searched lags, per frame, before path finding (1 = silent). */
  readonly periodicity: Float32Array
}

/** F0 at time t (seconds), linearly interpolated between voiced frames; 0 when unvoiced. */
export function f0At(track: PitchTrack, seconds: number): number {
  const x = seconds / track.hopSeconds
  const i = Math.floor(x)
  if (i < 0 || i >= track.f0.length) return 0
  const a = track.f0[i]
  const b = i + 1 < track.f0.length ? track.f0[i + 1] : 0
  if (a <= 0) return x - i > 0.5 ? b : 0
  if (b <= 0) return x - i <= 0.5 ? a : 0
  return a + (b - a) * (x - i)
}

interface Candidate {
  hz: number
  cost: number
  d: number
}

export class PitchTracker {
  readonly options: PitchOptions

  constructor(options: Partial<PitchOptions> = {}) {
    this.options = { ...defaultPitchOptions, ...options }
  }

  track(samples: Float32Array, sampleRate: number): PitchTrack {
    const o = this.options
    const factor = Math.max(1, Math.floor(sampleRate / o.analysisRate))
    const x = decimate(samples, factor)
    const rate = sampleRate / factor
    const maxLag = Math.ceil(rate / o.minHz)
    const minLag = Math.max(2, Math.floor(rate / o.maxHz))
    const window = maxLag
    const hop = o.hopSeconds * rate
    const frames = Math.max(0, Math.floor(samples.length / sampleRate / o.hopSeconds) + 1)
    const energy = new Float32Array(frames)
    let loudest = 0
    for (let k = 0; k < frames; k++) {
      const centre = Math.round(k * hop)
      energy[k] = rms(x, centre - window, centre + window)
      loudest = Math.max(loudest, energy[k])
    }
    const floor = loudest * 10 ** (-o.silenceDb / 20)
    const perFrame: Candidate[][] = []
    const periodicity = new Float32Array(frames).fill(1)
    const d = new Float64Array(maxLag + 2)
    for (let k = 0; k < frames; k++) {
      const list: Candidate[] = []
      perFrame.push(list)
      if (energy[k] <= floor) continue
      // Frames near the edges slide inwards so onsets at the very start still get an F0.
      const span = window + maxLag + 2
      if (span > x.length) continue
      const start = Math.min(x.length - span, Math.max(0, Math.round(k * hop) - Math.floor(span / 2)))
      let running = 0
      d[0] = 1
      for (let tau = 1; tau <= maxLag + 1; tau++) {
        let s = 0
        for (let j = 0; j < window; j++) {
          const diff = x[start + j] - x[start + j + tau]
          s += diff * diff
        }
        running += s
        d[tau] = running > 0 ? (s * tau) / running : 1
      }
      for (let tau = minLag; tau <= maxLag; tau++) periodicity[k] = Math.min(periodicity[k], d[tau])
      for (let tau = minLag; tau <= maxLag; tau++) {
        if (d[tau] >= o.candidateThreshold || d[tau] > d[tau - 1] || d[tau] > d[tau + 1]) continue
        const a = d[tau - 1]
        const b = d[tau]
        const c = d[tau + 1]
        const denom = a - 2 * b + c
        const shift = denom > 0 ? Math.max(-1, Math.min(1, (0.5 * (a - c)) / denom)) : 0
        const hz = rate / (tau + shift)
        list.push({ hz, d: b, cost: b + o.octaveCost * Math.log2(o.maxHz / hz) })
      }
      list.sort((p, q) => p.cost - q.cost)
      list.length = Math.min(list.length, o.candidates)
    }
    const f0 = new Float32Array(frames)
    const aperiodicity = new Float32Array(frames).fill(1)
    viterbi(perFrame, energy, floor, o, f0, aperiodicity)
    dropShortRuns(f0, aperiodicity, Math.max(1, Math.round(o.minVoicedSeconds / o.hopSeconds)))
    return { hopSeconds: o.hopSeconds, f0, aperiodicity, periodicity }
  }
}

/** Cheapest path through {unvoiced, candidates...} per frame (state 0 = unvoiced). */
function viterbi(
  perFrame: Candidate[][],
  energy: Float32Array,
  floor: number,
  o: PitchOptions,
  f0: Float32Array,
  aperiodicity: Float32Array,
): void {
  const frames = perFrame.length
  if (frames === 0) return
  const cost: Float64Array[] = []
  const back: Int32Array[] = []
  for (let k = 0; k < frames; k++) {
    const cands = perFrame[k]
    const states = cands.length + 1
    const c = new Float64Array(states)
    const b = new Int32Array(states)
    const local = (s: number) => (s === 0 ? (energy[k] <= floor ? 0 : o.unvoicedCost) : cands[s - 1].cost)
    for (let s = 0; s < states; s++) {
      if (k === 0) {
        c[s] = local(s)
        continue
      }
      const prev = perFrame[k - 1]
      const pc = cost[k - 1]
      let best = Number.POSITIVE_INFINITY
      let arg = 0
      for (let p = 0; p < pc.length; p++) {
        let t = 0
        if ((p === 0) !== (s === 0)) t = o.voicingCost
        else if (p > 0 && s > 0) t = o.octaveJumpCost * Math.abs(Math.log2(cands[s - 1].hz / prev[p - 1].hz))
        const v = pc[p] + t
        if (v < best) {
          best = v
          arg = p
        }
      }
      c[s] = best + local(s)
      b[s] = arg
    }
    cost.push(c)
    back.push(b)
  }
  let s = 0
  const last = cost[frames - 1]
  for (let i = 1; i < last.length; i++) if (last[i] < last[s]) s = i
  for (let k = frames - 1; k >= 0; k--) {
    if (s > 0) {
      f0[k] = perFrame[k][s - 1].hz
      aperiodicity[k] = perFrame[k][s - 1].d
    }
    s = back[k][s]
  }
}

function dropShortRuns(f0: Float32Array, aperiodicity: Float32Array, minFrames: number): void {
  let k = 0
  while (k < f0.length) {
    if (f0[k] <= 0) {
      k++
      continue
    }
    let end = k
    while (end < f0.length && f0[end] > 0) end++
    if (end - k < minFrames) {
      f0.fill(0, k, end)
      aperiodicity.fill(1, k, end)
    }
    k = end
  }
}

/** Convenience: track with default options merged with `options`. */
export function trackPitch(
  samples: Float32Array,
  sampleRate: number,
  options: Partial<PitchOptions> = {},
): PitchTrack {
  return new PitchTracker(options).track(samples, sampleRate)
}
