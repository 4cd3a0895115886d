/** Limits, auth, CORS and the small routes (text preview, system, metrics, health, UI). */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fakeServer, form, type TestServer, tempHome, toneWav } from './util.js'

describe('limits', () => {
  let s: TestServer
  beforeAll(async () => {
    s = await fakeServer({ config: { maxTextChars: 1000, maxUploadBytes: 50_000 } })
  })
  afterAll(() => s.close())

  it('text over maxTextChars is 413 E_TEXT_TOO_LONG on every text route, before any synthesis', async () => {
    const text = '字'.repeat(1001)
    const before = s.mynah.requests.length
    for (const [url, payload] of [
      ['/v1/audio/speech', { model: 'tts-1', input: text }],
      ['/api/synthesize', { text }],
      ['/api/text/segments', { text }],
    ] as const) {
      const res = await s.app.inject({ method: 'POST', url, payload })
      expect(res.statusCode, url).toBe(413)
      expect(res.json().error).toMatchObject({
        code: 'E_TEXT_TOO_LONG',
        details: { length: 1001, limit: 1000 },
      })
    }
    expect(s.mynah.requests.length).toBe(before)
    const ok = await s.app.inject({
      method: 'POST',
      url: '/api/synthesize',
      payload: { text: '字'.repeat(1000) },
    })
    expect(ok.statusCode).toBe(200)
    // The limit counts characters (code points) as the library does, not UTF-16 units:
    // 600 emoji are 1 200 units but 600 characters, under the limit of 1 000.
    const emoji = await s.app.inject({
      method: 'POST',
      url: '/api/text/segments',
      payload: { text: '😀'.repeat(600) },
    })
    expect(emoji.statusCode).toBe(200)
  })

  it('a JSON body over the limit is 413 E_PAYLOAD_TOO_LARGE', async () => {
    // jsonBodyLimit = maxTextChars * 4 + 64 KiB
    const res = await s.app.inject({
      method: 'POST',
      url: '/api/synthesize',
      payload: { text: 'x', params: { pad: 'y'.repeat(100_000) } },
    })
    expect(res.statusCode).toBe(413)
    expect(res.json().error.code).toBe('E_PAYLOAD_TOO_LARGE')
  })

  it('an upload over maxUploadBytes is 413 E_PAYLOAD_TOO_LARGE', async () => {
    const body = await form({ text: 'hi' }, { reference: { bytes: toneWav(3, 16_000) } })
    const res = await s.app.inject({ method: 'POST', url: '/api/synthesize', ...body })
    expect(res.statusCode).toBe(413)
    expect(res.json().error.code).toBe('E_PAYLOAD_TOO_LARGE')
  })

  it('bodies of the wrong type are 415 or 400, never 500', async () => {
    const cases: [string | undefined, string, number][] = [
      ['application/xml', '<a/>', 415],
      ['text/plain', 'hello', 400],
      ['application/json', '{"text": ', 400],
      ['application/json', '[1,2,3]', 400],
      ['multipart/form-data', 'no boundary', 400],
      ['multipart/form-data; boundary=xyz', '--xyz\r\nbroken', 400],
    ]
    for (const [type, payload, status] of cases) {
      const res = await s.app.inject({
        method: 'POST',
        url: '/api/synthesize',
        headers: type ? { 'content-type': type } : {},
        payload,
      })
      expect(res.statusCode, `${type}: ${res.payload}`).toBe(status)
      expect(res.json().error.code).toMatch(/^E_/)
    }
  })

  it('unknown routes answer JSON 404 E_NOT_FOUND', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/api/nothing' })
    expect(res.statusCode).toBe(404)
    expect(res.json().error.code).toBe('E_NOT_FOUND')
  })
})

describe('api key', () => {
  let s: TestServer
  beforeAll(async () => {
    s = await fakeServer({}, { apiKey: 'sekret-key' })
  })
  afterAll(() => s.close())

  const routes: [string, string, unknown?][] = [
    ['GET', '/v1/models'],
    ['POST', '/v1/audio/speech', { model: 'tts-1', input: 'hi', response_format: 'pcm' }],
    ['POST', '/api/synthesize', { text: 'hi' }],
    ['GET', '/api/voices'],
    ['DELETE', '/api/voices/abc'],
    ['GET', '/api/text/segments?text=hi'],
    ['GET', '/api/system'],
    ['GET', '/metrics'],
  ]

  it('every API route needs the bearer key (401 E_UNAUTHORIZED), /healthz does not', async () => {
    for (const [method, url, payload] of routes) {
      for (const authorization of [
        undefined,
        'Bearer wrong',
        'Bearer sekret-key-longer',
        'sekret-key',
        'Basic c2VrcmV0',
      ]) {
        const res = await s.app.inject({
          method: method as 'GET',
          url,
          payload: payload as object,
          headers: authorization ? { authorization } : {},
        })
        expect(res.statusCode, `${method} ${url} ${authorization}`).toBe(401)
        expect(res.json().error.code).toBe('E_UNAUTHORIZED')
        expect(res.headers['www-authenticate']).toBe('Bearer')
      }
    }
    expect((await s.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200)
  })

  it('the right key opens every route (as the OpenAI client sends it)', async () => {
    for (const [method, url, payload] of routes) {
      const res = await s.app.inject({
        method: method as 'GET',
        url,
        payload: payload as object,
        headers: { authorization: 'Bearer sekret-key' },
      })
      expect(res.statusCode, `${method} ${url}`).not.toBe(401)
    }
  })

  it('percent-encoded paths cannot sneak past the check', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/%61pi/system' })
    expect(res.statusCode === 401 || res.statusCode === 404).toBe(true)
    expect(res.payload).not.toMatch(/rssBytes/)
  })
})

describe('CORS', () => {
  it('is off by default: no Access-Control headers', async () => {
    const s = await fakeServer()
    const res = await s.app.inject({
      method: 'GET',
      url: '/api/system',
      headers: { origin: 'https://evil.example' },
    })
    expect(res.headers['access-control-allow-origin']).toBeUndefined()
    const pre = await s.app.inject({
      method: 'OPTIONS',
      url: '/v1/audio/speech',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    })
    expect(pre.headers['access-control-allow-origin']).toBeUndefined()
    await s.close()
  })

  it('--cors ORIGIN allows that origin only, and preflights pass without the key', async () => {
    const s = await fakeServer({}, { cors: 'https://app.example', apiKey: 'k' })
    const ok = await s.app.inject({
      method: 'GET',
      url: '/api/system',
      headers: { origin: 'https://app.example', authorization: 'Bearer k' },
    })
    expect(ok.headers['access-control-allow-origin']).toBe('https://app.example')
    const other = await s.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { origin: 'https://evil.example' },
    })
    expect(other.headers['access-control-allow-origin']).toBeUndefined()
    const pre = await s.app.inject({
      method: 'OPTIONS',
      url: '/v1/audio/speech',
      headers: {
        origin: 'https://app.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    })
    expect(pre.statusCode).toBe(204)
    expect(pre.headers['access-control-allow-origin']).toBe('https://app.example')
    expect(String(pre.headers['access-control-allow-headers'])).toMatch(/authorization/)
    await s.close()
  })
})

describe('small routes', () => {
  let s: TestServer
  beforeAll(async () => {
    s = await fakeServer()
  })
  afterAll(() => s.close())

  it('GET and POST /api/text/segments preview segments and token counts', async () => {
    const get = await s.app.inject({
      method: 'GET',
      url: `/api/text/segments?text=${encodeURIComponent('你好。Hello there!')}&lang=auto&max_tokens=50`,
    })
    expect(get.statusCode).toBe(200)
    expect(get.json()).toEqual({
      segments: [
        { index: 0, text: '你好。', tokens: 3, langs: ['zh'] },
        { index: 1, text: 'Hello there!', tokens: 11, langs: ['en'] },
      ],
      total_tokens: 14,
      warnings: [],
    })
    const post = await s.app.inject({
      method: 'POST',
      url: '/api/text/segments',
      payload: { text: 'abcdefghij.', max_tokens: 4 },
    })
    expect(post.json().segments.map((x: { text: string }) => x.text)).toEqual(['abcd', 'efgh', 'ij.'])
    const bad = await s.app.inject({ method: 'GET', url: '/api/text/segments?text=x&max_tokens=zero' })
    expect(bad.statusCode).toBe(400)
    const missing = await s.app.inject({ method: 'GET', url: '/api/text/segments' })
    expect(missing.statusCode).toBe(400)
  })

  it('GET /api/system reports engine, memory, queue and the server limits', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/api/system' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      engine: { id: 'builtin', loaded: true },
      memory: { budgetBytes: 8 * 2 ** 30 },
      queue: { waiting: 0 },
      server: { auth: false, cors: [], ui: false },
    })
  })

  it('GET /metrics counts requests by route, latency, audio seconds, queue depth and RSS', async () => {
    await s.app.inject({
      method: 'POST',
      url: '/v1/audio/speech',
      payload: { model: 'tts-1', input: 'abcde.', response_format: 'pcm' },
    })
    await s.app.inject({ method: 'GET', url: '/no/such/route/123' })
    const calls = s.mynah.systemCalls
    const res = await s.app.inject({ method: 'GET', url: '/metrics' })
    expect(res.statusCode).toBe(200)
    expect(s.mynah.systemCalls - calls).toBe(1) // one status read per scrape, shared by the gauges
    expect(res.headers['content-type']).toMatch(/^text\/plain/)
    const text = res.payload
    expect(text).toMatch(
      /mynah_http_requests_total\{method="POST",route="\/v1\/audio\/speech",status="200"\} 1/,
    )
    expect(text).toMatch(/mynah_http_requests_total\{method="GET",route="unmatched",status="404"\} 1/)
    expect(text).not.toMatch(/no\/such\/route/)
    expect(text).toMatch(
      /mynah_http_request_duration_seconds_bucket\{le="0.1",method="POST",route="\/v1\/audio\/speech"\}/,
    )
    expect(text).toMatch(/mynah_audio_seconds_total\{route="\/v1\/audio\/speech"\} 0\.36/)
    expect(text).toMatch(/mynah_queue_waiting 0/)
    expect(text).toMatch(/mynah_process_resident_memory_bytes [1-9]\d+/)
  })

  it('GET /healthz is ok', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/healthz' })
    expect(res.statusCode).toBe(200)
    expect(res.json().status).toBe('ok')
  })

  it('without a built UI, / says how to build it', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/' })
    expect(res.statusCode).toBe(200)
    expect(res.payload).toMatch(/npm run build/)
  })
})

describe('web UI files', () => {
  it('serves the built UI at / and its assets, and nothing outside it', async () => {
    const home = tempHome()
    const web = join(home.dir, 'web')
    mkdirSync(join(web, 'assets'), { recursive: true })
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>mynah ui</title>')
    writeFileSync(join(web, 'assets', 'app-abc123.js'), 'console.log(1)')
    writeFileSync(join(home.dir, 'secret.txt'), 'secret')
    const s = await fakeServer({}, { webRoot: web, apiKey: 'k' })
    const index = await s.app.inject({ method: 'GET', url: '/' })
    expect(index.statusCode).toBe(200)
    expect(index.payload).toMatch(/mynah ui/)
    expect(index.headers['cache-control']).toBe('no-cache')
    const asset = await s.app.inject({ method: 'GET', url: '/assets/app-abc123.js' })
    expect(asset.statusCode).toBe(200)
    expect(asset.headers['cache-control']).toMatch(/immutable/)
    for (const url of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt'])
      expect((await s.app.inject({ method: 'GET', url })).payload).not.toMatch(/secret$/)
    await s.close()
    home.cleanup()
  })
})
