/** Shared plumbing for the server tests: a server over a FakeMynah, multipart bodies, small WAVs. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { encodeWav } from '../../../src/audio/wav.js'
import { buildServer, type ServerOptions } from '../../../src/server/app.js'
import { FakeMynah, type FakeMynahOptions } from '../../helpers/fake-mynah.js'

export interface TestServer {
  app: FastifyInstance
  mynah: FakeMynah
  close(): Promise<void>
}

export async function fakeServer(
  fake: FakeMynahOptions = {},
  options: ServerOptions = {},
): Promise<TestServer> {
  const mynah = new FakeMynah(fake)
  const app = await buildServer(mynah, { webRoot: null, ...options })
  return { app, mynah, close: () => app.close() }
}

/** A mono 16-bit WAV tone (valid audio the fake and the real decoder accept). */
export function toneWav(seconds = 1, sampleRate = 16_000, hz = 200): Uint8Array {
  const samples = new Float32Array(Math.round(seconds * sampleRate))
  for (let i = 0; i < samples.length; i++) samples[i] = 0.4 * Math.sin((2 * Math.PI * hz * i) / sampleRate)
  return encodeWav({ samples, sampleRate })
}

export interface FormBody {
  payload: Buffer
  headers: Record<string, string>
}

/** Serialize a multipart/form-data body the way a browser would (via the WHATWG Request). */
export async function form(
  fields: Record<string, string>,
  files: Record<string, { bytes: Uint8Array; filename?: string; type?: string }> = {},
): Promise<FormBody> {
  const data = new FormData()
  for (const [k, v] of Object.entries(fields)) data.append(k, v)
  for (const [k, f] of Object.entries(files))
    data.append(
      k,
      new Blob([f.bytes], { type: f.type ?? 'application/octet-stream' }),
      f.filename ?? 'clip.wav',
    )
  const request = new Request('http://localhost/', { method: 'POST', body: data })
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    headers: { 'content-type': request.headers.get('content-type') ?? '' },
  }
}

export function tempHome(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'mynah-server-test-'))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** Duration in seconds of a 16-bit mono WAV produced by the server (header says the rate). */
export function wavSeconds(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const rate = view.getUint32(24, true)
  return (bytes.byteLength - 44) / 2 / rate
}
