import { describe, expect, it } from 'vitest'
import { filtfilt, highPass, notch } from '../../../src/dsp/biquad.js'

const SR = 44100

function tone(hz: number, seconds = 1): Float32Array {
  const x = new Float32Array(Math.round(seconds * SR))
  for (let i = 0; i < x.length; i++) x[i] = Math.sin((2 * Math.PI * hz * i) / SR)
  return x
}

function levelDb(x: Float32Array): number {
  let s = 0
  const a = Math.floor(x.length / 4)
  for (let i = a; i < 3 * a; i++) s += x[i] * x[i]
  return 10 * Math.log10(s / (2 * a) / 0.5)
}

describe('hum and rumble removal', () => {
  it('notches 60 Hz hum by more than 30 dB and leaves a 150 Hz voice fundamental within 1 dB', () => {
    const hum = tone(60)
    filtfilt(hum, notch(SR, 60, 4))
    const voice = tone(150)
    filtfilt(voice, notch(SR, 60, 4))
    filtfilt(voice, highPass(SR, 50))
    expect(levelDb(hum)).toBeLessThan(-30)
    expect(Math.abs(levelDb(voice))).toBeLessThan(1)
  })

  it('is zero-phase: an impulse stays where it was', () => {
    const x = new Float32Array(SR / 10)
    x[2000] = 1
    filtfilt(x, highPass(SR, 50))
    let peak = 0
    for (let i = 1; i < x.length; i++) if (Math.abs(x[i]) > Math.abs(x[peak])) peak = i
    expect(peak).toBe(2000)
  })
})
