/**
 * Prometheus metrics for one server instance (its own registry, so tests can build many
 * servers in one process). Requests are labelled by route template, never the raw URL, to
 * keep label cardinality bounded. Queue and memory gauges are read from mynah.system()
 * when scraped.
 */
import type { FastifyInstance } from 'fastify'
import { Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { Mynah, SystemStatus } from '../runtime/api.js'

export interface ServerMetrics {
  readonly registry: Registry
  /** Seconds of audio a route produced (call once per finished response). */
  audioProduced(route: string, seconds: number): void
  /** One finished request. */
  requestDone(method: string, route: string, status: number, seconds: number): void
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120]

export function createMetrics(mynah: Mynah): ServerMetrics {
  const registry = new Registry()
  const requests = new Counter({
    name: 'mynah_http_requests_total',
    help: 'HTTP requests by method, route template and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  })
  const latency = new Histogram({
    name: 'mynah_http_request_duration_seconds',
    help: 'Time from request to the end of the response, by route template.',
    labelNames: ['method', 'route'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  })
  const audioSeconds = new Counter({
    name: 'mynah_audio_seconds_total',
    help: 'Seconds of audio produced, by route.',
    labelNames: ['route'] as const,
    registers: [registry],
  })
  // One mynah.system() per scrape: the four gauges below collect in the same tick and share it.
  let scrape: Promise<SystemStatus | undefined> | undefined
  const system = () => {
    scrape ??= mynah
      .system()
      .catch(() => undefined)
      .finally(() => {
        scrape = undefined
      })
    return scrape
  }
  new Gauge({
    name: 'mynah_queue_waiting',
    help: 'Requests waiting for admission (queue depth).',
    registers: [registry],
    async collect() {
      this.set((await system())?.queue.waiting ?? 0)
    },
  })
  new Gauge({
    name: 'mynah_queue_active',
    help: 'Syntheses running now.',
    registers: [registry],
    async collect() {
      this.set((await system())?.queue.active ?? 0)
    },
  })
  new Gauge({
    name: 'mynah_memory_reserved_bytes',
    help: 'Memory reserved by admitted requests and loaded models.',
    registers: [registry],
    async collect() {
      this.set((await system())?.memory.reservedBytes ?? 0)
    },
  })
  new Gauge({
    name: 'mynah_memory_budget_bytes',
    help: 'Memory budget the scheduler admits against.',
    registers: [registry],
    async collect() {
      this.set((await system())?.memory.budgetBytes ?? 0)
    },
  })
  new Gauge({
    name: 'mynah_process_resident_memory_bytes',
    help: 'Resident set size of the server process.',
    registers: [registry],
    collect() {
      this.set(process.memoryUsage.rss())
    },
  })
  return {
    registry,
    audioProduced(route, seconds) {
      if (Number.isFinite(seconds) && seconds > 0) audioSeconds.inc({ route }, seconds)
    },
    requestDone(method, route, status, seconds) {
      requests.inc({ method, route, status: String(status) })
      latency.observe({ method, route }, seconds)
    },
  }
}

export function installMetrics(app: FastifyInstance, metrics: ServerMetrics): void {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched'
    metrics.requestDone(request.method, route, reply.statusCode, reply.elapsedTime / 1000)
  })
}
