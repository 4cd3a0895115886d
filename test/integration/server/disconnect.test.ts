/**
 * A client that goes away cancels its synthesis: the AbortSignal the library received
 * fires, and the library stops producing chunks. Real sockets (inject() cannot drop a
 * connection half-way).
 */
import { request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fakeServer, type TestServer } from './util.js'

const LONG_TEXT = Array.from({ length: 40 }, (_, i) => `Sentence number ${i}.`).join(' ')

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<boolean> {
  const start = Date.now()
  while (!(await condition())) {
    if (Date.now() - start > timeoutMs) return false
    await new Promise((r) => setTimeout(r, 10))
  }
  return true
}

describe('client disconnect cancels the synthesis', () => {
  let s: TestServer
  let port: number
  beforeAll(async () => {
    s = await fakeServer({ chunkDelayMs: 40 })
    await s.app.listen({ host: '127.0.0.1', port: 0 })
    port = (s.app.server.address() as AddressInfo).port
  })
  afterAll(() => s.close())

  /** POST, then drop the connection after the first body bytes (or right away when firstBytes is false). */
  function postAndDrop(path: string, body: unknown, afterFirstBytes: boolean): Promise<number> {
    return new Promise((resolve) => {
      const req = httpRequest({
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      })
      req.on('error', () => resolve(-1))
      req.on('response', (res) => {
        res.once('data', () => {
          if (afterFirstBytes) req.destroy()
        })
        res.on('error', () => resolve(res.statusCode ?? 0))
        res.on('close', () => resolve(res.statusCode ?? 0))
      })
      req.end(JSON.stringify(body))
      if (!afterFirstBytes) void s.mynah.started().then(() => req.destroy())
    })
  }

  const cases: [string, string, Record<string, unknown>, boolean][] = [
    [
      'streamed audio',
      '/v1/audio/speech',
      { model: 'tts-1', input: LONG_TEXT, response_format: 'pcm', stream_format: 'audio' },
      true,
    ],
    [
      'SSE',
      '/v1/audio/speech',
      { model: 'tts-1', input: LONG_TEXT, response_format: 'pcm', stream_format: 'sse' },
      true,
    ],
    ['NDJSON', '/api/synthesize', { text: LONG_TEXT, stream: true }, true],
    [
      'a whole file, before any byte was sent',
      '/v1/audio/speech',
      { model: 'tts-1', input: LONG_TEXT, response_format: 'wav' },
      false,
    ],
  ]

  for (const [name, path, body, afterFirstBytes] of cases) {
    it(name, async () => {
      const before = s.mynah.signals.length
      await postAndDrop(path, body, afterFirstBytes)
      expect(await until(() => s.mynah.signals.length > before)).toBe(true)
      const signal = s.mynah.signals[before]
      expect(await until(() => signal?.aborted === true)).toBe(true)
      expect(String((signal?.reason as { code?: string })?.code)).toBe('E_CANCELLED')
      // Nothing keeps running: the fake's active count drops back to zero.
      expect(await until(async () => (await s.mynah.system()).queue.active === (0 as never))).toBe(true)
    })
  }

  it('a completed request does not fire its signal', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/v1/audio/speech`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'tts-1',
        input: 'Short.',
        response_format: 'pcm',
        stream_format: 'audio',
      }),
    })
    expect(res.status).toBe(200)
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(0)
    await new Promise((r) => setTimeout(r, 50))
    expect(s.mynah.signals.at(-1)?.aborted).toBe(false)
  })
})

describe('server shutdown', () => {
  it('closing the server cancels syntheses in flight instead of waiting for them', async () => {
    const s = await fakeServer({ chunkDelayMs: 40 })
    await s.app.listen({ host: '127.0.0.1', port: 0 })
    const port = (s.app.server.address() as AddressInfo).port
    const response = fetch(`http://127.0.0.1:${port}/v1/audio/speech`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'tts-1',
        input: LONG_TEXT,
        response_format: 'pcm',
        stream_format: 'audio',
      }),
    }).then((r) => r.arrayBuffer())
    await s.mynah.started()
    await s.app.close()
    expect(s.mynah.signals.at(-1)?.aborted).toBe(true)
    expect(
      String((s.mynah.signals.at(-1)?.reason as { details?: { reason?: string } })?.details?.reason),
    ).toMatch(/shutting down/)
    // The client sees a cut stream: less audio than the 40 sentences would make.
    const bytes = await response.then((b) => b.byteLength).catch(() => 0)
    expect(bytes).toBeLessThan(40 * 20 * 0.06 * 24_000 * 2)
  })
})
