/** The voice library on a real SQLite file and data dir: storage, duplicates, names, path safety. */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MynahError } from '../../../src/core/errors.js'
import { sha256Hex } from '../../../src/core/files.js'
import { VoiceLibrary } from '../../../src/voice/library.js'
import { testdata } from '../../helpers/env.js'
import { tempHome, toneWav } from './util.js'

async function codeOf(promise: Promise<unknown> | (() => unknown)): Promise<string | undefined> {
  try {
    await (typeof promise === 'function' ? promise() : promise)
  } catch (error) {
    return error instanceof MynahError ? error.code : `non-mynah: ${String(error)}`
  }
  return undefined
}

describe('VoiceLibrary', () => {
  let home: ReturnType<typeof tempHome>
  let library: VoiceLibrary
  beforeEach(() => {
    home = tempHome()
    library = new VoiceLibrary({
      home: home.dir,
      now: () => new Date('2026-01-02T03:04:05Z'),
    })
  })
  afterEach(() => {
    library.close()
    home.cleanup()
  })

  it('stores a clip under its hash and finds it by id, sha256 and name (any case)', async () => {
    const clip = toneWav(1.5, 16_000)
    const voice = await library.add('  Alice  ', clip)
    expect(voice).toMatchObject({ name: 'Alice', format: 'wav', bytes: clip.length, sampleRate: 16_000 })
    expect(voice.durationSeconds).toBeCloseTo(1.5, 3)
    expect(voice.sha256).toBe(sha256Hex(clip))
    expect(voice.id).toBe(voice.sha256.slice(0, 12))
    expect(voice.createdAt).toBe('2026-01-02T03:04:05.000Z')
    expect(readdirSync(library.clipsDir)).toEqual([`${voice.sha256}.wav`])
    expect(new Uint8Array(readFileSync(join(library.clipsDir, `${voice.sha256}.wav`)))).toEqual(clip)
    for (const key of [voice.id, voice.sha256, 'Alice', 'alice', 'ALICE '])
      expect(library.get(key)?.id).toBe(voice.id)
    expect(await library.read('alice')).toEqual(clip)
    expect(library.list().map((v) => v.name)).toEqual(['Alice'])
  })

  it('keeps voices across reopening', async () => {
    const voice = await library.add('Bob', toneWav(1))
    library.close()
    library = new VoiceLibrary({ home: home.dir })
    expect(library.get('Bob')).toEqual(voice)
  })

  it('detects the same clip saved twice (E_VOICE_DUPLICATE names the existing voice)', async () => {
    const clip = toneWav(1)
    await library.add('first', clip)
    const error = await library.add('second', clip).catch((e: MynahError) => e)
    expect(error).toBeInstanceOf(MynahError)
    expect((error as MynahError).code).toBe('E_VOICE_DUPLICATE')
    expect((error as MynahError).details.voice).toBe('first')
    expect(library.list()).toHaveLength(1)
  })

  it('refuses a second voice with the same name (E_VOICE_NAME_TAKEN), case-insensitively', async () => {
    await library.add('Carol', toneWav(1, 16_000, 200))
    expect(await codeOf(library.add('carol', toneWav(1, 16_000, 300)))).toBe('E_VOICE_NAME_TAKEN')
    expect(readdirSync(library.clipsDir)).toHaveLength(1)
  })

  it('never lets a name reach the filesystem: path tricks are plain labels', async () => {
    const tricks = ['../../etc/passwd', '..', 'a/b\\c', 'C:\\Windows\\x', '%2e%2e%2f', '声音 🎤 <script>']
    for (const [i, name] of tricks.entries()) {
      const voice = await library.add(name, toneWav(1, 16_000, 100 + i * 50))
      expect(library.get(name)?.id).toBe(voice.id)
    }
    const files = readdirSync(library.clipsDir)
    expect(files).toHaveLength(tricks.length)
    for (const f of files) expect(f).toMatch(/^[0-9a-f]{64}\.wav$/)
    expect(readdirSync(library.dir).sort()).toEqual(expect.arrayContaining(['clips', 'library.sqlite']))
    expect(existsSync(join(home.dir, '..', 'etc'))).toBe(false)
  })

  it('rejects empty, over-long, control-character and id-like names', async () => {
    for (const name of ['', '   ', 'x'.repeat(65), 'a\u0000b', 'new\nline', 'abcdef012345'])
      expect(await codeOf(library.add(name, toneWav(1)))).toBe('E_INVALID_ARGUMENT')
    expect(library.list()).toEqual([])
  })

  it('stores nothing when the clip does not decode', async () => {
    const garbage = new TextEncoder().encode('RIFF....WAVEnot really a wav file at all')
    expect(await codeOf(library.add('broken', garbage))).toBe('E_AUDIO_UNREADABLE')
    expect(library.list()).toEqual([])
    expect(readdirSync(library.clipsDir)).toEqual([])
  })

  it('removes the row and the clip; unknown voices are E_VOICE_UNKNOWN', async () => {
    const voice = await library.add('Dan', toneWav(1))
    expect(library.remove('dan').id).toBe(voice.id)
    expect(library.get(voice.id)).toBeUndefined()
    expect(readdirSync(library.clipsDir)).toEqual([])
    expect(await codeOf(() => library.remove('dan'))).toBe('E_VOICE_UNKNOWN')
    expect(await codeOf(library.read('dan'))).toBe('E_VOICE_UNKNOWN')
  })

  it('two concurrent saves of one clip leave one voice and one file', async () => {
    const clip = toneWav(2)
    const results = await Promise.allSettled([library.add('one', clip), library.add('two', clip)])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
    expect((rejected.reason as MynahError).code).toBe('E_VOICE_DUPLICATE')
    expect(library.list()).toHaveLength(1)
    expect(readdirSync(library.clipsDir)).toHaveLength(1)
  })

  it('builds clip paths only from a hash and a plain extension', () => {
    expect(() => library.clipPath({ sha256: '../x', format: 'wav' })).toThrow(MynahError)
    expect(() => library.clipPath({ sha256: 'a'.repeat(64), format: '../wav' })).toThrow(MynahError)
    expect(library.clipPath({ sha256: 'a'.repeat(64), format: 'wav' })).toBe(
      join(library.clipsDir, `${'a'.repeat(64)}.wav`),
    )
  })
})

describe('VoiceLibrary with the default decoder', () => {
  it('accepts Ogg Vorbis and float WAV clips and names the files by their real type', async () => {
    const home = tempHome()
    const library = new VoiceLibrary({ home: home.dir })
    const ogg = new Uint8Array(readFileSync(testdata('voices', 'librispeech-librosa', '198-209-0000.ogg')))
    const wav = new Uint8Array(readFileSync(testdata('voices', 'cosyvoice', 'zero_shot_prompt.wav')))
    const a = await library.add('vorbis', ogg)
    const b = await library.add('float wav', wav)
    expect(a.format).toBe('ogg')
    expect(b).toMatchObject({ format: 'wav', sampleRate: 24_000 })
    expect(b.durationSeconds).toBeCloseTo(3.48, 2)
    expect(readdirSync(library.clipsDir).sort()).toEqual([`${a.sha256}.ogg`, `${b.sha256}.wav`].sort())
    const m4a = new Uint8Array(32)
    m4a.set(new TextEncoder().encode('\0\0\0\x20ftypM4A '))
    expect(await codeOf(library.add('m4a', m4a))).toBe('E_AUDIO_UNSUPPORTED')
    library.close()
    home.cleanup()
  })
})
