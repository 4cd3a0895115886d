/** The server over an engine that could not be created: it stays up, says why, and refuses synthesis with 503. */
import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../../../src/core/config.js'
import { buildServer } from '../../../src/server/app.js'
import { notReadyMynah } from '../../../src/server/not-ready.js'

describe('server with an engine that is not ready', () => {
  it('answers /healthz and refuses synthesis with 503 E_ENGINE_NOT_READY and the reason', async () => {
    const mynah = notReadyMynah({ ...DEFAULT_CONFIG, home: '/nonexistent' }, 'weights missing')
    const app = await buildServer(mynah, { webRoot: null })
    try {
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200)
      const res = await app.inject({
        method: 'POST',
        url: '/v1/audio/speech',
        payload: { model: 'tts-1', input: 'Hello.', voice: 'alloy' },
      })
      expect(res.statusCode).toBe(503)
      expect(res.json().error).toMatchObject({ code: 'E_ENGINE_NOT_READY' })
      expect(res.json().error.message).toContain('weights missing')
    } finally {
      await app.close()
    }
  })
})
