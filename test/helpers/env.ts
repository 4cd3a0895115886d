/**
 * Shared test plumbing: where ../shared/testdata lives, and how a test that needs a system
 * tool behaves when it is missing (skip on a user's machine, fail under CI=true).
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const SHARED_TESTDATA = resolve(REPO_ROOT, '../shared/testdata')
export const IN_CI = process.env.CI === 'true' || process.env.CI === '1'

export function testdata(...parts: string[]): string {
  return resolve(SHARED_TESTDATA, ...parts)
}

function commandExists(command: string): boolean {
  if (command.includes('/')) return existsSync(command)
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/**
 * True when every tool (command name or absolute path) is present. Under CI a missing tool
 * throws, so the suite fails instead of silently skipping. Use with `describe.skipIf(!has)`.
 */
export function requireTools(...tools: string[]): boolean {
  const missing = tools.filter((t) => !commandExists(t))
  if (missing.length === 0) return true
  if (IN_CI) throw new Error(`CI=true but required tools are missing: ${missing.join(', ')}`)
  return false
}

/** Like requireTools, for the shared test data folder. */
export function requireTestdata(): boolean {
  if (existsSync(SHARED_TESTDATA)) return true
  if (IN_CI) throw new Error(`CI=true but ${SHARED_TESTDATA} is missing`)
  return false
}
