/**
 * Saved voices and cloning from the command line: `voices add/list/rm`, `say --voice SAVED`,
 * `say --ref CLIP`, and the emotion flags, with their error codes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { decodeAudio } from '../../src/audio/index.js'
import { runCli } from '../helpers/cli.js'
import { requireTestdata, testdata } from '../helpers/env.js'

const home = mkdtempSync(join(tmpdir(), 'mynah-cli-voices-'))
afterAll(() => rmSync(home, { recursive: true, force: true }))
const cli = (...args: string[]) => runCli(args, { home })

async function seconds(file: string): Promise<number> {
  const audio = await decodeAudio(readFileSync(join(home, file)))
  return audio.samples.length / audio.sampleRate
}

describe.skipIf(!requireTestdata())('mynah voices add / rm and say --voice / --ref', () => {
  const clip = testdata('voices/ljspeech/LJ001-0002.wav')

  it('saves a clip, lists it, speaks with it and removes it', async () => {
    const added = await cli('voices', 'add', 'Linda', clip, '--json')
    expect(added.stderr).toBe('')
    expect(added.code).toBe(0)
    const voice = JSON.parse(added.stdout.toString()) as { id: string; name: string; kind: string }
    expect(voice).toMatchObject({ name: 'Linda', kind: 'saved' })

    const listed = JSON.parse((await cli('voices', 'list', '--json')).stdout.toString()) as { name: string }[]
    expect(listed.map((v) => v.name)).toContain('Linda')

    const said = await cli(
      'say',
      'Printing, in the only sense.',
      '--voice',
      'Linda',
      '-o',
      'linda.wav',
      '--json',
    )
    expect(said.code).toBe(0)
    expect(JSON.parse(said.stdout.toString())).toMatchObject({ voice: 'Linda', file: 'linda.wav' })
    expect(await seconds('linda.wav')).toBeGreaterThan(1)

    const again = await cli('voices', 'add', 'Linda2', clip)
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('E_VOICE_DUPLICATE')

    expect((await cli('voices', 'rm', voice.id)).code).toBe(0)
    const gone = await cli('say', 'Hello.', '--voice', 'Linda', '-o', 'x.wav')
    expect(gone.code).toBe(1)
    expect(gone.stderr).toContain('E_VOICE_UNKNOWN')
  })

  it('clones from --ref and refuses bad clips with their codes', async () => {
    const said = await cli('say', 'Hello there, how are you?', '--ref', clip, '-o', 'ref.wav', '--json')
    expect(said.code).toBe(0)
    expect(JSON.parse(said.stdout.toString())).toMatchObject({ voice: 'reference' })
    expect(await seconds('ref.wav')).toBeGreaterThan(1)

    writeFileSync(join(home, 'not-audio.wav'), 'this is text, not audio')
    const bad = await cli('say', 'Hello.', '--ref', join(home, 'not-audio.wav'))
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/E_AUDIO_UNSUPPORTED|E_AUDIO_UNREADABLE/)
    const missing = await cli('say', 'Hello.', '--ref', join(home, 'nope.wav'))
    expect(missing.stderr).toContain('E_NOT_FOUND')
  })
})

describe('mynah say emotion flags', () => {
  it('accepts weights and refuses unknown names or weights outside 0..1', async () => {
    const ok = await cli(
      'say',
      '你好，今天真开心！',
      '--emotion',
      'happy=0.8,surprised=0.2',
      '-o',
      'happy.wav',
    )
    expect(ok.code).toBe(0)
    expect(await seconds('happy.wav')).toBeGreaterThan(0.5)
    for (const value of ['joy=1', 'happy=1.5', 'happy=-0.1']) {
      const bad = await cli('say', 'Hello.', '--emotion', value)
      expect(bad.code).toBe(1)
      expect(bad.stderr).toContain('E_EMOTION_INVALID')
    }
    const alpha = await cli('say', 'Hello.', '--emotion-text', 'furious', '--emotion-alpha', '2')
    expect(alpha.stderr).toContain('E_EMOTION_INVALID')
  })
})
