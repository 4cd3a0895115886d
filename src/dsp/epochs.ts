/**
 * Pitch marks for PSOLA: one mark per glottal cycle in voiced stretches, at the glottal
 * closure instants found by zero-frequency filtering (dsp/zff.ts), and evenly spaced
 * pseudo-marks in unvoiced stretches so TD-PSOLA can copy or repeat them (Moulines &
 * Charpentier 1990, section 3). Voicing is decided per frame from level and periodicity
 * (dsp/pitch.ts framePeriodicity), adequate for clean, isolated syllables; marks whose interval falls
 * outside [1/maxHz, 1/minHz] are merged or end the voiced run.
 */
import { framePeriodicity } from './pitch.js'
import { dropShortRuns } from './signal.js'
import { closures, type ZffEpochs, zeroFrequencyFilter } from './zff.js'

export interface EpochOptions {
  /** Lowest and highest F0 accepted between consecutive marks, Hz. */
  minHz: number
  maxHz: number
  /**
   * Period used by the zero-frequency filter's trend removal, seconds. Choose about the
   * speaker's shortest usual period (1 / the 90th-percentile F0): too long a window halves F0.
   */
  zffPeriodSeconds: number
  /** +1 or -1: which zero crossings of the ZFF signal are closures; 0: pick the stronger. */
  polarity: 1 | -1 | 0
  /** Spacing of pseudo-marks in unvoiced stretches, seconds. */
  unvoicedSpacingSeconds: number
  /** Voicing: frame within this many dB of the loudest frame … */
  voicingRangeDb: number
  /** … and periodic: YIN normalised difference below this at some lag. */
  voicingPeriodicity: number
  /** Analysis frame for the voicing decision, seconds. */
  frameSeconds: number
  /** Shortest voiced run kept, seconds. */
  minVoicedSeconds: number
}

export const defaultEpochOptions: Readonly<EpochOptions> = {
  minHz: 55,
  maxHz: 550,
  zffPeriodSeconds: 0.005,
  polarity: 0,
  unvoicedSpacingSeconds: 0.005,
  voicingRangeDb: 32,
  voicingPeriodicity: 0.45,
  frameSeconds: 0.01,
  minVoicedSeconds: 0.03,
}

export interface PitchMarks {
  /** Mark positions in samples, strictly increasing. */
  readonly marks: Int32Array
  /** 1 where the mark is a glottal closure of voiced speech, 0 for an unvoiced pseudo-mark. */
  readonly voiced: Uint8Array
}

export interface VoicedFrames {
  /** Frame k covers samples around k * hop. */
  readonly hop: number
  readonly flags: Uint8Array
}

/**
 * Voiced flag per frame: periodic (YIN's normalised difference has a dip below
 * `voicingPeriodicity` at some lag up to two periods, so diplophonic cycles count) and
 * loud enough (within `voicingRangeDb` of the loudest frame).
 */
export function voicedFrames(
  samples: Float32Array,
  sampleRate: number,
  options: Partial<EpochOptions> = {},
): VoicedFrames {
  const o = { ...defaultEpochOptions, ...options }
  const periodicity = framePeriodicity(samples, sampleRate, {
    minHz: Math.max(30, o.minHz / 2),
    maxHz: o.maxHz,
    hopSeconds: o.frameSeconds,
    silenceDb: o.voicingRangeDb,
  })
  const hop = o.frameSeconds * sampleRate
  const n = periodicity.length
  const flags = new Uint8Array(n)
  for (let k = 0; k < n; k++) flags[k] = periodicity[k] < o.voicingPeriodicity ? 1 : 0
  dropShortRuns(flags, Math.max(1, Math.round(o.minVoicedSeconds / o.frameSeconds)))
  return { hop, flags }
}

function isVoicedAt(v: VoicedFrames, position: number): boolean {
  return v.flags[Math.round(position / v.hop)] === 1
}

/** Mean ZFF strength of the epochs that fall in voiced frames. */
function meanVoicedStrength(epochs: ZffEpochs, flags: VoicedFrames): number {
  let sum = 0
  let count = 0
  for (let i = 0; i < epochs.positions.length; i++) {
    if (!isVoicedAt(flags, epochs.positions[i])) continue
    sum += epochs.strength[i]
    count++
  }
  return count ? sum / count : 0
}

/**
 * Closures of the filtered signal `y` in the direction that marks them in this signal: the
 * one with the stronger mean excitation in voiced frames (ties go to +1).
 */
function strongerClosures(y: Float64Array, flags: VoicedFrames): { polarity: 1 | -1; epochs: ZffEpochs } {
  const rising = closures(y, 1)
  const falling = closures(y, -1)
  return meanVoicedStrength(rising, flags) >= meanVoicedStrength(falling, flags)
    ? { polarity: 1, epochs: rising }
    : { polarity: -1, epochs: falling }
}

/** Pick the ZFF crossing direction that marks closures in this signal (stronger excitation). */
export function closurePolarity(
  samples: Float32Array,
  sampleRate: number,
  options: Partial<EpochOptions> = {},
): 1 | -1 {
  const o = { ...defaultEpochOptions, ...options }
  const flags = voicedFrames(samples, sampleRate, o)
  return strongerClosures(zeroFrequencyFilter(samples, sampleRate, o.zffPeriodSeconds), flags).polarity
}

/** Pitch marks over the whole signal (voiced closures plus unvoiced pseudo-marks). */
export function detectPitchMarks(
  samples: Float32Array,
  sampleRate: number,
  options: Partial<EpochOptions> = {},
): PitchMarks {
  const o = { ...defaultEpochOptions, ...options }
  // Voicing and the filtered signal do not depend on the polarity: compute each once.
  const flags = voicedFrames(samples, sampleRate, o)
  const y = zeroFrequencyFilter(samples, sampleRate, o.zffPeriodSeconds)
  const epochs = o.polarity === 0 ? strongerClosures(y, flags).epochs : closures(y, o.polarity)
  const minGap = sampleRate / o.maxHz
  const maxGap = sampleRate / o.minHz
  // Keep epochs in voiced frames; of two closer than the shortest period keep the stronger.
  const kept: number[] = []
  const keptStrength: number[] = []
  for (let i = 0; i < epochs.positions.length; i++) {
    const p = epochs.positions[i]
    if (!isVoicedAt(flags, p)) continue
    const last = kept.length - 1
    if (last >= 0 && p - kept[last] < minGap) {
      if (epochs.strength[i] > keptStrength[last]) {
        kept[last] = p
        keptStrength[last] = epochs.strength[i]
      }
      continue
    }
    kept.push(p)
    keptStrength.push(epochs.strength[i])
  }
  // Voiced runs: consecutive kept epochs closer than the longest period; a lone epoch is dropped.
  const marks: number[] = []
  const voiced: number[] = []
  const spacing = Math.max(2, Math.round(o.unvoicedSpacingSeconds * sampleRate))
  const fill = (from: number, to: number) => {
    const n = Math.round((to - from) / spacing) - 1
    for (let k = 1; k <= n; k++) {
      const p = Math.round(from + ((to - from) * k) / (n + 1))
      if (p >= 0 && p < samples.length && p > (marks.at(-1) ?? -1)) {
        marks.push(p)
        voiced.push(0)
      }
    }
  }
  let previous = -spacing
  let i = 0
  while (i < kept.length) {
    let j = i
    while (j + 1 < kept.length && kept[j + 1] - kept[j] <= maxGap) j++
    if (j > i) {
      fill(previous, kept[i])
      for (let k = i; k <= j; k++) {
        marks.push(kept[k])
        voiced.push(1)
      }
      previous = kept[j]
    }
    i = j + 1
  }
  fill(previous, samples.length - 1 + spacing)
  return { marks: Int32Array.from(marks), voiced: Uint8Array.from(voiced) }
}

/** F0 (Hz) of each voiced mark from the mean of its neighbouring intervals; 0 for unvoiced. */
export function markF0(pitchMarks: PitchMarks, sampleRate: number): Float32Array {
  const { marks, voiced } = pitchMarks
  const out = new Float32Array(marks.length)
  for (let j = 0; j < marks.length; j++) {
    if (!voiced[j]) continue
    const left = j > 0 && voiced[j - 1] ? marks[j] - marks[j - 1] : 0
    const right = j + 1 < marks.length && voiced[j + 1] ? marks[j + 1] - marks[j] : 0
    const period = left && right ? 0.5 * (left + right) : left || right
    out[j] = period ? sampleRate / period : 0
  }
  return out
}
