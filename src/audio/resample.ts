/**
 * Band-limited sample-rate conversion with libsamplerate (Erik de Castro Lopo's Secret
 * Rabbit Code, windowed-sinc) compiled to WASM by @alexanderolsen/libsamplerate-js.
 *
 * The library only offers an async `create()`, and every converter it creates owns a
 * separate WASM instance (~26 MB of reserved, lazily committed memory). So one-shot
 * conversions share one converter per quality, re-initialised for each call (JS is single
 * threaded and the call is synchronous, so nothing can interleave), and only streaming
 * resamplers, which keep filter state between calls, get their own.
 */

import libsamplerate from '@alexanderolsen/libsamplerate-js'
import { concatFloat32 } from '../core/arrays.js'
import { MynahError } from '../core/errors.js'
import type { Audio } from '../core/types.js'

type SRC = Awaited<ReturnType<typeof libsamplerate.create>>

/**
 * 'medium' (default): SRC_SINC_MEDIUM_QUALITY, 90 % of the band kept, ~97 dB rejection.
 * 'best': SRC_SINC_BEST_QUALITY, 97 % of the band, ~145 dB, about 3x slower.
 * 'fast': SRC_SINC_FASTEST, 80 % of the band, ~97 dB, about 2x faster than medium.
 * (Figures from libsamplerate's documentation, "Converters".)
 */
export type ResampleQuality = 'best' | 'medium' | 'fast'

type ConverterTypeValue = (typeof libsamplerate.ConverterType)[keyof typeof libsamplerate.ConverterType]
const CONVERTER: Record<ResampleQuality, ConverterTypeValue> = {
  best: libsamplerate.ConverterType.SRC_SINC_BEST_QUALITY,
  medium: libsamplerate.ConverterType.SRC_SINC_MEDIUM_QUALITY,
  fast: libsamplerate.ConverterType.SRC_SINC_FASTEST,
}

/** libsamplerate-js copies through fixed 1 008 000-float transfer buffers; stay well below. */
const CHUNK = 500_000

/** Input chunk whose output also fits the transfer buffer. */
function chunkFor(from: number, to: number): number {
  return Math.max(1024, Math.floor((CHUNK * from) / Math.max(from, to)))
}
/** libsamplerate-js accepts rates up to 192 kHz; the converter ratio must stay within 1/256..256. */
const MAX_RATE = 192_000

export interface ResampleOptions {
  quality?: ResampleQuality
}

const shared = new Map<ResampleQuality, SRC>()
const sharedPending = new Map<ResampleQuality, Promise<SRC>>()

function checkRates(from: number, to: number): void {
  for (const rate of [from, to])
    if (!Number.isInteger(rate) || rate < 1 || rate > MAX_RATE)
      throw new MynahError('E_INVALID_ARGUMENT', {
        detail: `sample rate ${rate} is not an integer in 1..${MAX_RATE}`,
      })
  if (to / from > 256 || from / to > 256)
    throw new MynahError('E_INVALID_ARGUMENT', {
      detail: `resampling ${from} -> ${to} Hz exceeds a ratio of 256`,
    })
}

/** Load the converter for `quality` once; after this resolves, resampleSync works. */
export async function initResampler(quality: ResampleQuality = 'medium'): Promise<void> {
  if (shared.has(quality)) return
  let pending = sharedPending.get(quality)
  if (!pending) {
    pending = libsamplerate.create(1, 48000, 24000, { converterType: CONVERTER[quality] })
    sharedPending.set(quality, pending)
  }
  const src = await pending
  shared.set(quality, src)
}

/** Point a converter at a new rate pair; this also clears its filter history. */
function configure(src: SRC, from: number, to: number): void {
  // The setters re-initialise the C state; `ratio` is only set by the constructor, so keep it in step.
  src.inputSampleRate = from
  src.outputSampleRate = to
  src.ratio = to / from
}

/** Length of a conversion of `n` samples, as libsamplerate's simple API produces it. */
function outputLength(n: number, from: number, to: number): number {
  return Math.round((n * to) / from)
}

/**
 * Convert through the full (streaming) API in chunks, then feed silence until the filter
 * has released the tail, and cut to the exact expected length. (The library's `simple()`
 * is not used: after one call to it, later `full()` calls on the same converter return
 * garbage and then silence — seen with libsamplerate-js 2.1.2.)
 */
function convert(src: SRC, input: Float32Array, expected: number): Float32Array {
  const out = new Float32Array(expected)
  let written = 0
  const take = (chunk: Float32Array) => {
    const y = src.full(chunk)
    const n = Math.min(y.length, expected - written)
    out.set(y.subarray(0, n), written)
    written += n
  }
  const step = chunkFor(src.inputSampleRate, src.outputSampleRate)
  for (let i = 0; i < input.length && written < expected; i += step) take(input.subarray(i, i + step))
  const zeros = new Float32Array(4096)
  for (let guard = 0; written < expected && guard < 1000; guard++) take(zeros)
  return out
}

/**
 * Synchronous band-limited resampling. Needs `await initResampler(quality)` first
 * (resample() does it for you); throws E_INTERNAL otherwise. Identity when rates match.
 */
export function resampleSync(audio: Audio, targetRate: number, options: ResampleOptions = {}): Audio {
  if (audio.sampleRate === targetRate) return audio
  checkRates(audio.sampleRate, targetRate)
  const quality = options.quality ?? 'medium'
  const src = shared.get(quality)
  if (!src) throw new MynahError('E_INTERNAL', { detail: `resampleSync before initResampler('${quality}')` })
  const expected = outputLength(audio.samples.length, audio.sampleRate, targetRate)
  configure(src, audio.sampleRate, targetRate)
  const samples = convert(src, audio.samples, expected)
  return { samples, sampleRate: targetRate }
}

/** Band-limited resampling (libsamplerate). Identity when rates match. */
export async function resample(
  audio: Audio,
  targetRate: number,
  options: ResampleOptions = {},
): Promise<Audio> {
  if (audio.sampleRate === targetRate) return audio
  checkRates(audio.sampleRate, targetRate)
  await initResampler(options.quality ?? 'medium')
  return resampleSync(audio, targetRate, options)
}

/** A resampler that keeps filter state between chunks, for streaming. */
export interface StreamResampler {
  readonly fromRate: number
  readonly toRate: number
  /** Converted samples available so far (the filter holds back a few ms until later input or end()). */
  process(samples: Float32Array): Float32Array
  /** Flush: returns the rest, so that the total output is round(totalInput * toRate / fromRate). Frees the converter. */
  end(): Float32Array
  /** Release the converter without flushing (idempotent). */
  free(): void
}

export async function createResampler(
  fromRate: number,
  toRate: number,
  options: ResampleOptions = {},
): Promise<StreamResampler> {
  checkRates(fromRate, toRate)
  if (fromRate === toRate) {
    return {
      fromRate,
      toRate,
      process: (samples) => samples.slice(),
      end: () => new Float32Array(0),
      free: () => {},
    }
  }
  const src: SRC = await libsamplerate.create(1, fromRate, toRate, {
    converterType: CONVERTER[options.quality ?? 'medium'],
  })
  let inputTotal = 0
  let outputTotal = 0
  let freed = false
  const free = () => {
    if (!freed) src.destroy()
    freed = true
  }
  const run = (chunk: Float32Array): Float32Array => {
    if (freed) throw new MynahError('E_INTERNAL', { detail: 'resampler used after end()' })
    const parts: Float32Array[] = []
    const step = chunkFor(fromRate, toRate)
    for (let i = 0; i < chunk.length; i += step) parts.push(src.full(chunk.subarray(i, i + step)))
    return concatFloat32(parts)
  }
  return {
    fromRate,
    toRate,
    process(samples) {
      inputTotal += samples.length
      const y = run(samples)
      outputTotal += y.length
      return y
    },
    end() {
      const expected = outputLength(inputTotal, fromRate, toRate)
      const parts: Float32Array[] = []
      const zeros = new Float32Array(1024)
      for (let guard = 0; outputTotal < expected && guard < 1000; guard++) {
        const y = run(zeros)
        const n = Math.min(y.length, expected - outputTotal)
        parts.push(y.subarray(0, n))
        outputTotal += n
      }
      free()
      return concatFloat32(parts)
    },
    free,
  }
}
