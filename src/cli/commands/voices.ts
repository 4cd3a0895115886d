/**
 * `mynah voices list [--json]`: built-in voices (language, gender, licence) and saved voices.
 * `mynah voices add NAME CLIP`: save a reference clip (checked: decodable, has speech, not
 * clipped) so `--voice NAME` clones it. `mynah voices rm NAME|ID`.
 */
import type { Command } from 'commander'
import { loadConfig } from '../../core/config.js'
import type { Mynah } from '../../runtime/api.js'
import { formatTable, printJson, printLine } from '../output.js'
import { readClip } from '../read-clip.js'

async function withMynah<T>(home: string | undefined, work: (mynah: Mynah) => Promise<T>): Promise<T> {
  const config = loadConfig({ flags: { home } })
  const { createMynah } = await import('../../runtime/mynah.js')
  const mynah = createMynah(config)
  try {
    return await work(mynah)
  } finally {
    await mynah.close()
  }
}

async function add(name: string, clipPath: string, json: boolean, home: string | undefined): Promise<void> {
  await withMynah(home, async (mynah) => {
    const clip = await readClip(clipPath, 'CLIP', mynah.config.maxUploadBytes)
    const voice = await mynah.addVoice(name, clip)
    if (json) printJson(voice)
    else
      printLine(
        `saved voice ${voice.name} (id ${voice.id}); use it with --voice ${JSON.stringify(voice.name)}`,
      )
  })
}

async function remove(idOrName: string, json: boolean, home: string | undefined): Promise<void> {
  await withMynah(home, async (mynah) => {
    await mynah.removeVoice(idOrName)
    if (json) printJson({ removed: idOrName })
    else printLine(`removed voice ${idOrName}`)
  })
}

async function list(json: boolean, home: string | undefined): Promise<void> {
  await withMynah(home, async (mynah) => {
    const voices = await mynah.listVoices()
    if (json) {
      printJson(voices)
      return
    }
    printLine(
      formatTable(
        ['NAME', 'KIND', 'LANG', 'GENDER', 'LICENCE', 'DEFAULT', 'DESCRIPTION'],
        voices.map((v) => [
          v.name,
          v.kind === 'saved' ? `saved ${v.id}` : 'built-in',
          v.lang ?? '',
          v.gender ?? '',
          v.licence ?? '',
          v.isDefault ? 'yes' : '',
          v.description ?? (v.createdAt ? `saved ${v.createdAt}` : ''),
        ]),
      ),
    )
  })
}

export function register(program: Command): void {
  const voices = program.command('voices').description('list, save and remove voices')
  voices
    .command('list')
    .description('list built-in voices (language, gender, licence) and saved voices')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }, command: Command) => {
      const home = (command.optsWithGlobals() as { home?: string }).home
      await list(flags.json === true, home)
    })
  voices
    .command('add')
    .description('save a reference clip as a voice to clone (use it with --voice NAME)')
    .argument('<name>', 'voice name')
    .argument('<clip>', 'reference clip: wav, flac, mp3 or ogg; the first 15 s of speech are used')
    .option('--json', 'print JSON')
    .action(async (name: string, clip: string, flags: { json?: boolean }, command: Command) => {
      await add(name, clip, flags.json === true, (command.optsWithGlobals() as { home?: string }).home)
    })
  voices
    .command('rm')
    .description('remove a saved voice')
    .argument('<voice>', 'saved voice name or id')
    .option('--json', 'print JSON')
    .action(async (voice: string, flags: { json?: boolean }, command: Command) => {
      await remove(voice, flags.json === true, (command.optsWithGlobals() as { home?: string }).home)
    })
}
