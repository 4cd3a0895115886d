/**
 * The English voices: the four 16 kHz voices compiled into flite.wasm, under mynah names.
 * The default is the one pocketsphinx recognises best (docs/engine-builtin.md, "Intelligibility").
 */
import { MynahError } from '../../../core/errors.js'
import type { FliteVoiceName } from './flite.js'

export interface EnglishVoice {
  /** mynah name, e.g. "en-rms". */
  readonly name: string
  readonly flite: FliteVoiceName
  readonly gender: 'male' | 'female'
  readonly description: string
  /**
   * The `int_f0_target_mean` (Hz) that reproduces the voice's own pitch, measured with
   * a YIN pitch tracker over eight Harvard sentences; a pitch factor p sets p times this value.
   * Undefined for rms, whose clustergen model ignores the setting.
   */
  readonly fliteF0MeanHz?: number
}

/** Flite's licence covers the code and these voices (CMU ARCTIC and CMU Kal recordings). */
export const FLITE_LICENCE = 'BSD-style (CMU Flite)'

export const EN_VOICES: readonly EnglishVoice[] = [
  {
    name: 'en-rms',
    flite: 'rms',
    gender: 'male',
    description: 'US English male (CMU ARCTIC rms, flite clustergen); the clearest English voice',
  },
  {
    name: 'en-slt',
    flite: 'slt',
    gender: 'female',
    description: 'US English female (CMU ARCTIC slt, flite clustergen)',
    fliteF0MeanHz: 173,
  },
  {
    name: 'en-awb',
    flite: 'awb',
    gender: 'male',
    description: 'Scottish English male (CMU ARCTIC awb, flite clustergen)',
    fliteF0MeanHz: 130,
  },
  {
    name: 'en-kal16',
    flite: 'kal16',
    gender: 'male',
    description: 'US English male (CMU Kal, flite diphone): robotic but steady',
    fliteF0MeanHz: 93,
  },
]

/** Lowest word error rate in the intelligibility test (docs/engine-builtin.md). */
export const DEFAULT_EN_VOICE = 'en-rms'

/**
 * The clearest English voice of each gender (lowest word error rate in the intelligibility
 * test): the English partner of a voice of that gender, and the English clone source.
 */
export const EN_VOICE_BY_GENDER: Readonly<Record<'male' | 'female', string>> = {
  male: 'en-rms',
  female: 'en-slt',
}

export function findEnglishVoice(name: string): EnglishVoice | undefined {
  return EN_VOICES.find((v) => v.name === name)
}

export function englishVoice(name: string): EnglishVoice {
  const voice = findEnglishVoice(name)
  if (!voice)
    throw new MynahError('E_VOICE_UNKNOWN', {
      voice: name,
      hint: `English voices: ${EN_VOICES.map((v) => v.name).join(', ')}.`,
    })
  return voice
}
