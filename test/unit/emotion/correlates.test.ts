import { describe, expect, it } from 'vitest'
import {
  blendCorrelates,
  EMOTION_CORRELATES,
  EMOTION_NAMES,
  type EmotionVector,
  expectedDirections,
  NEUTRAL_CORRELATES,
  pureEmotion,
  RANDOM_SPREAD,
} from '../../../src/emotion/index.js'

const blend = (vector: EmotionVector, randomSeed?: number) => blendCorrelates({ vector, randomSeed })

describe('blendCorrelates', () => {
  it('is neutral for the zero vector and the table entry at weight 1', () => {
    expect(blend([0, 0, 0, 0, 0, 0, 0, 0])).toEqual(NEUTRAL_CORRELATES)
    for (const name of EMOTION_NAMES) {
      const b = blend(pureEmotion(name))
      const c = EMOTION_CORRELATES[name]
      expect(b.f0Semitones).toBeCloseTo(c.f0Semitones, 10)
      expect(b.f0RangeScale).toBeCloseTo(c.f0RangeScale, 10)
      expect(b.rate).toBeCloseTo(c.rate, 10)
      expect(b.intensityDb).toBeCloseTo(c.intensityDb, 10)
    }
  })

  it('moves monotonically from neutral as a weight grows', () => {
    for (const name of EMOTION_NAMES) {
      const d = expectedDirections(name)
      const steps = [0, 0.25, 0.5, 0.75, 1].map((w) => blend(pureEmotion(name, w)))
      for (let i = 1; i < steps.length; i++) {
        expect(Math.sign(steps[i].f0Semitones - steps[i - 1].f0Semitones)).toBe(d.f0Mean)
        expect(Math.sign(steps[i].f0RangeScale - steps[i - 1].f0RangeScale)).toBe(d.f0Range)
        expect(Math.sign(steps[i].rate - steps[i - 1].rate)).toBe(d.rate)
        expect(Math.sign(steps[i].intensityDb - steps[i - 1].intensityDb)).toBe(d.energy)
      }
    }
  })

  it('every emotion differs from calm in the documented direction', () => {
    const calm = EMOTION_CORRELATES.calm
    for (const name of EMOTION_NAMES.filter((n) => n !== 'calm')) {
      const c = EMOTION_CORRELATES[name]
      const d = expectedDirections(name)
      expect(Math.sign(c.f0Semitones - calm.f0Semitones)).toBe(d.f0Mean)
      expect(Math.sign(c.f0RangeScale - calm.f0RangeScale)).toBe(d.f0Range)
      expect(Math.sign(c.rate - calm.rate)).toBe(d.rate)
      expect(Math.sign(c.intensityDb - calm.intensityDb)).toBe(d.energy)
    }
  })

  it('mixes by weight and normalises sums above 1', () => {
    const mix = blend([0.5, 0, 0.5, 0, 0, 0, 0, 0])
    const happy = EMOTION_CORRELATES.happy
    const sad = EMOTION_CORRELATES.sad
    expect(mix.f0Semitones).toBeCloseTo(0.5 * happy.f0Semitones + 0.5 * sad.f0Semitones, 10)
    expect(mix.rate).toBeCloseTo(Math.sqrt(happy.rate * sad.rate), 10)
    const saturated = blend([1, 1, 1, 1, 1, 1, 1, 1])
    const mean = EMOTION_NAMES.reduce((a, n) => a + EMOTION_CORRELATES[n].f0Semitones, 0) / 8
    expect(saturated.f0Semitones).toBeCloseTo(mean, 10)
    expect(saturated.breathiness).toBeLessThanOrEqual(1)
  })

  it('a random seed gives a reproducible variant within the spread', () => {
    const v = pureEmotion('surprised')
    const a = blend(v, 1234)
    expect(blend(v, 1234)).toEqual(a)
    expect(blend(v, 99).f0Semitones).not.toBeCloseTo(a.f0Semitones, 6)
    const f0 = EMOTION_CORRELATES.surprised.f0Semitones
    for (const seed of [1, 2, 3, 4, 5]) {
      const s = blend(v, seed).f0Semitones
      expect(s).toBeGreaterThanOrEqual(f0 * (1 - RANDOM_SPREAD) - 1e-9)
      expect(s).toBeLessThanOrEqual(f0 * (1 + RANDOM_SPREAD) + 1e-9)
    }
  })
})
