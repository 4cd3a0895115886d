/** Test signals: a Rosenberg glottal-pulse train through three formant resonators ("a"-like vowel). */

export interface VowelOptions {
  sampleRate: number
  seconds: number
  /** F0 in Hz, constant or as a function of time in seconds. */
  f0: number | ((t: number) => number)
  formants?: readonly number[]
}

/** Two-pole resonator (Klatt 1980, "Software for a cascade/parallel formant synthesizer"). */
function resonate(x: Float32Array, sampleRate: number, freq: number, bandwidth: number): Float32Array {
  const c = -Math.exp((-2 * Math.PI * bandwidth) / sampleRate)
  const b = 2 * Math.exp((-Math.PI * bandwidth) / sampleRate) * Math.cos((2 * Math.PI * freq) / sampleRate)
  const a = 1 - b - c
  const y = new Float32Array(x.length)
  let y1 = 0
  let y2 = 0
  for (let i = 0; i < x.length; i++) {
    const v = a * x[i] + b * y1 + c * y2
    y[i] = v
    y2 = y1
    y1 = v
  }
  return y
}

export function syntheticVowel(o: VowelOptions): Float32Array {
  const n = Math.round(o.seconds * o.sampleRate)
  const source = new Float32Array(n)
  const f0 = typeof o.f0 === 'number' ? () => o.f0 as number : o.f0
  let phase = 0
  for (let i = 0; i < n; i++) {
    // Rosenberg (1971) pulse: opening 40 %, closing 16 % of the period; derivative excites the tract.
    const p = phase
    const open = 0.4
    const close = 0.16
    let g = 0
    if (p < open) g = 0.5 * (1 - Math.cos((Math.PI * p) / open))
    else if (p < open + close) g = Math.cos((Math.PI * (p - open)) / (2 * close))
    source[i] = g
    phase += f0(i / o.sampleRate) / o.sampleRate
    if (phase >= 1) phase -= 1
  }
  for (let i = n - 1; i > 0; i--) source[i] -= source[i - 1]
  let y: Float32Array = source
  for (const [k, f] of (o.formants ?? [700, 1220, 2600]).entries())
    y = resonate(y, o.sampleRate, f, 60 + 30 * k)
  let peak = 0
  for (const v of y) peak = Math.max(peak, Math.abs(v))
  for (let i = 0; i < n; i++) y[i] *= 0.5 / peak
  return y
}

/**
 * Independent F0 estimate: the lag of the largest normalised autocorrelation peak over the
 * middle of the signal (no YIN, no pitch marks), refined by parabolic interpolation.
 */
export function autocorrelationF0(x: Float32Array, sampleRate: number, minHz = 50, maxHz = 600): number {
  const start = Math.floor(x.length * 0.25)
  const len = Math.floor(x.length * 0.5)
  const minLag = Math.floor(sampleRate / maxHz)
  const maxLag = Math.ceil(sampleRate / minHz)
  const r = new Float64Array(maxLag + 2)
  for (let lag = 0; lag <= maxLag + 1; lag++) {
    let s = 0
    for (let i = start; i < start + len - maxLag - 1; i++) s += x[i] * x[i + lag]
    r[lag] = s
  }
  let best = minLag
  for (let lag = minLag; lag <= maxLag; lag++) if (r[lag] > r[best]) best = lag
  // Prefer the shortest lag whose peak is within 10 % of the best (avoids sub-octave picks).
  for (let lag = minLag + 1; lag < best; lag++) {
    if (r[lag] > 0.9 * r[best] && r[lag] >= r[lag - 1] && r[lag] >= r[lag + 1]) {
      best = lag
      break
    }
  }
  const a = r[best - 1]
  const b = r[best]
  const c = r[best + 1]
  const d = a - 2 * b + c
  const shift = d < 0 ? (0.5 * (a - c)) / d : 0
  return sampleRate / (best + shift)
}
