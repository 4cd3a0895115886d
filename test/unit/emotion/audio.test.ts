import { describe, expect, it } from 'vitest'
import {
  analyzeAudioEmotion,
  audioToEmotion,
  dominantEmotion,
  EMOTION_CORRELATES,
  EMOTION_NAMES,
  featuresToEmotion,
  measureAcousticFeatures,
} from '../../../src/emotion/index.js'
import { type SynthVoiceOptions, synthVoice } from './synth-voice.js'

describe('measureAcousticFeatures', () => {
  const base = measureAcousticFeatures(synthVoice())

  it('measures F0 level, range and final movement in semitones', () => {
    const higher = measureAcousticFeatures(synthVoice({ f0Hz: 120 * 2 ** (4 / 12) }))
    expect(higher.f0MeanSt - base.f0MeanSt).toBeCloseTo(4, 0)
    const wider = measureAcousticFeatures(synthVoice({ rangeSt: 12 }))
    expect(wider.f0RangeSt / base.f0RangeSt).toBeGreaterThan(1.6)
    const rising = measureAcousticFeatures(synthVoice({ finalSt: 4 }))
    const falling = measureAcousticFeatures(synthVoice({ finalSt: -4 }))
    expect(rising.f0FinalSt).toBeGreaterThan(2)
    expect(falling.f0FinalSt).toBeLessThan(-2)
  })

  it('measures rate as syllable nuclei per second of speech', () => {
    expect(base.rate).toBeGreaterThan(4)
    expect(base.rate).toBeLessThan(5.5)
    const fast = measureAcousticFeatures(synthVoice({ syllablesPerSecond: 6 }))
    expect(fast.rate / base.rate).toBeCloseTo(6 / 4.5, 1)
  })

  it('measures energy, pauses and spectral tilt', () => {
    const loud = measureAcousticFeatures(synthVoice({ gainDb: 6 }))
    expect(loud.energyDb - base.energyDb).toBeCloseTo(6, 0)
    const soft = measureAcousticFeatures(synthVoice({ slopeDbPerOctave: -13 }))
    expect(soft.tiltDbPerOctave - base.tiltDbPerOctave).toBeCloseTo(-4, 0)
    const pausing = measureAcousticFeatures(synthVoice({ pauseSeconds: 0.8 }))
    expect(pausing.pauseRatio).toBeGreaterThan(base.pauseRatio + 0.1)
    expect(base.jitterPercent).toBeLessThan(1)
    const breathy = measureAcousticFeatures(synthVoice({ breathiness: 0.3 }))
    expect(breathy.hfNoise).toBeGreaterThan(base.hfNoise + 0.1)
  })

  it('returns zeros, not NaN, for silence', () => {
    const f = measureAcousticFeatures({ samples: new Float32Array(16000), sampleRate: 16000 })
    for (const v of Object.values(f)) expect(Number.isFinite(v)).toBe(true)
    expect(audioToEmotion({ samples: new Float32Array(16000), sampleRate: 16000 })).toHaveLength(8)
  })
})

/** The synthetic voice rendered with an emotion's correlates at weight w. */
function emotional(name: (typeof EMOTION_NAMES)[number], w: number, extra: SynthVoiceOptions = {}) {
  const c = EMOTION_CORRELATES[name]
  return synthVoice({
    f0Hz: 120 * 2 ** ((w * c.f0Semitones) / 12),
    rangeSt: 6 * c.f0RangeScale ** w,
    syllablesPerSecond: 4.5 * c.rate ** w,
    pauseSeconds: 0.35 * c.pauseScale ** w,
    gainDb: w * c.intensityDb,
    slopeDbPerOctave: -9 + w * c.tiltDbPerOctave,
    finalSt: w * c.finalSemitones,
    breathiness: w * c.breathiness,
    ...extra,
  })
}

describe('audioToEmotion', () => {
  const neutral = measureAcousticFeatures(synthVoice())

  it('recovers the dominant emotion of signals made with each emotion’s correlates', () => {
    let correct = 0
    for (const name of EMOTION_NAMES) {
      const analysis = analyzeAudioEmotion(emotional(name, 1, { seed: 7 }), neutral)
      if (dominantEmotion(analysis.vector) === name) correct += 1
      else console.log(`synthetic ${name} read as ${dominantEmotion(analysis.vector)}`)
    }
    expect(correct).toBeGreaterThanOrEqual(7)
  })

  it('reads a neutral clip as calm and scales intensity with the deviation', () => {
    expect(dominantEmotion(audioToEmotion(synthVoice({ seed: 3 }), neutral))).toBe('calm')
    const full = featuresToEmotion(measureAcousticFeatures(emotional('angry', 1)), neutral)
    const half = featuresToEmotion(measureAcousticFeatures(emotional('angry', 0.5)), neutral)
    const a = EMOTION_NAMES.indexOf('angry')
    expect(dominantEmotion(full.vector)).toBe('angry')
    expect(full.intensity[a]).toBeGreaterThan(half.intensity[a])
  })

  it('accepts the neutral profile as a clip', () => {
    expect(dominantEmotion(audioToEmotion(emotional('sad', 1), synthVoice()))).toBe('sad')
  })
})
