/**
 * The built-in voice table: the Mandarin syllable voices and the flite English voices behind
 * one VoiceRenderer interface, with the metadata `mynah voices list` shows. Pairing across
 * languages is by gender (engine.ts pickVoices); the English voice of each gender is the one
 * pocketsphinx recognises best (docs/engine-builtin.md).
 */
import type { TextRun } from '../../core/types.js'
import type { EngineVoice } from '../engine.js'
import { fliteRuntime } from './en/flite.js'
import { type EnglishProsody, renderEnglish } from './en/render.js'
import { DEFAULT_EN_VOICE, EN_VOICES, type EnglishVoice, FLITE_LICENCE } from './en/voices.js'
import type { RenderContext, VoiceRenderer } from './engine.js'
import type { ProsodyControls } from './prosody.js'
import { loadZhVoice, renderMandarin, ZH_VOICES, type ZhVoice, type ZhVoiceName } from './zh/index.js'

/** Punctuation that makes flite pause like the break level asks, when the run does not end in one. */
const BREAK_MARK: Readonly<Record<TextRun['breakAfter'], string>> = {
  none: '',
  word: '',
  minor: ',',
  major: ';',
  sentence: '.',
  paragraph: '.',
}

/**
 * Consecutive English runs as one flite text: flite then phrases across them itself, and the
 * break levels become the punctuation its phrasing model pauses at.
 */
export function englishText(runs: readonly TextRun[]): string {
  return runs
    .map((run, i) => {
      const text = run.text.trim()
      const mark = i === runs.length - 1 ? '' : BREAK_MARK[run.breakAfter]
      return mark && !/[.,;:!?]$/.test(text) ? text + mark : text
    })
    .filter((t) => t.length > 0)
    .join(' ')
}

/**
 * Request speed and emotion prosody as flite controls: rate and register. Pitch range, final
 * rise, tilt and breathiness have no flite setting and are not realised in English; gain and
 * pause scale are applied by the engine to both languages.
 */
export function englishProsody(prosody: ProsodyControls, speed: number): EnglishProsody {
  return { rate: prosody.rate * speed, pitch: 2 ** (prosody.pitchShiftSemitones / 12) }
}

function englishRenderer(voice: EnglishVoice): VoiceRenderer {
  const info: EngineVoice = {
    name: voice.name,
    lang: 'en',
    gender: voice.gender,
    licence: FLITE_LICENCE,
    description: voice.description,
    isDefault: voice.name === DEFAULT_EN_VOICE,
  }
  return {
    voice: info,
    load: async () => {
      await fliteRuntime()
    },
    render: (runs: readonly TextRun[], context: RenderContext) =>
      renderEnglish(voice, englishText(runs), englishProsody(context.prosody, context.speed), context.signal),
  }
}

/** A Mandarin voice: its pack is loaded on first use and kept until the engine unloads. */
function mandarinRenderer(info: EngineVoice & { readonly name: ZhVoiceName }): VoiceRenderer {
  let pack: Promise<ZhVoice> | undefined
  const load = () => {
    pack ??= loadZhVoice(info.name).catch((error: unknown) => {
      pack = undefined
      throw error
    })
    return pack
  }
  return {
    voice: info,
    load: async () => {
      await load()
    },
    unload: async () => {
      const loaded = pack
      pack = undefined
      if (loaded) (await loaded.catch(() => undefined))?.close()
    },
    render: async (runs: readonly TextRun[], context: RenderContext) => {
      const voice = await load()
      // The renderer ends with speech; the engine places the pause after the piece itself.
      // The engine levels every piece to TARGET_LUFS + gainDb, so the renderer applies no gain.
      return renderMandarin(
        voice,
        runs.map((r) => ({ syllables: r.syllables ?? [], breakAfter: r.breakAfter })),
        { ...context.prosody, gainDb: 0, rate: context.prosody.rate * context.speed },
        context.signal,
      )
    },
  }
}

/** Every built-in voice, Mandarin first. */
export function builtinVoiceRenderers(): VoiceRenderer[] {
  return [...ZH_VOICES.map(mandarinRenderer), ...EN_VOICES.map(englishRenderer)]
}
