/**
 * Small sample-level helpers the engines and the voice builder share. All are pure: they
 * return new arrays and never modify their input.
 */
import { MynahError } from '../core/errors.js'
import type { Audio } from '../core/types.js'

/** Linear amplitude to dB (20·log10); 0 → -Infinity. */
export function toDb(amplitude: number): number {
  return 20 * Math.log10(amplitude)
}

/** dB to linear amplitude. */
export function fromDb(db: number): number {
  return 10 ** (db / 20)
}

/** Largest absolute sample value. */
export function peak(samples: Float32Array): number {
  let max = 0
  for (let i = 0; i < samples.length; i++) {
    const a = Math.abs(samples[i])
    if (a > max) max = a
  }
  return max
}

/** Root mean square (0 for empty input). */
export function rms(samples: Float32Array): number {
  if (samples.length === 0) return 0
  let sum = 0
  for (let i = 0; i < samples.length; i++) sum += samples[i] * samples[i]
  return Math.sqrt(sum / samples.length)
}

/** Mean sample value, the DC offset (0 for empty input). */
export function mean(samples: Float32Array): number {
  let sum = 0
  for (let i = 0; i < samples.length; i++) sum += samples[i]
  return samples.length > 0 ? sum / samples.length : 0
}

/** Subtract the mean (the DC offset); exact and phase-free, fit for short clips. */
export function removeDc(samples: Float32Array): Float32Array {
  const dc = mean(samples)
  const out = new Float32Array(samples.length)
  for (let i = 0; i < samples.length; i++) out[i] = samples[i] - dc
  return out
}

/** Multiply by a gain in dB. */
export function applyGain(samples: Float32Array, db: number): Float32Array {
  const g = fromDb(db)
  const out = new Float32Array(samples.length)
  for (let i = 0; i < samples.length; i++) out[i] = samples[i] * g
  return out
}

/** Average channels into one (length of the shortest channel). */
export function mixToMono(channels: readonly Float32Array[]): Float32Array {
  if (channels.length === 0) return new Float32Array(0)
  if (channels.length === 1) return channels[0].slice()
  let length = channels[0].length
  for (const c of channels) length = Math.min(length, c.length)
  const out = new Float32Array(length)
  const scale = 1 / channels.length
  for (const c of channels) for (let i = 0; i < length; i++) out[i] += c[i] * scale
  return out
}

/** `seconds` of digital silence. */
export function silence(seconds: number, sampleRate: number): Audio {
  const n = Math.max(0, Math.round(seconds * sampleRate))
  return { samples: new Float32Array(n), sampleRate }
}

export interface TrimOptions {
  /** Frames quieter than this are silence (default -40 dB). */
  thresholdDb?: number
  /** 'peak' (default): threshold is relative to the loudest frame; 'fullScale': dBFS. */
  relativeTo?: 'peak' | 'fullScale'
  /** Silence kept on each side of the speech, in ms (default 10). */
  padMs?: number
  /** Analysis frame length in ms (default 10). */
  frameMs?: number
}

export interface TrimResult {
  readonly audio: Audio
  /** First kept sample in the input. */
  readonly start: number
  /** One past the last kept sample in the input (start === end when all is silence). */
  readonly end: number
}

/** Cut leading and trailing silence, judged by frame RMS, keeping `padMs` around the sound. */
export function trimSilence(audio: Audio, options: TrimOptions = {}): TrimResult {
  const { thresholdDb = -40, relativeTo = 'peak', padMs = 10, frameMs = 10 } = options
  const { samples, sampleRate } = audio
  const frame = Math.max(1, Math.round((frameMs / 1000) * sampleRate))
  const frames = Math.ceil(samples.length / frame)
  const levels = new Float64Array(frames)
  let loudest = 0
  for (let f = 0; f < frames; f++) {
    levels[f] = rms(samples.subarray(f * frame, (f + 1) * frame))
    loudest = Math.max(loudest, levels[f])
  }
  const threshold = fromDb(thresholdDb) * (relativeTo === 'peak' ? loudest : 1)
  let first = 0
  while (first < frames && (levels[first] <= threshold || levels[first] === 0)) first++
  if (first === frames) return { audio: { samples: new Float32Array(0), sampleRate }, start: 0, end: 0 }
  let last = frames - 1
  while (last > first && (levels[last] <= threshold || levels[last] === 0)) last--
  const pad = Math.round((padMs / 1000) * sampleRate)
  const start = Math.max(0, first * frame - pad)
  const end = Math.min(samples.length, (last + 1) * frame + pad)
  return { audio: { samples: samples.slice(start, end), sampleRate }, start, end }
}

export interface FadeOptions {
  inMs?: number
  outMs?: number
  /** 'sine' (default, quarter sine: smooth start) or 'linear'. */
  shape?: 'sine' | 'linear'
}

/** Fade in and/or out; fades longer than the clip are shortened to fit it. */
export function applyFade(audio: Audio, options: FadeOptions): Audio {
  const { inMs = 0, outMs = 0, shape = 'sine' } = options
  const samples = audio.samples.slice()
  const n = samples.length
  const curve = (t: number) => (shape === 'linear' ? t : Math.sin((t * Math.PI) / 2))
  const fadeIn = Math.min(n, Math.round((inMs / 1000) * audio.sampleRate))
  const fadeOut = Math.min(n, Math.round((outMs / 1000) * audio.sampleRate))
  for (let i = 0; i < fadeIn; i++) samples[i] *= curve(i / fadeIn)
  for (let i = 0; i < fadeOut; i++) samples[n - 1 - i] *= curve(i / fadeOut)
  return { samples, sampleRate: audio.sampleRate }
}

/**
 * Join clips, overlapping each pair by `crossfadeMs` with an equal-power (sin/cos) fade,
 * which keeps the summed power constant for uncorrelated material. The overlap shrinks to
 * the shorter neighbour when a clip is shorter than the fade. All clips must share a rate.
 */
export function concatWithCrossfade(parts: readonly Audio[], crossfadeMs: number): Audio {
  if (parts.length === 0) return { samples: new Float32Array(0), sampleRate: 0 }
  const sampleRate = parts[0].sampleRate
  for (const p of parts)
    if (p.sampleRate !== sampleRate)
      throw new MynahError('E_INVALID_ARGUMENT', {
        detail: `cannot join clips at ${sampleRate} and ${p.sampleRate} Hz; resample first`,
      })
  const wanted = Math.max(0, Math.round((crossfadeMs / 1000) * sampleRate))
  const overlaps: number[] = []
  let total = parts[0].samples.length
  for (let k = 1; k < parts.length; k++) {
    const overlap = Math.min(wanted, parts[k - 1].samples.length, parts[k].samples.length)
    overlaps.push(overlap)
    total += parts[k].samples.length - overlap
  }
  const out = new Float32Array(total)
  out.set(parts[0].samples)
  let end = parts[0].samples.length
  for (let k = 1; k < parts.length; k++) {
    const next = parts[k].samples
    const overlap = overlaps[k - 1]
    const start = end - overlap
    for (let i = 0; i < overlap; i++) {
      const theta = ((i + 0.5) / overlap) * (Math.PI / 2)
      out[start + i] = out[start + i] * Math.cos(theta) + next[i] * Math.sin(theta)
    }
    out.set(next.subarray(overlap), end)
    end = start + next.length
  }
  return { samples: out, sampleRate }
}
