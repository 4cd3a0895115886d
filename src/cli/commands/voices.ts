/** `mynah voices list [--json]`: the built-in voices with language, gender and licence. */
import type { Command } from 'commander'
import { loadConfig } from '../../core/config.js'
import { formatTable, printJson, printLine } from '../output.js'

async function list(json: boolean, home: string | undefined): Promise<void> {
  const config = loadConfig({ flags: { home } })
  const { createMynah } = await import('../../runtime/mynah.js')
  const mynah = createMynah(config)
  try {
    const voices = await mynah.listVoices()
    const defaults = new Set(
      (await mynah.engines()).flatMap((e) => e.voices.filter((v) => v.isDefault).map((v) => v.name)),
    )
    if (json) {
      printJson(voices.map((v) => ({ ...v, default: defaults.has(v.name) })))
      return
    }
    printLine(
      formatTable(
        ['NAME', 'LANG', 'GENDER', 'LICENCE', 'DEFAULT', 'DESCRIPTION'],
        voices.map((v) => [
          v.name,
          v.lang ?? '',
          v.gender ?? '',
          v.licence ?? '',
          defaults.has(v.name) ? 'yes' : '',
          v.description ?? '',
        ]),
      ),
    )
  } finally {
    await mynah.close()
  }
}

export function register(program: Command): void {
  const voices = program.command('voices').description('list the voices')
  voices
    .command('list')
    .description('list built-in voices with language, gender and licence')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }, command: Command) => {
      const home = (command.optsWithGlobals() as { home?: string }).home
      await list(flags.json === true, home)
    })
}
