/**
 * Integrated loudness per ITU-R BS.1770-4 (K-weighting, 400 ms blocks with 75 % overlap,
 * absolute gate at -70 LUFS, relative gate 10 LU below the ungated mean), plus a
 * true-peak estimate per its Annex 2 and loudness normalisation with a peak ceiling.
 *
 * The K-weighting biquads are derived from their analog prototypes for any sample rate,
 * with the pole/zero parameters used by libebur128 (ebur128.c, ebur128_init_filter, MIT),
 * which reproduce BS.1770-4 Tables 1 and 2 exactly at 48 kHz. Structure follows
 * echogarden's dsp/KWeightingFilter.ts and LoudnessEstimator.ts: small stateful classes.
 */
import type { Audio } from '../core/types.js'
import { fromDb, peak, toDb } from './utils.js'

export interface BiquadCoefficients {
  readonly b0: number
  readonly b1: number
  readonly b2: number
  readonly a1: number
  readonly a2: number
}

/** A second-order IIR section (transposed direct form II), a0 normalised to 1. */
export class Biquad {
  private z1 = 0
  private z2 = 0

  constructor(private readonly c: BiquadCoefficients) {}

  process(x: number): number {
    const { b0, b1, b2, a1, a2 } = this.c
    const y = b0 * x + this.z1
    this.z1 = b1 * x - a1 * y + this.z2
    this.z2 = b2 * x - a2 * y
    return y
  }

  reset(): void {
    this.z1 = 0
    this.z2 = 0
  }
}

/**
 * Stage 1 of K-weighting: the high-shelf "pre-filter" modelling the head (+4 dB above
 * ~1.5 kHz). BS.1770-4 Table 1 gives it at 48 kHz; this is the bilinear transform of its
 * analog prototype at `sampleRate`.
 */
export function kWeightingShelf(sampleRate: number): BiquadCoefficients {
  const f0 = 1681.974450955533
  const gainDb = 3.999843853973347
  const q = 0.7071752369554196
  const k = Math.tan((Math.PI * f0) / sampleRate)
  const vh = 10 ** (gainDb / 20)
  const vb = vh ** 0.4996667741545416
  const a0 = 1 + k / q + k * k
  return {
    b0: (vh + (vb * k) / q + k * k) / a0,
    b1: (2 * (k * k - vh)) / a0,
    b2: (vh - (vb * k) / q + k * k) / a0,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / q + k * k) / a0,
  }
}

/** Stage 2 of K-weighting: the RLB high-pass (~38 Hz); BS.1770-4 Table 2 at 48 kHz. */
export function kWeightingHighpass(sampleRate: number): BiquadCoefficients {
  const f0 = 38.13547087602444
  const q = 0.5003270373238773
  const k = Math.tan((Math.PI * f0) / sampleRate)
  const a0 = 1 + k / q + k * k
  // The spec leaves the numerator unnormalised (1, -2, 1); so does libebur128.
  return { b0: 1, b1: -2, b2: 1, a1: (2 * (k * k - 1)) / a0, a2: (1 - k / q + k * k) / a0 }
}

/** The two K-weighting stages in series, one sample at a time. */
export class KWeightingFilter {
  private readonly shelf: Biquad
  private readonly highpass: Biquad

  constructor(options: { sampleRate: number }) {
    this.shelf = new Biquad(kWeightingShelf(options.sampleRate))
    this.highpass = new Biquad(kWeightingHighpass(options.sampleRate))
  }

  process(x: number): number {
    return this.highpass.process(this.shelf.process(x))
  }

  reset(): void {
    this.shelf.reset()
    this.highpass.reset()
  }
}

/** BS.1770-4 eq. 2: L = -0.691 + 10 log10(mean square of the K-weighted signal). */
function lufsOf(meanSquare: number): number {
  return -0.691 + 10 * Math.log10(meanSquare)
}

const ABSOLUTE_GATE_LUFS = -70
const RELATIVE_GATE_LU = -10

/**
 * Streaming integrated-loudness meter for one (mono) channel. Mean squares are kept per
 * 100 ms hop; a 400 ms gating block is the mean of four consecutive hops, so blocks
 * overlap by 75 % as the spec requires, and memory is 8 bytes per 100 ms of audio.
 */
export class LoudnessMeter {
  private readonly filter: KWeightingFilter
  private readonly hop: number
  private readonly hops: number[] = []
  private hopSum = 0
  private hopFill = 0
  private totalSum = 0
  private totalCount = 0

  constructor(options: { sampleRate: number }) {
    this.filter = new KWeightingFilter(options)
    this.hop = Math.max(1, Math.round(options.sampleRate / 10))
  }

  push(samples: Float32Array): void {
    for (let i = 0; i < samples.length; i++) {
      const y = this.filter.process(samples[i])
      const e = y * y
      this.hopSum += e
      this.totalSum += e
      this.totalCount++
      if (++this.hopFill === this.hop) {
        this.hops.push(this.hopSum / this.hop)
        this.hopSum = 0
        this.hopFill = 0
      }
    }
  }

  /** Mean squares of every complete 400 ms block. */
  private blocks(): number[] {
    const blocks: number[] = []
    for (let j = 0; j + 4 <= this.hops.length; j++)
      blocks.push((this.hops[j] + this.hops[j + 1] + this.hops[j + 2] + this.hops[j + 3]) / 4)
    return blocks
  }

  /**
   * Gated integrated loudness in LUFS; -Infinity for silence. Audio shorter than one
   * 400 ms block (a single syllable) is measured as one block over all of it, a
   * documented extension: BS.1770 itself has no value for it.
   */
  integrated(): number {
    let blocks = this.blocks()
    if (blocks.length === 0) {
      if (this.totalCount === 0) return Number.NEGATIVE_INFINITY
      blocks = [this.totalSum / this.totalCount]
    }
    const aboveAbsolute = blocks.filter((z) => lufsOf(z) > ABSOLUTE_GATE_LUFS)
    if (aboveAbsolute.length === 0) return Number.NEGATIVE_INFINITY
    const relativeGate = lufsOf(mean(aboveAbsolute)) + RELATIVE_GATE_LU
    const gated = aboveAbsolute.filter((z) => lufsOf(z) > relativeGate)
    return lufsOf(mean(gated))
  }
}

function mean(values: readonly number[]): number {
  let sum = 0
  for (const v of values) sum += v
  return sum / values.length
}

/** Integrated loudness in LUFS (ITU-R BS.1770-4, mono: channel weight 1). -Infinity for silence. */
export function measureLoudness(audio: Audio): number {
  const meter = new LoudnessMeter({ sampleRate: audio.sampleRate })
  meter.push(audio.samples)
  return meter.integrated()
}

/**
 * 4x polyphase interpolation filter from ITU-R BS.1770-4 Annex 2 (48 taps, 12 per phase),
 * used to estimate the true (inter-sample) peak.
 */
const TRUE_PEAK_PHASES: readonly (readonly number[])[] = [
  [
    0.001708984375, 0.010986328125, -0.0196533203125, 0.033203125, -0.0594482421875, 0.1373291015625,
    0.97216796875, -0.102294921875, 0.047607421875, -0.026611328125, 0.014892578125, -0.00830078125,
  ],
  [
    -0.0291748046875, 0.029296875, -0.0517578125, 0.089111328125, -0.16650390625, 0.465087890625,
    0.77978515625, -0.2003173828125, 0.1015625, -0.0582275390625, 0.0330810546875, -0.0189208984375,
  ],
  [
    -0.0189208984375, 0.0330810546875, -0.0582275390625, 0.1015625, -0.2003173828125, 0.77978515625,
    0.465087890625, -0.16650390625, 0.089111328125, -0.0517578125, 0.029296875, -0.0291748046875,
  ],
  [
    -0.00830078125, 0.014892578125, -0.026611328125, 0.047607421875, -0.102294921875, 0.97216796875,
    0.1373291015625, -0.0594482421875, 0.033203125, -0.0196533203125, 0.010986328125, 0.001708984375,
  ],
]

/**
 * True-peak estimate (linear): the largest absolute value of the 4x oversampled signal,
 * BS.1770-4 Annex 2 without its optional -12.04 dB input attenuation (we work in float).
 * Oversampling by 4 can under-read by up to ~0.7 dB at the highest frequencies (Annex 2).
 */
export function truePeak(samples: Float32Array): number {
  let max = peak(samples)
  const taps = TRUE_PEAK_PHASES[0].length
  for (let n = 0; n < samples.length + taps; n++) {
    for (const phase of TRUE_PEAK_PHASES) {
      let acc = 0
      for (let k = 0; k < taps; k++) {
        const i = n - k
        if (i >= 0 && i < samples.length) acc += phase[k] * samples[i]
      }
      const a = Math.abs(acc)
      if (a > max) max = a
    }
  }
  return max
}

export interface NormalizeOptions {
  /** Ceiling for the peak after gain, in dBFS (default -1). */
  peakDbfs?: number
  /** Measure the ceiling on the true (4x oversampled) peak (default) or on the sample peak. */
  peakMode?: 'true' | 'sample'
}

/**
 * Gain in dB that brings `audio` to `targetLufs` without its peak exceeding the ceiling
 * (the gain is lowered instead; nothing is limited or compressed). 0 for silence.
 */
export function loudnessGainDb(audio: Audio, targetLufs = -20, options: NormalizeOptions = {}): number {
  const { peakDbfs = -1, peakMode = 'true' } = options
  const loudness = measureLoudness(audio)
  if (!Number.isFinite(loudness)) return 0
  const peakLevel = peakMode === 'true' ? truePeak(audio.samples) : peak(audio.samples)
  const headroom = peakLevel > 0 ? peakDbfs - toDb(peakLevel) : Number.POSITIVE_INFINITY
  return Math.min(targetLufs - loudness, headroom)
}

/** Scale `audio` to `targetLufs` (default -20 LUFS) under a peak ceiling; see loudnessGainDb. */
export function normalizeLoudness(audio: Audio, targetLufs = -20, options: NormalizeOptions = {}): Audio {
  const g = fromDb(loudnessGainDb(audio, targetLufs, options))
  const samples = new Float32Array(audio.samples.length)
  for (let i = 0; i < samples.length; i++) samples[i] = audio.samples[i] * g
  return { samples, sampleRate: audio.sampleRate }
}
