/**
 * Formant frequencies from a smooth power envelope by linear prediction: the band
 * 0..maxHz of the envelope is treated as the spectrum of a signal sampled at 2·maxHz, its
 * autocorrelation (inverse cosine transform of the power) is fitted by an all-pole model
 * (Levinson–Durbin; Makhoul, "Linear prediction: a tutorial review", Proc. IEEE 1975),
 * and the peaks of the all-pole spectrum are the formants. Used to estimate vocal-tract
 * length (uniform tube, F_n = (2n−1)·c / 4L).
 */

/** Speed of sound in warm moist air, cm/s. */
export const SPEED_OF_SOUND = 35000

export interface FormantOptions {
  /** Upper edge of the analysed band (default 5000 Hz: four formants of most adults). */
  readonly maxHz?: number
  /** All-pole order (default 10: five resonances). */
  readonly order?: number
}

/** Predictor coefficients a_1..a_p (A(z) = 1 + Σ a_i z^-i) from autocorrelation r_0..r_p. */
export function levinson(r: Float64Array, order: number): Float64Array {
  const a = new Float64Array(order + 1)
  const previous = new Float64Array(order + 1)
  a[0] = 1
  let error = r[0]
  if (error <= 0) return a
  for (let i = 1; i <= order; i++) {
    let acc = r[i]
    for (let j = 1; j < i; j++) acc += a[j] * r[i - j]
    const k = -acc / error
    previous.set(a)
    for (let j = 1; j < i; j++) a[j] = previous[j] + k * previous[i - j]
    a[i] = k
    error *= 1 - k * k
    if (error <= 0) break
  }
  return a
}

/** Formant frequencies (Hz, ascending, above 150 Hz) of one power envelope of fftSize/2+1 bins. */
export function formantsOfEnvelope(
  power: Float64Array,
  sampleRate: number,
  options: FormantOptions = {},
): number[] {
  const maxHz = Math.min(options.maxHz ?? 5000, sampleRate / 2)
  const order = options.order ?? 10
  const df = sampleRate / ((power.length - 1) * 2)
  const top = Math.floor(maxHz / df)
  const r = new Float64Array(order + 1)
  for (let m = 0; m <= order; m++) {
    let acc = 0
    for (let k = 0; k <= top; k++) {
      const weight = k === 0 || k === top ? 0.5 : 1
      acc += weight * power[k] * Math.cos((Math.PI * k * m) / top)
    }
    r[m] = acc
  }
  // Slight lag window against ill-conditioning (60 Hz Gaussian at the band's rate).
  for (let m = 1; m <= order; m++) r[m] *= Math.exp(-0.5 * ((2 * Math.PI * 60 * m) / (2 * maxHz)) ** 2)
  r[0] *= 1.0001
  const a = levinson(r, order)
  const points = 512
  const response = new Float64Array(points + 1)
  for (let i = 0; i <= points; i++) {
    const w = (Math.PI * i) / points
    let re = 0
    let im = 0
    for (let j = 0; j <= order; j++) {
      re += a[j] * Math.cos(w * j)
      im -= a[j] * Math.sin(w * j)
    }
    response[i] = -Math.log(re * re + im * im + 1e-30)
  }
  const formants: number[] = []
  for (let i = 1; i < points; i++) {
    if (response[i] <= response[i - 1] || response[i] < response[i + 1]) continue
    const left = response[i - 1]
    const right = response[i + 1]
    const denom = left - 2 * response[i] + right
    const shift = denom < 0 ? (0.5 * (left - right)) / denom : 0
    const hz = ((i + shift) / points) * maxHz
    if (hz > 150) formants.push(hz)
  }
  return formants
}

/** Vocal-tract length (cm) of a uniform tube with formants F1..Fn (least squares through the origin). */
export function tractLengthFromFormants(formants: readonly number[]): number {
  // F_n = (2n−1)·c/(4L)  ⇒  1/L = Σ F_n (2n−1) / (c/4 · Σ (2n−1)²)
  let num = 0
  let den = 0
  formants.forEach((f, i) => {
    const odd = 2 * i + 1
    num += f * odd
    den += odd * odd
  })
  return num > 0 ? ((SPEED_OF_SOUND / 4) * den) / num : Number.NaN
}
