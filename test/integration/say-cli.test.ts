/**
 * `mynah say` and `mynah voices list` as the installed bin runs them: `node bin/mynah.js`
 * over dist/ (kept current by test/global-setup.ts), with a temp MYNAH_HOME and
 * a temp working directory. Checks the files decode to plausible audio, the --json shapes,
 * exit codes and error codes.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { decodeAudio } from '../../src/audio/index.js'
import { type CliResult, runCli } from '../helpers/cli.js'
import { REPO_ROOT } from '../helpers/env.js'

const work = mkdtempSync(join(tmpdir(), 'mynah-say-'))
const home = join(work, 'home')
const hasZhPacks = existsSync(resolve(REPO_ROOT, 'voices', 'zh-female', 'index.json'))

async function mynah(args: string[], input?: string): Promise<CliResult> {
  return runCli(args, { home, cwd: work, input })
}

async function decodedSeconds(bytes: Uint8Array): Promise<{ seconds: number; sampleRate: number }> {
  const audio = await decodeAudio(bytes)
  return { seconds: audio.samples.length / audio.sampleRate, sampleRate: audio.sampleRate }
}

afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('mynah say', () => {
  it('writes a wav file and prints the --json summary', async () => {
    const r = await mynah(['say', 'The birch canoe slid on the smooth planks.', '-o', 'canoe.wav', '--json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const summary = JSON.parse(r.stdout.toString()) as Record<string, unknown>
    expect(Object.keys(summary).sort()).toEqual(['duration_s', 'file', 'sample_rate', 'segments', 'voice'])
    expect(summary).toMatchObject({ file: 'canoe.wav', sample_rate: 24_000, segments: 1, voice: 'en-rms' })
    const { seconds, sampleRate } = await decodedSeconds(readFileSync(join(work, 'canoe.wav')))
    expect(sampleRate).toBe(24_000)
    expect(seconds).toBeCloseTo(summary.duration_s as number, 2)
    // Eight words of read speech.
    expect(seconds).toBeGreaterThan(1.5)
    expect(seconds).toBeLessThan(5)
  })

  it('defaults to out.wav, takes the format from the extension, and reads text from stdin', async () => {
    const plain = await mynah(['say', 'Hello there.'])
    expect(plain.code).toBe(0)
    expect(plain.stdout.toString()).toMatch(/^out\.wav: /)
    expect(existsSync(join(work, 'out.wav'))).toBe(true)

    const mp3 = await mynah(
      ['say', '-', '-o', 'piped.mp3', '--voice', 'en-slt', '--json'],
      'Rice is often served in round bowls.',
    )
    expect(mp3.code).toBe(0)
    expect(JSON.parse(mp3.stdout.toString())).toMatchObject({ file: 'piped.mp3', voice: 'en-slt' })
    const bytes = readFileSync(join(work, 'piped.mp3'))
    expect(
      bytes.subarray(0, 3).toString('latin1') === 'ID3' || (bytes[0] === 0xff && (bytes[1] & 0xe0) === 0xe0),
    ).toBe(true)
    expect((await decodedSeconds(bytes)).seconds).toBeGreaterThan(1)
  })

  it('streams to stdout with -o - and keeps the summary on stderr', async () => {
    const r = await mynah([
      'say',
      'Kick the ball straight. Then follow through.',
      '-o',
      '-',
      '--format',
      'wav',
      '--json',
    ])
    expect(r.code).toBe(0)
    expect(r.stdout.subarray(0, 4).toString('latin1')).toBe('RIFF')
    const summary = JSON.parse(r.stderr) as { file: string; duration_s: number; voice: string }
    expect(summary.file).toBe('-')
    expect(summary.voice).toBe('en-rms')
    const { seconds } = await decodedSeconds(new Uint8Array(r.stdout))
    expect(seconds).toBeCloseTo(summary.duration_s, 2)
  })

  it('--speed 1.5 gives about 1/1.5 of the duration', async () => {
    const text = 'A pot of tea helps to pass the evening. The salt breeze came across from the sea.'
    const normal = JSON.parse((await mynah(['say', text, '-o', 'n.wav', '--json'])).stdout.toString()) as {
      duration_s: number
    }
    const fast = JSON.parse(
      (await mynah(['say', text, '-o', 'f.wav', '--speed', '1.5', '--json'])).stdout.toString(),
    ) as {
      duration_s: number
    }
    expect(fast.duration_s / normal.duration_s).toBeGreaterThan(0.58)
    expect(fast.duration_s / normal.duration_s).toBeLessThan(0.76)
  })

  it('fails with codes and non-zero exits on bad input', async () => {
    const voice = await mynah(['say', 'Hello.', '--voice', 'nobody', '-o', 'x.wav'])
    expect(voice.code).toBe(1)
    expect(voice.stderr).toMatch(/^error E_VOICE_UNKNOWN: /)
    const speed = await mynah(['say', 'Hello.', '--speed', 'fast', '-o', 'x.wav'])
    expect(speed.code).toBe(2)
    expect(speed.stderr).toMatch(/E_INVALID_ARGUMENT/)
    const format = await mynah(['say', 'Hello.', '--format', 'aac', '--json'])
    expect(format.code).toBe(1)
    expect(JSON.parse(format.stderr)).toMatchObject({ error: { code: 'E_FORMAT_UNSUPPORTED' } })
    const nothing = await mynah(['say', '  ', '-o', 'x.wav'])
    expect(nothing.code).toBe(1)
    expect(nothing.stderr).toMatch(/E_TEXT_EMPTY|E_TEXT_UNSPEAKABLE/)
    expect(existsSync(join(work, 'x.wav'))).toBe(false)
  })

  it.skipIf(!hasZhPacks)('speaks Mandarin and mixed text with the paired voices', async () => {
    const zh = await mynah(['say', '今天天气很好，我们去公园散步吧。', '-o', 'zh.wav', '--json'])
    expect(zh.code).toBe(0)
    expect(JSON.parse(zh.stdout.toString())).toMatchObject({ voice: 'zh-female', sample_rate: 24_000 })
    expect((await decodedSeconds(readFileSync(join(work, 'zh.wav')))).seconds).toBeGreaterThan(2)
    const mixed = await mynah([
      'say',
      '我昨天买了一台 MacBook Pro，速度很快。',
      '--voice',
      'zh-male',
      '-o',
      'mixed.flac',
      '--json',
    ])
    expect(mixed.code).toBe(0)
    expect((await decodedSeconds(readFileSync(join(work, 'mixed.flac')))).seconds).toBeGreaterThan(2)
  })
})

describe('mynah voices list', () => {
  it('lists every built-in voice with language, gender and licence (--json and table)', async () => {
    const r = await mynah(['voices', 'list', '--json'])
    expect(r.code).toBe(0)
    const voices = JSON.parse(r.stdout.toString()) as {
      name: string
      lang: string
      gender: string
      licence: string
      isDefault: boolean
    }[]
    const names = voices.map((v) => v.name)
    expect(names).toEqual(
      expect.arrayContaining(['zh-female', 'zh-male', 'en-rms', 'en-slt', 'en-awb', 'en-kal16']),
    )
    for (const v of voices) {
      expect(['zh', 'en']).toContain(v.lang)
      expect(['male', 'female']).toContain(v.gender)
      expect(v.licence.length).toBeGreaterThan(2)
    }
    expect(
      voices
        .filter((v) => v.isDefault)
        .map((v) => v.name)
        .sort(),
    ).toEqual(['en-rms', 'zh-female'])
    const table = await mynah(['voices', 'list'])
    expect(table.stdout.toString()).toMatch(/^NAME\s+KIND\s+LANG\s+GENDER\s+LICENCE/)
    expect(table.stdout.toString()).toMatch(/en-slt\s+built-in\s+en\s+female\s+BSD-style/)
  })
})
