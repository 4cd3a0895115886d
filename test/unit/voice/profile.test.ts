/**
 * Speaker profiles of real clips (female LJSpeech and LibriSpeech 198, male LibriSpeech
 * 3436 and 5703): the measures order speakers the way their voices differ.
 */
import { readFile } from 'node:fs/promises'
import { beforeAll, describe, expect, it } from 'vitest'
import { decodeAudio } from '../../../src/audio/decode.js'
import type { VoiceProfile } from '../../../src/core/types.js'
import { buildProfile, PROFILE_GRID_HZ } from '../../../src/voice/profile.js'
import { requireTestdata, testdata } from '../../helpers/env.js'

const CLIPS = {
  lj: 'ljspeech/LJ001-0001.wav',
  barnett: 'librispeech-librosa/198-209-0000.ogg',
  lankford: 'librispeech-librosa/3436-172162-0000.ogg',
  comira: 'librispeech-librosa/5703-47212-0000.ogg',
} as const

describe.skipIf(!requireTestdata())('buildProfile', () => {
  const profiles = {} as Record<keyof typeof CLIPS, VoiceProfile>

  beforeAll(async () => {
    for (const [name, file] of Object.entries(CLIPS) as [keyof typeof CLIPS, string][]) {
      const full = await decodeAudio(await readFile(testdata('voices', file)))
      // 8 s of each clip: enough for stable statistics, half the time of the whole clips.
      const audio = { samples: full.samples.slice(0, 8 * full.sampleRate), sampleRate: full.sampleRate }
      profiles[name] = await buildProfile(audio, name.padEnd(64, '0'), { lang: 'en' })
    }
  })

  it('measures F0 statistics that separate female and male speakers', () => {
    const median = (p: VoiceProfile) => Math.exp(p.f0.logMean)
    for (const p of [profiles.lj, profiles.barnett]) expect(median(p)).toBeGreaterThan(180)
    for (const p of [profiles.lankford, profiles.comira]) expect(median(p)).toBeLessThan(160)
    for (const p of Object.values(profiles)) {
      expect(p.f0.minHz).toBeLessThan(median(p))
      expect(p.f0.maxHz).toBeGreaterThan(median(p))
      expect(p.f0.medianHz).toBeGreaterThan(p.f0.minHz)
      expect(p.f0.medianHz).toBeLessThan(p.f0.maxHz)
      expect(p.f0.logStd).toBeGreaterThan(0.05)
      expect(p.f0.logStd).toBeLessThan(0.5)
    }
  })

  it('gives the female speakers shorter vocal tracts (larger warp factors)', () => {
    const lowestFemale = Math.min(profiles.lj.warp, profiles.barnett.warp)
    const highestMale = Math.max(profiles.lankford.warp, profiles.comira.warp)
    expect(lowestFemale).toBeGreaterThan(highestMale)
  })

  it('fills every other field with plausible values', () => {
    for (const p of Object.values(profiles)) {
      expect(p.envelope).toHaveLength(PROFILE_GRID_HZ.length)
      expect(p.envelopeStd).toHaveLength(PROFILE_GRID_HZ.length)
      for (const s of p.envelopeStd ?? []) expect(s).toBeGreaterThan(0.5)
      expect(Math.abs(p.envelope.reduce((a, b) => a + b, 0) / p.envelope.length)).toBeLessThan(0.01)
      expect(p.tiltDbPerOctave).toBeLessThan(-2)
      expect(p.tiltDbPerOctave).toBeGreaterThan(-20)
      expect(p.aperiodicity).toBeGreaterThan(0)
      expect(p.aperiodicity).toBeLessThan(1)
      expect(p.rate).toBeGreaterThan(2.5)
      expect(p.rate).toBeLessThan(7)
      expect(p.speechSeconds).toBeCloseTo(8, 1)
      expect(p.lang).toBe('en')
    }
  })

  it('refuses audio without voicing', async () => {
    let seed = 5
    const hiss = new Float32Array(32_000).map(() => {
      seed = (seed * 16807) % 2147483647
      return 0.1 * (seed / 2147483647 - 0.5)
    })
    await expect(buildProfile({ samples: hiss, sampleRate: 16_000 }, 'f'.repeat(64))).rejects.toMatchObject({
      code: 'E_AUDIO_NO_SPEECH',
    })
  })
})
