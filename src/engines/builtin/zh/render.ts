/**
 * renderMandarin: syllables → audio. Per phrase (the stretch between breaks of level minor
 * or stronger): look up each syllable's unit, give it a duration (timing.ts) and a place on
 * a timeline where neighbours overlap by a short cross-fade, build the F0 contour with the
 * target-approximation model (contour.ts), and render the whole phrase in one TD-PSOLA pass
 * (dsp/psola.ts) whose synthesis marks run continuously across syllable boundaries, so joins
 * are pitch-synchronous and the grains of both units are mixed inside each cross-fade.
 * Phrases are then joined with pauses by break level, and the voice-quality controls
 * (tilt, breathiness, gain) are applied (voice-quality.ts).
 */
import { concatFloat32 } from '../../../core/arrays.js'
import { MynahError, throwIfAborted } from '../../../core/errors.js'
import { type Audio, type BreakLevel, type Syllable, strongerBreak } from '../../../core/types.js'
import { type GrainSelection, TdPsola } from '../../../dsp/psola.js'
import { type ProsodyControls, resolveProsody, scaledPause } from '../prosody.js'
import { type ContourSyllable, FINAL_TONE3, qtaContour, TONE_TARGETS, type ToneTarget } from './contour.js'
import type { ZhUnit, ZhVoice } from './pack.js'
import type { ParsedSyllable } from './syllable.js'
import {
  defaultTimingOptions,
  hasSonorantOnset,
  hasStopOnset,
  positionOf,
  type SyllablePosition,
  syllableSeconds,
} from './timing.js'
import { applyVoiceQuality } from './voice-quality.js'

export interface MandarinRun {
  readonly syllables: readonly Syllable[]
  readonly breakAfter: BreakLevel
}

const PHRASE_BREAKS: ReadonlySet<BreakLevel> = new Set(['minor', 'major', 'sentence', 'paragraph'])
const SENTENCE_BREAKS: ReadonlySet<BreakLevel> = new Set(['sentence', 'paragraph'])

/** Declination of the register over a phrase, semitones per second, and its floor. */
const DECLINATION_PER_SECOND = -1.6
const DECLINATION_FLOOR = -4
/** Share of the accumulated declination kept when a phrase starts inside a sentence. */
const PARTIAL_RESET = 0.5
const FINAL_LOWERING = 1.5
/** Cross-fade between neighbours: longer into voiced continuants, short into obstruents. */
const SONORANT_OVERLAP = 0.025
const OBSTRUENT_OVERLAP = 0.01
/** Fade at phrase edges, seconds. */
const EDGE_FADE = 0.004
/** Step of MandarinLayout.targetHz, samples (5 ms at 24 kHz). */
const LAYOUT_HOP = 120
/** T1 target (+4 st re mid) sits at the speaker's measured tone-1 F0. */
const TONE1_ABOVE_MID = 4
/** Span of the model's tone space (T1 +4 … T3 −6 st); scaled to each speaker's measured span, clamped. */
const MODEL_SPAN = 10
const SPEAKER_SPAN: readonly [number, number] = [8, 12]

/** Factor mapping model semitones to this speaker: measured tone-1 F0 over tone-3 low, as a span. */
function speakerScale(voice: ZhVoice): number {
  const { highHz, lowHz } = voice.index.speaker
  const span = 12 * Math.log2(highHz / lowHz)
  return Math.min(SPEAKER_SPAN[1], Math.max(SPEAKER_SPAN[0], span)) / MODEL_SPAN
}

interface PlannedSyllable {
  readonly parsed: ParsedSyllable
  readonly position: SyllablePosition
  readonly sentenceFinal: boolean
}

interface Layer {
  readonly unit: ZhUnit
  readonly start: number
  readonly end: number
  readonly fadeIn: number
  readonly fadeOut: number
  readonly gain: number
  /** Output sample → unit position. */
  readonly map: (t: number) => number
}

function plan(
  voice: ZhVoice,
  runs: readonly MandarinRun[],
): { phrases: PlannedSyllable[][]; pauses: BreakLevel[] } {
  const phrases: PlannedSyllable[][] = []
  const pauses: BreakLevel[] = []
  let current: PlannedSyllable[] = []
  for (const run of runs) {
    run.syllables.forEach((s, i) => {
      const parsed = voice.parse(s.pinyin)
      if (!parsed)
        throw new MynahError('E_INVALID_ARGUMENT', {
          detail: `"${s.pinyin}" (${s.text}) is not a Mandarin syllable voice ${voice.name} can say`,
        })
      const last = i === run.syllables.length - 1
      const brk = last ? run.breakAfter : undefined
      current.push({
        parsed,
        position: positionOf(s.wordEnd, brk),
        sentenceFinal: !!brk && SENTENCE_BREAKS.has(brk),
      })
    })
    if (PHRASE_BREAKS.has(run.breakAfter) && current.length > 0) {
      phrases.push(current)
      pauses.push(run.breakAfter)
      current = []
    } else if (PHRASE_BREAKS.has(run.breakAfter) && pauses.length > 0) {
      // A break with no syllables before it strengthens the previous pause.
      pauses[pauses.length - 1] = strongerBreak(pauses[pauses.length - 1], run.breakAfter)
    }
  }
  if (current.length > 0) {
    phrases.push(current)
    pauses.push(runs.at(-1)?.breakAfter ?? 'none')
  }
  return { phrases, pauses }
}

function neutralTarget(previousTone: number | undefined): ToneTarget {
  // After tone 3 the neutral syllable is mid-high; after the others it falls to mid-low.
  return previousTone === 3 ? { start: 1, end: 0.5, strength: 14 } : TONE_TARGETS[5]
}

function fade(x: number): number {
  return x <= 0 ? 0 : x >= 1 ? 1 : 0.5 - 0.5 * Math.cos(Math.PI * x)
}

interface PhraseResult {
  readonly samples: Float32Array
  /** Start sample of every syllable after the first (where units join), phrase-relative. */
  readonly joins: number[]
  /** Target F0 (Hz) every LAYOUT_HOP samples, phrase-relative. */
  readonly targetHz: Float32Array
  /** Start and end sample of every syllable, phrase-relative. */
  readonly spans: [number, number][]
  /** Declination reached at the phrase end, semitones (for the partial reset). */
  readonly endDeclination: number
}

function renderPhrase(
  voice: ZhVoice,
  syllables: readonly PlannedSyllable[],
  c: ProsodyControls,
  startOffset: number,
  signal: AbortSignal | undefined,
): PhraseResult {
  const sr = voice.sampleRate
  const speaker = voice.index.speaker
  const scale = speakerScale(voice)
  const range = c.pitchRangeScale * scale
  const layers: Layer[] = []
  const contour: ContourSyllable[] = []
  let cursor = 0
  let previousTone: number | undefined
  for (let i = 0; i < syllables.length; i++) {
    throwIfAborted(signal)
    const { parsed, position, sentenceFinal } = syllables[i]
    const unit = voice.unit(parsed.base, parsed.tone)
    const recorded = unit.samples.length / sr
    let seconds = syllableSeconds(recorded, speaker.medianSeconds, parsed.tone, position) / c.rate
    if (parsed.erhua) seconds *= 1.1
    const closure = i > 0 && hasStopOnset(parsed.base) ? defaultTimingOptions.closureSeconds / c.rate : 0
    const overlap =
      i === 0 || closure > 0
        ? 0
        : Math.round((hasSonorantOnset(parsed.base) ? SONORANT_OVERLAP : OBSTRUENT_OVERLAP) * sr)
    const start = Math.max(0, Math.round(cursor + closure * sr) - overlap)
    const length = Math.max(Math.round(0.06 * sr), Math.round(seconds * sr))
    const end = start + length
    // Onset consonant: compressed at most to 75 %, never stretched beyond 105 %.
    const onsetIn = Math.min(unit.voicedStart, unit.samples.length - 1)
    const ratio = length / unit.samples.length
    let onsetOut = Math.round(onsetIn * Math.min(1.05, Math.max(0.75, ratio)))
    onsetOut = Math.min(onsetOut, Math.max(0, length - Math.round(0.05 * sr)))
    const nucleusIn = unit.samples.length - onsetIn
    const nucleusOut = Math.max(1, length - onsetOut)
    const map = (t: number) => {
      const local = t - start
      if (local < onsetOut) return onsetOut > 0 ? (local / onsetOut) * onsetIn : onsetIn
      return onsetIn + ((local - onsetOut) / nucleusOut) * nucleusIn
    }
    const gain = (parsed.tone === 5 ? 0.7 : 1) * (sentenceFinal ? 0.85 : 1)
    const erhuaSplit = parsed.erhua ? start + Math.round(length * 0.55) : end
    layers.push({
      unit,
      start,
      end,
      fadeIn: overlap,
      fadeOut: parsed.erhua ? end - erhuaSplit : 0,
      gain,
      map,
    })
    if (parsed.erhua) {
      // r-colouring: cross-fade the tail of the syllable into the speaker's er rhyme.
      const er = voice.unit('er', 2)
      const erIn = er.voicedStart
      const span = end - erhuaSplit
      layers.push({
        unit: er,
        start: erhuaSplit - Math.round(span * 0.5),
        end,
        fadeIn: Math.round(span * 0.8),
        fadeOut: 0,
        gain,
        map: (t) => erIn + ((t - (erhuaSplit - span * 0.5)) / (1.5 * span)) * (er.samples.length - erIn),
      })
    }
    const finalPosition = position === 'phrase-final' || position === 'sentence-final'
    const target =
      parsed.tone === 5
        ? neutralTarget(previousTone)
        : parsed.tone === 3 && finalPosition
          ? FINAL_TONE3
          : TONE_TARGETS[parsed.tone]
    contour.push({ start, end, target })
    previousTone = parsed.tone
    cursor = end
  }
  // Fade-outs where the next layer fades in (the overlap belongs to both).
  for (let i = 0; i + 1 < layers.length; i++) {
    const next = layers[i + 1]
    if (next.fadeIn > 0 && next.start < layers[i].end && layers[i].fadeOut === 0)
      layers[i] = { ...layers[i], fadeOut: layers[i].end - next.start }
  }
  const total = Math.max(...layers.map((l) => l.end)) + Math.round(0.01 * sr)
  const last = syllables[syllables.length - 1]
  const semitones = qtaContour(contour, total, {
    sampleRate: sr,
    declinationPerSecond: DECLINATION_PER_SECOND,
    declinationFloor: DECLINATION_FLOOR,
    rangeScale: range,
    finalRise: last.sentenceFinal ? c.finalRiseSemitones : 0,
    finalLowering: last.sentenceFinal && c.finalRiseSemitones <= 0 ? FINAL_LOWERING : 0,
    startOffset,
  })
  const mid = speaker.highHz * 2 ** ((-TONE1_ABOVE_MID * scale) / 12)
  const shift = 2 ** (c.pitchShiftSemitones / 12)
  const selections: GrainSelection[] = []
  let first = 0
  const score = {
    length: total,
    select(t: number) {
      selections.length = 0
      while (first < layers.length && layers[first].end <= t) first++
      for (let i = first; i < layers.length && layers[i].start <= t; i++) {
        const l = layers[i]
        if (t >= l.end) continue
        let w = l.gain
        if (l.fadeIn > 0) w *= fade((t - l.start) / l.fadeIn)
        if (l.fadeOut > 0) w *= fade((l.end - t) / l.fadeOut)
        if (w <= 0) continue
        selections.push({ source: l.unit, position: l.map(t), weight: w })
      }
      selections.sort((a, b) => b.weight - a.weight)
      return selections
    },
    f0(t: number) {
      const i = Math.min(semitones.length - 1, Math.max(0, Math.round(t)))
      return mid * shift * 2 ** (semitones[i] / 12)
    },
  }
  const samples = new TdPsola(sr).render(score)
  const edge = Math.min(samples.length >> 1, Math.round(EDGE_FADE * sr))
  for (let i = 0; i < edge; i++) {
    const g = fade(i / edge)
    samples[i] *= g
    samples[samples.length - 1 - i] *= g
  }
  const seconds = total / sr
  const endDeclination =
    c.pitchRangeScale * Math.max(DECLINATION_FLOOR, startOffset + DECLINATION_PER_SECOND * seconds)
  const targetHz = new Float32Array(Math.ceil(total / LAYOUT_HOP))
  for (let k = 0; k < targetHz.length; k++) targetHz[k] = score.f0(k * LAYOUT_HOP)
  return {
    samples,
    endDeclination,
    targetHz,
    joins: contour.slice(1).map((s) => s.start),
    spans: contour.map((s) => [s.start, s.end]),
  }
}

/**
 * Render Mandarin runs with a zh voice. Output: mono at the voice's pack rate (24 kHz), speech
 * only at both ends (no leading silence, and no pause after the last phrase: the last run's
 * break is the caller's to realise), phrases separated by pauses by break level (scaled by
 * pauseScale / rate). Unknown syllables are E_INVALID_ARGUMENT.
 */
export async function renderMandarin(
  voice: ZhVoice,
  runs: readonly MandarinRun[],
  controls: ProsodyControls,
  signal?: AbortSignal,
): Promise<Audio> {
  return (await renderMandarinWithLayout(voice, runs, controls, signal)).audio
}

/** Where each syllable ended up in a render (sample positions in the output). */
export interface MandarinLayout {
  /** [start, end) of every syllable, in input order. */
  readonly syllables: readonly (readonly [number, number])[]
  /** Positions where one syllable's audio starts inside a phrase (the cross-faded joins). */
  readonly joins: readonly number[]
  /** Target F0 in Hz every `targetHop` samples over the whole output (0 in pauses). */
  readonly targetHz: Float32Array
  readonly targetHop: number
}

/** renderMandarin plus the layout (for tests, alignment and visualisation). */
export async function renderMandarinWithLayout(
  voice: ZhVoice,
  runs: readonly MandarinRun[],
  controls: ProsodyControls,
  signal?: AbortSignal,
): Promise<{ audio: Audio; layout: MandarinLayout }> {
  const c = resolveProsody(controls)
  const spans: [number, number][] = []
  const joins: number[] = []
  const targets: { offset: number; hz: Float32Array }[] = []
  const sr = voice.sampleRate
  const { phrases, pauses } = plan(voice, runs)
  const parts: Float32Array[] = []
  let startOffset = 0
  for (let p = 0; p < phrases.length; p++) {
    throwIfAborted(signal)
    const phrase = renderPhrase(voice, phrases[p], c, startOffset, signal)
    let offset = 0
    for (const part of parts) offset += part.length
    for (const [a, b] of phrase.spans) spans.push([offset + a, offset + b])
    for (const j of phrase.joins) joins.push(offset + j)
    targets.push({ offset, hz: phrase.targetHz })
    parts.push(phrase.samples)
    // The pause after the last phrase is the caller's to place (the engine joins pieces with it).
    const pause = p + 1 < phrases.length ? scaledPause(defaultTimingOptions.pauses[pauses[p]], c) : 0
    if (pause > 0) parts.push(new Float32Array(Math.round(pause * sr)))
    startOffset = SENTENCE_BREAKS.has(pauses[p])
      ? 0
      : PARTIAL_RESET * (phrase.endDeclination / Math.max(c.pitchRangeScale, 1e-6))
    // Yield to the event loop between phrases so long texts do not block the process.
    await new Promise((resolve) => setImmediate(resolve))
  }
  const samples = concatFloat32(parts)
  applyVoiceQuality(samples, sr, c)
  const targetHz = new Float32Array(Math.ceil(samples.length / LAYOUT_HOP))
  for (const t of targets) {
    const k0 = Math.round(t.offset / LAYOUT_HOP)
    for (let k = 0; k < t.hz.length && k0 + k < targetHz.length; k++) targetHz[k0 + k] = t.hz[k]
  }
  return {
    audio: { samples, sampleRate: sr },
    layout: { syllables: spans, joins, targetHz, targetHop: LAYOUT_HOP },
  }
}
