/** Build-time analysis of one unit: pitch marks, voicing, nucleus bounds, F0 — stored in the pack index. */
import { detectPitchMarks, type EpochOptions, markF0, type PitchMarks } from '../../src/dsp/epochs.js'
import { median } from '../../src/dsp/signal.js'
import { voicedRunsOf } from '../../src/engines/builtin/zh/pack-format.js'

export interface UnitAnalysis extends PitchMarks {
  readonly voicedRuns: [number, number][]
  readonly voicedStart: number
  readonly voicedEnd: number
  readonly f0Hz: number
  /** F0 of every voiced mark (Hz), for speaker statistics. */
  readonly markHz: Float32Array
  /** Seconds of voicing (sum of voiced runs). */
  readonly voicedSeconds: number
}

export function analyseUnit(
  samples: Float32Array,
  sampleRate: number,
  options: Partial<EpochOptions>,
): UnitAnalysis {
  const pm = detectPitchMarks(samples, sampleRate, options)
  const runs = voicedRunsOf(pm.voiced)
  const hz = markF0(pm, sampleRate)
  const voicedHz = Array.from(hz).filter((v) => v > 0)
  let voicedSamples = 0
  for (const [a, b] of runs) voicedSamples += pm.marks[b] - pm.marks[a]
  // The nucleus: from the first voiced mark of the longest run's neighbourhood to the last voiced mark.
  const voicedStart = runs.length ? pm.marks[runs[0][0]] : 0
  const voicedEnd = runs.length ? pm.marks[runs[runs.length - 1][1]] : samples.length
  return {
    ...pm,
    voicedRuns: runs,
    voicedStart,
    voicedEnd,
    f0Hz: voicedHz.length ? median(voicedHz) : 0,
    markHz: hz,
    voicedSeconds: voicedSamples / sampleRate,
  }
}
