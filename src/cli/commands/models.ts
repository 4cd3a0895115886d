/**
 * `mynah models list | pull NAME | verify NAME | rm NAME`: the model store. Pull shows a
 * progress bar on stderr when it is a terminal (one line per file otherwise), waits for
 * another pull of the same model unless --no-wait, and honours HF_ENDPOINT and HF_TOKEN.
 */
import type { Command } from 'commander'
import { loadConfig } from '../../core/config.js'
import { formatBytes } from '../../runtime/hardware/units.js'
import { ModelStore, type PullProgress } from '../../runtime/store/store.js'
import { formatTable, printJson, printLine } from '../output.js'

interface Global {
  home?: string
}

function storeFor(command: Command): ModelStore {
  const home = (command.optsWithGlobals() as Global).home
  return new ModelStore(loadConfig({ flags: { home } }).home)
}

/** A one-line bar redrawn in place on a terminal, at most ten times a second. */
function progressBar(stream: NodeJS.WriteStream): { update: (p: PullProgress) => void; done: () => void } {
  let last = 0
  let lastFile = ''
  let drawn = false
  return {
    update(p) {
      const now = Date.now()
      if (!stream.isTTY) {
        if (p.file !== lastFile) stream.write(`fetching ${p.file} (${p.fileIndex + 1}/${p.fileCount})\n`)
        lastFile = p.file
        return
      }
      if (now - last < 100 && p.fileBytes !== p.fileTotal) return
      last = now
      const fraction = p.totalBytes > 0 ? Math.min(1, p.doneBytes / p.totalBytes) : 0
      const width = 24
      const filled = Math.round(fraction * width)
      const bar = `${'='.repeat(Math.max(0, filled - 1))}${filled > 0 ? '>' : ''}${' '.repeat(width - filled)}`
      const text = `[${bar}] ${(fraction * 100).toFixed(0).padStart(3)}% ${formatBytes(p.doneBytes)} / ${formatBytes(p.totalBytes)}  ${p.file} (${p.fileIndex + 1}/${p.fileCount})`
      stream.write(`\r${text.slice(0, (stream.columns ?? 100) - 1).padEnd((stream.columns ?? 100) - 1)}`)
      drawn = true
    },
    done() {
      if (drawn) stream.write('\n')
    },
  }
}

export function register(program: Command): void {
  const models = program.command('models').description('list, download, verify and remove neural models')

  models
    .command('list')
    .description('models mynah can pull, and which are installed')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }, command: Command) => {
      const listing = await storeFor(command).list()
      if (flags.json) {
        printJson(listing)
        return
      }
      printLine(
        formatTable(
          ['NAME', 'STATE', 'SIZE', 'ON DISK', 'LICENCE', 'DESCRIPTION'],
          listing.map((m) => [
            m.name,
            m.state,
            `≈ ${formatBytes(m.approxBytes)}`,
            formatBytes(m.bytesOnDisk),
            m.licence.split(';')[0]!.split('(')[0]!.trim(),
            m.description,
          ]),
        ),
      )
    })

  models
    .command('pull')
    .description('download a model from Hugging Face (HF_ENDPOINT, HF_TOKEN); resumable and verified')
    .argument('<name>', 'model name, e.g. indextts2')
    .option('--no-optional', 'skip files of optional stages (e.g. the emotion-from-text LLM)')
    .option('--no-wait', 'fail with E_LOCKED instead of waiting when another pull of the model runs')
    .option('--json', 'print JSON')
    .action(
      async (
        name: string,
        flags: { optional?: boolean; wait?: boolean; json?: boolean },
        command: Command,
      ) => {
        const store = storeFor(command)
        const bar = progressBar(process.stderr)
        const controller = new AbortController()
        const stop = () => controller.abort()
        process.once('SIGINT', stop)
        try {
          const result = await store.pull(name, {
            signal: controller.signal,
            onProgress: flags.json ? undefined : bar.update,
            onMessage: (line) => process.stderr.write(`${line}\n`),
            onLocked: flags.wait === false ? 'fail' : 'wait',
            withOptional: flags.optional !== false,
          })
          bar.done()
          if (flags.json) printJson(result)
          else
            printLine(
              `${result.name}: ${result.files.length} files in ${result.dir} (${formatBytes(result.downloadedBytes)} downloaded, ${result.skipped} already verified)`,
            )
        } finally {
          process.off('SIGINT', stop)
        }
      },
    )

  models
    .command('verify')
    .description('re-hash every file of a model against its manifest')
    .argument('<name>', 'model name')
    .option('--json', 'print JSON')
    .action(async (name: string, flags: { json?: boolean }, command: Command) => {
      const report = await storeFor(command).verify(name)
      if (flags.json) printJson(report)
      else {
        printLine(
          formatTable(
            ['FILE', 'STATUS', 'SIZE'],
            report.files.map((f) => [f.path, f.status, formatBytes(f.size)]),
          ),
        )
        printLine(
          report.ok
            ? `${name}: every file verified`
            : `${name}: damaged or missing files; run \`mynah models pull ${name}\``,
        )
      }
      if (!report.ok) process.exitCode = 1
    })

  models
    .command('rm')
    .description('delete a model from the store')
    .argument('<name>', 'model name')
    .option('--json', 'print JSON')
    .action(async (name: string, flags: { json?: boolean }, command: Command) => {
      const removed = await storeFor(command).remove(name)
      if (flags.json) printJson({ name, removed })
      else printLine(removed ? `${name} removed` : `${name} was not installed`)
    })
}
