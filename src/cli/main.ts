/**
 * The `mynah` command line: a thin layer over the library (see src/runtime/api.ts).
 * Commands live one per file in ./commands and are listed in ./commands/index.ts.
 */
import { Command, CommanderError } from 'commander'
import { MynahError } from '../core/errors.js'
import { VERSION } from '../core/version.js'
import { COMMANDS } from './commands/index.js'
import { reportError } from './output.js'

export async function buildProgram(): Promise<Command> {
  const program = new Command()
    .name('mynah')
    .description(
      'Local text-to-speech for Chinese and English: voice cloning, emotion control, web UI, HTTP API.',
    )
    .version(VERSION)
    .option('--home <dir>', 'data dir (default $MYNAH_HOME or ~/.mynah)')
    .showHelpAfterError()
    .exitOverride()
  for (const load of COMMANDS) (await load()).register(program)
  // Usage errors anywhere (nested subcommands too) throw instead of exiting, so main() maps them to exit 2.
  const override = (command: Command): void => {
    for (const c of command.commands) {
      c.exitOverride()
      override(c)
    }
  }
  override(program)
  return program
}

export async function main(argv: readonly string[]): Promise<number> {
  const json = argv.includes('--json')
  let program: Command
  try {
    program = await buildProgram()
  } catch (error) {
    return reportError(error, json)
  }
  try {
    await program.parseAsync([...argv], { from: 'user' })
    return typeof process.exitCode === 'number' ? process.exitCode : 0
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0
      if (error.code === 'commander.help' || error.exitCode === 0) return 0
      return 2
    }
    if (error instanceof MynahError || error instanceof Error) return reportError(error, json)
    return reportError(error, json)
  }
}
