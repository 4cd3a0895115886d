/**
 * The built-in engine's side of voice cloning: which built-in voice speaks each language of
 * a cloned request (the source voice), that voice's own profile, and the conversion of each
 * rendered piece towards the target (engines/builtin/clone, docs/voice-cloning.md).
 *
 * A source voice's profile is measured once per engine from its rendering of the
 * calibration passage at neutral prosody and speed 1 (a second or two of CPU, the first
 * time a cloned request uses the voice), and kept: at most one profile per voice.
 */
import { throwIfAborted } from '../../core/errors.js'
import type { Audio, Lang, VoiceProfile } from '../../core/types.js'
import { prepareText } from '../../text/index.js'
import { convertToProfile, pickSourceVoice, profileOfBuiltinVoice } from './clone/index.js'
import { EN_VOICE_BY_GENDER } from './en/voices.js'
import type { RenderContext, VoiceRenderer } from './engine.js'
import { NEUTRAL_PROSODY } from './prosody.js'
import { ZH_VOICES } from './zh/voices.js'

/**
 * Voices a cloned request converts from when it names none: one per language and gender,
 * the clearest of each (docs/engine-builtin.md): both Mandarin voices and EN_VOICE_BY_GENDER.
 * pickSourceVoice chooses by the target's likely gender.
 */
export const CLONE_SOURCE_VOICES: readonly string[] = [
  ...ZH_VOICES.map((v) => v.name),
  EN_VOICE_BY_GENDER.male,
  EN_VOICE_BY_GENDER.female,
]

/** A signal that never aborts: calibration is shared by concurrent requests (see profileOf). */
const NEVER = new AbortController().signal

/** Waits for `promise`, but rejects with E_CANCELLED as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  throwIfAborted(signal)
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      try {
        throwIfAborted(signal)
      } catch (error) {
        reject(error)
      }
    }
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      },
    )
  })
}

/** Renders `text` (one language) with `voice` as built: neutral prosody, speed 1. */
async function renderAsBuilt(voice: VoiceRenderer, lang: Lang, text: string): Promise<Audio> {
  await voice.load()
  const { segments } = prepareText(text, { lang })
  const runs = segments.flatMap((s) => s.runs).filter((r) => r.lang === lang)
  return voice.render(runs, { prosody: NEUTRAL_PROSODY, speed: 1, signal: NEVER })
}

/** A source voice's profile: being measured (promise), and once measured, the value. */
interface Measurement {
  readonly promise: Promise<VoiceProfile>
  value?: VoiceProfile
}

export class CloneSources {
  readonly #voices: readonly VoiceRenderer[]
  /** The one cache of source-voice profiles: at most one per voice, for the engine's lifetime. */
  readonly #profiles = new Map<VoiceRenderer, Measurement>()

  constructor(voices: readonly VoiceRenderer[]) {
    this.#voices = voices
  }

  /**
   * The source voice for each language when the request names none: the closest of
   * CLONE_SOURCE_VOICES in that language (all voices of the language if none of those exist).
   */
  pick(target: VoiceProfile): Record<Lang, VoiceRenderer> {
    const pickFor = (lang: Lang): VoiceRenderer => {
      const inLang = this.#voices.filter((v) => v.voice.lang === lang)
      const preferred = inLang.filter((v) => CLONE_SOURCE_VOICES.includes(v.voice.name))
      const pool = preferred.length > 0 ? preferred : inLang
      const measured = (name: string) => {
        const voice = pool.find((v) => v.voice.name === name)
        return voice && this.#profiles.get(voice)?.value
      }
      const name = pickSourceVoice(
        target,
        pool.map((v) => v.voice),
        lang,
        measured,
      )
      return pool.find((v) => v.voice.name === name) ?? pool[0]
    }
    return { zh: pickFor('zh'), en: pickFor('en') }
  }

  /**
   * The profile of a source voice, measured on first use. The calibration render does not
   * stop when one request is cancelled (another may be waiting for the same voice, and the
   * result is kept); the request itself stops waiting at once. A failed measurement is
   * forgotten, so the next request tries again.
   */
  profileOf(voice: VoiceRenderer, signal: AbortSignal): Promise<VoiceProfile> {
    throwIfAborted(signal)
    let measurement = this.#profiles.get(voice)
    if (!measurement) {
      const { name, lang } = voice.voice
      const promise = profileOfBuiltinVoice(name, lang, (text) => renderAsBuilt(voice, lang, text))
      const entry: Measurement = { promise }
      measurement = entry
      this.#profiles.set(voice, entry)
      promise.then(
        (value) => {
          entry.value = value
        },
        () => this.#profiles.delete(voice),
      )
    }
    return untilAborted(measurement.promise, signal)
  }

  /**
   * Converts one rendered piece of the voice `source` describes towards `target`. The
   * emotion's register shift (context.prosody.pitchShiftSemitones) is carried through the
   * F0 mapping, so a cloned happy voice is still higher than a cloned calm one.
   */
  convert(audio: Audio, source: VoiceProfile, target: VoiceProfile, context: RenderContext): Promise<Audio> {
    return convertToProfile(audio, source, target, {
      signal: context.signal,
      f0ShiftSemitones: context.prosody.pitchShiftSemitones,
    })
  }
}
