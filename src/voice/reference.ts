/**
 * Reference-clip ingestion for voice cloning: size check → decode (wav, flac, mp3, ogg) →
 * clipping check → Silero VAD → at most 15 s of speech (IndexTTS2 keeps 15 s too), with
 * warnings for background noise or music. Callers key the result by the sha256 of the
 * uploaded BYTES (voice/profile-cache.ts hashes them once), so the same clip under another
 * file name is the same reference (IndexTTS2 bug #382 cached by file name and served stale
 * speakers).
 */
import { decodeAudio } from '../audio/decode.js'
import { peak } from '../audio/utils.js'
import { detectSpeech, type SpeechSegment } from '../audio/vad.js'
import { MynahError, throwIfAborted } from '../core/errors.js'
import type { Audio } from '../core/types.js'
import { fftOf, nextPow2 } from '../dsp/fft.js'

/** Longest stretch of speech kept from a reference (seconds). */
export const MAX_REFERENCE_SPEECH_SECONDS = 15
/** Shortest usable speech (seconds); less is E_AUDIO_TOO_SHORT. */
export const MIN_REFERENCE_SPEECH_SECONDS = 1
/** Share of clipped samples (of the non-silent ones) from which a clip is refused. */
export const MAX_CLIPPED_FRACTION = 0.01
/** Pauses up to this long stay inside the kept speech; longer ones are cut to it. */
const MAX_KEPT_PAUSE_SECONDS = 0.25
/** Crossfade at cuts (seconds). */
const CROSSFADE_SECONDS = 0.005

export interface IngestOptions {
  /** Largest accepted upload in bytes (config maxUploadBytes). */
  readonly maxBytes: number
  readonly signal?: AbortSignal
}

export interface IngestedReference {
  /** Speech only, at the decoded sample rate, at most MAX_REFERENCE_SPEECH_SECONDS of speech. */
  readonly audio: Audio
  /** Seconds of speech kept (VAD segments, pauses not counted). */
  readonly speechSeconds: number
  /** Non-fatal findings, each "W_CODE: message" (noise, music, trimmed, short). */
  readonly warnings: string[]
}

/**
 * Share of the non-silent samples that sit on clipping plateaus: runs of three or more
 * samples of one sign within 1.5 % of the clip's peak (hard clipping flattens waveform
 * peaks into such runs; natural speech peaks are single samples).
 */
export function clippedFraction(samples: Float32Array): number {
  const top = peak(samples)
  if (top === 0) return 0
  const level = 0.985 * top
  let clipped = 0
  let nonSilent = 0
  let run = 0
  let sign = 0
  for (let i = 0; i <= samples.length; i++) {
    const v = i < samples.length ? samples[i] : 0
    if (Math.abs(v) > 0.01 * top) nonSilent++
    const s = v >= level ? 1 : v <= -level ? -1 : 0
    if (s !== 0 && s === sign) run++
    else {
      if (run >= 3) clipped += run
      run = s === 0 ? 0 : 1
      sign = s
    }
  }
  return nonSilent > 0 ? clipped / nonSilent : 0
}

/** Spectral flatness (geometric / arithmetic mean of power, 100 Hz–5 kHz) of one window. */
function flatness(samples: Float32Array, start: number, length: number, sampleRate: number): number {
  const size = nextPow2(length)
  const fft = fftOf(size)
  const segment = new Float64Array(size)
  for (let i = 0; i < length; i++)
    segment[i] = (samples[start + i] ?? 0) * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (length - 1)))
  const re = new Float64Array(fft.bins)
  const im = new Float64Array(fft.bins)
  fft.forward(segment, re, im)
  let logSum = 0
  let sum = 0
  let count = 0
  for (let k = Math.ceil((100 * size) / sampleRate); k <= Math.floor((5000 * size) / sampleRate); k++) {
    const p = re[k] * re[k] + im[k] * im[k] + 1e-20
    logSum += Math.log(p)
    sum += p
    count++
  }
  return count > 0 ? Math.exp(logSum / count) / (sum / count) : 1
}

/**
 * Background estimate from VAD probabilities: speech-to-background ratio (dB) and whether
 * loud non-speech stretches are tonal (music: low spectral flatness) rather than noise.
 */
export function analyseBackground(
  audio: Audio,
  probabilities: Float32Array,
  windowSeconds: number,
): { snrDb: number; music: boolean } {
  const length = Math.round(windowSeconds * audio.sampleRate)
  const powers = Array.from(probabilities, (_, w) => {
    let acc = 0
    for (let i = w * length; i < Math.min(audio.samples.length, (w + 1) * length); i++)
      acc += audio.samples[i] ** 2
    return acc / length
  })
  const speech = powers.filter((_, w) => probabilities[w] >= 0.5)
  const background = powers.filter((_, w) => probabilities[w] < 0.2).sort((a, b) => a - b)
  const speechPower = speech.reduce((a, b) => a + b, 0) / Math.max(1, speech.length)
  // Background level: median of the non-speech windows, or the quietest speech windows
  // (gaps between words) when the clip has almost no pauses.
  const noise =
    background.length >= 5
      ? background[Math.floor(background.length / 2)]
      : [...powers].sort((a, b) => a - b)[Math.floor(0.05 * (powers.length - 1))]
  const snrDb = Math.min(120, 10 * Math.log10(speechPower / Math.max(noise, 1e-12)))
  let tonal = 0
  for (let w = 0; w < powers.length; w++) {
    if (probabilities[w] >= 0.3 || powers[w] < speechPower / 100) continue
    if (flatness(audio.samples, w * length, length, audio.sampleRate) < 0.05) tonal++
  }
  return { snrDb, music: tonal >= Math.max(8, 0.1 * powers.length) }
}

/** Chooses the segments to keep (up to the speech limit) and the pauses between them. */
function planKept(segments: readonly SpeechSegment[]): {
  pieces: SpeechSegment[]
  speech: number
  cut: boolean
} {
  const pieces: SpeechSegment[] = []
  let speech = 0
  let cut = false
  for (const segment of segments) {
    const room = MAX_REFERENCE_SPEECH_SECONDS - speech
    if (room <= 0.05) {
      cut = true
      break
    }
    const length = segment.end - segment.start
    const end = length > room ? segment.start + room : segment.end
    if (length > room) cut = true
    const previous = pieces[pieces.length - 1]
    // Keep short pauses with the speech (they carry rhythm); longer ones shrink.
    if (previous && segment.start - previous.end <= MAX_KEPT_PAUSE_SECONDS)
      pieces[pieces.length - 1] = { start: previous.start, end }
    else pieces.push({ start: segment.start, end })
    speech += end - segment.start
  }
  return { pieces, speech, cut }
}

/** Concatenates pieces of `audio` with short pauses and crossfades between them. */
function assemble(audio: Audio, pieces: readonly SpeechSegment[]): Audio {
  const rate = audio.sampleRate
  const fade = Math.round(CROSSFADE_SECONDS * rate)
  const pause = Math.round((MAX_KEPT_PAUSE_SECONDS / 2) * rate)
  const ranges = pieces.map((p) => [
    Math.floor(p.start * rate),
    Math.min(audio.samples.length, Math.ceil(p.end * rate)),
  ])
  const total = ranges.reduce((acc, [a, b]) => acc + (b - a), 0) + pause * Math.max(0, ranges.length - 1)
  const out = new Float32Array(total)
  let at = 0
  ranges.forEach(([a, b], index) => {
    if (index > 0) at += pause
    const length = b - a
    for (let i = 0; i < length; i++) {
      const fadeIn = index > 0 && i < fade ? i / fade : 1
      const fadeOut = index < ranges.length - 1 && length - i <= fade ? (length - i) / fade : 1
      out[at + i] = audio.samples[a + i] * Math.min(fadeIn, fadeOut)
    }
    at += length
  })
  return { samples: out, sampleRate: rate }
}

export async function ingestReference(bytes: Uint8Array, options: IngestOptions): Promise<IngestedReference> {
  if (bytes.length > options.maxBytes)
    throw new MynahError('E_PAYLOAD_TOO_LARGE', { bytes: bytes.length, limit: options.maxBytes })
  throwIfAborted(options.signal)
  const decoded = await decodeAudio(bytes, { signal: options.signal })
  const clipped = clippedFraction(decoded.samples)
  if (clipped > MAX_CLIPPED_FRACTION)
    throw new MynahError('E_AUDIO_CLIPPED', { percent: (100 * clipped).toFixed(1) })

  const vad = await detectSpeech(decoded, {
    signal: options.signal,
    maxSpeechSeconds: MAX_REFERENCE_SPEECH_SECONDS,
  })
  if (vad.segments.length === 0) throw new MynahError('E_AUDIO_NO_SPEECH')
  const { pieces, speech, cut } = planKept(vad.segments)
  if (speech < MIN_REFERENCE_SPEECH_SECONDS)
    throw new MynahError('E_AUDIO_TOO_SHORT', {
      seconds: speech.toFixed(2),
      minimum: MIN_REFERENCE_SPEECH_SECONDS,
    })

  const warnings: string[] = []
  const background = analyseBackground(decoded, vad.probabilities, vad.windowSeconds)
  if (background.music)
    warnings.push(
      'W_AUDIO_MUSIC: the clip seems to contain music or other tonal sound besides speech; the cloned voice may pick it up.',
    )
  if (background.snrDb < 15)
    warnings.push(
      `W_AUDIO_NOISY: background noise is high (speech about ${Math.round(background.snrDb)} dB above it); a cleaner clip clones better.`,
    )
  if (cut)
    warnings.push(`W_AUDIO_TRIMMED: only the first ${MAX_REFERENCE_SPEECH_SECONDS} s of speech are used.`)
  if (speech < 3)
    warnings.push(
      `W_AUDIO_SHORT: ${speech.toFixed(1)} s of speech; 5–15 s give a more reliable voice profile.`,
    )

  return { audio: assemble(decoded, pieces), speechSeconds: speech, warnings }
}
