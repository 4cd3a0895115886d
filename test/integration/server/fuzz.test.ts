/**
 * 200 random bodies to every POST route (see fuzz-bodies.ts): nothing a client sends may
 * produce a 5xx (503 E_BUSY excepted), every error answer is a JSON error with a code, and
 * the server still answers afterwards. Seeded, so a failure can be replayed (the seed is
 * printed). runFuzz is shared with the test against the real library (real-mynah.test.ts).
 */
import { afterAll, beforeAll, describe, it } from 'vitest'
import { BODIES_PER_ROUTE, ROUTES, runFuzz, SEED } from './fuzz-bodies.js'
import { fakeServer, type TestServer } from './util.js'

describe('fuzz: no 5xx from client input (fake library)', () => {
  let s: TestServer
  beforeAll(async () => {
    s = await fakeServer({ config: { maxTextChars: 2000, maxUploadBytes: 64 * 1024 } })
    console.log(`fuzz seed ${SEED} (replay with FUZZ_SEED=${SEED})`)
  })
  afterAll(() => s.close())

  for (const url of Object.keys(ROUTES)) {
    it(`POST ${url}: ${BODIES_PER_ROUTE} random bodies, no 5xx`, async () => {
      await runFuzz(s.app, url)
    })
  }
})
