/**
 * The emotion flags of `mynah say` (and any command that synthesises), parsed into an
 * EmotionSpec without touching the filesystem: `--emotion-ref` comes back as a path for the
 * command to read (attach the bytes with withReferenceAudio).
 *
 *   --emotion happy=0.8,sad=0.2     weights by name (English or IndexTTS2's Chinese keys)
 *   --emotion excited               a preset (docs/emotion.md)
 *   --emotion 0,0,0.8,0,0,0,0,0     eight weights in IndexTTS2's order
 *   --emotion-ref CLIP              emotion reference clip
 *   --emotion-text TEXT             emotion description (text mode)
 *   --emotion-alpha A               IndexTTS2 emo_alpha, 0..1
 *   --emotion-mode MODE             speaker | audio | vector | text (default: inferred)
 *   --emotion-random                IndexTTS2 use_random
 */
import type { Command } from 'commander'
import { MynahError } from '../core/errors.js'
import { EMOTION_MODES, EMOTION_NAMES, type EmotionMode, type EmotionSpec } from '../core/types.js'
import { EMOTION_PRESETS, emotionPreset } from '../emotion/presets.js'
import { validateAlpha, validateEmotionVector } from '../emotion/vector.js'

/** Commander's camel-cased option values. */
export interface EmotionFlags {
  emotion?: string
  emotionRef?: string
  emotionText?: string
  emotionAlpha?: string | number
  emotionMode?: string
  emotionRandom?: boolean
}

export interface ParsedEmotionFlags {
  /** undefined when no emotion flag was given (the voice's own manner). */
  spec?: EmotionSpec
  /** --emotion-ref path, for the caller to read into spec.audio. */
  referencePath?: string
}

function invalid(detail: string): MynahError {
  return new MynahError('E_EMOTION_INVALID', { detail })
}

function parseNumber(text: string, where: string): number {
  const trimmed = text.trim()
  const value = trimmed === '' ? Number.NaN : Number(trimmed)
  if (!Number.isFinite(value)) throw invalid(`${where}: "${text}" is not a number`)
  return value
}

/** Parse the value of --emotion: weights by name, eight numbers, or a preset name. */
export function parseEmotionArgument(value: string): Record<string, number> | number[] {
  const text = value.trim()
  if (text === '') throw invalid('--emotion needs a value, e.g. happy=0.8,sad=0.2')
  if (!text.includes('=')) {
    const preset = emotionPreset(text)
    if (preset) return [...preset.vector]
    const parts = text.split(/[,，\s]+/).filter((p) => p.length > 0)
    if (parts.every((p) => /^[-+.\d]/.test(p))) {
      return parts.map((p, i) => parseNumber(p, `--emotion weight ${i + 1}`))
    }
    throw invalid(
      `"${text}" is neither weights (happy=0.8,sad=0.2), eight numbers, nor a preset (${Object.keys(EMOTION_PRESETS).join(', ')})`,
    )
  }
  const weights: Record<string, number> = {}
  for (const part of text.split(/[,，]/)) {
    if (part.trim() === '') continue
    const eq = part.indexOf('=')
    if (eq < 0) throw invalid(`"${part.trim()}" is not name=weight (names: ${EMOTION_NAMES.join(', ')})`)
    const name = part.slice(0, eq).trim()
    if (name in weights) throw invalid(`emotion "${name}" is given twice`)
    weights[name] = parseNumber(part.slice(eq + 1), `--emotion ${name}`)
  }
  return weights
}

/** Parse the emotion flags into an EmotionSpec (validated; throws E_EMOTION_INVALID). */
export function parseEmotionFlags(flags: EmotionFlags): ParsedEmotionFlags {
  const spec: EmotionSpec = {}
  let any = false
  if (flags.emotion !== undefined) {
    spec.vector = validateEmotionVector(parseEmotionArgument(flags.emotion))
    any = true
  }
  if (flags.emotionText !== undefined) {
    if (flags.emotionText.trim() === '') throw invalid('--emotion-text is empty')
    spec.text = flags.emotionText
    any = true
  }
  if (flags.emotionAlpha !== undefined) {
    const alpha =
      typeof flags.emotionAlpha === 'number'
        ? flags.emotionAlpha
        : parseNumber(flags.emotionAlpha, '--emotion-alpha')
    spec.alpha = validateAlpha(alpha)
    any = true
  }
  if (flags.emotionMode !== undefined) {
    const mode = flags.emotionMode.trim().toLowerCase() as EmotionMode
    if (!EMOTION_MODES.includes(mode))
      throw invalid(`--emotion-mode "${flags.emotionMode}": use ${EMOTION_MODES.join(', ')}`)
    spec.mode = mode
    any = true
  }
  if (flags.emotionRandom) {
    spec.random = true
    any = true
  }
  let referencePath: string | undefined
  if (flags.emotionRef !== undefined) {
    if (flags.emotionRef.trim() === '') throw invalid('--emotion-ref needs a file')
    referencePath = flags.emotionRef
    any = true
  }
  if (spec.mode === 'audio' && referencePath === undefined)
    throw invalid('--emotion-mode audio needs --emotion-ref CLIP')
  if (spec.mode === 'vector' && spec.vector === undefined)
    throw invalid('--emotion-mode vector needs --emotion WEIGHTS')
  return any ? { spec, referencePath } : {}
}

/** Attach the bytes of the --emotion-ref clip. */
export function withReferenceAudio(spec: EmotionSpec, bytes: Uint8Array): EmotionSpec {
  return { ...spec, audio: bytes }
}

/** Add the emotion options to a command (e.g. `mynah say`). */
export function addEmotionOptions(command: Command): Command {
  return command
    .option('--emotion <weights>', 'emotion weights 0..1 (happy=0.8,sad=0.2), 8 numbers, or a preset name')
    .option('--emotion-ref <clip>', 'emotion reference clip (wav/flac/mp3/ogg)')
    .option('--emotion-text <text>', 'emotion description; the emotion is read from it')
    .option('--emotion-alpha <a>', 'emotion strength 0..1 (IndexTTS2 emo_alpha; default 1)')
    .option('--emotion-mode <mode>', 'speaker | audio | vector | text (default: inferred)')
    .option('--emotion-random', 'sample a random realisation of the emotion (IndexTTS2 use_random)')
}
