/**
 * Random request bodies for the fuzz tests: random JSON of every type, huge strings, wrong
 * content types, broken and random multipart, and valid bodies with one field changed (so
 * the handlers are reached, not only the parsers). Seeded for replay.
 */
import type { FastifyInstance } from 'fastify'
import { expect } from 'vitest'
import { toneWav } from './util.js'

/** mulberry32: small, fast, good enough to pick fuzz cases reproducibly. */
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const ROUTES: Record<string, string[]> = {
  '/v1/audio/speech': [
    'model',
    'input',
    'voice',
    'response_format',
    'speed',
    'stream_format',
    'emotion',
    'emotion_alpha',
    'lang',
    'reference_voice',
    'instructions',
  ],
  '/api/synthesize': [
    'text',
    'voice',
    'emotion_mode',
    'emotion',
    'emotion_alpha',
    'emotion_text',
    'emotion_random',
    'speed',
    'interval_silence',
    'max_text_tokens_per_segment',
    'format',
    'stream',
    'params',
    'temperature',
    'top_k',
    'sample_rate',
  ],
  '/api/voices': ['name'],
  '/api/text/segments': ['text', 'lang', 'max_tokens'],
}

/** A valid body per route; the fuzzer also sends these with one field changed. */
const VALID: Record<string, Record<string, unknown>> = {
  '/v1/audio/speech': { model: 'tts-1', input: 'Hello there.', voice: 'alloy', response_format: 'pcm' },
  '/api/synthesize': { text: '你好。Hello.', format: 'pcm' },
  '/api/voices': { name: 'fuzzy' },
  '/api/text/segments': { text: '你好。Hello.' },
}

const GOOD_VALUES: Record<string, unknown[]> = {
  model: ['tts-1', 'mynah', 'builtin'],
  voice: ['alloy', 'xiaoyu', { id: 'kal' }],
  response_format: ['wav', 'pcm', 'aac', 'mp3'],
  format: ['wav', 'pcm'],
  stream_format: ['sse', 'audio'],
  emotion: [{ happy: 0.5 }, [0, 0, 0, 0, 0, 0, 0, 1]],
  emotion_mode: ['speaker', 'audio', 'vector', 'text'],
  lang: ['auto', 'zh', 'en'],
  stream: [true, false],
}

export interface FuzzRequest {
  payload: string | Buffer
  headers: Record<string, string>
}

export function makeFuzzer(seed: number): (url: string, fields: string[]) => FuzzRequest {
  const random = rng(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T
  const int = (n: number) => Math.floor(random() * n)

  function randomString(): string {
    switch (int(8)) {
      case 0:
        return ''
      case 1:
        return 'x'.repeat(int(5000)) // often over the 2000-char limit
      case 2:
        return '你好，世界。'.repeat(int(50) + 1)
      case 3:
        return String.fromCharCode(...Array.from({ length: int(40) }, () => int(0x10000)))
      case 4:
        return '\u0000\u0007\u001b[31m\r\n\t'
      case 5:
        return '😀🎤 emoji 🇨🇳'
      case 6:
        return '../../../etc/passwd'
      default:
        return 'Hello there. 今天天气很好！'
    }
  }

  function randomValue(depth = 0): unknown {
    switch (int(depth > 2 ? 6 : 8)) {
      case 0:
        return null
      case 1:
        return random() < 0.5
      case 2:
        return pick([0, -1, 1e308, -1e308, 0.5, 1.5, 2 ** 53, -0.000001])
      case 3:
        return randomString()
      case 4:
        return int(100)
      case 5:
        return pick(['NaN', 'true', '1', '[]', '{}'])
      case 6:
        return Array.from({ length: int(10) }, () => randomValue(depth + 1))
      default:
        return Object.fromEntries(
          Array.from({ length: int(6) }, () => [
            pick(['a', '__proto__', 'constructor', randomString().slice(0, 10)]),
            randomValue(depth + 1),
          ]),
        )
    }
  }

  function fieldObject(fields: string[]): Record<string, unknown> {
    const body: Record<string, unknown> = {}
    for (const f of fields) {
      if (random() < 0.4) continue
      const good = GOOD_VALUES[f]
      body[f] = good && random() < 0.5 ? pick(good) : randomValue()
    }
    return body
  }

  function multipart(fields: string[]): { payload: Buffer; contentType: string } {
    const boundary = `----fuzz${int(1e9)}`
    const parts: Buffer[] = []
    const n = int(6)
    for (let i = 0; i < n; i++) {
      const name =
        random() < 0.7 ? pick([...fields, 'reference', 'emotion_audio', 'clip']) : randomString().slice(0, 20)
      const isFile = random() < 0.4
      const content = isFile
        ? random() < 0.5
          ? Buffer.from(toneWav(random() * 0.5))
          : Buffer.from(Array.from({ length: int(3000) }, () => int(256)))
        : Buffer.from(String(randomValue()))
      const disposition = isFile
        ? `form-data; name="${name}"; filename="${pick(['a.wav', '../../x', '', 'x\u0000y'])}"`
        : `form-data; name="${name}"`
      parts.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n\r\n`),
        content,
        Buffer.from('\r\n'),
      )
    }
    if (random() < 0.7) parts.push(Buffer.from(`--${boundary}--\r\n`))
    let payload = Buffer.concat(parts)
    if (random() < 0.3) payload = payload.subarray(0, int(payload.length + 1)) // truncated
    return { payload, contentType: `multipart/form-data; boundary=${boundary}` }
  }

  function mutated(url: string, fields: string[]): Record<string, unknown> {
    const body = { ...VALID[url] }
    const field = pick(fields)
    if (random() < 0.2) delete body[field]
    else body[field] = GOOD_VALUES[field] && random() < 0.5 ? pick(GOOD_VALUES[field]) : randomValue()
    return body
  }

  function validMultipart(url: string, fields: string[]): { payload: Buffer; contentType: string } {
    const boundary = `----ok${int(1e9)}`
    const body = mutated(url, fields)
    const parts: Buffer[] = []
    for (const [k, v] of Object.entries(body))
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${typeof v === 'string' ? v : JSON.stringify(v)}\r\n`,
        ),
      )
    const file = url === '/api/voices' ? 'clip' : pick(['reference', 'emotion_audio'])
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file}"; filename="x"\r\n\r\n`),
      Buffer.from(toneWav(0.2 + random())),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    )
    return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` }
  }

  function randomRequest(
    url: string,
    fields: string[],
  ): { payload: string | Buffer; headers: Record<string, string> } {
    switch (int(10)) {
      case 7:
      case 8:
        return {
          payload: JSON.stringify(mutated(url, fields)),
          headers: { 'content-type': 'application/json' },
        }
      case 9: {
        const { payload, contentType } = validMultipart(url, fields)
        return { payload, headers: { 'content-type': contentType } }
      }
      case 0:
        return { payload: JSON.stringify(randomValue()), headers: { 'content-type': 'application/json' } }
      case 1:
      case 2:
        return {
          payload: JSON.stringify(fieldObject(fields)),
          headers: { 'content-type': 'application/json' },
        }
      case 3: {
        const text = JSON.stringify(fieldObject(fields))
        return { payload: text.slice(0, int(text.length)), headers: { 'content-type': 'application/json' } }
      }
      case 4:
        return {
          payload: randomString(),
          headers: {
            'content-type': pick([
              'text/plain',
              'application/xml',
              'application/x-www-form-urlencoded',
              'application/octet-stream',
              'multipart/form-data',
              'application/json; charset=latin1',
              'audio/wav',
            ]),
          },
        }
      case 5: {
        const { payload, contentType } = multipart(fields)
        return { payload, headers: { 'content-type': contentType } }
      }
      default:
        return { payload: Buffer.from(Array.from({ length: int(500) }, () => int(256))), headers: {} }
    }
  }

  return randomRequest
}

export const BODIES_PER_ROUTE = 200
export const SEED = Number(process.env.FUZZ_SEED ?? 20_260_101)

/** Send the bodies to one route and check every answer; returns the status histogram. */
export async function runFuzz(
  app: FastifyInstance,
  url: string,
  /** requireSuccess: the mix must reach a 2xx (off where valid bodies need real speech, e.g. voice uploads to the real library). */
  options: { seed?: number; allowed5xx?: readonly string[]; requireSuccess?: boolean } = {},
): Promise<Map<number, number>> {
  const seed = options.seed ?? SEED
  const allowed5xx = options.allowed5xx ?? ['E_BUSY']
  const randomRequest = makeFuzzer(seed)
  const fields = ROUTES[url] ?? []
  const statuses = new Map<number, number>()
  for (let i = 0; i < BODIES_PER_ROUTE; i++) {
    const { payload, headers } = randomRequest(url, fields)
    const res = await app.inject({ method: 'POST', url, payload, headers })
    statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1)
    const context = `#${i} ${headers['content-type']} ${String(payload).slice(0, 200)} -> ${res.payload.slice(0, 300)}`
    if (res.statusCode >= 500) {
      expect(res.statusCode, context).toBe(503)
      expect(allowed5xx, context).toContain(res.json().error.code)
    }
    if (res.statusCode >= 400) expect(res.json().error.code, context).toMatch(/^E_[A-Z_]+$/)
  }
  console.log(`${url}: statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`)
  // The mix reaches both the handlers (2xx) and every kind of rejection.
  if (options.requireSuccess ?? true) expect([...statuses.keys()].some((code) => code < 300)).toBe(true)
  expect([...statuses.keys()].some((code) => code >= 400)).toBe(true)
  const health = await app.inject({ method: 'GET', url: '/healthz' })
  expect(health.statusCode).toBe(200)
  return statuses
}
