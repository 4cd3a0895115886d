/**
 * One error handler for every route: whatever was thrown becomes `{error: {code, message,
 * details}}` with the status from the error catalogue (httpStatusOf). Fastify's and
 * multipart's own client errors (validation, body limits, media type, broken forms) are
 * translated to mynah codes first, so nothing a client sends can surface as a 500.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { httpStatusOf, isMynahError, MynahError, toMynahError } from '../core/errors.js'
import { EMOTION_NAMES } from '../core/types.js'

interface ClientErrorLike {
  code?: string
  statusCode?: number
  message?: string
  validation?: unknown
  validationContext?: string
}

const ACCEPTED_BODIES = 'application/json or multipart/form-data'

interface ValidationIssue {
  instancePath?: string
  message?: string
}

/** Field of the first validation issue, e.g. "emotion" for /emotion/happy. */
function fieldOf(issue: ValidationIssue | undefined): string {
  return (issue?.instancePath ?? '').split('/').filter(Boolean)[0] ?? ''
}

/** Validation failures of the emotion fields are E_EMOTION_INVALID (issue 6); others E_INVALID_ARGUMENT. */
function validationError(e: ClientErrorLike, message: string): MynahError {
  const issues = Array.isArray(e.validation) ? (e.validation as ValidationIssue[]) : []
  const field = fieldOf(issues[0])
  const where = e.validationContext ?? 'body'
  if (field.startsWith('emotion')) {
    const first = issues[0]
    const detail =
      field === 'emotion'
        ? `emotion must be an object of weights 0..1 named ${EMOTION_NAMES.join(', ')}, or an array of 8 such weights (${first?.instancePath} ${first?.message})`
        : `${field} ${first?.message ?? 'is invalid'}`
    return new MynahError('E_EMOTION_INVALID', { detail, field, where })
  }
  return new MynahError('E_INVALID_ARGUMENT', { detail: message, field, where })
}

export interface RequestFacts {
  /** Content-Type header of the request. */
  readonly contentType?: string
  /** Content-Length header of the request. */
  readonly contentLength?: string
  readonly bodyLimit?: number
}

/** Translate a framework error raised by bad client input into a MynahError, or return undefined. */
export function clientErrorOf(error: unknown, facts: RequestFacts = {}): MynahError | undefined {
  if (isMynahError(error)) return error
  const e = (error ?? {}) as ClientErrorLike
  const message = typeof e.message === 'string' ? e.message : String(error)
  if (e.validation) return validationError(e, message)
  const tooLarge = () =>
    new MynahError('E_PAYLOAD_TOO_LARGE', {
      bytes: facts.contentLength ?? 'more than allowed',
      limit: facts.bodyLimit ?? 'the configured',
      detail: message,
    })
  const badType = () =>
    new MynahError('E_MEDIA_TYPE_UNSUPPORTED', {
      type: facts.contentType || 'none',
      accepted: ACCEPTED_BODIES,
    })
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return tooLarge()
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return badType()
  }
  // Anything else fastify, busboy or the JSON parser flagged as the client's fault.
  const status = typeof e.statusCode === 'number' ? e.statusCode : 0
  const fromParser =
    error instanceof SyntaxError ||
    /multipart|boundary|part terminated|unexpected end|malformed/i.test(message) ||
    (typeof e.code === 'string' && /^FST_(ERR_CTP|PROTO|INVALID_JSON|MP_)/.test(e.code))
  if (status === 413) return tooLarge()
  if (status === 415) return badType()
  if ((status >= 400 && status < 500) || fromParser)
    return new MynahError('E_INVALID_ARGUMENT', { detail: message })
  return undefined
}

export function sendError(reply: FastifyReply, error: MynahError): FastifyReply {
  if (error.code === 'E_BUSY' && error.details.retryAfter !== undefined)
    reply.header('retry-after', String(error.details.retryAfter))
  if (error.code === 'E_UNAUTHORIZED') reply.header('www-authenticate', 'Bearer')
  return reply
    .status(httpStatusOf(error))
    .type('application/json; charset=utf-8')
    .send({ error: error.toJSON() })
}

export function installErrorHandling(app: FastifyInstance, limits: { bodyLimit: number }): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const mapped =
      clientErrorOf(error, {
        contentType: request.headers['content-type'],
        contentLength: request.headers['content-length'],
        bodyLimit: request.routeOptions.bodyLimit ?? limits.bodyLimit,
      }) ?? toMynahError(error)
    if (mapped.code === 'E_INTERNAL' || httpStatusOf(mapped) >= 500)
      request.log.error({ err: error }, 'request failed')
    if (reply.sent || reply.raw.headersSent) {
      // A stream failed after its headers went out: nothing to answer, close the connection.
      reply.raw.destroy()
      return
    }
    return sendError(reply, mapped)
  })
  app.setNotFoundHandler((request, reply) =>
    sendError(
      reply,
      new MynahError('E_NOT_FOUND', { what: `Route ${request.method} ${request.url.split('?')[0]}` }),
    ),
  )
}
