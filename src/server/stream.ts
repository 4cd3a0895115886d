/**
 * Streaming plumbing shared by the audio routes: cancellation on client disconnect, and
 * "peek the first chunk before answering" so that anything that fails before audio exists
 * (unknown voice, bad emotion, busy queue) is still a proper HTTP error, not a 200 that
 * breaks off.
 */
import { Readable } from 'node:stream'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { MynahError } from '../core/errors.js'
import type { AudioChunk } from '../engines/engine.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** Syntheses in flight, aborted when the server shuts down. */
    inflight: Set<AbortController>
  }
}

/** Track in-flight syntheses so that closing the server stops them instead of waiting for them. */
export function installInflight(app: FastifyInstance): void {
  app.decorate('inflight', new Set<AbortController>())
  app.addHook('preClose', async () => {
    for (const controller of app.inflight)
      controller.abort(new MynahError('E_CANCELLED', { reason: 'the server is shutting down' }))
  })
}

/**
 * An AbortSignal that fires when the client goes away before the response is complete, or
 * when the server shuts down. The response's 'close' event fires both on normal completion
 * and on a dropped connection; writableFinished tells the two apart.
 */
export function abortOnDisconnect(request: FastifyRequest, reply: FastifyReply): AbortSignal {
  const controller = new AbortController()
  const inflight = request.server.inflight
  inflight.add(controller)
  reply.raw.once('close', () => {
    inflight.delete(controller)
    if (!reply.raw.writableFinished && !controller.signal.aborted) {
      request.log.debug('client disconnected; cancelling synthesis')
      controller.abort(new MynahError('E_CANCELLED', { reason: 'client disconnected' }))
    }
  })
  return controller.signal
}

export interface Peeked<T> {
  /** The first item, or undefined when the source was empty. */
  readonly first: T | undefined
  /** Every item, the peeked one first; closes the source when the consumer stops early. */
  readonly all: AsyncIterable<T>
}

/**
 * Pull the first item so that errors raised before any output reject here (and become a
 * JSON error answer with the right status) instead of breaking off a 200 response.
 */
export async function peekFirst<T>(source: AsyncIterable<T>): Promise<Peeked<T>> {
  const iterator = source[Symbol.asyncIterator]()
  const first = await iterator.next()
  return {
    first: first.done ? undefined : first.value,
    all: {
      async *[Symbol.asyncIterator]() {
        try {
          if (first.done) return
          yield first.value
          while (true) {
            const next = await iterator.next()
            if (next.done) return
            yield next.value
          }
        } finally {
          // Consumer stopped early (client gone, encoder failed): let the source clean up.
          await iterator.return?.()
        }
      },
    },
  }
}

/** Total seconds of a chunk stream as it passes. */
export class AudioTally {
  samples = 0
  sampleRate = 0
  segments = new Set<number>()
  add(chunk: AudioChunk): void {
    this.samples += chunk.samples.length
    this.sampleRate = chunk.sampleRate
    this.segments.add(chunk.segmentIndex)
  }
  get seconds(): number {
    return this.sampleRate > 0 ? this.samples / this.sampleRate : 0
  }
}

/** Send an async iterable of bytes or strings as a chunked response body. */
export function sendStream(
  reply: FastifyReply,
  contentType: string,
  body: AsyncIterable<Uint8Array | string>,
): FastifyReply {
  reply.header('content-type', contentType)
  reply.header('cache-control', 'no-store')
  reply.header('x-accel-buffering', 'no') // ask reverse proxies not to buffer the stream
  return reply.send(Readable.from(body, { objectMode: false }))
}
