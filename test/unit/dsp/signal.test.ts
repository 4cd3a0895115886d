import { describe, expect, it } from 'vitest'
import { linearSlope, median, percentile } from '../../../src/dsp/signal.js'

describe('percentile', () => {
  const sorted = [10, 20, 30, 40, 50]

  it('picks the nearest rank sorted[round(q·(n−1))]', () => {
    expect(percentile(sorted, 0)).toBe(10)
    expect(percentile(sorted, 0.5)).toBe(30)
    expect(percentile(sorted, 1)).toBe(50)
    // 0.3·4 = 1.2 → index 1; 0.4·4 = 1.6 → index 2 (no interpolation between samples).
    expect(percentile(sorted, 0.3)).toBe(20)
    expect(percentile(sorted, 0.4)).toBe(30)
  })

  it('clamps q outside 0..1 and reads typed arrays', () => {
    expect(percentile(Float64Array.from(sorted), -1)).toBe(10)
    expect(percentile(Float64Array.from(sorted), 2)).toBe(50)
  })

  it('is NaN for an empty list', () => {
    expect(percentile([], 0.5)).toBeNaN()
  })

  it('agrees with median on an odd count', () => {
    expect(percentile([1, 2, 7], 0.5)).toBe(median([7, 1, 2]))
  })
})

describe('linearSlope', () => {
  it('recovers the slope of a line, with noise that cancels', () => {
    const xs = [0, 1, 2, 3, 4]
    expect(linearSlope(xs, [1, 3, 5, 7, 9])).toBeCloseTo(2, 12)
    expect(linearSlope(xs, [1.5, 2.5, 5, 7.5, 8.5])).toBeCloseTo(1.9, 12)
  })

  it('is 0 for fewer than two points or a constant x', () => {
    expect(linearSlope([1], [5])).toBe(0)
    expect(linearSlope([2, 2, 2], [1, 2, 3])).toBe(0)
  })
})
