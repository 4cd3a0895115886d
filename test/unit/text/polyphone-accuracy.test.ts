/**
 * Regression floor for the Chinese G2P on the g2pM CPP dev split (the full figures and the
 * A/B halves come from `npm run bench:text`). The floor sits a little under the measured
 * 97.4 % so that a rule change that costs accuracy is caught, not every one-sentence change.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { pinyinPerChar } from '../../../src/text/index.js'
import { requireTestdata, testdata } from '../../helpers/env.js'

const has = requireTestdata()

describe.skipIf(!has)('polyphone accuracy on g2pM CPP dev', () => {
  it('reads at least 96.8 % of the marked characters right', () => {
    const sentences = readFileSync(testdata('text', 'g2pM-CPP', 'dev.sent'), 'utf8').split('\n')
    const labels = readFileSync(testdata('text', 'g2pM-CPP', 'dev.lb'), 'utf8').split('\n')
    let n = 0
    let ok = 0
    sentences.forEach((line, k) => {
      if (!line) return
      const index = [...line.slice(0, line.indexOf('▁'))].length
      const reading = pinyinPerChar(line.replaceAll('▁', ''), { tones: 'citation' })[index]
      n++
      if (reading === (labels[k] ?? '').trim().replace('u:', 'v')) ok++
    })
    expect(n).toBe(9893)
    expect(ok / n).toBeGreaterThanOrEqual(0.968)
  })
})
