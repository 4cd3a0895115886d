/**
 * Syllable durations and pauses. Mandarin read speech runs at about 4.5-5 syllables per
 * second; durations grow at the end of prosodic words and much more at the end of phrases
 * (phrase-final lengthening), the neutral tone is short (about 60 % of a full tone), tone 3
 * is the longest tone and tone 4 the shortest (Xu 1997, "Contextual tonal variations in
 * Mandarin", J. Phonetics 25; Lin & Wang 1984 on neutral-tone duration; Wightman et al.
 * 1992 on final lengthening). A syllable's recorded length adds its intrinsic part
 * (diphthongs, fricative onsets are longer). The consonant onset is compressed far less
 * than the nucleus, so stretching and squeezing mostly act on the vowel.
 */
import type { BreakLevel } from '../../../core/types.js'

export interface TimingOptions {
  /** Mean syllable duration at rate 1, seconds. */
  baseSeconds: number
  /** Exponent on (recorded length / speaker median length) for the intrinsic part. */
  intrinsicExponent: number
  toneFactor: Readonly<Record<1 | 2 | 3 | 4 | 5, number>>
  /** Factor on a syllable inside a word (not its last). */
  wordInternal: number
  /** Factor on the last syllable of a prosodic word. */
  wordFinal: number
  /** Factor on the last syllable before a minor or major break. */
  phraseFinal: number
  /** Factor on the last syllable of a sentence or paragraph. */
  sentenceFinal: number
  /** Silent closure before a stop or affricate onset inside a phrase, seconds. */
  closureSeconds: number
  /** Pause after each break level, seconds. */
  pauses: Readonly<Record<BreakLevel, number>>
  minSeconds: number
  maxSeconds: number
}

export const defaultTimingOptions: Readonly<TimingOptions> = {
  baseSeconds: 0.2,
  intrinsicExponent: 0.6,
  toneFactor: { 1: 1, 2: 1.04, 3: 1.1, 4: 0.94, 5: 0.62 },
  wordInternal: 0.92,
  wordFinal: 1.05,
  phraseFinal: 1.3,
  sentenceFinal: 1.45,
  closureSeconds: 0.03,
  pauses: { none: 0, word: 0, minor: 0.2, major: 0.32, sentence: 0.45, paragraph: 0.7 },
  minSeconds: 0.08,
  maxSeconds: 0.65,
}

export type SyllablePosition = 'word-internal' | 'word-final' | 'phrase-final' | 'sentence-final'

export function positionOf(wordEnd: boolean, breakAfter: BreakLevel | undefined): SyllablePosition {
  if (breakAfter === 'sentence' || breakAfter === 'paragraph') return 'sentence-final'
  if (breakAfter === 'minor' || breakAfter === 'major') return 'phrase-final'
  return wordEnd ? 'word-final' : 'word-internal'
}

/** Target duration of one syllable, seconds, before dividing by the speaking rate. */
export function syllableSeconds(
  recordedSeconds: number,
  speakerMedianSeconds: number,
  tone: 1 | 2 | 3 | 4 | 5,
  position: SyllablePosition,
  o: TimingOptions = defaultTimingOptions,
): number {
  const intrinsic = (recordedSeconds / Math.max(0.05, speakerMedianSeconds)) ** o.intrinsicExponent
  const place =
    position === 'sentence-final'
      ? o.sentenceFinal
      : position === 'phrase-final'
        ? o.phraseFinal
        : position === 'word-final'
          ? o.wordFinal
          : o.wordInternal
  const seconds = o.baseSeconds * intrinsic * o.toneFactor[tone] * place
  return Math.min(o.maxSeconds, Math.max(o.minSeconds, seconds))
}

/** Onsets that begin with a stop closure (plosives and affricates). */
export function hasStopOnset(base: string): boolean {
  return /^(b|p|d|t|g|k|j|q|zh|ch|z|c)/.test(base)
}

/** Onsets that are voiced continuants (joins into them cross-fade longer). */
export function hasSonorantOnset(base: string): boolean {
  return /^(m|n|l|r|y|w|a|e|o|ê)/.test(base) || base === 'er'
}
