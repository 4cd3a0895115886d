/**
 * Speaker profile of a (speech-only) reference clip: what the built-in engine needs to
 * convert its voice towards the speaker. All measures come from one WORLD-style analysis
 * at 16 kHz (dsp/world), so profiles of clips recorded at any rate compare:
 *
 * - F0: mean and spread of log F0 over voiced frames, median, 5th–95th percentile range;
 * - vocal-tract length from median formants F1–F4 (all-pole fit of the envelope, uniform
 *   tube F_n = (2n−1)c/4L), expressed as a warp factor against a 16 cm average adult;
 * - long-term average envelope (mean dB of voiced frames on a fixed log-frequency grid,
 *   each frame's level removed), its spread over frames (std, dB), and its tilt in
 *   dB/octave (least squares over 100 Hz–5 kHz);
 * - aperiodicity: mean band aperiodicity at 3 kHz of voiced frames (linear amplitude);
 * - speaking rate: syllable nuclei per second of speaking time (intensity peaks with a
 *   2 dB dip between them in voiced frames, after de Jong & Wempe, "Praat script to detect
 *   syllable nuclei", Behavior Research Methods 41(2), 2009).
 */
import { resample } from '../audio/resample.js'
import { MynahError, throwIfAborted } from '../core/errors.js'
import type { Audio, Lang, VoiceProfile } from '../core/types.js'
import { linearSlope, percentile } from '../dsp/signal.js'
import { analyze } from '../dsp/world/analysis.js'
import type { WorldParams } from '../dsp/world/common.js'
import { formantsOfEnvelope, tractLengthFromFormants } from '../dsp/world/formants.js'

/** Rate every profile is measured at. */
export const PROFILE_SAMPLE_RATE = 16_000
/** Bump when the measures change, so cached profiles are rebuilt. */
export const PROFILE_VERSION = 3
/** Vocal-tract length of the "average speaker" a warp factor of 1 stands for (cm). */
export const REFERENCE_TRACT_CM = 16
/** Frequencies (Hz) of VoiceProfile.envelope: 48 points, log-spaced 70 Hz – 7.8 kHz. */
export const PROFILE_GRID_HZ: readonly number[] = Array.from(
  { length: 48 },
  (_, i) => 70 * (7800 / 70) ** (i / 47),
)
/** Fewest voiced frames (5 ms) a profile can be built from (0.25 s of voicing). */
const MIN_VOICED_FRAMES = 50

export interface ProfileOptions {
  readonly signal?: AbortSignal
  /** Language of the clip when known (kept in the profile; used to decide rate mapping). */
  readonly lang?: Lang
}

/**
 * The middle sample by the nearest-rank rule (the upper of the two middles for an even
 * count), not dsp/signal's mean of the two: profiles keep the values they were built with.
 */
function middleValue(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  )
}

/** dB of a power envelope at frequency hz (linear interpolation between bins). */
export function envelopeDbAt(power: Float64Array, sampleRate: number, hz: number): number {
  const position = (hz / (sampleRate / 2)) * (power.length - 1)
  const k = Math.min(power.length - 2, Math.max(0, Math.floor(position)))
  const t = Math.min(1, position - k)
  return 10 * Math.log10(power[k] + (power[k + 1] - power[k]) * t + 1e-20)
}

/** Intensity (dB) of each frame in 300–3000 Hz, the band that carries syllable nuclei. */
function bandIntensity(params: WorldParams): Float64Array {
  const df = params.sampleRate / params.fftSize
  const lo = Math.ceil(300 / df)
  const hi = Math.floor(3000 / df)
  return Float64Array.from(params.envelope, (e) => {
    let acc = 0
    for (let k = lo; k <= hi; k++) acc += e[k]
    return 10 * Math.log10(acc + 1e-20)
  })
}

/** Syllable nuclei per second of speaking time (pauses of 150 ms or more removed). */
export function speakingRate(params: WorldParams): number {
  const raw = bandIntensity(params)
  const n = raw.length
  const intensity = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    let acc = 0
    let weight = 0
    for (let j = -4; j <= 4; j++) {
      if (i + j < 0 || i + j >= n) continue
      const w = 5 - Math.abs(j)
      acc += raw[i + j] * w
      weight += w
    }
    intensity[i] = acc / weight
  }
  const loudest = intensity.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY)
  const threshold = Math.max(middleValue(Array.from(intensity)), loudest - 25)
  const peaks: number[] = []
  for (let i = 1; i < n - 1; i++) {
    if (params.f0[i] <= 0 || intensity[i] < threshold) continue
    if (intensity[i] < intensity[i - 1] || intensity[i] <= intensity[i + 1]) continue
    const last = peaks[peaks.length - 1]
    if (last === undefined) {
      peaks.push(i)
      continue
    }
    let dip = Number.POSITIVE_INFINITY
    for (let j = last; j <= i; j++) dip = Math.min(dip, intensity[j])
    if (dip <= Math.min(intensity[last], intensity[i]) - 2) peaks.push(i)
    else if (intensity[i] > intensity[last]) peaks[peaks.length - 1] = i
  }
  // Speaking time: everything except runs of ≥ 150 ms more than 30 dB under the loudest frame.
  const pauseFrames = Math.round(0.15 / params.framePeriod)
  let paused = 0
  let run = 0
  for (let i = 0; i <= n; i++) {
    if (i < n && intensity[i] < loudest - 30) run++
    else {
      if (run >= pauseFrames) paused += run
      run = 0
    }
  }
  const seconds = (n - paused) * params.framePeriod
  return seconds > 0 ? peaks.length / seconds : 0
}

/** Warp factor (REFERENCE_TRACT_CM / tract length) from median formants of voiced frames. */
export function warpFactor(params: WorldParams, voiced: readonly number[]): number {
  const tracks: number[][] = [[], [], [], []]
  for (let i = 0; i < voiced.length; i += 2) {
    const formants = formantsOfEnvelope(params.envelope[voiced[i]], params.sampleRate)
    if (formants.length < 4) continue
    for (let n = 0; n < 4; n++) tracks[n].push(formants[n])
  }
  if (tracks[0].length < 10) return 1
  const length = tractLengthFromFormants(tracks.map(middleValue))
  if (!Number.isFinite(length)) return 1
  return Math.min(1.35, Math.max(0.75, REFERENCE_TRACT_CM / length))
}

/** The profile measures from an analysis at any rate (PROFILE_SAMPLE_RATE for comparable profiles). */
export function profileFromAnalysis(
  params: WorldParams,
  id: string,
  options: Pick<ProfileOptions, 'lang'> = {},
): VoiceProfile {
  const levels = params.envelope.map((e) => {
    let acc = 0
    for (let k = 0; k < e.length; k++) acc += e[k]
    return 10 * Math.log10(acc / e.length + 1e-20)
  })
  const loudest = levels.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY)
  const voiced: number[] = []
  for (let i = 0; i < params.f0.length; i++) if (params.f0[i] > 0 && levels[i] > loudest - 30) voiced.push(i)
  if (voiced.length < MIN_VOICED_FRAMES)
    throw new MynahError(
      'E_AUDIO_NO_SPEECH',
      {},
      { message: 'No voiced speech was found in the reference audio.' },
    )

  const logF0 = voiced.map((i) => Math.log(params.f0[i]))
  const logMean = logF0.reduce((a, b) => a + b, 0) / logF0.length
  const logStd = Math.sqrt(logF0.reduce((a, b) => a + (b - logMean) ** 2, 0) / logF0.length)
  const sortedF0 = voiced.map((i) => params.f0[i]).sort((a, b) => a - b)

  // Level-normalised envelope of each voiced frame on the grid (dB, mean over the grid removed).
  const shapes = voiced.map((i) => {
    const row = PROFILE_GRID_HZ.map((hz) => envelopeDbAt(params.envelope[i], params.sampleRate, hz))
    const level = row.reduce((a, b) => a + b, 0) / row.length
    return row.map((v) => v - level)
  })
  const envelope = PROFILE_GRID_HZ.map((_, g) => shapes.reduce((acc, row) => acc + row[g], 0) / shapes.length)
  const envelopeStd = PROFILE_GRID_HZ.map((_, g) =>
    Math.sqrt(shapes.reduce((acc, row) => acc + (row[g] - envelope[g]) ** 2, 0) / shapes.length),
  )

  // Tilt: least-squares slope of the envelope over log2 frequency, 100 Hz – 5 kHz.
  const octaves: number[] = []
  const envelopeDb: number[] = []
  PROFILE_GRID_HZ.forEach((hz, g) => {
    if (hz < 100 || hz > 5000) return
    octaves.push(Math.log2(hz))
    envelopeDb.push(envelope[g])
  })
  const tilt = linearSlope(octaves, envelopeDb)

  const apDb = voiced.reduce((acc, i) => acc + params.bandAperiodicity[i][0], 0) / voiced.length

  return {
    id,
    sampleRate: params.sampleRate,
    f0: {
      logMean,
      logStd,
      minHz: percentile(sortedF0, 0.05),
      maxHz: percentile(sortedF0, 0.95),
      medianHz: percentile(sortedF0, 0.5),
    },
    warp: warpFactor(params, voiced),
    envelope: envelope.map((v) => Math.round(v * 100) / 100),
    envelopeStd: envelopeStd.map((v) => Math.round(v * 100) / 100),
    tiltDbPerOctave: tilt,
    aperiodicity: 10 ** (apDb / 20),
    rate: speakingRate(params),
    speechSeconds: params.length / params.sampleRate,
    ...(options.lang ? { lang: options.lang } : {}),
  }
}

/**
 * Profile of a reference clip (speech only: run ingestReference first). `sha256` is the hash
 * of the uploaded bytes and becomes the profile id. Throws E_AUDIO_NO_SPEECH when the clip
 * has too little voicing to measure.
 */
export async function buildProfile(
  reference: Audio,
  sha256: string,
  options: ProfileOptions = {},
): Promise<VoiceProfile> {
  throwIfAborted(options.signal)
  const audio = await resample(reference, PROFILE_SAMPLE_RATE)
  throwIfAborted(options.signal)
  const params = analyze(audio, { signal: options.signal })
  return profileFromAnalysis(params, sha256, options)
}
