/**
 * `mynah text normalize|pinyin|segments TEXT|-`: the text front-end on the command line.
 * With `-` the input is read from stdin line by line and each line gives exactly one output
 * line, in order, as it arrives (no per-line start-up; output written with backpressure).
 * A line that fails (e.g. only emoji) prints an empty line, reports `error E_CODE (line N)`
 * on stderr, and the command exits 1 at the end.
 */
import { createInterface } from 'node:readline'
import type { Command } from 'commander'
import { loadConfig, type MynahConfig } from '../../core/config.js'
import { MynahError, toMynahError } from '../../core/errors.js'
import { LANG_OPTIONS, type Segment, type TextWarning } from '../../core/types.js'
import { GlossaryFile } from '../../runtime/glossary-file.js'
import {
  type Glossary,
  loadGlossary,
  normalizeText,
  pinyinPerChar,
  prepareText,
  type ToneMode,
} from '../../text/index.js'
import { parseChoice, printLine, warn } from '../output.js'

interface TextFlags {
  lang?: string
  jsonl?: boolean
  json?: boolean
  maxTokens?: string
  glossary?: string
  citation?: boolean
}

function invalid(detail: string): MynahError {
  return new MynahError('E_INVALID_ARGUMENT', { detail })
}

function parseMaxTokens(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) throw invalid(`--max-tokens must be a positive integer, got ${value}`)
  return n
}

/** The config of this run (data dir, segment budget, text limit), as every other command sees it. */
function configOf(program: Command): MynahConfig {
  return loadConfig({ flags: { home: (program.opts() as { home?: string }).home } })
}

/** --glossary FILE, else the user's <home>/glossary.yaml when it exists (as `mynah say` applies it). */
function glossaryFor(config: MynahConfig, flags: TextFlags): Glossary | undefined {
  return flags.glossary ? loadGlossary(flags.glossary) : new GlossaryFile(config.home).get()
}

/** Readable pinyin: syllables, with runs of other characters kept as one token. */
function readablePinyin(line: string, pinyin: readonly (string | null)[]): string {
  const out: string[] = []
  let other = ''
  const chars = [...line]
  chars.forEach((ch, i) => {
    const p = pinyin[i]
    if (p) {
      if (other.trim()) out.push(other.trim())
      other = ''
      out.push(p)
    } else if (/\s/u.test(ch)) {
      if (other.trim()) out.push(other.trim())
      other = ''
    } else other += ch
  })
  if (other.trim()) out.push(other.trim())
  return out.join(' ')
}

function segmentsLine(segments: readonly Segment[]): string {
  return segments.map((s) => `[${s.tokens}] ${s.text}`).join(' | ')
}

function printWarnings(warnings: readonly TextWarning[], line?: number): void {
  for (const w of warnings) warn(`${w.code}${line === undefined ? '' : ` (line ${line})`}: ${w.message}`)
}

/** Reads stdin line by line, writing one output line per input line with backpressure. */
async function streamLines(transform: (line: string, lineNo: number) => string): Promise<void> {
  // A reader that stops early (`| head`) is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw error
  })
  const rl = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })
  let failed = false
  let buffer = ''
  const flush = async (): Promise<void> => {
    if (!buffer) return
    const ok = process.stdout.write(buffer)
    buffer = ''
    if (!ok) await new Promise<void>((resolve) => process.stdout.once('drain', resolve))
  }
  let lineNo = 0
  for await (const line of rl) {
    lineNo++
    let out = ''
    try {
      out = transform(line, lineNo)
    } catch (error) {
      const e = toMynahError(error)
      process.stderr.write(`error ${e.code} (line ${lineNo}): ${e.message}\n`)
      failed = true
    }
    buffer += `${out}\n`
    if (buffer.length >= 64 * 1024) await flush()
  }
  await flush()
  if (failed) process.exitCode = 1
}

function requireText(text: string): void {
  if (text.trim() === '') throw new MynahError('E_TEXT_EMPTY')
}

export function register(program: Command): void {
  const text = program.command('text').description('run the text front-end: normalize, pinyin, segments')

  text
    .command('normalize')
    .description('normalize text to the words a speaker would say (TEXT, or - for stdin lines)')
    .argument('<text>', 'text, or - to read stdin line by line')
    .option('--lang <lang>', 'auto, zh or en', 'auto')
    .option('--glossary <file>', 'glossary YAML (default <home>/glossary.yaml when present)')
    .action(async (input: string, flags: TextFlags) => {
      const lang = parseChoice('--lang', flags.lang ?? 'auto', LANG_OPTIONS)
      const glossary = glossaryFor(configOf(program), flags)
      if (input === '-') {
        await streamLines((line, n) => {
          const result = normalizeText(line, { lang, glossary })
          printWarnings(result.warnings, n)
          return result.text
        })
        return
      }
      requireText(input)
      const result = normalizeText(input, { lang, glossary })
      printWarnings(result.warnings)
      printLine(result.text)
    })

  text
    .command('pinyin')
    .description('toned pinyin per character (TEXT, or - for stdin lines)')
    .argument('<text>', 'text, or - to read stdin line by line')
    .option('--jsonl', 'one JSON object per line: {"text": ..., "pinyin": [one entry per character]}')
    .option('--citation', 'dictionary tones (no tone sandhi, no lexical neutral tones)')
    .option('--glossary <file>', 'glossary YAML (default <home>/glossary.yaml when present)')
    .action(async (input: string, flags: TextFlags) => {
      const glossary = glossaryFor(configOf(program), flags)
      const tones: ToneMode = flags.citation ? 'citation' : 'spoken'
      const render = (line: string): string => {
        const pinyin = pinyinPerChar(line, { glossary, tones })
        return flags.jsonl ? JSON.stringify({ text: line, pinyin }) : readablePinyin(line, pinyin)
      }
      if (input === '-') {
        await streamLines(render)
        return
      }
      requireText(input)
      printLine(render(input))
    })

  text
    .command('segments')
    .description('segments under the token budget, with their token counts (TEXT, or - for stdin lines)')
    .argument('<text>', 'text, or - to read stdin line by line')
    .option('--max-tokens <n>', 'token budget per segment (default from config: 120)')
    .option('--lang <lang>', 'auto, zh or en', 'auto')
    .option('--json', 'JSON: the full segments (runs, syllables, breaks)')
    .option('--glossary <file>', 'glossary YAML (default <home>/glossary.yaml when present)')
    .action(async (input: string, flags: TextFlags) => {
      const lang = parseChoice('--lang', flags.lang ?? 'auto', LANG_OPTIONS)
      const config = configOf(program)
      const maxTokensPerSegment = parseMaxTokens(flags.maxTokens) ?? config.maxTokensPerSegment
      const glossary = glossaryFor(config, flags)
      const run = (line: string): { segments: Segment[]; warnings: TextWarning[] } =>
        prepareText(line, { lang, maxTokensPerSegment, maxTextChars: config.maxTextChars, glossary })
      if (input === '-') {
        await streamLines((line, n) => {
          if (line.trim() === '') return flags.json ? '[]' : ''
          const { segments, warnings } = run(line)
          printWarnings(warnings, n)
          return flags.json ? JSON.stringify(segments) : segmentsLine(segments)
        })
        return
      }
      const { segments, warnings } = run(input)
      printWarnings(warnings)
      if (flags.json) printLine(JSON.stringify(segments))
      else for (const s of segments) printLine(`${s.index}\t${s.tokens}\t${s.text}`)
    })
}
