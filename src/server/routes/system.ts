/** GET /api/system: hardware, engine, memory and queue (mynah.system()), plus the server's own limits. */
import type { FastifyInstance } from 'fastify'
import type { RouteContext } from '../context.js'
import { errorResponses } from '../schemas.js'

export async function systemRoutes(app: FastifyInstance, ctx: RouteContext): Promise<void> {
  const { mynah, options } = ctx
  app.get('/api/system', { schema: { response: errorResponses } }, async () => ({
    ...(await mynah.system()),
    server: {
      auth: options.apiKey !== '',
      cors: options.corsOrigins,
      maxUploadBytes: options.maxUploadBytes,
      maxTextChars: options.maxTextChars,
      ui: options.webRoot !== null,
    },
  }))
}
