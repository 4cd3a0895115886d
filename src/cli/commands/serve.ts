/**
 * `mynah serve`: the web UI, the OpenAI-compatible API and mynah's API on one port
 * (default 127.0.0.1:7860). Flags become config keys (loadConfig merges them over
 * MYNAH_* variables and config.json). An unknown engine id fails at boot; an engine that
 * cannot be created here leaves the server up and says why (503 E_ENGINE_NOT_READY on
 * synthesis). SIGINT/SIGTERM close the
 * server, then the library.
 */
import type { Command } from 'commander'
import { loadConfig, type MynahConfig } from '../../core/config.js'
import { MynahError } from '../../core/errors.js'
import type { Mynah } from '../../runtime/api.js'
import { printLine, warn } from '../output.js'

interface ServeFlags {
  host?: string
  port?: string
  engine?: string
  device?: string
  fp16?: boolean
  maxConcurrency?: string
  queueSize?: string
  apiKey?: string
  cors?: string
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]'])

/**
 * The library facade, or a stand-in that explains why synthesis is unavailable. An engine id
 * that is not in the registry is a configuration error and fails at boot (E_ENGINE_UNKNOWN);
 * an engine that exists but cannot be created here (missing weights, no runtime) leaves the
 * server up, answering 503 E_ENGINE_NOT_READY on synthesis.
 */
async function openMynah(config: MynahConfig): Promise<Mynah> {
  // Imported here, not at the top, so the CLI's other commands never load the engine code.
  const { engineEntry } = await import('../../engines/engine.js')
  const { createMynah } = await import('../../runtime/mynah.js')
  const { notReadyMynah } = await import('../../server/not-ready.js')
  engineEntry(config.engine)
  const mynah = createMynah(config)
  if ((await mynah.engines()).some((e) => e.id === config.engine)) return mynah
  await mynah.close()
  const reason = `engine ${config.engine} could not be created on this machine (see \`mynah doctor\`)`
  warn(`engine not ready: ${reason}`)
  return notReadyMynah(config, reason)
}

function urlOf(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host
  return `http://${shown.includes(':') && !shown.startsWith('[') ? `[${shown}]` : shown}:${port}`
}

/** Resolves when a shutdown signal arrives; a second signal exits at once. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let seen = false
    const on = (signal: NodeJS.Signals) => {
      if (seen) process.exit(130)
      seen = true
      resolve(signal)
    }
    process.on('SIGINT', on)
    process.on('SIGTERM', on)
  })
}

async function serve(flags: ServeFlags, home: string | undefined): Promise<void> {
  const config = loadConfig({
    flags: {
      home,
      host: flags.host,
      port: flags.port as unknown as number,
      engine: flags.engine,
      device: flags.device as MynahConfig['device'],
      fp16: flags.fp16,
      maxConcurrency: flags.maxConcurrency as unknown as number,
      queueSize: flags.queueSize as unknown as number,
      apiKey: flags.apiKey,
      cors: flags.cors,
    },
  })
  const mynah = await openMynah(config)
  const { buildServer } = await import('../../server/app.js')
  const app = await buildServer(mynah)
  let address: string
  try {
    address = await app.listen({ host: config.host, port: config.port })
  } catch (error) {
    await mynah.close()
    const code = (error as { code?: string })?.code
    throw new MynahError('E_CONFIG_INVALID', {
      key: 'host/port',
      detail: code === 'EADDRINUSE' ? `${config.host}:${config.port} is already in use` : String(error),
    })
  }
  const port = Number(new URL(address).port) || config.port
  const base = urlOf(config.host, port)
  printLine(`mynah serving on ${base}/  (web UI; OpenAI API at ${base}/v1, mynah API at ${base}/api)`)
  if (!LOOPBACK.has(config.host)) {
    warn(`listening on ${config.host}: anyone who can reach this machine can use the server.`)
    if (config.apiKey === '') warn('no API key is set; consider --api-key or MYNAH_API_KEY.')
  }
  const signal = await untilSignal()
  printLine(`mynah: ${signal}, shutting down`)
  await app.close()
  await mynah.close()
  // If something still holds the event loop (a native thread pool), do not hang forever.
  setTimeout(() => process.exit(process.exitCode ?? 0), 3000).unref()
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('serve the web UI, the OpenAI-compatible API and the mynah API')
    .option('--host <host>', 'address to bind (default 127.0.0.1; 0.0.0.0 opens it to the network)')
    .option('--port <port>', 'port (default 7860; 0 picks a free one)')
    .option('--engine <id>', 'engine id (default builtin)')
    .option('--device <device>', 'cpu, webgpu or cuda')
    .option('--fp16', 'run neural stages in fp16 where possible')
    .option('--max-concurrency <n>', 'concurrent syntheses (0 = the planner decides)')
    .option('--queue-size <n>', 'requests allowed to wait before 503 E_BUSY')
    .option('--api-key <key>', 'require Authorization: Bearer <key> on every API route but /healthz')
    .option('--cors <origin>', 'allow this CORS origin (comma-separated list, or *); default: CORS off')
    .action(async (flags: ServeFlags) => {
      await serve(flags, program.opts<{ home?: string }>().home)
    })
}
