/** How every command reports: results to stdout (text or --json), errors to stderr with their code. */
import { isMynahError, MynahError, toMynahError } from '../core/errors.js'

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`)
}

export function printLine(line = ''): void {
  process.stdout.write(`${line}\n`)
}

export function warn(message: string): void {
  process.stderr.write(`warning: ${message}\n`)
}

/** Print an error as `error E_CODE: message` (or JSON with --json) and return the exit status. */
export function reportError(error: unknown, json: boolean): number {
  const e = toMynahError(error)
  if (json) process.stderr.write(`${JSON.stringify({ error: e.toJSON() })}\n`)
  else process.stderr.write(`error ${e.code}: ${e.message}\n`)
  if (!isMynahError(error) && process.env.MYNAH_DEBUG)
    process.stderr.write(`${(error as Error)?.stack ?? ''}\n`)
  return e.code === 'E_INVALID_ARGUMENT' ? 2 : 1
}

export { formatTable } from '../core/table.js'

/** A flag value that must be one of `choices` (E_INVALID_ARGUMENT naming the flag otherwise). */
export function parseChoice<T extends string>(flag: string, value: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(value)) return value as T
  throw new MynahError('E_INVALID_ARGUMENT', {
    detail: `${flag} must be ${choices.join(', ')}, got ${JSON.stringify(value)}`,
  })
}
