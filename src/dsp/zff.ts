/**
 * Glottal closure instants by zero-frequency filtering (Murty & Yegnanarayana 2008, "Epoch
 * extraction from speech signals", IEEE TASLP 16(8)): the differenced signal goes through a
 * cascade of two ideal resonators at 0 Hz (four cumulative sums), the growing trend is
 * removed by subtracting a local mean over about 1.5 mean pitch periods (three times), and
 * epochs are the zero crossings of what is left, of the sign that marks closure. Unlike
 * waveform-peak picking it marks every glottal pulse even when pulses alternate in
 * amplitude (diplophonic or creaky phonation, frequent in citation-form tones 3 and 4).
 */

export interface ZffEpochs {
  /** Epoch positions in samples, increasing. */
  readonly positions: Int32Array
  /** Slope of the filtered signal at each epoch (strength of excitation). */
  readonly strength: Float32Array
}

function removeTrend(y: Float64Array, half: number): Float64Array {
  const n = y.length
  const prefix = new Float64Array(n + 1)
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i] + y[i]
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const a = Math.max(0, i - half)
    const b = Math.min(n, i + half + 1)
    out[i] = y[i] - (prefix[b] - prefix[a]) / (b - a)
  }
  return out
}

/** The zero-frequency-filtered signal (trend removed), for inspection and for epochs. */
export function zeroFrequencyFilter(
  samples: Float32Array,
  sampleRate: number,
  meanPeriodSeconds: number,
): Float64Array {
  const n = samples.length
  let y: Float64Array = new Float64Array(n)
  // Differencing removes DC; each cumulative-sum pair is one 0 Hz resonator (double pole at z = 1).
  for (let i = 0; i < n; i++) y[i] = samples[i] - (i > 0 ? samples[i - 1] : 0)
  // Subtract the mean before each integration stage so float precision holds for ~1 s units.
  for (let pass = 0; pass < 4; pass++) {
    let acc = 0
    for (let i = 0; i < n; i++) {
      acc += y[i]
      y[i] = acc
    }
    if (pass % 2 === 1) y = removeTrend(y, Math.round(0.75 * meanPeriodSeconds * sampleRate) * 2)
  }
  const half = Math.max(1, Math.round(0.75 * meanPeriodSeconds * sampleRate))
  for (let pass = 0; pass < 3; pass++) y = removeTrend(y, half)
  return y
}

/**
 * Epochs: zero crossings of the filtered signal `y` in the closure direction, with their slope.
 * Polarity +1: closures are negative-to-positive crossings (the paper's convention), -1: the opposite.
 */
export function closures(y: Float64Array, polarity: 1 | -1): ZffEpochs {
  const positions: number[] = []
  const strength: number[] = []
  for (let i = 1; i < y.length; i++) {
    if (polarity * y[i - 1] < 0 && polarity * y[i] >= 0) {
      positions.push(i)
      strength.push(Math.abs(y[i] - y[i - 1]))
    }
  }
  return { positions: Int32Array.from(positions), strength: Float32Array.from(strength) }
}
