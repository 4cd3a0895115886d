/**
 * Runs once before the whole suite: tests that spawn the `mynah` bin need dist/ to match
 * src/. `npm test` builds first, so this only compiles (tsc, not the web UI) when dist is
 * missing or older than a source file — e.g. `npx vitest run <file>` after an edit.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { REPO_ROOT } from './helpers/env.js'

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

export default function setup(): void {
  const built = join(REPO_ROOT, 'dist', 'cli', 'main.js')
  if (existsSync(built) && statSync(built).mtimeMs >= newestMtime(join(REPO_ROOT, 'src'))) return
  try {
    execFileSync(
      process.execPath,
      [join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
      {
        cwd: REPO_ROOT,
        stdio: 'inherit',
      },
    )
  } catch {
    // tsc emits even with type errors (typecheck reports those); the bin below is what matters.
  }
  if (!existsSync(built)) throw new Error('tsc produced no dist/cli/main.js')
}
