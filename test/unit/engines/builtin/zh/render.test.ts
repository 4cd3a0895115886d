import { describe, expect, it } from 'vitest'
import { isMynahError } from '../../../../../src/core/errors.js'
import type { BreakLevel } from '../../../../../src/core/types.js'
import { median } from '../../../../../src/dsp/signal.js'
import { NEUTRAL_PROSODY, type ProsodyControls } from '../../../../../src/engines/builtin/prosody.js'
import {
  renderMandarin,
  renderMandarinWithLayout,
  ZH_VOICES,
} from '../../../../../src/engines/builtin/zh/index.js'
import { trackPitch } from '../../../../helpers/f0.js'
import { rmsDb, syllables, voice } from './helpers.js'

const SENTENCE = 'jin1 tian1 tian1 qi4 hen3 hao3 wo3 men5 qu4 gong1 yuan2 san4 bu4 ba5'

function runs(text: string, breakAfter: BreakLevel = 'sentence') {
  return [{ syllables: syllables(text), breakAfter }]
}

function f0Semitones(
  x: Float32Array,
  sampleRate: number,
  from: number,
  to: number,
  range: [number, number],
): number[] {
  const track = trackPitch(x.subarray(from, to), sampleRate, { minHz: range[0], maxHz: range[1] })
  return Array.from(track.f0)
    .filter((v) => v > 0)
    .map((v) => 12 * Math.log2(v / 100))
}

describe.each(ZH_VOICES.map((v) => v.name))('renderMandarin with %s', (name) => {
  const range: [number, number] = name === 'zh-male' ? [60, 300] : [120, 500]

  it('makes longer audio for more syllables', async () => {
    const v = await voice(name)
    const words = SENTENCE.split(' ')
    const lengths: number[] = []
    for (const n of [2, 5, 9, 14]) {
      const audio = await renderMandarin(v, runs(words.slice(0, n).join(' '), 'none'), NEUTRAL_PROSODY)
      lengths.push(audio.samples.length / audio.sampleRate)
    }
    console.log(`${name}: 2/5/9/14 syllables → ${lengths.map((s) => s.toFixed(2)).join(' / ')} s`)
    for (let i = 1; i < lengths.length; i++) expect(lengths[i]).toBeGreaterThan(lengths[i - 1])
    // 14 syllables of read speech: about 3-4.5 syllables per second here.
    expect(14 / lengths[3]).toBeGreaterThan(3)
    expect(14 / lengths[3]).toBeLessThan(6.5)
  })

  it('joins syllables without clicks', async () => {
    const v = await voice(name)
    const { audio, layout } = await renderMandarinWithLayout(v, runs(SENTENCE), NEUTRAL_PROSODY)
    const x = audio.samples
    // Sample-to-sample jump statistics: joins vs the body of the syllables.
    const jumps = new Float32Array(x.length)
    for (let i = 1; i < x.length; i++) jumps[i] = Math.abs(x[i] - x[i - 1])
    const sorted = Float32Array.from(jumps).sort()
    const p999 = sorted[Math.floor(0.999 * sorted.length)]
    const win = Math.round(0.003 * audio.sampleRate)
    let worst = 0
    for (const j of layout.joins)
      for (let i = Math.max(1, j - win); i < Math.min(x.length, j + win); i++)
        worst = Math.max(worst, jumps[i])
    console.log(
      `${name}: ${layout.joins.length} joins, largest jump at a join ${worst.toFixed(4)}, 99.9th percentile overall ${p999.toFixed(4)}`,
    )
    // A click is a jump far above what the speech itself does; joins must stay within the speech's own 99.9th percentile × 1.5.
    expect(worst).toBeLessThan(1.5 * p999)
    expect(layout.joins.length).toBe(13)
  })

  it('follows its target F0 contour across a sentence', async () => {
    const v = await voice(name)
    const { audio, layout } = await renderMandarinWithLayout(v, runs(SENTENCE), NEUTRAL_PROSODY)
    const track = trackPitch(audio.samples, audio.sampleRate, {
      minHz: range[0],
      maxHz: range[1],
      hopSeconds: layout.targetHop / audio.sampleRate,
    })
    const deviations: number[] = []
    for (let k = 0; k < Math.min(track.f0.length, layout.targetHz.length); k++) {
      if (track.f0[k] > 0 && layout.targetHz[k] > 0)
        deviations.push(Math.abs(12 * Math.log2(track.f0[k] / layout.targetHz[k])))
    }
    const within1 = deviations.filter((d) => d < 1).length / deviations.length
    const octave = deviations.filter((d) => d > 9).length / deviations.length
    console.log(
      `${name}: F0 vs target over ${deviations.length} voiced frames: median |error| ${median(deviations).toFixed(2)} st, ` +
        `${(100 * within1).toFixed(0)} % within 1 st, ${(100 * octave).toFixed(0)} % octave-off`,
    )
    expect(median(deviations)).toBeLessThan(1)
    expect(within1).toBeGreaterThan(0.6)
  })

  it('realises tones 1-4 with the right F0 shapes', async () => {
    const v = await voice(name)
    const shapes: Record<string, number[]> = {}
    for (const tone of [1, 2, 3, 4]) {
      const { audio, layout } = await renderMandarinWithLayout(v, runs(`ma${tone}`), NEUTRAL_PROSODY)
      const [a, b] = layout.syllables[0]
      const st = f0Semitones(audio.samples, audio.sampleRate, a, b, range)
      const third = Math.max(1, Math.floor(st.length / 3))
      shapes[tone] = [
        median(st.slice(0, third)),
        median(st.slice(third, 2 * third)),
        median(st.slice(-third)),
        Math.min(...st),
      ]
    }
    const fmt = (s: number[]) => s.map((x) => x.toFixed(1)).join('/')
    console.log(
      `${name} start/mid/end/min (st re 100 Hz): ${Object.entries(shapes)
        .map(([t, s]) => `T${t} ${fmt(s)}`)
        .join(', ')}`,
    )
    const [t1, t2, t3, t4] = [shapes[1], shapes[2], shapes[3], shapes[4]]
    expect(Math.abs(t1[2] - t1[0])).toBeLessThan(2.5) // high level
    expect(t2[2] - t2[0]).toBeGreaterThan(2) // rising
    expect(t4[0] - t4[2]).toBeGreaterThan(3) // falling
    expect(t3[3]).toBeLessThan(t1[1] - 4) // low (dipping) well below tone 1
    expect(t1[1]).toBeGreaterThan(t3[1])
  })

  it('follows rate, pitch shift and pauses', async () => {
    const v = await voice(name)
    const render = (c: Partial<ProsodyControls>, text = 'ni3 hao3') =>
      renderMandarin(v, runs(text, 'none'), { ...NEUTRAL_PROSODY, ...c })
    const normal = await render({})
    const fast = await render({ rate: 2 })
    expect(fast.samples.length / normal.samples.length).toBeGreaterThan(0.4)
    expect(fast.samples.length / normal.samples.length).toBeLessThan(0.65)
    const f = (x: Float32Array) => median(f0Semitones(x, 24000, 0, x.length, [range[0], range[1] * 1.6]))
    const up = await render({ pitchShiftSemitones: 4 })
    console.log(`${name}: +4 st shift measured ${(f(up.samples) - f(normal.samples)).toFixed(2)} st`)
    expect(f(up.samples) - f(normal.samples)).toBeGreaterThan(3)
    expect(f(up.samples) - f(normal.samples)).toBeLessThan(5)
    const split = await renderMandarin(
      v,
      [
        { syllables: syllables('ni3 hao3'), breakAfter: 'sentence' },
        { syllables: syllables('zai4 jian4'), breakAfter: 'none' },
      ],
      NEUTRAL_PROSODY,
    )
    const joined = await renderMandarin(v, runs('ni3 hao3 zai4 jian4', 'none'), NEUTRAL_PROSODY)
    expect(split.samples.length - joined.samples.length).toBeGreaterThan(0.3 * 24000)
    const loud = await render({ gainDb: 6 })
    expect(rmsDb(loud.samples) - rmsDb(normal.samples)).toBeCloseTo(6, 0)
  })
})

describe('renderMandarin input handling', () => {
  it('rejects a syllable the voice cannot say', async () => {
    const v = await voice('zh-female')
    const error = await renderMandarin(v, runs('ma1 xyz3'), NEUTRAL_PROSODY).catch((e: unknown) => e)
    expect(isMynahError(error) && error.code).toBe('E_INVALID_ARGUMENT')
  })

  it('stops when the signal is aborted', async () => {
    const v = await voice('zh-female')
    const controller = new AbortController()
    controller.abort()
    const error = await renderMandarin(v, runs(SENTENCE), NEUTRAL_PROSODY, controller.signal).catch(
      (e: unknown) => e,
    )
    expect(isMynahError(error) && error.code).toBe('E_CANCELLED')
  })

  it('accepts ü, neutral 0/5 and toneless spellings', async () => {
    const v = await voice('zh-male')
    for (const p of ['lü4', 'lv4', 'ma0', 'ma5', 'hng', 'zh4']) expect(v.parse(p)).toBeDefined()
    const audio = await renderMandarin(v, runs('lü4 de0 hng'), NEUTRAL_PROSODY)
    expect(rmsDb(audio.samples)).toBeGreaterThan(-35)
  })

  it('returns empty audio for no syllables', async () => {
    const v = await voice('zh-male')
    const audio = await renderMandarin(v, [], NEUTRAL_PROSODY)
    expect(audio.samples.length).toBe(0)
    expect(audio.sampleRate).toBe(24000)
  })
})
