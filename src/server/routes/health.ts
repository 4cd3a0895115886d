/** GET /healthz: the process is up and answering (no auth, no engine call, so it never blocks). */
import type { FastifyInstance } from 'fastify'
import { VERSION } from '../../core/version.js'

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/healthz',
    {
      schema: {
        response: {
          200: {
            type: 'object',
            properties: { status: { type: 'string' }, version: { type: 'string' } },
          },
        },
      },
    },
    async () => ({ status: 'ok', version: VERSION }),
  )
}
