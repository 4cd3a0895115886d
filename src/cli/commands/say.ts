/**
 * `mynah say TEXT|-`: synthesize to a file (default `out.<format>` in the current directory,
 * overwritten), or to stdout with `-o -` (streamed segment by segment). The format comes from
 * --format, else from the output file's extension, else wav. Progress goes to stderr when it
 * is a terminal; --json prints {file, duration_s, sample_rate, segments, voice}. `--ref CLIP`
 * clones a voice from a clip; the --emotion* flags are parsed by ../emotion-flags.ts.
 */
import { extname } from 'node:path'
import type { Command } from 'commander'
import { createStreamEncoder, encodeAudio } from '../../audio/index.js'
import { loadConfig } from '../../core/config.js'
import { MynahError } from '../../core/errors.js'
import { writeFileAtomic } from '../../core/files.js'
import { LANG_OPTIONS, OUTPUT_FORMATS, type OutputFormat } from '../../core/types.js'
import type { Mynah, Progress, SpeakRequest } from '../../runtime/api.js'
import {
  addEmotionOptions,
  type EmotionFlags,
  parseEmotionFlags,
  withReferenceAudio,
} from '../emotion-flags.js'
import { parseChoice, printJson, printLine, warn } from '../output.js'
import { readClip } from '../read-clip.js'

interface SayFlags extends EmotionFlags {
  ref?: string
  output?: string
  format?: string
  voice?: string
  lang?: string
  speed?: string
  engine?: string
  json?: boolean
}

const EXTENSIONS: Readonly<Record<string, OutputFormat>> = {
  '.wav': 'wav',
  '.mp3': 'mp3',
  '.opus': 'opus',
  '.ogg': 'opus',
  '.oga': 'opus',
  '.flac': 'flac',
  '.pcm': 'pcm',
  '.raw': 'pcm',
}

function invalid(detail: string): MynahError {
  return new MynahError('E_INVALID_ARGUMENT', { detail })
}

export function chooseFormat(format: string | undefined, output: string | undefined): OutputFormat {
  if (format !== undefined) {
    if ((OUTPUT_FORMATS as readonly string[]).includes(format)) return format as OutputFormat
    throw new MynahError('E_FORMAT_UNSUPPORTED', { format, supported: OUTPUT_FORMATS.join(', ') })
  }
  if (output && output !== '-') return EXTENSIONS[extname(output).toLowerCase()] ?? 'wav'
  return 'wav'
}

function parseSpeed(speed: string | undefined): number | undefined {
  if (speed === undefined) return undefined
  const value = Number(speed)
  if (speed.trim() === '' || !Number.isFinite(value)) throw invalid(`--speed must be a number, got ${speed}`)
  return value
}

async function readStdin(): Promise<string> {
  const parts: Buffer[] = []
  for await (const part of process.stdin) parts.push(part as Buffer)
  return Buffer.concat(parts).toString('utf8')
}

/** A one-line progress display on a terminal's stderr; silent otherwise. */
function progressLine(enabled: boolean): { onProgress?: (p: Progress) => void; clear: () => void } {
  if (!enabled) return { clear: () => {} }
  let shown = false
  return {
    onProgress: (p) => {
      if (p.stage !== 'synthesis' || p.segmentsTotal === undefined) return
      process.stderr.write(`\rsynthesizing segment ${p.segmentsDone ?? 0}/${p.segmentsTotal}`)
      shown = true
    },
    clear: () => {
      if (shown) process.stderr.write('\r\x1b[K')
    },
  }
}

/** Stream to stdout: one encoder, each segment written as soon as it arrives. */
async function sayToStdout(
  mynah: Mynah,
  request: SpeakRequest,
  format: OutputFormat,
  onProgress?: (p: Progress) => void,
): Promise<{ samples: number; segments: number; voice: string }> {
  const encoder = await createStreamEncoder(format, request.sampleRate ?? mynah.config.sampleRate)
  let samples = 0
  let voice = ''
  const segments = new Set<number>()
  const write = (bytes: Uint8Array) =>
    bytes.length === 0
      ? Promise.resolve()
      : new Promise<void>((resolve, reject) => {
          process.stdout.write(bytes, (error) => (error ? reject(error) : resolve()))
        })
  const report = (p: Progress) => {
    if (p.voice) voice = p.voice
    onProgress?.(p)
  }
  for await (const chunk of mynah.synthesize(request, { onProgress: report })) {
    samples += chunk.samples.length
    segments.add(chunk.segmentIndex)
    await write(encoder.write(chunk.samples))
  }
  await write(encoder.end())
  return { samples, segments: segments.size, voice }
}

async function say(text: string, flags: SayFlags, home: string | undefined): Promise<void> {
  const format = chooseFormat(flags.format, flags.output)
  const file = flags.output ?? `out.${format}`
  const config = loadConfig({ flags: { home } })
  const emotion = parseEmotionFlags(flags)
  let spec = emotion.spec
  if (spec && emotion.referencePath)
    spec = withReferenceAudio(
      spec,
      await readClip(emotion.referencePath, '--emotion-ref', config.maxUploadBytes),
    )
  const request: SpeakRequest = {
    text: text === '-' ? await readStdin() : text,
    lang: parseChoice('--lang', flags.lang ?? 'auto', LANG_OPTIONS),
    voice: flags.voice,
    reference: flags.ref ? await readClip(flags.ref, '--ref', config.maxUploadBytes) : undefined,
    emotion: spec,
    speed: parseSpeed(flags.speed),
    engine: flags.engine,
  }
  const { createMynah } = await import('../../runtime/mynah.js')
  const mynah = createMynah(config)
  const progress = progressLine(process.stderr.isTTY === true && !flags.json)
  try {
    let result: { samples: number; sampleRate: number; segments: number; voice: string }
    if (file === '-') {
      const r = await sayToStdout(mynah, request, format, progress.onProgress)
      result = { ...r, sampleRate: config.sampleRate }
    } else {
      const speech = await mynah.speak(request, { onProgress: progress.onProgress })
      for (const w of speech.warnings) warn(`${w.code}: ${w.message}`)
      const bytes = await encodeAudio({ samples: speech.samples, sampleRate: speech.sampleRate }, format)
      await writeFileAtomic(file, bytes)
      result = {
        samples: speech.samples.length,
        sampleRate: speech.sampleRate,
        segments: speech.segments.length,
        voice: speech.voice,
      }
    }
    progress.clear()
    const summary = {
      file,
      duration_s: Math.round((result.samples / result.sampleRate) * 1000) / 1000,
      sample_rate: result.sampleRate,
      segments: result.segments,
      voice: result.voice,
    }
    // With `-o -` stdout carries the audio, so the summary goes to stderr.
    if (flags.json) {
      if (file === '-') process.stderr.write(`${JSON.stringify(summary)}\n`)
      else printJson(summary)
    } else if (file !== '-') {
      printLine(`${file}: ${summary.duration_s} s, ${summary.segments} segment(s), voice ${summary.voice}`)
    }
  } finally {
    progress.clear()
    await mynah.close()
  }
}

export function register(program: Command): void {
  const command = program
    .command('say')
    .description('synthesize speech from text (TEXT, or - to read stdin)')
    .argument('<text>', 'text to speak, or - for stdin')
    .option('-o, --output <file>', 'output file, or - for stdout (default: out.<format>)')
    .option('--format <format>', `output format: ${OUTPUT_FORMATS.join(', ')} (default: from -o, else wav)`)
    .option('--voice <name>', 'built-in or saved voice (see `mynah voices list`)')
    .option('--ref <clip>', 'clone the voice of this clip (wav/flac/mp3/ogg, ≤ 15 s of speech used)')
    .option('--lang <lang>', 'auto, zh or en (default auto)')
    .option('--speed <factor>', 'speaking rate, 0.5..2 (default 1)')
    .option('--engine <name>', 'engine id (default from config: builtin)')
    .option('--json', 'print a JSON summary')
  addEmotionOptions(command).action(async (text: string, flags: SayFlags, cmd: Command) => {
    const home = (cmd.optsWithGlobals() as { home?: string }).home
    await say(text, flags, home)
  })
}
