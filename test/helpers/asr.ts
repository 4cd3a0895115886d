/**
 * Speech recognition for intelligibility tests: pocketsphinx (Debian packages `pocketsphinx`
 * and `pocketsphinx-en-us`, version 0.8+5prealpha) in batch mode, so the acoustic model and
 * language model load once for all clips, plus word error rate from a proper word alignment.
 *
 * Debian's package ships `pocketsphinx_batch` / `pocketsphinx_continuous` (not the `pocketsphinx`
 * command of pocketsphinx 5); the batch tool reads headerless 16 kHz 16-bit mono PCM files
 * listed in a control file (`-adcin yes -cepext .raw`) and writes one hypothesis per line.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Audio } from '../../src/core/types.js'
import { requireTools } from './env.js'

const MODEL_DIR = '/usr/share/pocketsphinx/model/en-us'
export const ASR_SAMPLE_RATE = 16_000

/** True when pocketsphinx and its US English model are installed (throws under CI=true when not). */
export function hasPocketsphinx(): boolean {
  return requireTools('pocketsphinx_batch', join(MODEL_DIR, 'en-us'), join(MODEL_DIR, 'en-us.lm.bin'))
}

function toPcm16(audio: Audio): Buffer {
  if (audio.sampleRate !== ASR_SAMPLE_RATE)
    throw new Error(`pocketsphinx needs ${ASR_SAMPLE_RATE} Hz audio, got ${audio.sampleRate} Hz`)
  const out = Buffer.alloc(audio.samples.length * 2)
  for (let i = 0; i < audio.samples.length; i++) {
    const s = Math.max(-1, Math.min(1, audio.samples[i]))
    out.writeInt16LE(Math.round(s * 32767), 2 * i)
  }
  return out
}

/** Parse `hyp words (uttid score)` lines into a map from utterance id to hypothesis. */
export function parseHypotheses(text: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const line of text.split('\n')) {
    const m = /^(.*?)\s*\((\S+)\s+-?\d+\)\s*$/.exec(line)
    if (m) out.set(m[2], m[1].trim())
  }
  return out
}

/** Recognize every clip (16 kHz mono) in one pocketsphinx_batch run; returns one hypothesis per clip. */
export async function recognize(clips: readonly Audio[]): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'mynah-asr-'))
  try {
    const ids = clips.map((_, i) => `utt${String(i).padStart(4, '0')}`)
    await Promise.all(clips.map((clip, i) => writeFile(join(dir, `${ids[i]}.raw`), toPcm16(clip))))
    await writeFile(join(dir, 'ctl'), `${ids.join('\n')}\n`)
    await promisify(execFile)(
      'pocketsphinx_batch',
      [
        ['-adcin', 'yes'],
        ['-cepdir', dir],
        ['-cepext', '.raw'],
        ['-ctl', join(dir, 'ctl')],
        ['-hyp', join(dir, 'hyp')],
        ['-hmm', join(MODEL_DIR, 'en-us')],
        ['-lm', join(MODEL_DIR, 'en-us.lm.bin')],
        ['-dict', join(MODEL_DIR, 'cmudict-en-us.dict')],
        ['-samprate', String(ASR_SAMPLE_RATE)],
        // Tighter search pruning than the defaults (30000 HMMs, 10 words per frame): about half
        // the decoding time, and the same WER on the real recordings and the test sentences here.
        ['-maxhmmpf', '3000'],
        ['-maxwpf', '5'],
        ['-logfn', join(dir, 'log')],
      ].flat(),
      { maxBuffer: 16 * 1024 * 1024 },
    )
    const hyps = parseHypotheses(await readFile(join(dir, 'hyp'), 'utf8'))
    return ids.map((id) => hyps.get(id) ?? '')
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Read a 16-bit PCM RIFF file (the shared test recordings); first channel only. */
export async function readWav(path: string): Promise<Audio> {
  const bytes = await readFile(path)
  if (bytes.toString('latin1', 0, 4) !== 'RIFF') throw new Error(`${path} is not a RIFF file`)
  let sampleRate = 0
  let channels = 1
  for (let at = 12; at + 8 <= bytes.length; ) {
    const id = bytes.toString('latin1', at, at + 4)
    const size = bytes.readUInt32LE(at + 4)
    if (id === 'fmt ') {
      channels = bytes.readUInt16LE(at + 10)
      sampleRate = bytes.readUInt32LE(at + 12)
      if (bytes.readUInt16LE(at + 22) !== 16) throw new Error(`${path} is not 16-bit PCM`)
    } else if (id === 'data') {
      const frames = Math.floor(Math.min(size, bytes.length - at - 8) / (2 * channels))
      const samples = new Float32Array(frames)
      for (let i = 0; i < frames; i++) samples[i] = bytes.readInt16LE(at + 8 + 2 * channels * i) / 32768
      return { samples, sampleRate }
    }
    at += 8 + size + (size % 2)
  }
  throw new Error(`${path} has no data chunk`)
}

/** Lower-case words without punctuation; hyphens split words, apostrophes stay ("it's"). */
export function normalizeWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/<\/?s>/g, ' ')
    .replace(/[-\u2010-\u2014]/g, ' ')
    .replace(/[^a-z0-9' ]+/g, ' ')
    .split(/\s+/)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter((w) => w.length > 0)
}

export interface WordErrors {
  readonly substitutions: number
  readonly deletions: number
  readonly insertions: number
  /** Reference word count (the WER denominator). */
  readonly words: number
}

/**
 * Minimum-edit word alignment (Levenshtein over words, as NIST sclite's WER), counting
 * substitutions, deletions and insertions along one optimal path.
 */
export function alignWords(reference: string, hypothesis: string): WordErrors {
  const ref = normalizeWords(reference)
  const hyp = normalizeWords(hypothesis)
  const cols = hyp.length + 1
  const cost = new Uint32Array((ref.length + 1) * cols)
  for (let i = 0; i <= ref.length; i++) cost[i * cols] = i
  for (let j = 0; j <= hyp.length; j++) cost[j] = j
  for (let i = 1; i <= ref.length; i++)
    for (let j = 1; j <= hyp.length; j++) {
      const diagonal = cost[(i - 1) * cols + j - 1] + (ref[i - 1] === hyp[j - 1] ? 0 : 1)
      cost[i * cols + j] = Math.min(diagonal, cost[(i - 1) * cols + j] + 1, cost[i * cols + j - 1] + 1)
    }
  let substitutions = 0
  let deletions = 0
  let insertions = 0
  let i = ref.length
  let j = hyp.length
  while (i > 0 || j > 0) {
    const here = cost[i * cols + j]
    if (i > 0 && j > 0 && here === cost[(i - 1) * cols + j - 1] + (ref[i - 1] === hyp[j - 1] ? 0 : 1)) {
      if (ref[i - 1] !== hyp[j - 1]) substitutions++
      i--
      j--
    } else if (i > 0 && here === cost[(i - 1) * cols + j] + 1) {
      deletions++
      i--
    } else {
      insertions++
      j--
    }
  }
  return { substitutions, deletions, insertions, words: ref.length }
}

/** Corpus word error rate: all errors over all reference words (not a mean of per-sentence rates). */
export function wordErrorRate(pairs: readonly { reference: string; hypothesis: string }[]): number {
  let errors = 0
  let words = 0
  for (const { reference, hypothesis } of pairs) {
    const e = alignWords(reference, hypothesis)
    errors += e.substitutions + e.deletions + e.insertions
    words += e.words
  }
  return words === 0 ? 0 : errors / words
}
