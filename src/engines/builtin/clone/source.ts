/**
 * Which built-in voice to convert from, and what that voice's own profile is. Converting
 * from the closest voice keeps the mappings small (a male target from a male voice needs
 * no large F0 shift or formant warp), which is where a vocoder sounds most natural.
 *
 * A built-in voice's profile is measured from a calibration text the voice renders (the
 * render callback): a second or two of CPU. Whoever measures keeps it (the engine: one per
 * voice, engines/builtin/clone-sources.ts); this file holds no state.
 */
import { sha256Hex } from '../../../core/files.js'
import type { Audio, Lang, VoiceProfile } from '../../../core/types.js'
import { buildProfile } from '../../../voice/profile.js'
import type { EngineVoice } from '../../engine.js'

/**
 * Phonetically varied calibration passages: "The North Wind and the Sun" (the IPA
 * Handbook's passage) in English and in Mandarin (without its erhua words, so any
 * front end renders it), about 10–15 s of speech each.
 */
export const CALIBRATION_TEXT: Readonly<Record<Lang, string>> = {
  en: 'The North Wind and the Sun were disputing which was the stronger, when a traveler came along wrapped in a warm cloak. They agreed that the one who first succeeded in making the traveler take his cloak off should be considered stronger than the other.',
  zh: '有一回，北风跟太阳在那里争论谁的本事大。争来争去就是分不出高低来。这时候路上来了个过路的人，他身上穿着一件厚袍子。他们俩就商量好了，说谁能先叫这个过路的人把他的袍子脱下来，就算谁的本事大。',
}

/** Median F0 (Hz) above which a target with no better evidence is taken as female-range. */
const GENDER_F0_SPLIT_HZ = 160

/**
 * Profile of a built-in voice, measured from its rendering of the calibration text in
 * `lang`. `render(text)` must return that voice's speech. Not memoised: the engine keeps
 * one profile per voice (engines/builtin/clone-sources.ts).
 */
export async function profileOfBuiltinVoice(
  name: string,
  lang: Lang,
  render: (text: string) => Promise<Audio>,
): Promise<VoiceProfile> {
  const audio = await render(CALIBRATION_TEXT[lang])
  return buildProfile(audio, sha256Hex(`builtin-voice:${name}`), { lang })
}

/** Distance between a voice and a target: log-F0 mean difference plus twice the log warp difference. */
export function voiceDistance(voice: VoiceProfile, target: VoiceProfile): number {
  return Math.abs(voice.f0.logMean - target.f0.logMean) + 2 * Math.abs(Math.log(voice.warp / target.warp))
}

/** Gender range a profile falls in when nothing better is known (F0 median, nudged by formant warp). */
export function likelyGender(profile: VoiceProfile): 'male' | 'female' {
  const f0 = Math.exp(profile.f0.logMean)
  // A shorter tract (warp > 1) moves the split down a little, a longer one up.
  return f0 * profile.warp ** 2 >= GENDER_F0_SPLIT_HZ ? 'female' : 'male'
}

/** The measured profile of a built-in voice by name, if it was measured already. */
export type MeasuredProfile = (name: string) => VoiceProfile | undefined

/**
 * Name of the built-in voice of language `lang` closest to `profile`. Candidates are the
 * voices of the target's likely gender (all voices when none has it); among them the one
 * with the nearest measured profile when `measured` knows every candidate's (see
 * profileOfBuiltinVoice), otherwise the language's default among them.
 */
export function pickSourceVoice(
  profile: VoiceProfile,
  voices: readonly EngineVoice[],
  lang: Lang,
  measured: MeasuredProfile = () => undefined,
): string {
  const inLanguage = voices.filter((v) => v.lang === lang)
  const candidates = inLanguage.length > 0 ? inLanguage : voices
  if (candidates.length === 0) throw new Error('pickSourceVoice: no voices to choose from')
  const gender = likelyGender(profile)
  const sameGender = candidates.filter((v) => v.gender === gender)
  const pool = sameGender.length > 0 ? sameGender : candidates
  const profiles = pool.map((v) => measured(v.name))
  if (profiles.every((p) => p !== undefined)) {
    let best = 0
    for (let i = 1; i < pool.length; i++)
      if (voiceDistance(profiles[i]!, profile) < voiceDistance(profiles[best]!, profile)) best = i
    return pool[best].name
  }
  return (pool.find((v) => v.isDefault) ?? pool[0]).name
}
