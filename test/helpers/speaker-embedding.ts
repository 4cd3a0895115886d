/**
 * A small speaker embedding for measuring voice similarity without a neural model:
 * statistics (mean and standard deviation over speech frames) of MFCCs c1..c19 plus the
 * log-F0 mean and spread. MFCCs follow the usual recipe (25 ms Hamming frames every
 * 10 ms, 40 triangular mel filters over 60..7600 Hz, log, DCT-II; Davis & Mermelstein,
 * IEEE TASSP 1980). Band limits are fixed in Hz so clips at 16 and 24 kHz compare.
 * Compare embeddings with `centredCosine` against a population mean, as i-vector systems
 * do (Dehak et al., IEEE TASLP 2011): the raw statistics share a large common component.
 */
import type { Audio } from '../../src/core/types.js'
import { fftOf, nextPow2 } from '../../src/dsp/fft.js'
import { estimateF0 } from '../../src/dsp/world/f0.js'

const FILTERS = 40
const COEFFICIENTS = 20
const LOW_HZ = 60
const HIGH_HZ = 7600
/** Frames more than this many dB under the loudest are silence and skipped. */
const SPEECH_RANGE_DB = 35

const mel = (hz: number): number => 2595 * Math.log10(1 + hz / 700)
const hzOfMel = (m: number): number => 700 * (10 ** (m / 2595) - 1)

/** Per-frame MFCCs c0..c19 of the frames within SPEECH_RANGE_DB of the loudest. */
export function mfccFrames(audio: Audio): Float64Array[] {
  const { samples, sampleRate } = audio
  const frameLength = Math.round(0.025 * sampleRate)
  const hop = Math.round(0.01 * sampleRate)
  const fftSize = nextPow2(frameLength)
  const fft = fftOf(fftSize)
  const bins = fft.bins
  const hamming = Float64Array.from(
    { length: frameLength },
    (_, i) => 0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (frameLength - 1)),
  )
  const edges = Array.from({ length: FILTERS + 2 }, (_, i) =>
    hzOfMel(mel(LOW_HZ) + ((mel(Math.min(HIGH_HZ, sampleRate / 2)) - mel(LOW_HZ)) * i) / (FILTERS + 1)),
  )
  const segment = new Float64Array(fftSize)
  const re = new Float64Array(bins)
  const im = new Float64Array(bins)
  const frames: Float64Array[] = []
  const levels: number[] = []
  for (let start = 0; start + frameLength <= samples.length; start += hop) {
    for (let i = 0; i < frameLength; i++) segment[i] = samples[start + i] * hamming[i]
    segment.fill(0, frameLength)
    fft.forward(segment, re, im)
    const energies = new Float64Array(FILTERS)
    for (let f = 0; f < FILTERS; f++) {
      const [lo, mid, hi] = [edges[f], edges[f + 1], edges[f + 2]]
      let acc = 0
      const kLo = Math.ceil((lo * fftSize) / sampleRate)
      const kHi = Math.min(bins - 1, Math.floor((hi * fftSize) / sampleRate))
      for (let k = kLo; k <= kHi; k++) {
        const hz = (k * sampleRate) / fftSize
        const weight = hz <= mid ? (hz - lo) / (mid - lo) : (hi - hz) / (hi - mid)
        if (weight > 0) acc += weight * (re[k] * re[k] + im[k] * im[k])
      }
      energies[f] = Math.log(acc + 1e-10)
    }
    const c = new Float64Array(COEFFICIENTS)
    for (let n = 0; n < COEFFICIENTS; n++) {
      let acc = 0
      for (let f = 0; f < FILTERS; f++) acc += energies[f] * Math.cos((Math.PI * n * (f + 0.5)) / FILTERS)
      c[n] = acc * Math.sqrt(2 / FILTERS)
    }
    frames.push(c)
    levels.push(c[0])
  }
  const loudest = levels.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY)
  // c0 ≈ sqrt(2/F)·Σ log E; one dB of level moves it by sqrt(2F)·ln10/10.
  const perDb = (Math.sqrt(2 * FILTERS) * Math.LN10) / 10
  return frames.filter((_, i) => levels[i] >= loudest - SPEECH_RANGE_DB * perDb)
}

export interface EmbeddingOptions {
  /** Append log-F0 mean and std (weighted ×3) to the MFCC statistics (default false: timbre only). */
  readonly pitch?: boolean
}

/** Embedding: mean and std of c1..c19 over speech frames, optionally log-F0 mean and std. */
export function speakerEmbedding(audio: Audio, options: EmbeddingOptions = {}): Float64Array {
  const frames = mfccFrames(audio)
  const dims = COEFFICIENTS - 1
  const out = new Float64Array(2 * dims + (options.pitch ? 2 : 0))
  if (frames.length === 0) return out
  for (const c of frames) for (let d = 0; d < dims; d++) out[d] += c[d + 1] / frames.length
  for (const c of frames)
    for (let d = 0; d < dims; d++) out[dims + d] += (c[d + 1] - out[d]) ** 2 / frames.length
  for (let d = 0; d < dims; d++) out[dims + d] = Math.sqrt(out[dims + d])
  if (!options.pitch) return out
  const voiced = Array.from(estimateF0(audio.samples, audio.sampleRate, { refine: false })).filter(
    (f) => f > 0,
  )
  if (voiced.length > 0) {
    const logs = voiced.map(Math.log)
    const mean = logs.reduce((a, b) => a + b, 0) / logs.length
    const std = Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / logs.length)
    out[2 * dims] = 3 * mean
    out[2 * dims + 1] = 3 * std
  }
  return out
}

/**
 * Cosine similarity of a and b after subtracting a population mean and dividing each
 * dimension by the population's standard deviation (pass the embeddings of every clip
 * being compared, or any representative set).
 */
export function centredCosine(a: Float64Array, b: Float64Array, population: readonly Float64Array[]): number {
  const dims = a.length
  const mean = new Float64Array(dims)
  const std = new Float64Array(dims)
  for (const e of population) for (let d = 0; d < dims; d++) mean[d] += e[d] / population.length
  for (const e of population)
    for (let d = 0; d < dims; d++) std[d] += (e[d] - mean[d]) ** 2 / population.length
  let dot = 0
  let na = 0
  let nb = 0
  for (let d = 0; d < dims; d++) {
    const s = Math.sqrt(std[d]) || 1
    const x = (a[d] - mean[d]) / s
    const y = (b[d] - mean[d]) / s
    dot += x * y
    na += x * x
    nb += y * y
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0
}
