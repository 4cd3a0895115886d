/**
 * Turning the library's AudioChunk stream into an HTTP answer, in the framings the API
 * offers. Encoding happens here, at the edge; nothing here decides what is said or how.
 *
 * - `file`: collect, encode once, answer with Content-Length (exact WAV header sizes).
 * - `audio`: chunked transfer of the encoded stream as segments complete.
 * - `sse`: OpenAI's speech stream events, `speech.audio.delta` (base64 audio) then
 *   `speech.audio.done` with usage.
 * - `ndjson`: mynah's per-segment framing for /api/synthesize (progress, audio, segment,
 *   done, error lines; see docs/http-api.md).
 */

import type { FastifyReply } from 'fastify'
import { concatFloat32 } from '../core/arrays.js'
import { toMynahError } from '../core/errors.js'
import type { OutputFormat } from '../core/types.js'
import type { AudioChunk } from '../engines/engine.js'
import type { Progress } from '../runtime/api.js'
import { contentTypeFor, encode, openStreamEncoder } from './codec.js'
import { AudioTally, peekFirst, sendStream } from './stream.js'

export type Framing = 'file' | 'audio' | 'sse' | 'ndjson'

export interface AudioAnswer {
  readonly chunks: AsyncIterable<AudioChunk>
  readonly format: OutputFormat
  readonly framing: Framing
  /** Sample rate to encode at when the stream is empty (normally taken from the first chunk). */
  readonly sampleRate: number
  /** Called once with what was produced, when the answer is complete. */
  readonly onDone: (tally: AudioTally) => void
  /** SSE usage: characters of input (mynah does not meter tokens). */
  readonly inputChars?: number
  /** ndjson: progress events collected by the caller's onProgress, drained between chunks. */
  readonly progress?: Progress[]
  /** Extra response headers for `file` answers. */
  readonly headers?: Record<string, string>
}

const base64 = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')

function progressLine(p: Progress): string {
  return `${JSON.stringify({
    type: 'progress',
    stage: p.stage,
    segments_done: p.segmentsDone,
    segments_total: p.segmentsTotal,
    queue_position: p.queuePosition,
  })}\n`
}

/** Answer with audio in the requested framing. Errors before the first chunk reject (-> JSON error). */
export async function sendAudio(reply: FastifyReply, answer: AudioAnswer): Promise<FastifyReply> {
  const { first, all } = await peekFirst(answer.chunks)
  const sampleRate = first?.sampleRate ?? answer.sampleRate
  const tally = new AudioTally()

  if (answer.framing === 'file') {
    const parts: Float32Array[] = []
    for await (const chunk of all) {
      tally.add(chunk)
      parts.push(chunk.samples)
    }
    const bytes = await encode({ samples: concatFloat32(parts), sampleRate }, answer.format)
    answer.onDone(tally)
    for (const [k, v] of Object.entries(answer.headers ?? {})) reply.header(k, v)
    reply.header('x-mynah-duration', tally.seconds.toFixed(3))
    reply.header('x-mynah-segments', String(tally.segments.size))
    return reply
      .type(contentTypeFor(answer.format))
      .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  }

  const encoder = await openStreamEncoder(answer.format, sampleRate)
  if (answer.framing === 'audio') {
    async function* body(): AsyncGenerator<Uint8Array> {
      for await (const chunk of all) {
        tally.add(chunk)
        const bytes = encoder.write(chunk.samples)
        if (bytes.length > 0) yield bytes
      }
      const tail = encoder.end()
      if (tail.length > 0) yield tail
      answer.onDone(tally)
    }
    return sendStream(reply, encoder.contentType, body())
  }

  if (answer.framing === 'sse') {
    async function* events(): AsyncGenerator<string> {
      const delta = (bytes: Uint8Array) =>
        `data: ${JSON.stringify({ type: 'speech.audio.delta', audio: base64(bytes) })}\n\n`
      try {
        for await (const chunk of all) {
          tally.add(chunk)
          const bytes = encoder.write(chunk.samples)
          if (bytes.length > 0) yield delta(bytes)
        }
        const tail = encoder.end()
        if (tail.length > 0) yield delta(tail)
        const chars = answer.inputChars ?? 0
        const usage = { input_tokens: chars, output_tokens: 0, total_tokens: chars }
        yield `data: ${JSON.stringify({ type: 'speech.audio.done', usage })}\n\n`
        answer.onDone(tally)
      } catch (error) {
        yield `data: ${JSON.stringify({ type: 'error', error: toMynahError(error).toJSON() })}\n\n`
      }
    }
    return sendStream(reply, 'text/event-stream; charset=utf-8', events())
  }

  const pending = answer.progress ?? []
  async function* lines(): AsyncGenerator<string> {
    const drain = function* () {
      while (pending.length > 0) yield progressLine(pending.shift() as Progress)
    }
    const start = {
      type: 'start',
      format: answer.format,
      sample_rate: sampleRate,
      content_type: encoder.contentType,
    }
    yield `${JSON.stringify(start)}\n`
    try {
      let segmentSamples = 0
      for await (const chunk of all) {
        yield* drain()
        tally.add(chunk)
        segmentSamples += chunk.samples.length
        const bytes = encoder.write(chunk.samples)
        if (bytes.length > 0)
          yield `${JSON.stringify({ type: 'audio', segment: chunk.segmentIndex, audio: base64(bytes) })}\n`
        if (chunk.segmentEnd) {
          const seconds = segmentSamples / chunk.sampleRate
          yield `${JSON.stringify({ type: 'segment', index: chunk.segmentIndex, seconds })}\n`
          segmentSamples = 0
        }
      }
      yield* drain()
      const done = {
        type: 'done',
        seconds: tally.seconds,
        segments: tally.segments.size,
        audio: base64(encoder.end()),
      }
      yield `${JSON.stringify(done)}\n`
      answer.onDone(tally)
    } catch (error) {
      yield `${JSON.stringify({ type: 'error', error: toMynahError(error).toJSON() })}\n`
    }
  }
  return sendStream(reply, 'application/x-ndjson; charset=utf-8', lines())
}
