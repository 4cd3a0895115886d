/** Long-term spectra for tests (Hann-windowed 4096-point frames, power averaged). */
import { RealFFT } from '../../../src/dsp/fft.js'
import { pearson } from '../../../src/dsp/signal.js'

const N = 4096

export function longTermSpectrum(x: Float32Array, _sampleRate: number): Float64Array {
  const fft = new RealFFT(N)
  const acc = new Float64Array(N / 2 + 1)
  const re = new Float64Array(N / 2 + 1)
  const im = new Float64Array(N / 2 + 1)
  const frame = new Float64Array(N)
  for (let s = 0; s + N <= x.length; s += N / 4) {
    for (let i = 0; i < N; i++) frame[i] = x[s + i] * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / N))
    fft.forward(frame, re, im)
    for (let k = 0; k <= N / 2; k++) acc[k] += re[k] * re[k] + im[k] * im[k]
  }
  return acc
}

/** Pearson correlation of two log power spectra over 200-4000 Hz. */
export function envelopeCorrelation(a: Float64Array, b: Float64Array, sampleRate: number): number {
  const lo = Math.round((200 * N) / sampleRate)
  const hi = Math.round((4000 * N) / sampleRate)
  const xs: number[] = []
  const ys: number[] = []
  for (let k = lo; k < hi; k++) {
    xs.push(Math.log(a[k] + 1e-12))
    ys.push(Math.log(b[k] + 1e-12))
  }
  return pearson(xs, ys)
}
