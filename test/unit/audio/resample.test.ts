import { describe, expect, it } from 'vitest'
import { createResampler, initResampler, resample, resampleSync, rms } from '../../../src/audio/index.js'
import { db, tonePower, tones } from './signals.js'

const middle = (x: Float32Array) => x.subarray(Math.floor(x.length * 0.1), Math.floor(x.length * 0.9))

describe('resample (libsamplerate)', () => {
  it('keeps a 1 kHz sine at the same frequency and amplitude through 48k -> 24k -> 16k', async () => {
    const x = tones(48000, 1, [[1000, 0.5]])
    const y24 = await resample(x, 24000)
    const y16 = await resample(y24, 16000)
    expect(y24.samples.length).toBe(24000)
    expect(y16.samples.length).toBe(16000)
    for (const y of [y24, y16]) {
      const s = middle(y.samples)
      // Goertzel power of a sine of amplitude A is A²/4.
      expect(db(tonePower(s, y.sampleRate, 1000))).toBeCloseTo(db(0.25 / 4), 1)
      expect(db(tonePower(s, y.sampleRate, 1100))).toBeLessThan(db(0.25 / 4) - 40)
    }
  })

  it('removes a 10 kHz tone when going to 16 kHz (band-limited: > 40 dB down)', async () => {
    const x = tones(48000, 1, [[10000, 0.5]])
    const y = await resample(x, 16000)
    expect(db(rms(middle(y.samples)) ** 2) - db(rms(middle(x.samples)) ** 2)).toBeLessThan(-40)
    // Aliasing would put it at 16000 - 10000 = 6 kHz.
    expect(db(tonePower(middle(y.samples), 16000, 6000))).toBeLessThan(db(0.25 / 4) - 60)
  })

  it('is the identity when the rates match, and rejects nonsense rates', async () => {
    const x = tones(24000, 0.1, [[440, 0.5]])
    expect(await resample(x, 24000)).toBe(x)
    await expect(resample(x, 0)).rejects.toMatchObject({ code: 'E_INVALID_ARGUMENT' })
    await expect(resample(x, 22050.5)).rejects.toMatchObject({ code: 'E_INVALID_ARGUMENT' })
  })

  it('handles inputs longer than the library transfer buffer, with an exact output length', async () => {
    const x = tones(48000, 25, [[440, 0.5]]) // 1.2 M samples
    const y = await resample(x, 22050)
    expect(y.samples.length).toBe(Math.round((x.samples.length * 22050) / 48000))
    const tail = y.samples.subarray(y.samples.length - 22050, y.samples.length - 100)
    expect(db(tonePower(tail, 22050, 440))).toBeCloseTo(db(0.25 / 4), 1)
  })

  it('resampleSync works once initialised and gives the same result as resample', async () => {
    await initResampler()
    const x = tones(22050, 0.5, [[300, 0.4]])
    const a = resampleSync(x, 24000)
    const b = await resample(x, 24000)
    expect(a.samples).toEqual(b.samples)
  })

  it('streams: chunked conversion has the exact total length and matches the one-shot result', async () => {
    const x = tones(22050, 2, [
      [440, 0.3],
      [1000, 0.3],
    ])
    const r = await createResampler(22050, 24000)
    const parts: Float32Array[] = []
    for (let i = 0; i < x.samples.length; i += 1234) parts.push(r.process(x.samples.subarray(i, i + 1234)))
    parts.push(r.end())
    const joined = new Float32Array(parts.reduce((n, p) => n + p.length, 0))
    let at = 0
    for (const p of parts) {
      joined.set(p, at)
      at += p.length
    }
    expect(joined.length).toBe(48000)
    const whole = await resample(x, 24000)
    let maxDiff = 0
    for (let i = 0; i < joined.length; i++)
      maxDiff = Math.max(maxDiff, Math.abs(joined[i] - whole.samples[i]))
    expect(maxDiff).toBeLessThan(1e-3)
  })
})
