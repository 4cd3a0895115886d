/**
 * Voice-activity detection: Silero VAD probabilities (vad-silero.ts) turned into speech
 * segments with hysteresis (speech starts above `threshold`, ends after `minSilenceMs`
 * below `threshold − 0.15`), short blips dropped and segments padded — the segmentation
 * rules of Silero's get_speech_timestamps, written for mynah.
 */
import { throwIfAborted } from '../core/errors.js'
import type { Audio } from '../core/types.js'
import { resample } from './resample.js'
import { SILERO_SAMPLE_RATE, SILERO_WINDOW, sileroProbabilities } from './vad-silero.js'

export interface SpeechSegment {
  /** Seconds from the start of the audio. */
  readonly start: number
  readonly end: number
}

export interface VadOptions {
  /** Probability above which speech starts (default 0.5). */
  readonly threshold?: number
  /** Silence shorter than this does not end a segment (default 100 ms). */
  readonly minSilenceMs?: number
  /** Segments shorter than this are dropped (default 250 ms). */
  readonly minSpeechMs?: number
  /** Padding added on both sides of each segment (default 30 ms). */
  readonly speechPadMs?: number
  /** Stop scanning once this much speech has been found (default: scan everything). */
  readonly maxSpeechSeconds?: number
  readonly signal?: AbortSignal
}

export interface VadResult {
  readonly segments: readonly SpeechSegment[]
  /** Speech probability per window (`windowSeconds` each) over the scanned part. */
  readonly probabilities: Float32Array
  readonly windowSeconds: number
  /** Seconds of audio scanned (less than the input when maxSpeechSeconds stopped early). */
  readonly scannedSeconds: number
}

const WINDOW_SECONDS = SILERO_WINDOW / SILERO_SAMPLE_RATE

/** Speech segments from per-window probabilities (pure; exported for tests). */
export function segmentsFromProbabilities(
  probabilities: ArrayLike<number>,
  windowSeconds: number,
  totalSeconds: number,
  options: VadOptions = {},
): SpeechSegment[] {
  const threshold = options.threshold ?? 0.5
  const negative = Math.max(0.01, threshold - 0.15)
  const minSilence = (options.minSilenceMs ?? 100) / 1000
  const minSpeech = (options.minSpeechMs ?? 250) / 1000
  const pad = (options.speechPadMs ?? 30) / 1000
  const raw: { start: number; end: number }[] = []
  let start = -1
  let silentSince = -1
  for (let w = 0; w < probabilities.length; w++) {
    const p = probabilities[w]
    const t = w * windowSeconds
    if (start < 0) {
      if (p >= threshold) {
        start = t
        silentSince = -1
      }
      continue
    }
    if (p >= threshold) silentSince = -1
    else if (p < negative) {
      if (silentSince < 0) silentSince = t
      if (t + windowSeconds - silentSince >= minSilence) {
        raw.push({ start, end: silentSince })
        start = -1
        silentSince = -1
      }
    }
  }
  if (start >= 0) raw.push({ start, end: Math.min(totalSeconds, probabilities.length * windowSeconds) })
  const kept = raw.filter((s) => s.end - s.start >= minSpeech)
  // Pad, without overlapping the neighbours (split the gap when it is shorter than 2 pads).
  return kept.map((s, i) => {
    const before = i > 0 ? (s.start - kept[i - 1].end) / 2 : pad
    const after = i + 1 < kept.length ? (kept[i + 1].start - s.end) / 2 : pad
    return {
      start: Math.max(0, s.start - Math.min(pad, before)),
      end: Math.min(totalSeconds, s.end + Math.min(pad, after)),
    }
  })
}

/** Finds the speech in `audio` (any rate; analysed at 16 kHz). */
export async function detectSpeech(audio: Audio, options: VadOptions = {}): Promise<VadResult> {
  throwIfAborted(options.signal)
  const input = await resample(audio, SILERO_SAMPLE_RATE)
  const threshold = options.threshold ?? 0.5
  const limit = options.maxSpeechSeconds
  let speechWindows = 0
  const probabilities = await sileroProbabilities(input.samples, {
    signal: options.signal,
    // Early stop: enough speech windows, and the current one is no longer speech.
    shouldStop:
      limit === undefined
        ? undefined
        : (_, p) => {
            if (p >= threshold) speechWindows++
            return speechWindows * WINDOW_SECONDS >= limit + 0.5 && p < threshold
          },
  })
  const scannedSeconds = Math.min(
    audio.samples.length / audio.sampleRate,
    probabilities.length * WINDOW_SECONDS,
  )
  return {
    segments: segmentsFromProbabilities(probabilities, WINDOW_SECONDS, scannedSeconds, options),
    probabilities,
    windowSeconds: WINDOW_SECONDS,
    scannedSeconds,
  }
}
