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
  /** Median F0 of the voice as flite renders it, in Hz (measured; the base for pitch controls). */
  readonly f0MedianHz: number
  /** Whether flite's int_f0_target_mean moves this voice's pitch (the rms voice ignores it). */
  readonly fliteF0Control: boolean
}

/** Flite's licence covers the code and these voices (CMU ARCTIC and CMU Kal recordings). */
export const FLITE_LICENCE = 'BSD-style (CMU Flite)'

export const EN_VOICES: readonly EnglishVoice[] = [
  {
    name: 'en-rms',
    flite: 'rms',
    gender: 'male',
    description: 'US English male (CMU ARCTIC rms, flite clustergen); the clearest English voice',
    f0MedianHz: 101,
    fliteF0Control: false,
  },
  {
    name: 'en-slt',
    flite: 'slt',
    gender: 'female',
    description: 'US English female (CMU ARCTIC slt, flite clustergen)',
    f0MedianHz: 174,
    fliteF0Control: true,
  },
  {
    name: 'en-awb',
    flite: 'awb',
    gender: 'male',
    description: 'Scottish English male (CMU ARCTIC awb, flite clustergen)',
    f0MedianHz: 132,
    fliteF0Control: true,
  },
  {
    name: 'en-kal16',
    flite: 'kal16',
    gender: 'male',
    description: 'US English male (CMU Kal, flite diphone): robotic but steady',
    f0MedianHz: 95,
    fliteF0Control: true,
  },
]

/** Lowest word error rate in the intelligibility test (docs/engine-builtin.md). */
export const DEFAULT_EN_VOICE = 'en-rms'

/** The English voice used for a gender: the clearest of that gender. */
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
