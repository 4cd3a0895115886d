/**
 * Optional bearer-token auth: when an API key is configured, every API route but /healthz
 * needs `Authorization: Bearer <key>` (what the official OpenAI client sends for its
 * apiKey). The UI's static files stay public so the page can load and ask for the key;
 * they hold no data. Keys are compared in constant time over their sha256 digests, so
 * neither the content nor the length of the key leaks through timing.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { MynahError } from '../core/errors.js'

const PUBLIC_PATHS = new Set(['/healthz'])
/** API prefixes that always need the key; anything else is the static UI. */
const PROTECTED_PREFIXES = ['/v1/', '/api/', '/metrics']

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest()
}

export function keyMatches(expected: string, presented: string): boolean {
  return timingSafeEqual(digest(expected), digest(presented))
}

export function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization
  if (typeof header !== 'string') return undefined
  const match = /^Bearer[ \t]+(\S.*)$/i.exec(header.trim())
  return match?.[1]?.trim()
}

export function needsKey(method: string, path: string): boolean {
  if (method === 'OPTIONS') return false // CORS preflights never carry credentials
  if (PUBLIC_PATHS.has(path)) return false
  return PROTECTED_PREFIXES.some((p) => path === p.replace(/\/$/, '') || path.startsWith(p))
}

export function installAuth(app: FastifyInstance, apiKey: string): void {
  if (apiKey === '') return
  app.addHook('onRequest', async (request) => {
    // The matched route's template, not the raw URL: percent-encoded paths (/%61pi/...) route to
    // the same handler, and the template is what decides whether the key is needed.
    const path = request.routeOptions.url ?? request.url.split('?')[0] ?? '/'
    if (!needsKey(request.method, path)) return
    const presented = bearerOf(request)
    if (presented === undefined || !keyMatches(apiKey, presented)) throw new MynahError('E_UNAUTHORIZED')
  })
}
