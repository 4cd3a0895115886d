/**
 * Converts speech of a built-in voice towards a target speaker: WORLD-style analysis
 * (dsp/world), the mappings of mapping.ts, synthesis, and a final gain that keeps the
 * input's level (the envelope equaliser is level-free, and the engine normalises loudness
 * after this anyway).
 */
import { peak, rms } from '../../../audio/utils.js'
import { throwIfAborted } from '../../../core/errors.js'
import type { Audio, VoiceProfile } from '../../../core/types.js'
import { analyze } from '../../../dsp/world/analysis.js'
import type { WorldParams } from '../../../dsp/world/common.js'
import { synthesize } from '../../../dsp/world/synthesis.js'
import {
  aperiodicityOffsetDb,
  createEqualiser,
  DEFAULT_LIMITS,
  f0SpreadRatio,
  logCentre,
  type MappingLimits,
  mapF0,
  rateFactor,
  timeScale,
  warpEnvelope,
  warpRatio,
} from './mapping.js'

export interface ConvertOptions {
  readonly signal?: AbortSignal
  readonly limits?: MappingLimits
  /** Apply the speaking-rate mapping (default true; the engine's own speed still applies on top). */
  readonly rate?: boolean
  /**
   * Register shift (semitones) the source speech was rendered with on purpose, e.g. an
   * emotion's F0 level; kept in the output instead of being normalised away (mapF0).
   */
  readonly f0ShiftSemitones?: number
}

/** Describes what a conversion did (for logs, tests and docs). */
export interface ConversionPlan {
  readonly f0Scale: number
  readonly f0Spread: number
  readonly warp: number
  readonly aperiodicityDb: number
  readonly rate: number
}

export function conversionPlan(
  source: VoiceProfile,
  target: VoiceProfile,
  limits: MappingLimits = DEFAULT_LIMITS,
  withRate = true,
): ConversionPlan {
  return {
    f0Scale: Math.exp(logCentre(target) - logCentre(source)),
    f0Spread: f0SpreadRatio(source, target, limits),
    warp: warpRatio(source, target, limits),
    aperiodicityDb: aperiodicityOffsetDb(source, target, limits),
    rate: withRate ? rateFactor(source, target, limits) : 1,
  }
}

/** Applies the mappings to analysed frames of the source voice. */
export function convertParams(
  params: WorldParams,
  source: VoiceProfile,
  target: VoiceProfile,
  limits: MappingLimits = DEFAULT_LIMITS,
  withRate = true,
  f0ShiftSemitones = 0,
): WorldParams {
  const plan = conversionPlan(source, target, limits, withRate)
  const equaliser = createEqualiser(source, target, plan.warp, params.sampleRate, params.fftSize, limits)
  const envelope = params.envelope.map((e, i) => {
    const warped = warpEnvelope(e, plan.warp, params.sampleRate)
    const gain = equaliser.gainFor(warped, params.f0[i] > 0)
    for (let k = 0; k < warped.length; k++) warped[k] *= 10 ** (gain[k] / 10)
    return warped
  })
  const bandAperiodicity = params.bandAperiodicity.map((bands, i) =>
    params.f0[i] > 0 ? bands.map((db) => Math.min(0, db + plan.aperiodicityDb)) : bands,
  )
  const mapped: WorldParams = {
    ...params,
    f0: mapF0(params.f0, params.framePeriod, source, target, limits, f0ShiftSemitones),
    envelope,
    bandAperiodicity,
  }
  return timeScale(mapped, plan.rate)
}

/**
 * Converts `audio` (speech of the voice `source` describes) towards `target`; same sample
 * rate out, duration changed by the rate mapping only.
 */
export async function convertToProfile(
  audio: Audio,
  source: VoiceProfile,
  target: VoiceProfile,
  options: ConvertOptions = {},
): Promise<Audio> {
  throwIfAborted(options.signal)
  if (audio.samples.length < audio.sampleRate * 0.02) return audio
  const limits = options.limits ?? DEFAULT_LIMITS
  // Search F0 only around the source voice's range: faster and fewer octave errors.
  const params = analyze(audio, {
    signal: options.signal,
    floor: Math.max(50, source.f0.minHz * 0.6),
    ceil: Math.min(900, source.f0.maxHz * 1.8),
  })
  throwIfAborted(options.signal)
  const converted = convertParams(
    params,
    source,
    target,
    limits,
    options.rate !== false,
    options.f0ShiftSemitones ?? 0,
  )
  const samples = synthesize(converted, { signal: options.signal })
  // Keep the input's level (per-sample RMS), then make sure nothing clips.
  const before = rms(audio.samples)
  const after = rms(samples)
  let gain = after > 0 ? before / after : 1
  const top = peak(samples)
  if (top * gain > 0.99) gain = 0.99 / top
  for (let i = 0; i < samples.length; i++) samples[i] *= gain
  return { samples, sampleRate: audio.sampleRate }
}
