/**
 * Reference ingestion: every rejection code, the warnings, the 15 s limit, and the VAD's
 * segments on real speech (Silero VAD through onnxruntime-node).
 */
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { decodeAudio } from '../../../src/audio/decode.js'
import { detectSpeech, segmentsFromProbabilities } from '../../../src/audio/vad.js'
import { encodeWav } from '../../../src/audio/wav.js'
import type { Audio } from '../../../src/core/types.js'
import {
  clippedFraction,
  ingestReference,
  MAX_REFERENCE_SPEECH_SECONDS,
} from '../../../src/voice/reference.js'
import { requireTestdata, testdata } from '../../helpers/env.js'

const MAX = 20 * 1024 * 1024

async function clip(file: string): Promise<Audio> {
  return decodeAudio(await readFile(testdata('voices', file)))
}

function noise(length: number, amplitude: number, seed = 11): Float32Array {
  const x = new Float32Array(length)
  let s = seed
  for (let i = 0; i < length; i++) {
    s = (s * 16807) % 2147483647
    x[i] = amplitude * (s / 2147483647 - 0.5) * Math.sqrt(12)
  }
  return x
}

function concat(...parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

function rmsOf(x: Float32Array): number {
  return Math.sqrt(x.reduce((a, v) => a + v * v, 0) / x.length)
}

async function rejection(bytes: Uint8Array, maxBytes = MAX): Promise<string> {
  try {
    await ingestReference(bytes, { maxBytes })
  } catch (error) {
    return (error as { code?: string }).code ?? String(error)
  }
  return 'accepted'
}

describe('segmentsFromProbabilities', () => {
  const w = 0.032
  it('applies hysteresis, minimum silence, minimum speech and padding', () => {
    // speech 0.32–0.96 s with a 2-window dip (64 ms < 100 ms: no split), a 3-window blip (96 ms: dropped)
    const p = new Array(80).fill(0.05)
    for (let i = 10; i < 30; i++) p[i] = 0.9
    p[18] = 0.1
    p[19] = 0.1
    for (let i = 50; i < 53; i++) p[i] = 0.9
    const segments = segmentsFromProbabilities(p, w, 80 * w)
    expect(segments).toHaveLength(1)
    expect(segments[0].start).toBeCloseTo(10 * w - 0.03, 5)
    expect(segments[0].end).toBeCloseTo(30 * w + 0.03, 5)
  })

  it('splits at a long silence and keeps a segment running to the end', () => {
    const p = new Array(60).fill(0)
    for (let i = 5; i < 20; i++) p[i] = 0.8
    for (let i = 40; i < 60; i++) p[i] = 0.8
    const segments = segmentsFromProbabilities(p, w, 60 * w)
    expect(segments).toHaveLength(2)
    expect(segments[1].end).toBeCloseTo(60 * w, 5)
  })
})

describe.skipIf(!requireTestdata())('detectSpeech (Silero VAD)', () => {
  it('finds the speech of a real clip and nothing in silence', async () => {
    const audio = await clip('ljspeech/LJ001-0001.wav')
    const { segments } = await detectSpeech(audio)
    const speech = segments.reduce((a, s) => a + s.end - s.start, 0)
    const duration = audio.samples.length / audio.sampleRate
    expect(speech).toBeGreaterThan(0.8 * duration)
    expect(speech).toBeLessThanOrEqual(duration)
    const quiet = await detectSpeech({ samples: new Float32Array(48_000), sampleRate: 16_000 })
    expect(quiet.segments).toEqual([])
  })
})

describe.skipIf(!requireTestdata())('ingestReference', () => {
  it('keeps the speech of a clean clip, warns about nothing', async () => {
    const bytes = await readFile(testdata('voices', 'librispeech-librosa/3436-172162-0000.ogg'))
    const result = await ingestReference(bytes, { maxBytes: MAX })
    expect(result.speechSeconds).toBeGreaterThan(12)
    expect(result.speechSeconds).toBeLessThanOrEqual(MAX_REFERENCE_SPEECH_SECONDS)
    expect(result.audio.samples.length / result.audio.sampleRate).toBeLessThan(16.8)
    expect(result.warnings).toEqual([])
  })

  it('keeps at most 15 s of speech from a longer clip, with a warning', async () => {
    const a = await clip('librispeech-librosa/3436-172162-0000.ogg')
    const b = await clip('librispeech-librosa/198-209-0000.ogg')
    const bytes = encodeWav({ samples: concat(a.samples, b.samples), sampleRate: a.sampleRate })
    const result = await ingestReference(bytes, { maxBytes: MAX })
    expect(result.speechSeconds).toBeGreaterThan(14.5)
    expect(result.speechSeconds).toBeLessThanOrEqual(15)
    expect(result.warnings.some((w) => w.startsWith('W_AUDIO_TRIMMED'))).toBe(true)
  })

  it('rejects an upload over the size limit: E_PAYLOAD_TOO_LARGE', async () => {
    const bytes = await readFile(testdata('voices', 'ljspeech/LJ001-0002.wav'))
    expect(await rejection(bytes, bytes.length - 1)).toBe('E_PAYLOAD_TOO_LARGE')
  })

  it('rejects what is not audio: E_AUDIO_UNSUPPORTED', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(64).fill(0)])
    expect(await rejection(png)).toBe('E_AUDIO_UNSUPPORTED')
    expect(await rejection(new TextEncoder().encode('just some text, not a sound file at all'))).toBe(
      'E_AUDIO_UNSUPPORTED',
    )
  })

  it('rejects silence and noise without speech: E_AUDIO_NO_SPEECH', async () => {
    const silence = encodeWav({ samples: new Float32Array(3 * 16_000), sampleRate: 16_000 })
    expect(await rejection(silence)).toBe('E_AUDIO_NO_SPEECH')
    const hiss = encodeWav({ samples: noise(3 * 16_000, 0.05), sampleRate: 16_000 })
    expect(await rejection(hiss)).toBe('E_AUDIO_NO_SPEECH')
  })

  it('rejects under a second of speech: E_AUDIO_TOO_SHORT', async () => {
    const a = await clip('ljspeech/LJ001-0002.wav')
    const short = a.samples.slice(0, Math.round(0.7 * a.sampleRate))
    const padded = concat(new Float32Array(a.sampleRate), short, new Float32Array(a.sampleRate))
    expect(await rejection(encodeWav({ samples: padded, sampleRate: a.sampleRate }))).toBe(
      'E_AUDIO_TOO_SHORT',
    )
  })

  it('rejects heavy clipping: E_AUDIO_CLIPPED (and leaves real clips alone)', async () => {
    const a = await clip('ljspeech/LJ001-0003.wav')
    expect(clippedFraction(a.samples)).toBeLessThan(0.001)
    const gain = 0.5 / (rmsOf(a.samples) * 2)
    const clipped = a.samples.map((v) => Math.max(-0.9, Math.min(0.9, v * gain * 6)))
    expect(clippedFraction(clipped)).toBeGreaterThan(0.05)
    expect(await rejection(encodeWav({ samples: clipped, sampleRate: a.sampleRate }))).toBe('E_AUDIO_CLIPPED')
  })

  it('warns (does not reject) on strong background noise', async () => {
    const a = await clip('ljspeech/LJ001-0001.wav')
    const level = rmsOf(a.samples) / 10 ** (6 / 20) // about 6 dB under the speech
    const hiss = noise(a.samples.length, level)
    const noisy = a.samples.map((v, i) => v + hiss[i])
    const result = await ingestReference(encodeWav({ samples: noisy, sampleRate: a.sampleRate }), {
      maxBytes: MAX,
    })
    expect(result.warnings.some((w) => w.startsWith('W_AUDIO_NOISY'))).toBe(true)
  })

  it('warns (does not reject) on music around the speech', async () => {
    const a = await clip('ljspeech/LJ001-0001.wav')
    const rate = a.sampleRate
    // Three seconds of sustained chords (A minor, C major) before and after the speech.
    const chords = (seconds: number, roots: readonly number[]) => {
      const x = new Float32Array(Math.round(seconds * rate))
      for (let i = 0; i < x.length; i++) {
        const root = roots[Math.floor((i / x.length) * roots.length)]
        let v = 0
        for (const ratio of [1, 1.2, 1.5, 2])
          for (let h = 1; h <= 4; h++) v += Math.sin((2 * Math.PI * root * ratio * h * i) / rate) / (h * 4)
        x[i] = 0.15 * v
      }
      return x
    }
    const mixed = concat(chords(3, [220, 261.6]), a.samples, chords(3, [196, 220]))
    const result = await ingestReference(encodeWav({ samples: mixed, sampleRate: rate }), { maxBytes: MAX })
    expect(result.warnings.some((w) => w.startsWith('W_AUDIO_MUSIC'))).toBe(true)
    expect(result.speechSeconds).toBeGreaterThan(7)
  })
})
