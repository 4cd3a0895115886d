/** Idle unload gives the Mandarin packs back, and the engine loads them again on the next request. */
import { describe, expect, it } from 'vitest'
import type { Segment } from '../../../../../src/core/types.js'
import { createBuiltinEngine } from '../../../../../src/engines/builtin/index.js'
import { loadZhVoice } from '../../../../../src/engines/builtin/zh/index.js'
import type { AudioChunk, SynthesisRequest } from '../../../../../src/engines/engine.js'
import { prepareText } from '../../../../../src/text/index.js'

function request(text: string): SynthesisRequest {
  const { segments } = prepareText(text, { lang: 'zh' })
  return {
    segments: segments as Segment[],
    voice: 'zh-female',
    emotion: { vector: [0, 0, 0, 0, 0, 0, 0, 0], alpha: 1, source: 'speaker' },
    speed: 1,
    intervalSilenceMs: 0,
    params: {},
  }
}

async function seconds(chunks: AsyncIterable<AudioChunk>): Promise<number> {
  let n = 0
  let rate = 1
  for await (const c of chunks) {
    n += c.samples.length
    rate = c.sampleRate
  }
  return n / rate
}

describe('Mandarin voice release', () => {
  it('close() empties the unit cache', async () => {
    const voice = await loadZhVoice('zh-female')
    voice.unit('ma', 1)
    expect(voice.cachedBytes).toBeGreaterThan(0)
    voice.close()
    expect(voice.cachedBytes).toBe(0)
  })

  it('the engine speaks the same after an unload as before it', async () => {
    const engine = await createBuiltinEngine()
    await engine.load({ device: 'cpu', precision: 'fp32' })
    const before = await seconds(engine.synthesize(request('你好，世界。'), new AbortController().signal))
    await engine.unload()
    const after = await seconds(engine.synthesize(request('你好，世界。'), new AbortController().signal))
    expect(before).toBeGreaterThan(0.5)
    expect(after).toBeCloseTo(before, 3)
  })
})
