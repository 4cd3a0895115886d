/**
 * Prosodic and voice-quality features of a speech clip, the inputs of audio -> emotion:
 * F0 level, range, final movement and declination (from the WORLD-style F0 estimator in
 * dsp/world), speaking rate as syllable nuclei per second (intensity peaks in voiced
 * stretches, after N. H. de Jong & T. Wempe 2009, "Praat script to detect syllable nuclei
 * and measure speech rate automatically", Behavior Research Methods 41(2)), pause share,
 * energy and its variability, long-term spectral tilt of voiced frames, and a frame-level
 * F0 perturbation measure (jitter-like; true cycle-to-cycle jitter needs period marks).
 */
import type { Audio } from '../../core/types.js'
import { fftOf } from '../../dsp/fft.js'
import { linearSlope, percentile } from '../../dsp/signal.js'
import { estimateF0 } from '../../dsp/world/f0.js'

export interface AcousticFeatures {
  /** Mean F0 of voiced frames, semitones re 1 Hz (12·log2 f). */
  readonly f0MeanSt: number
  /** 10th–90th percentile range of voiced F0, semitones. */
  readonly f0RangeSt: number
  /** Mean F0 movement over the last 200 ms of phrase-final voiced stretches, semitones. */
  readonly f0FinalSt: number
  /** Slope of a line through all voiced F0 values, semitones per second (declination < 0). */
  readonly f0SlopeStPerS: number
  /** Syllable nuclei per second of speech (pauses excluded). */
  readonly rate: number
  /** Share of the speech span (first to last speech frame) spent in pauses ≥ 100 ms. */
  readonly pauseRatio: number
  /** Mean level of speech frames, dBFS. */
  readonly energyDb: number
  /** Standard deviation of the level of speech frames, dB. */
  readonly energyStdDb: number
  /** Slope of the long-term average spectrum of voiced frames, 250–4000 Hz, dB per octave. */
  readonly tiltDbPerOctave: number
  /** Mean |f0[i] − (f0[i−1] + f0[i+1]) / 2| / f0[i] over voiced frames, percent. */
  readonly jitterPercent: number
  /**
   * Aperiodicity above 2 kHz in voiced frames: 1 − the normalised autocorrelation of the
   * high-passed signal at one period (Boersma 1993's harmonicity, on the band where
   * aspiration noise shows). 0 = fully periodic; breathy voice raises it.
   */
  readonly hfNoise: number
  readonly voicedSeconds: number
  readonly speechSeconds: number
}

const HOP_SECONDS = 0.01
const WINDOW_SECONDS = 0.03
/** Frames this far below the loud frames' level are silence (de Jong & Wempe use −25 dB). */
const SILENCE_BELOW_DB = 25
const MIN_PAUSE_SECONDS = 0.1
/** A nucleus must stand this far above the dips on both sides (de Jong & Wempe: 2 dB). */
const NUCLEUS_DIP_DB = 2
const FINAL_SECONDS = 0.2
const TILT_LOW_HZ = 250
const TILT_HIGH_HZ = 4000

/** dsp/signal percentile, but 0 for an empty list: silent or unvoiced input gives zero features. */
function percentileOrZero(sorted: readonly number[], q: number): number {
  return sorted.length > 0 ? percentile(sorted, q) : 0
}

/** Frame levels in dBFS (RMS over a 30 ms window every 10 ms). */
function frameLevels(samples: Float32Array, sampleRate: number): Float64Array {
  const hop = Math.round(HOP_SECONDS * sampleRate)
  const win = Math.round(WINDOW_SECONDS * sampleRate)
  const frames = Math.max(1, Math.floor(samples.length / hop))
  const out = new Float64Array(frames)
  for (let f = 0; f < frames; f++) {
    const start = Math.max(0, f * hop + Math.floor(hop / 2) - Math.floor(win / 2))
    const end = Math.min(samples.length, start + win)
    let sum = 0
    for (let i = start; i < end; i++) sum += samples[i] * samples[i]
    out[f] = 10 * Math.log10(sum / Math.max(1, end - start) + 1e-12)
  }
  return out
}

/** Voicing per 10 ms frame, from a 5 ms F0 track. */
function voicedAt(f0: Float64Array, f0Period: number, frame: number): number {
  const i = Math.round((frame * HOP_SECONDS + HOP_SECONDS / 2) / f0Period)
  return i >= 0 && i < f0.length ? f0[i] : 0
}

function countNuclei(levels: Float64Array, speech: Uint8Array, voiced: (frame: number) => boolean): number {
  // 50 ms moving average against bursts within a syllable.
  const smooth = new Float64Array(levels.length)
  for (let i = 0; i < levels.length; i++) {
    let sum = 0
    let n = 0
    for (let j = i - 2; j <= i + 2; j++) {
      if (j < 0 || j >= levels.length) continue
      sum += levels[j]
      n++
    }
    smooth[i] = sum / n
  }
  let count = 0
  let lastDip = Number.POSITIVE_INFINITY
  let candidate = -1
  for (let i = 1; i < smooth.length - 1; i++) {
    const v = smooth[i]
    if (v < lastDip) lastDip = v
    const isPeak = v >= smooth[i - 1] && v > smooth[i + 1]
    if (isPeak && speech[i] && voiced(i) && v - lastDip >= NUCLEUS_DIP_DB) {
      candidate = i
    }
    if (candidate >= 0 && smooth[candidate] - v >= NUCLEUS_DIP_DB) {
      count += 1
      candidate = -1
      lastDip = v
    }
    if (candidate >= 0 && v > smooth[candidate]) candidate = speech[i] && voiced(i) ? i : candidate
  }
  if (candidate >= 0) count += 1
  return count
}

function spectralTilt(audio: Audio, voicedFrames: readonly number[]): number {
  const { samples, sampleRate } = audio
  let size = 4
  while (size < WINDOW_SECONDS * 1.5 * sampleRate) size <<= 1
  const fft = fftOf(size)
  const frame = new Float64Array(size)
  const re = new Float64Array(size / 2 + 1)
  const im = new Float64Array(size / 2 + 1)
  const ltas = new Float64Array(size / 2 + 1)
  const hop = Math.round(HOP_SECONDS * sampleRate)
  let used = 0
  for (const f of voicedFrames) {
    const start = f * hop + Math.floor(hop / 2) - size / 2
    if (start < 0 || start + size > samples.length) continue
    for (let i = 0; i < size; i++)
      frame[i] = samples[start + i] * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / size))
    fft.forward(frame, re, im)
    for (let k = 0; k < re.length; k++) ltas[k] += re[k] * re[k] + im[k] * im[k]
    used += 1
  }
  if (used === 0) return 0
  // Sample the LTAS at 1/6-octave points so each octave weighs the same in the fit.
  const xs: number[] = []
  const ys: number[] = []
  const hi = Math.min(TILT_HIGH_HZ, sampleRate * 0.45)
  for (let oct = Math.log2(TILT_LOW_HZ); oct <= Math.log2(hi); oct += 1 / 6) {
    const lo = 2 ** (oct - 1 / 12)
    const up = 2 ** (oct + 1 / 12)
    let sum = 0
    let n = 0
    for (let k = Math.ceil((lo * size) / sampleRate); k <= Math.floor((up * size) / sampleRate); k++) {
      sum += ltas[k]
      n++
    }
    if (n === 0) continue
    xs.push(oct)
    ys.push(10 * Math.log10(sum / n / used + 1e-20))
  }
  return linearSlope(xs, ys)
}

/** One-pole-pair high-pass (two cascaded first-order sections) at `cutoff` Hz. */
function highPass(samples: Float32Array, sampleRate: number, cutoff: number): Float64Array {
  const a = Math.exp((-2 * Math.PI * cutoff) / sampleRate)
  const out = new Float64Array(samples.length)
  let lp1 = 0
  let lp2 = 0
  for (let i = 0; i < samples.length; i++) {
    lp1 = (1 - a) * samples[i] + a * lp1
    const h1 = samples[i] - lp1
    lp2 = (1 - a) * h1 + a * lp2
    out[i] = h1 - lp2
  }
  return out
}

function hfAperiodicity(
  audio: Audio,
  f0: Float64Array,
  f0Period: number,
  voicedFrames: readonly number[],
): number {
  const { samples, sampleRate } = audio
  if (sampleRate < 8000 || voicedFrames.length === 0) return 0
  const hp = highPass(samples, sampleRate, 2000)
  const hop = Math.round(HOP_SECONDS * sampleRate)
  let sum = 0
  let count = 0
  for (const frame of voicedFrames) {
    const hz = voicedAt(f0, f0Period, frame)
    if (hz <= 0) continue
    const period = sampleRate / hz
    const length = Math.round(2 * period)
    const start = frame * hop + Math.floor(hop / 2) - length
    let best = -1
    // The period of the high band is searched ±3 % around the F0 track's value.
    for (let lag = Math.floor(period * 0.97); lag <= Math.ceil(period * 1.03); lag++) {
      if (start < 0 || start + length + lag > hp.length) break
      let xy = 0
      let xx = 0
      let yy = 0
      for (let i = start; i < start + length; i++) {
        xy += hp[i] * hp[i + lag]
        xx += hp[i] * hp[i]
        yy += hp[i + lag] * hp[i + lag]
      }
      const r = xx > 0 && yy > 0 ? xy / Math.sqrt(xx * yy) : 0
      if (r > best) best = r
    }
    if (best < -0.5) continue
    sum += Math.max(0, best)
    count += 1
  }
  return count > 0 ? 1 - sum / count : 0
}

/** Measure the features of a speech clip (mono). Silent or unvoiced input gives zeros. */
export function measureAcousticFeatures(audio: Audio): AcousticFeatures {
  const { samples, sampleRate } = audio
  const f0Period = 0.005
  const f0 = estimateF0(samples, sampleRate, { framePeriod: f0Period })
  const levels = frameLevels(samples, sampleRate)
  const sortedLevels = Array.from(levels).sort((a, b) => a - b)
  const loud = percentileOrZero(sortedLevels, 0.99)
  const threshold = Math.max(loud - SILENCE_BELOW_DB, -70)
  const speech = new Uint8Array(levels.length)
  let first = -1
  let last = -1
  for (let i = 0; i < levels.length; i++) {
    if (levels[i] > threshold) {
      speech[i] = 1
      if (first < 0) first = i
      last = i
    }
  }
  // Pauses: silent runs of at least MIN_PAUSE_SECONDS inside the speech span.
  let pauseFrames = 0
  const minPause = Math.round(MIN_PAUSE_SECONDS / HOP_SECONDS)
  for (let i = first; i >= 0 && i <= last; ) {
    if (speech[i]) {
      i++
      continue
    }
    let j = i
    while (j <= last && !speech[j]) j++
    if (j - i >= minPause) pauseFrames += j - i
    i = j
  }
  const spanFrames = first >= 0 ? last - first + 1 : 0
  const speechFrames = Math.max(0, spanFrames - pauseFrames)
  const speechSeconds = speechFrames * HOP_SECONDS

  const speechLevels: number[] = []
  const voicedFrames: number[] = []
  for (let i = 0; i < levels.length; i++) {
    if (!speech[i]) continue
    speechLevels.push(levels[i])
    if (voicedAt(f0, f0Period, i) > 0) voicedFrames.push(i)
  }
  const energyDb =
    speechLevels.length > 0 ? speechLevels.reduce((a, b) => a + b, 0) / speechLevels.length : -120
  const energyStdDb =
    speechLevels.length > 1
      ? Math.sqrt(speechLevels.reduce((a, b) => a + (b - energyDb) ** 2, 0) / speechLevels.length)
      : 0

  // F0 statistics over voiced frames of the 5 ms track.
  const st: number[] = []
  const times: number[] = []
  for (let i = 0; i < f0.length; i++) {
    if (f0[i] <= 0) continue
    st.push(12 * Math.log2(f0[i]))
    times.push(i * f0Period)
  }
  const sortedSt = [...st].sort((a, b) => a - b)
  // Trim 5 % at each end against residual octave errors.
  const lo = percentileOrZero(sortedSt, 0.05)
  const hi = percentileOrZero(sortedSt, 0.95)
  const kept = st.filter((v) => v >= lo && v <= hi)
  const f0MeanSt = kept.length > 0 ? kept.reduce((a, b) => a + b, 0) / kept.length : 0
  const f0RangeSt = percentileOrZero(sortedSt, 0.9) - percentileOrZero(sortedSt, 0.1)
  const f0SlopeStPerS = linearSlope(times, st)

  // Phrase-final movement and jitter-like perturbation, per voiced run.
  const finals: number[] = []
  let jitterSum = 0
  let jitterCount = 0
  const finalFrames = Math.round(FINAL_SECONDS / f0Period)
  const gapFrames = Math.round(0.15 / f0Period)
  for (let i = 0; i < f0.length; ) {
    if (f0[i] <= 0) {
      i++
      continue
    }
    let j = i
    while (j < f0.length && f0[j] > 0) j++
    for (let k = i + 1; k < j - 1; k++) {
      jitterSum += Math.abs(f0[k] - (f0[k - 1] + f0[k + 1]) / 2) / f0[k]
      jitterCount += 1
    }
    let gapEnd = j
    while (gapEnd < f0.length && f0[gapEnd] <= 0) gapEnd++
    const phraseFinal = gapEnd - j >= gapFrames || gapEnd >= f0.length
    if (phraseFinal && j - i >= finalFrames / 2) {
      const from = Math.max(i, j - finalFrames)
      const xs: number[] = []
      const ys: number[] = []
      for (let k = from; k < j; k++) {
        xs.push(k * f0Period)
        ys.push(12 * Math.log2(f0[k]))
      }
      finals.push(linearSlope(xs, ys) * (j - from) * f0Period)
    }
    i = j
  }
  const f0FinalSt = finals.length > 0 ? finals.reduce((a, b) => a + b, 0) / finals.length : 0
  const voicedSet = new Set(voicedFrames)
  const nuclei = countNuclei(levels, speech, (frame) => voicedSet.has(frame))

  return {
    f0MeanSt,
    f0RangeSt,
    f0FinalSt,
    f0SlopeStPerS,
    rate: speechSeconds > 0 ? nuclei / speechSeconds : 0,
    pauseRatio: spanFrames > 0 ? pauseFrames / spanFrames : 0,
    energyDb,
    energyStdDb,
    tiltDbPerOctave: spectralTilt(audio, voicedFrames),
    jitterPercent: jitterCount > 0 ? (100 * jitterSum) / jitterCount : 0,
    hfNoise: hfAperiodicity(audio, f0, f0Period, voicedFrames),
    voicedSeconds: st.length * f0Period,
    speechSeconds,
  }
}

/** Mean of several clips' features (e.g. a speaker's neutral profile from a few sentences). */
export function averageFeatures(list: readonly AcousticFeatures[]): AcousticFeatures {
  if (list.length === 0) throw new RangeError('averageFeatures needs at least one clip')
  const keys = Object.keys(list[0]) as (keyof AcousticFeatures)[]
  const out: Record<string, number> = {}
  for (const k of keys) out[k] = list.reduce((a, f) => a + f[k], 0) / list.length
  return out as unknown as AcousticFeatures
}
