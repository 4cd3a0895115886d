/** Running the `mynah` bin as a user would: `node bin/mynah.js ...` over dist/ (built by test/global-setup.ts). */
import { execFile } from 'node:child_process'
import { resolve } from 'node:path'
import { REPO_ROOT } from './env.js'

export const BIN = resolve(REPO_ROOT, 'bin', 'mynah.js')

export interface CliResult {
  code: number
  stdout: Buffer
  stderr: string
}

export interface CliOptions {
  /** MYNAH_HOME for the run. */
  home: string
  cwd?: string
  input?: string | Uint8Array
  env?: NodeJS.ProcessEnv
  timeoutMs?: number
}

export function runCli(args: readonly string[], options: CliOptions): Promise<CliResult> {
  return new Promise((resolvePromise) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: options.cwd ?? options.home,
        env: { ...process.env, ...options.env, MYNAH_HOME: options.home },
        encoding: 'buffer',
        maxBuffer: 64 * 1024 * 1024,
        timeout: options.timeoutMs ?? 110_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0
        resolvePromise({ code, stdout, stderr: stderr.toString() })
      },
    )
    child.stdin?.end(options.input ?? '')
  })
}
