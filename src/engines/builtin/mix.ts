/**
 * Joining the pieces of one segment: every piece (a run of one language rendered by its
 * voice) is resampled to the engine rate, levelled to one loudness so Mandarin and English
 * sound equally loud, and joined with pauses by break level and short equal-power crossfades
 * (no clicks at joins: speech fades into the pause, or into the next piece).
 */
import {
  applyGain,
  concatWithCrossfade,
  limitPeaks,
  measureLoudness,
  resample,
  silence,
} from '../../audio/index.js'
import { type Audio, BREAK_LEVELS, type BreakLevel } from '../../core/types.js'
import { defaultTimingOptions } from './zh/timing.js'

/** Native output rate of the built-in engine (the runtime resamples to the request's rate). */
export const ENGINE_SAMPLE_RATE = 24_000

/** Every piece is levelled to this integrated loudness (the audio room's default target). */
export const TARGET_LUFS = -20

/** Overlap at every join, in ms: long enough to hide a waveform step, short against phonemes. */
export const CROSSFADE_MS = 8

/**
 * Pause after a run by its break level, in ms at speed 1: the Mandarin renderer's own values
 * (zh/timing.ts, in the range of measured read-speech pauses: ~200 ms at commas, 400-600 ms
 * between sentences; Zellner 1994, "Pauses and the temporal structure of speech"), so a
 * comma pauses alike inside a Mandarin phrase and at a switch to English.
 */
export const PAUSE_MS: Readonly<Record<BreakLevel, number>> = Object.freeze(
  Object.fromEntries(
    BREAK_LEVELS.map((level) => [level, Math.round(1000 * defaultTimingOptions.pauses[level])]),
  ) as Record<BreakLevel, number>,
)

/** The least gap where the language switches (a break of `none` or `word` still gets this), ms. */
export const LANGUAGE_SWITCH_MIN_MS = 30

/**
 * Scale a piece to TARGET_LUFS + gainDb, then keep sample peaks under -1 dBFS with a
 * look-ahead limiter. Turning the whole piece down to meet the ceiling would cancel an
 * emotion's deliberate level change (the voices already peak near -2 dBFS at -20 LUFS);
 * limiting only the peaks keeps the loudness difference. A piece shorter than one 400 ms
 * gating block (a single word) is measured as one block over all of it (audio/loudness.ts).
 */
export function levelPiece(audio: Audio, gainDb = 0): Audio {
  const loudness = measureLoudness(audio)
  if (!Number.isFinite(loudness)) return audio
  const scaled = applyGain(audio.samples, TARGET_LUFS + gainDb - loudness)
  return limitPeaks({ samples: scaled, sampleRate: audio.sampleRate }, { ceilingDb: -1 })
}

export interface Piece {
  readonly audio: Audio
  /** Silence after the piece, in ms (already scaled for speed). */
  readonly pauseAfterMs: number
}

/** Resample, level and join pieces into one clip at `sampleRate`; pauses become digital silence. */
export async function joinPieces(
  pieces: readonly Piece[],
  sampleRate = ENGINE_SAMPLE_RATE,
  gainDb = 0,
): Promise<Audio> {
  const parts: Audio[] = []
  for (const piece of pieces) {
    if (piece.audio.samples.length > 0)
      parts.push(levelPiece(await resample(piece.audio, sampleRate), gainDb))
    // The crossfades eat CROSSFADE_MS of a pause on each side; add that back so pauses keep their length.
    if (piece.pauseAfterMs > 0)
      parts.push(silence((piece.pauseAfterMs + 2 * CROSSFADE_MS) / 1000, sampleRate))
  }
  if (parts.length === 0) return { samples: new Float32Array(0), sampleRate }
  return concatWithCrossfade(parts, CROSSFADE_MS)
}

/** Append `ms` of silence (the interval between segments). */
export function withTrailingSilence(audio: Audio, ms: number): Audio {
  const n = Math.max(0, Math.round((ms / 1000) * audio.sampleRate))
  if (n === 0) return audio
  const samples = new Float32Array(audio.samples.length + n)
  samples.set(audio.samples)
  return { samples, sampleRate: audio.sampleRate }
}
