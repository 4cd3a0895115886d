/**
 * F0 contour for test assertions: dsp/world's estimateF0 (YIN candidates, Viterbi path,
 * StoneMask refinement) with the option names the tests use. Frame k is at k * hopSeconds.
 */
import { estimateF0 } from '../../src/dsp/world/f0.js'

export interface F0TrackOptions {
  /** Lowest and highest F0 searched, Hz. */
  minHz: number
  maxHz: number
  /** Frame step in seconds (default 0.005). */
  hopSeconds?: number
}

export interface F0Track {
  readonly hopSeconds: number
  /** F0 per frame in Hz; 0 where unvoiced. */
  readonly f0: Float64Array
}

export function trackPitch(samples: Float32Array, sampleRate: number, options: F0TrackOptions): F0Track {
  const hopSeconds = options.hopSeconds ?? 0.005
  const f0 = estimateF0(samples, sampleRate, {
    floor: options.minHz,
    ceil: options.maxHz,
    framePeriod: hopSeconds,
  })
  return { hopSeconds, f0 }
}
