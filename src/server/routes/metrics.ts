/** GET /metrics in Prometheus text format. */
import type { FastifyInstance } from 'fastify'
import type { RouteContext } from '../context.js'

export async function metricsRoutes(app: FastifyInstance, ctx: RouteContext): Promise<void> {
  const { registry } = ctx.metrics
  app.get('/metrics', async (_request, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()),
  )
}
