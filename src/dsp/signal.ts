/** Small signal helpers shared by the analysis and synthesis code in dsp/. */

/** Symmetric Hann value for x in [-1, 1] (1 at the centre, 0 at the ends). */
export function hann(x: number): number {
  return x <= -1 || x >= 1 ? 0 : 0.5 + 0.5 * Math.cos(Math.PI * x)
}

/**
 * Windowed-sinc low-pass FIR (Blackman window), cutoff as a fraction of the sample rate.
 * Odd length, unity gain at DC.
 */
export function lowPassKernel(cutoff: number, taps: number): Float32Array {
  const n = taps | 1
  const half = (n - 1) / 2
  const kernel = new Float32Array(n)
  let sum = 0
  for (let i = 0; i < n; i++) {
    const k = i - half
    const sinc = k === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * k) / (Math.PI * k)
    const w =
      0.42 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1)) + 0.08 * Math.cos((4 * Math.PI * i) / (n - 1))
    kernel[i] = sinc * w
    sum += kernel[i]
  }
  for (let i = 0; i < n; i++) kernel[i] /= sum
  return kernel
}

/** Low-pass then keep every `factor`-th sample (analysis only: a plain FIR decimator). */
export function decimate(samples: Float32Array, factor: number): Float32Array {
  if (factor <= 1) return samples
  const kernel = lowPassKernel(0.45 / factor, 16 * factor + 1)
  const half = (kernel.length - 1) / 2
  const out = new Float32Array(Math.floor(samples.length / factor))
  for (let o = 0; o < out.length; o++) {
    const c = o * factor
    let acc = 0
    for (let k = 0; k < kernel.length; k++) {
      const i = c + k - half
      if (i >= 0 && i < samples.length) acc += kernel[k] * samples[i]
    }
    out[o] = acc
  }
  return out
}

/** Median of a numeric list (NaN for an empty one). */
export function median(values: ArrayLike<number>): number {
  if (values.length === 0) return Number.NaN
  const sorted = Array.from(values).sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid])
}

/**
 * Nearest-rank percentile of an ascending list: sorted[round(q·(n−1))], q in 0..1 (clamped).
 * This is the formula voice/profile.ts and emotion/audio/features.ts use, so they can switch to it
 * with identical results; it picks a sample rather than interpolating between two. NaN when empty.
 */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length
  if (n === 0) return Number.NaN
  return sorted[Math.min(n - 1, Math.max(0, Math.round(q * (n - 1))))]
}

/** Centred sums of products of two series (over their common length): the core of slope and correlation. */
function comoments(xs: ArrayLike<number>, ys: ArrayLike<number>): { sxy: number; sxx: number; syy: number } {
  const n = Math.min(xs.length, ys.length)
  let mx = 0
  let my = 0
  for (let i = 0; i < n; i++) {
    mx += xs[i]
    my += ys[i]
  }
  mx /= n
  my /= n
  let sxy = 0
  let sxx = 0
  let syy = 0
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my)
    sxx += (xs[i] - mx) ** 2
    syy += (ys[i] - my) ** 2
  }
  return { sxy, sxx, syy }
}

/** Least-squares slope of ys over xs (dy/dx); 0 for fewer than two points or constant xs. */
export function linearSlope(xs: ArrayLike<number>, ys: ArrayLike<number>): number {
  if (Math.min(xs.length, ys.length) < 2) return 0
  const { sxy, sxx } = comoments(xs, ys)
  return sxx > 0 ? sxy / sxx : 0
}

/** A per-frame track whose non-zero (positive) entries mark voiced frames. */
export interface FrameTrack {
  readonly length: number
  readonly [frame: number]: number
  fill(value: number, start?: number, end?: number): unknown
}

/** Zero every run of positive frames shorter than `minimum` frames (isolated voicing blips). */
export function dropShortRuns(track: FrameTrack, minimum: number): void {
  let start = -1
  for (let i = 0; i <= track.length; i++) {
    const on = i < track.length && track[i] > 0
    if (on && start < 0) start = i
    if (!on && start >= 0) {
      if (i - start < minimum) track.fill(0, start, i)
      start = -1
    }
  }
}

/** Pearson correlation coefficient of two equally long series (NaN when either is constant). */
export function pearson(xs: ArrayLike<number>, ys: ArrayLike<number>): number {
  const { sxy, sxx, syy } = comoments(xs, ys)
  return sxy / Math.sqrt(sxx * syy)
}
