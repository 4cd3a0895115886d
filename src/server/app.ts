/**
 * The HTTP server: one fastify instance serving the web UI, the OpenAI-compatible speech
 * API and mynah's own API, all over one Mynah library instance. Routes hold no synthesis
 * logic: they parse, validate (JSON Schema, compiled at boot), call mynah, encode at the
 * edge and stream. Returns a ready (not listening) instance; call listen() or inject().
 */
import fastifyCors from '@fastify/cors'
import fastifyMultipart from '@fastify/multipart'
import Fastify, { type FastifyInstance } from 'fastify'
import type { Mynah } from '../runtime/api.js'
import { installAuth } from './auth.js'
import type { RouteContext } from './context.js'
import { installErrorHandling } from './errors.js'
import { createMetrics, installMetrics } from './metrics.js'
import { resolveServerOptions, type ServerOptions } from './options.js'
import { healthRoutes } from './routes/health.js'
import { metricsRoutes } from './routes/metrics.js'
import { openaiRoutes } from './routes/openai.js'
import { synthesizeRoutes } from './routes/synthesize.js'
import { systemRoutes } from './routes/system.js'
import { textRoutes } from './routes/text.js'
import { voiceRoutes } from './routes/voices.js'
import { installInflight } from './stream.js'
import { webRoutes } from './web.js'

export type { ServerOptions } from './options.js'

export async function buildServer(mynah: Mynah, options: ServerOptions = {}): Promise<FastifyInstance> {
  const resolved = resolveServerOptions(mynah, options)
  const app = Fastify({
    logger: resolved.logger,
    bodyLimit: resolved.jsonBodyLimit,
    // Reject unknown fields where a schema says additionalProperties: false, instead of
    // silently dropping them (fastify's default), so typos in field names are reported.
    ajv: {
      customOptions: {
        removeAdditional: false,
        coerceTypes: 'array',
        useDefaults: true,
        allErrors: false,
        allowUnionTypes: true,
      },
    },
    // Streaming answers can be long; the per-request timeout belongs to the scheduler.
    requestTimeout: 0,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  })
  // Set to a fresh Map per request by the form preValidation hook of routes that take uploads.
  app.decorateRequest('uploads', null as never)
  installInflight(app)

  const metrics = createMetrics(mynah)
  const ctx: RouteContext = { mynah, options: resolved, metrics }

  installErrorHandling(app, { bodyLimit: resolved.jsonBodyLimit })
  installMetrics(app, metrics)
  if (resolved.corsOrigins.length > 0) {
    await app.register(fastifyCors, {
      origin: resolved.corsOrigins.includes('*') ? '*' : [...resolved.corsOrigins],
      methods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
      allowedHeaders: ['authorization', 'content-type'],
      exposedHeaders: ['x-mynah-duration', 'x-mynah-segments', 'retry-after'],
      maxAge: 600,
    })
  }
  installAuth(app, resolved.apiKey)
  await app.register(fastifyMultipart, {
    throwFileSizeLimit: true,
    limits: { fileSize: resolved.maxUploadBytes, fieldSize: resolved.fieldSizeLimit },
  })

  await healthRoutes(app)
  await openaiRoutes(app, ctx)
  await synthesizeRoutes(app, ctx)
  await voiceRoutes(app, ctx)
  await textRoutes(app, ctx)
  await systemRoutes(app, ctx)
  await metricsRoutes(app, ctx)
  await webRoutes(app, resolved.webRoot)

  // Compiles every route schema now: a bad schema fails here, at boot.
  await app.ready()
  return app
}
