/** `mynah serve` — placeholder until the HTTP server lands (issue 4). */
import type { Command } from 'commander'
import { printLine } from '../output.js'

export function register(program: Command): void {
  program
    .command('serve')
    .description('serve the web UI and HTTP API')
    .action(() => {
      printLine('mynah: engine not ready — the server is not built yet.')
    })
}
