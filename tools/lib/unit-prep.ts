/**
 * Cleaning one gcin-voice recording into a unit: decode, DC removal, rumble high-pass and
 * mains-hum notch (zero-phase), resample to the pack
 * rate, silence trim with short fades, loudness normalisation, and the defect checks that
 * exclude a recording (near-silent, clipped, no voiced nucleus, implausible length).
 */
import { readFileSync } from 'node:fs'
import { decodeAudio, fromDb, mean, peak, removeDc, resample, toDb } from '../../src/audio/index.js'
import { filtfilt, highPass, notch } from '../../src/dsp/biquad.js'

export interface PrepOptions {
  sampleRate: number
  /** Frames this far below the loudest frame count as silence when trimming, dB. */
  trimDb: number
  /** Absolute floor for "silence", dBFS. */
  floorDbfs: number
  /** Kept before the first / after the last sounding frame, seconds. */
  leadSeconds: number
  tailSeconds: number
  /** Raised-cosine fade at each end, seconds. */
  fadeSeconds: number
  /** Loudness target: mean power of frames within 20 dB of the loudest, dBFS. */
  levelDbfs: number
  /** Peak ceiling after normalisation. */
  peakCeiling: number
  /** Rumble high-pass corner, Hz (zero-phase, 2 × 2nd order). */
  highPassHz: number
  /** Mains hum notched out (zero-phase), Hz; the male recordings carry a strong 60 Hz hum. 0 = off. */
  humHz: number
}

export const defaultPrepOptions: Readonly<PrepOptions> = {
  sampleRate: 24000,
  trimDb: 45,
  floorDbfs: -62,
  leadSeconds: 0.012,
  tailSeconds: 0.03,
  fadeSeconds: 0.004,
  levelDbfs: -20,
  peakCeiling: 0.89,
  highPassHz: 50,
  humHz: 60,
}

export type Defect = 'near-silent' | 'clipped' | 'too-short' | 'too-long'

export interface PreparedUnit {
  readonly samples: Float32Array
  readonly sampleRate: number
  /** Removed DC offset of the source (before resampling). */
  readonly dcOffset: number
  /** Gain applied by normalisation, dB. */
  readonly gainDb: number
  /** Active level before normalisation, dBFS. */
  readonly levelDbfs: number
  /** Source peak and the share of samples at or above 0.98 full scale. */
  readonly sourcePeak: number
  readonly clippedShare: number
  readonly longestClipRun: number
  readonly defects: readonly Defect[]
}

const FRAME_SECONDS = 0.01

function framePowers(x: Float32Array, frame: number): Float64Array {
  const n = Math.ceil(x.length / frame)
  const p = new Float64Array(n)
  for (let k = 0; k < n; k++) {
    let s = 0
    const end = Math.min(x.length, (k + 1) * frame)
    for (let i = k * frame; i < end; i++) s += x[i] * x[i]
    p[k] = s / Math.max(1, end - k * frame)
  }
  return p
}

/** Mean power of frames within 20 dB of the loudest one, as dBFS (an "active level"). */
export function activeLevelDbfs(x: Float32Array, sampleRate: number): number {
  const p = framePowers(x, Math.round(FRAME_SECONDS * sampleRate))
  let max = 0
  for (const v of p) max = Math.max(max, v)
  let sum = 0
  let n = 0
  for (const v of p) {
    if (v >= max / 100) {
      sum += v
      n++
    }
  }
  return 10 * Math.log10(Math.max(1e-12, n ? sum / n : 0))
}

function clipping(x: Float32Array): { share: number; longestRun: number; peak: number } {
  let count = 0
  let run = 0
  let longest = 0
  let peak = 0
  for (const v of x) {
    const a = Math.abs(v)
    peak = Math.max(peak, a)
    if (a >= 0.98) {
      count++
      run++
      longest = Math.max(longest, run)
    } else run = 0
  }
  return { share: count / Math.max(1, x.length), longestRun: longest, peak }
}

function trim(x: Float32Array, sampleRate: number, o: PrepOptions): Float32Array {
  const frame = Math.round(FRAME_SECONDS * sampleRate)
  const p = framePowers(x, frame)
  let max = 0
  for (const v of p) max = Math.max(max, v)
  const threshold = Math.max(max * 10 ** (-o.trimDb / 10), 10 ** (o.floorDbfs / 10))
  let first = p.findIndex((v) => v >= threshold)
  if (first < 0) first = 0
  let last = p.length - 1
  while (last > first && p[last] < threshold) last--
  const start = Math.max(0, first * frame - Math.round(o.leadSeconds * sampleRate))
  const end = Math.min(x.length, (last + 1) * frame + Math.round(o.tailSeconds * sampleRate))
  const out = x.slice(start, end)
  const fade = Math.min(out.length >> 2, Math.round(o.fadeSeconds * sampleRate))
  for (let i = 0; i < fade; i++) {
    const g = 0.5 - 0.5 * Math.cos((Math.PI * (i + 0.5)) / fade)
    out[i] *= g
    out[out.length - 1 - i] *= g
  }
  return out
}

export async function prepareUnit(path: string, options: Partial<PrepOptions> = {}): Promise<PreparedUnit> {
  const o = { ...defaultPrepOptions, ...options }
  const decoded = await decodeAudio(readFileSync(path))
  const clip = clipping(decoded.samples)
  const dcOffset = mean(decoded.samples)
  const source = removeDc(decoded.samples)
  // Rumble and mains hum would otherwise read as periodic (voiced) energy under fricatives.
  filtfilt(source, highPass(decoded.sampleRate, o.highPassHz))
  if (o.humHz > 0) filtfilt(source, notch(decoded.sampleRate, o.humHz, 4))
  const resampled = await resample({ samples: source, sampleRate: decoded.sampleRate }, o.sampleRate, {
    quality: 'medium',
  })
  const trimmed = trim(resampled.samples, o.sampleRate, o)
  const level = activeLevelDbfs(trimmed, o.sampleRate)
  const top = peak(trimmed)
  let gainDb = o.levelDbfs - level
  if (top * fromDb(gainDb) > o.peakCeiling) gainDb = toDb(o.peakCeiling / Math.max(top, 1e-9))
  const g = fromDb(gainDb)
  for (let i = 0; i < trimmed.length; i++) trimmed[i] *= g
  const defects: Defect[] = []
  if (clip.peak < 0.03 || level < -45) defects.push('near-silent')
  if (clip.share > 0.001 || clip.longestRun >= 4) defects.push('clipped')
  const seconds = trimmed.length / o.sampleRate
  if (seconds < 0.08) defects.push('too-short')
  if (seconds > 1.6) defects.push('too-long')
  return {
    samples: trimmed,
    sampleRate: o.sampleRate,
    dcOffset,
    gainDb,
    levelDbfs: level,
    sourcePeak: clip.peak,
    clippedShare: clip.share,
    longestClipRun: clip.longestRun,
    defects,
  }
}
