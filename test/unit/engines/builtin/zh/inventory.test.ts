/**
 * Every toned syllable pinyin-pro can produce (its base syllables × tones 1-5, obtained from
 * pinyin-pro here, independently of the pack index) renders non-silent audio of sane length
 * with both voices; so does every base with erhua.
 */
import { describe, expect, it } from 'vitest'
import { NEUTRAL_PROSODY } from '../../../../../src/engines/builtin/prosody.js'
import { renderMandarin, ZH_VOICES } from '../../../../../src/engines/builtin/zh/index.js'
import { pinyinProBases, tonedInventory } from '../../../../../tools/lib/pinyin-inventory.js'
import { rmsDb, voice } from './helpers.js'

const bases = pinyinProBases()
const inventory = tonedInventory(bases)

describe.each(ZH_VOICES.map((v) => v.name))('inventory with %s', (name) => {
  it(`renders all ${inventory.length} toned syllables`, async () => {
    const v = await voice(name)
    const failures: string[] = []
    let shortest = Number.POSITIVE_INFINITY
    let longest = 0
    let quietest = 0
    for (const pinyin of inventory) {
      const audio = await renderMandarin(
        v,
        [{ syllables: [{ text: pinyin, pinyin, wordEnd: true }], breakAfter: 'none' }],
        NEUTRAL_PROSODY,
      )
      const seconds = audio.samples.length / audio.sampleRate
      const level = rmsDb(audio.samples)
      shortest = Math.min(shortest, seconds)
      longest = Math.max(longest, seconds)
      quietest = Math.min(quietest, level)
      if (!(seconds >= 0.08 && seconds <= 1 && level > -40))
        failures.push(`${pinyin}: ${seconds.toFixed(3)} s, ${level.toFixed(1)} dBFS`)
    }
    console.log(
      `${name}: ${inventory.length} syllables, ${shortest.toFixed(3)}-${longest.toFixed(3)} s, quietest ${quietest.toFixed(1)} dBFS`,
    )
    expect(failures).toEqual([])
    expect(audioRate(v.sampleRate)).toBe(24000)
  })

  it('renders every base with erhua', async () => {
    const v = await voice(name)
    const runs = [
      {
        syllables: bases
          .filter((b) => b !== 'er')
          .map((b) => ({ text: `${b}r`, pinyin: `${b}r4`, wordEnd: true })),
        breakAfter: 'none' as const,
      },
    ]
    const audio = await renderMandarin(v, runs, NEUTRAL_PROSODY)
    const seconds = audio.samples.length / audio.sampleRate
    expect(seconds / runs[0].syllables.length).toBeGreaterThan(0.1)
    expect(rmsDb(audio.samples)).toBeGreaterThan(-35)
  })
})

function audioRate(rate: number): number {
  return rate
}
