/**
 * One configuration interface with one default, merged once. Sources, highest precedence
 * first: CLI flags, MYNAH_* environment variables, the config file `<home>/config.json`,
 * then DEFAULT_CONFIG. The data dir itself comes from MYNAH_HOME (or --home), default ~/.mynah.
 */
import { readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { MynahError } from './errors.js'
import { DEVICES, type Device } from './types.js'

export interface MynahConfig {
  /** Data dir: voices, models, caches, glossary, config file. */
  home: string
  host: string
  port: number
  engine: string
  device: Device
  fp16: boolean
  /** Concurrent syntheses; 0 = let the planner decide. */
  maxConcurrency: number
  /** Requests allowed to wait; beyond it requests fail fast with E_BUSY. */
  queueSize: number
  /** Longest text accepted by one request, in characters (longer is E_TEXT_TOO_LONG). */
  maxTextChars: number
  /** Largest upload (reference clips), in bytes. */
  maxUploadBytes: number
  /** Output sample rate in Hz. */
  sampleRate: number
  /** Default segment budget (IndexTTS2 max_text_tokens_per_segment). */
  maxTokensPerSegment: number
  /** Seconds an idle neural model stays loaded. */
  keepAliveSeconds: number
  /** Per-request timeout in seconds. */
  requestTimeoutSeconds: number
  /** Bearer token required on every route but /healthz when set. */
  apiKey: string
  /** CORS origin to allow; empty = CORS off. */
  cors: string
}

export const DEFAULT_CONFIG: Readonly<Omit<MynahConfig, 'home'>> = {
  host: '127.0.0.1',
  port: 7860,
  engine: 'builtin',
  device: 'cpu',
  fp16: false,
  maxConcurrency: 0,
  queueSize: 16,
  maxTextChars: 2_000_000,
  maxUploadBytes: 20 * 1024 * 1024,
  sampleRate: 24_000,
  maxTokensPerSegment: 120,
  keepAliveSeconds: 300,
  requestTimeoutSeconds: 600,
  apiKey: '',
  cors: '',
}

type Kind = 'string' | 'integer' | 'boolean' | 'device'

/** The environment-variable registry: every MYNAH_* variable with its help text (shown by `mynah doctor`). */
export const ENV_VARS: readonly { name: string; key: keyof MynahConfig; kind: Kind; help: string }[] = [
  { name: 'MYNAH_HOME', key: 'home', kind: 'string', help: 'Data dir (default ~/.mynah).' },
  { name: 'MYNAH_HOST', key: 'host', kind: 'string', help: 'Address the server binds (default 127.0.0.1).' },
  { name: 'MYNAH_PORT', key: 'port', kind: 'integer', help: 'Server port (default 7860).' },
  { name: 'MYNAH_ENGINE', key: 'engine', kind: 'string', help: 'Engine id (default builtin).' },
  { name: 'MYNAH_DEVICE', key: 'device', kind: 'device', help: 'cpu, webgpu or cuda (default cpu).' },
  { name: 'MYNAH_FP16', key: 'fp16', kind: 'boolean', help: 'Run neural stages in fp16 where possible.' },
  { name: 'MYNAH_MAX_CONCURRENCY', key: 'maxConcurrency', kind: 'integer', help: '0 = planner decides.' },
  { name: 'MYNAH_QUEUE_SIZE', key: 'queueSize', kind: 'integer', help: 'Waiting requests before E_BUSY.' },
  { name: 'MYNAH_MAX_TEXT_CHARS', key: 'maxTextChars', kind: 'integer', help: 'Longest text per request.' },
  {
    name: 'MYNAH_MAX_UPLOAD_BYTES',
    key: 'maxUploadBytes',
    kind: 'integer',
    help: 'Largest upload in bytes.',
  },
  {
    name: 'MYNAH_SAMPLE_RATE',
    key: 'sampleRate',
    kind: 'integer',
    help: 'Output sample rate (default 24000).',
  },
  {
    name: 'MYNAH_MAX_TOKENS_PER_SEGMENT',
    key: 'maxTokensPerSegment',
    kind: 'integer',
    help: 'Segment budget (default 120).',
  },
  {
    name: 'MYNAH_KEEP_ALIVE',
    key: 'keepAliveSeconds',
    kind: 'integer',
    help: 'Idle seconds before unloading.',
  },
  {
    name: 'MYNAH_REQUEST_TIMEOUT',
    key: 'requestTimeoutSeconds',
    kind: 'integer',
    help: 'Per-request timeout (s).',
  },
  { name: 'MYNAH_API_KEY', key: 'apiKey', kind: 'string', help: 'Bearer token required by the server.' },
  { name: 'MYNAH_CORS', key: 'cors', kind: 'string', help: 'Allowed CORS origin (default: CORS off).' },
]

function parseValue(key: string, kind: Kind, raw: unknown): unknown {
  const bad = (detail: string): never => {
    throw new MynahError('E_CONFIG_INVALID', { key, detail })
  }
  switch (kind) {
    case 'string':
      return typeof raw === 'string' ? raw : bad(`expected a string, got ${JSON.stringify(raw)}`)
    case 'integer': {
      const n = typeof raw === 'number' ? raw : Number(String(raw).trim())
      return Number.isInteger(n) && n >= 0
        ? n
        : bad(`expected a non-negative integer, got ${JSON.stringify(raw)}`)
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return raw
      const s = String(raw).trim().toLowerCase()
      if (['1', 'true', 'yes', 'on'].includes(s)) return true
      if (['0', 'false', 'no', 'off', ''].includes(s)) return false
      return bad(`expected true or false, got ${JSON.stringify(raw)}`)
    }
    case 'device':
      return DEVICES.includes(raw as Device)
        ? raw
        : bad(`expected one of ${DEVICES.join(', ')}, got ${JSON.stringify(raw)}`)
  }
}

function kindOf(key: keyof MynahConfig): Kind {
  return ENV_VARS.find((v) => v.key === key)?.kind ?? 'string'
}

export function defaultHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.MYNAH_HOME ? resolve(env.MYNAH_HOME) : join(homedir(), '.mynah')
}

export interface LoadConfigOptions {
  /** Values from CLI flags (already named as config keys); undefined entries are ignored. */
  flags?: Partial<MynahConfig>
  env?: NodeJS.ProcessEnv
}

function readConfigFile(home: string): Partial<Record<keyof MynahConfig, unknown>> {
  const file = join(home, 'config.json')
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return {}
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new MynahError('E_CONFIG_INVALID', { key: file, detail: (error as Error).message })
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new MynahError('E_CONFIG_INVALID', { key: file, detail: 'expected a JSON object' })
  }
  return parsed as Partial<Record<keyof MynahConfig, unknown>>
}

/** Merge defaults < config file < environment < flags, validating every value once. */
export function loadConfig(options: LoadConfigOptions = {}): MynahConfig {
  const env = options.env ?? process.env
  const flags = options.flags ?? {}
  const home = flags.home ? resolve(flags.home) : defaultHome(env)
  const merged: Record<string, unknown> = { ...DEFAULT_CONFIG }

  const known = new Set(Object.keys(DEFAULT_CONFIG))
  for (const [key, value] of Object.entries(readConfigFile(home))) {
    if (!known.has(key))
      throw new MynahError('E_CONFIG_INVALID', { key, detail: 'unknown setting in config.json' })
    merged[key] = parseValue(key, kindOf(key as keyof MynahConfig), value)
  }
  for (const v of ENV_VARS) {
    if (v.key === 'home') continue
    const raw = env[v.name]
    if (raw !== undefined && raw !== '') merged[v.key] = parseValue(v.name, v.kind, raw)
  }
  for (const [key, value] of Object.entries(flags)) {
    if (value === undefined || key === 'home') continue
    merged[key] = parseValue(`--${key}`, kindOf(key as keyof MynahConfig), value)
  }
  merged.home = home
  return merged as unknown as MynahConfig
}
