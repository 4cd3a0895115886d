/**
 * English text -> audio with one flite voice. Rate and pitch go to flite where flite honours
 * them (duration_stretch; int_f0_target_mean for every voice but rms, whose pitch is moved
 * afterwards by TD-PSOLA on its own pitch marks); loudness, pauses between runs and
 * resampling are the engine's job (engines/builtin/mix.ts).
 */

import { trimSilence } from '../../../audio/index.js'
import { throwIfAborted } from '../../../core/errors.js'
import type { Audio } from '../../../core/types.js'
import { detectPitchMarks } from '../../../dsp/epochs.js'
import { modifyPitchTime } from '../../../dsp/psola.js'
import { FLITE_SAMPLE_RATE, runFlite } from './flite.js'
import { type EnglishVoice, englishVoice } from './voices.js'

export interface EnglishProsody {
  /** Speaking-rate factor, 1 = the voice's own rate, 2 = twice as fast. */
  readonly rate: number
  /** F0 factor relative to the voice's own pitch, 1 = unchanged. */
  readonly pitch: number
}

export const NEUTRAL_EN_PROSODY: EnglishProsody = { rate: 1, pitch: 1 }

const QUOTES: Readonly<Record<string, string>> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u2013': ', ',
  '\u2014': ', ',
  '\u2026': '...',
}

/**
 * Flite's front end reads ASCII: accents are folded (café -> cafe), typographic quotes and
 * dashes become their ASCII forms, anything else non-ASCII becomes a space.
 */
export function textForFlite(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201c\u201d\u2013\u2014\u2026]/g, (c) => QUOTES[c] ?? ' ')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

function hasWords(text: string): boolean {
  return /[A-Za-z0-9]/.test(text)
}

/**
 * Render English text. Returns the voice's speech with its leading and trailing silence
 * trimmed (pauses are added by the caller), at flite's 16 kHz; empty audio when the text
 * holds nothing flite can say.
 */
export async function renderEnglish(
  voice: EnglishVoice | string,
  text: string,
  prosody: EnglishProsody = NEUTRAL_EN_PROSODY,
  signal?: AbortSignal,
): Promise<Audio> {
  const spec = typeof voice === 'string' ? englishVoice(voice) : voice
  throwIfAborted(signal)
  const clean = textForFlite(text)
  if (!hasWords(clean)) return { samples: new Float32Array(0), sampleRate: FLITE_SAMPLE_RATE }
  const byFlite = spec.fliteF0MeanHz !== undefined
  const audio = await runFlite({
    voice: spec.flite,
    text: clean,
    durationStretch: prosody.rate === 1 ? undefined : 1 / prosody.rate,
    f0MeanHz: prosody.pitch !== 1 && byFlite ? (spec.fliteF0MeanHz ?? 0) * prosody.pitch : undefined,
  })
  throwIfAborted(signal)
  // -50 dB below the loudest 10 ms frame keeps weak final fricatives ("bonds") and plosive releases.
  const trimmed = trimSilence(audio, { thresholdDb: -50, padMs: 20 }).audio
  return prosody.pitch === 1 || byFlite ? trimmed : repitch(trimmed, prosody.pitch)
}

/** Scale F0 by `ratio` keeping duration (TD-PSOLA), for voices flite cannot re-pitch. */
function repitch(audio: Audio, ratio: number): Audio {
  if (audio.samples.length === 0) return audio
  // ZFF trend window about the shortest usual period of a low male voice (~165 Hz).
  const marks = detectPitchMarks(audio.samples, audio.sampleRate, { zffPeriodSeconds: 0.006 })
  const samples = modifyPitchTime({ samples: audio.samples, ...marks }, audio.sampleRate, {
    pitchRatio: ratio,
  })
  return { samples, sampleRate: audio.sampleRate }
}
