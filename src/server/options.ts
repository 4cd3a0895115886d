/** Server options: one interface, one default (taken from the Mynah instance's config), merged once. */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Mynah } from '../runtime/api.js'

export interface ServerOptions {
  /** Bearer token required on every API route but /healthz; '' = no auth. Default config.apiKey. */
  apiKey?: string
  /** CORS origin(s) to allow (comma-separated, or '*'); '' = CORS off. Default config.cors. */
  cors?: string
  /** Largest uploaded clip in bytes. Default config.maxUploadBytes. */
  maxUploadBytes?: number
  /** Folder holding the built web UI (index.html); null = no UI; undefined = find dist/web. */
  webRoot?: string | null
  /** Fastify's logger (pino) on or off. Default off: the CLI prints what matters. */
  logger?: boolean
}

export interface ResolvedServerOptions {
  readonly apiKey: string
  readonly corsOrigins: readonly string[]
  readonly maxUploadBytes: number
  /** The library's text limit (config.maxTextChars, enforced by the library), reported by /api/system. */
  readonly maxTextChars: number
  readonly webRoot: string | null
  readonly logger: boolean
  /** Limit for JSON bodies: the longest text in UTF-8 (4 bytes a character at worst) plus room for fields. */
  readonly jsonBodyLimit: number
  /** Limit for one multipart text field. */
  readonly fieldSizeLimit: number
}

const FIELD_ROOM = 64 * 1024

/** The built UI: dist/web next to dist/server when running the build, or ../../dist/web from src/server under tsx. */
export function findWebRoot(): string | null {
  const candidates = [new URL('../web/', import.meta.url), new URL('../../dist/web/', import.meta.url)]
  for (const url of candidates) {
    const dir = fileURLToPath(url)
    if (existsSync(`${dir}index.html`)) return dir
  }
  return null
}

export function resolveServerOptions(mynah: Mynah, options: ServerOptions = {}): ResolvedServerOptions {
  const config = mynah.config
  const maxUploadBytes = options.maxUploadBytes ?? config.maxUploadBytes
  const maxTextChars = config.maxTextChars
  const cors = (options.cors ?? config.cors).trim()
  const fieldSizeLimit = maxTextChars * 4 + FIELD_ROOM
  return {
    apiKey: options.apiKey ?? config.apiKey,
    corsOrigins: cors === '' ? [] : cors.split(',').map((o) => o.trim()),
    maxUploadBytes,
    maxTextChars,
    webRoot: options.webRoot === undefined ? findWebRoot() : options.webRoot,
    logger: options.logger ?? false,
    jsonBodyLimit: fieldSizeLimit,
    fieldSizeLimit,
  }
}
