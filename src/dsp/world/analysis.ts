/**
 * Full analysis of a signal into WORLD-style parameters: F0 (f0.ts), spectral envelope
 * (cheaptrick.ts) and band aperiodicity (d4c.ts) on one frame grid.
 */
import { throwIfAborted } from '../../core/errors.js'
import type { Audio } from '../../core/types.js'
import { createEnvelopeEstimator } from './cheaptrick.js'
import { envelopeFftSize, type WorldParams } from './common.js'
import { createAperiodicityEstimator } from './d4c.js'
import { DEFAULT_F0_OPTIONS, estimateF0, type F0Options } from './f0.js'

export interface AnalysisOptions extends F0Options {
  readonly signal?: AbortSignal
  /** Use this F0 contour instead of estimating one (frames at framePeriod). */
  readonly f0?: Float64Array
  /** Skip aperiodicity (every voiced band then reads -60 dB: fully periodic). */
  readonly aperiodicity?: boolean
}

export function analyze(audio: Audio, options: AnalysisOptions = {}): WorldParams {
  const { samples, sampleRate } = audio
  const framePeriod = options.framePeriod ?? DEFAULT_F0_OPTIONS.framePeriod
  throwIfAborted(options.signal)
  const f0 = options.f0 ?? estimateF0(samples, sampleRate, options)
  throwIfAborted(options.signal)
  const fftSize = envelopeFftSize(sampleRate)
  const envelopeOf = createEnvelopeEstimator(samples, sampleRate, fftSize)
  const aperiodicityOf = createAperiodicityEstimator(samples, sampleRate)
  const envelope: Float64Array[] = []
  const bandAperiodicity: Float64Array[] = []
  const withAperiodicity = options.aperiodicity !== false
  for (let i = 0; i < f0.length; i++) {
    if ((i & 63) === 0) throwIfAborted(options.signal)
    const time = i * framePeriod
    envelope.push(envelopeOf.at(time, f0[i]))
    bandAperiodicity.push(
      withAperiodicity || f0[i] === 0
        ? aperiodicityOf.at(time, f0[i])
        : new Float64Array(aperiodicityOf.centres.length).fill(-60),
    )
  }
  return {
    sampleRate,
    framePeriod,
    fftSize,
    f0,
    envelope,
    bandAperiodicity,
    bandFrequencies: aperiodicityOf.centres,
    length: samples.length,
  }
}
