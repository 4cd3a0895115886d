/** The command table: one row per top-level command, each module registering itself with commander. */
import type { Command } from 'commander'

export interface CommandModule {
  register(program: Command): void
}

export const COMMANDS: readonly (() => Promise<CommandModule>)[] = [
  () => import('./serve.js'),
  () => import('./say.js'),
  () => import('./voices.js'),
  () => import('./text.js'),
  () => import('./doctor.js'),
  () => import('./models.js'),
]
