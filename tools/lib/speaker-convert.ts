/**
 * Speaker conversion for units one voice lacks: the other speaker's recording, its spectral
 * envelope warped by the ratio of the two speakers' formant scales (estimated from their
 * long-term average spectra), then re-pitched by TD-PSOLA to this speaker's register with
 * the contour shape kept. Also the two compositions used for syllables neither speaker
 * recorded: splice (consonant onset of one unit + voiced rhyme of another) and blend
 * (head of one unit cross-faded into the voiced part of another).
 */
import { warpSpectralEnvelope } from '../../src/dsp/envelope-warp.js'
import type { PitchMarks } from '../../src/dsp/epochs.js'
import { RealFFT } from '../../src/dsp/fft.js'
import { modifyPitchTime } from '../../src/dsp/psola.js'
import { pearson } from '../../src/dsp/signal.js'

export interface AnalysedAudio extends PitchMarks {
  readonly samples: Float32Array
  readonly voicedStart: number
  readonly voicedEnd: number
}

const LTAS_SIZE = 1024

/** Long-term average log spectrum over two-period frames at voiced marks (natural log power). */
export function voicedLtas(units: readonly AnalysedAudio[]): Float64Array {
  const fft = new RealFFT(LTAS_SIZE)
  const half = LTAS_SIZE / 2
  const acc = new Float64Array(half + 1)
  const frame = new Float64Array(LTAS_SIZE)
  const re = new Float64Array(half + 1)
  const im = new Float64Array(half + 1)
  let frames = 0
  for (const u of units) {
    for (let j = 1; j + 1 < u.marks.length; j += 2) {
      if (!u.voiced[j]) continue
      frame.fill(0)
      const a = u.marks[j - 1]
      const b = u.marks[j + 1]
      const len = Math.min(LTAS_SIZE, b - a)
      for (let i = 0; i < len; i++)
        frame[i] = u.samples[a + i] * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / len))
      fft.forward(frame, re, im)
      for (let k = 0; k <= half; k++) acc[k] += re[k] * re[k] + im[k] * im[k]
      frames++
    }
  }
  for (let k = 0; k <= half; k++) acc[k] = Math.log(acc[k] / Math.max(1, frames) + 1e-12)
  return acc
}

/** Warp factor α maximising the correlation of target(f) with source(f / α) over 300-5000 Hz. */
export function estimateFormantRatio(source: Float64Array, target: Float64Array, sampleRate: number): number {
  const binHz = sampleRate / LTAS_SIZE
  const lo = Math.round(300 / binHz)
  const hi = Math.round(5000 / binHz)
  let best = 1
  let bestR = Number.NEGATIVE_INFINITY
  for (let alpha = 0.75; alpha <= 1.4001; alpha += 0.01) {
    const xs: number[] = []
    const ys: number[] = []
    for (let k = lo; k <= hi; k++) {
      const s = k / alpha
      const i = Math.floor(s)
      if (i + 1 >= source.length) break
      xs.push(source[i] + (source[i + 1] - source[i]) * (s - i))
      ys.push(target[k])
    }
    const r = pearson(xs, ys)
    if (r > bestR) {
      bestR = r
      best = alpha
    }
  }
  return Math.round(best * 100) / 100
}

/** Other speaker's unit → this speaker: envelope warp by α, then F0 scaled by pitchRatio. */
export function convertSpeaker(
  unit: AnalysedAudio,
  sampleRate: number,
  alpha: number,
  pitchRatio: number,
): Float32Array {
  const warped = warpSpectralEnvelope(unit.samples, sampleRate, unit, { alpha })
  return modifyPitchTime({ samples: warped, marks: unit.marks, voiced: unit.voiced }, sampleRate, {
    pitchRatio,
  })
}

function crossfadeConcat(a: Float32Array, b: Float32Array, fade: number): Float32Array {
  const f = Math.max(1, Math.min(fade, a.length, b.length))
  const out = new Float32Array(a.length + b.length - f)
  out.set(a.subarray(0, a.length - f))
  for (let i = 0; i < f; i++) {
    const w = 0.5 - 0.5 * Math.cos((Math.PI * (i + 0.5)) / f)
    out[a.length - f + i] = a[a.length - f + i] * (1 - w) + b[i] * w
  }
  out.set(b.subarray(f), a.length)
  return out
}

/** Consonant onset of `onset` (everything before its voicing) + the voiced rhyme of `rhyme`. */
export function splice(
  onset: AnalysedAudio | undefined,
  rhyme: AnalysedAudio,
  sampleRate: number,
): Float32Array {
  const fade = Math.round(0.006 * sampleRate)
  const tail = rhyme.samples.subarray(Math.max(0, rhyme.voicedStart - fade))
  if (!onset) return Float32Array.from(tail)
  const head = onset.samples.subarray(0, Math.min(onset.samples.length, onset.voicedStart + fade))
  return crossfadeConcat(head, tail, fade)
}

/** The start of `head` (its onset and the first third of its nucleus) cross-faded into the voiced part of `tail`. */
export function blend(head: AnalysedAudio, tail: AnalysedAudio, sampleRate: number): Float32Array {
  const fade = Math.round(0.04 * sampleRate)
  const cut = Math.round(head.voicedStart + 0.35 * (head.voicedEnd - head.voicedStart)) + fade
  const a = head.samples.subarray(0, Math.min(head.samples.length, cut))
  const b = tail.samples.subarray(Math.max(0, tail.voicedStart + Math.round(0.02 * sampleRate)))
  return crossfadeConcat(a, b, fade)
}
