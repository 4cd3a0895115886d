/**
 * The one error type mynah throws on purpose. Every failure a caller can act on has a
 * stable `code` from ERROR_CATALOGUE; the HTTP status lives in the catalogue too, so the
 * mapping from error to status exists in exactly one place (see httpStatusOf).
 */

export interface ErrorSpec {
  /** HTTP status a surface answers with. */
  readonly status: number
  /** Message template; `{name}` placeholders are filled from the error's details. */
  readonly message: string
}

export const ERROR_CATALOGUE = {
  E_INVALID_ARGUMENT: { status: 400, message: 'Invalid argument: {detail}' },
  E_TEXT_EMPTY: { status: 400, message: 'The text is empty: there is nothing to say.' },
  E_TEXT_TOO_LONG: { status: 413, message: 'The text has {length} characters; the limit is {limit}.' },
  E_TEXT_UNSPEAKABLE: { status: 400, message: 'The text has no speakable content after normalization.' },
  E_GLOSSARY_INVALID: { status: 400, message: 'The glossary {file} is invalid: {detail}' },
  E_AUDIO_UNREADABLE: { status: 422, message: 'The audio could not be decoded: {detail}' },
  E_AUDIO_UNSUPPORTED: { status: 415, message: 'Unsupported media type {type}; send wav, flac, mp3 or ogg.' },
  E_AUDIO_NO_SPEECH: { status: 422, message: 'No speech was found in the reference audio.' },
  E_AUDIO_TOO_SHORT: {
    status: 422,
    message: 'The reference has {seconds} s of speech; at least {minimum} s is needed.',
  },
  E_AUDIO_CLIPPED: {
    status: 422,
    message: 'The reference audio is heavily clipped ({percent} % of samples).',
  },
  E_PAYLOAD_TOO_LARGE: { status: 413, message: 'The upload is {bytes} bytes; the limit is {limit} bytes.' },
  E_FORMAT_UNSUPPORTED: { status: 400, message: 'Output format {format} is not supported; use {supported}.' },
  E_MEDIA_TYPE_UNSUPPORTED: {
    status: 415,
    message: 'Content-Type {type} is not accepted here; send {accepted}.',
  },
  E_VOICE_UNKNOWN: { status: 404, message: 'Unknown voice {voice}. {hint}' },
  E_VOICE_DUPLICATE: { status: 409, message: 'This clip is already saved as voice {voice}.' },
  E_VOICE_NAME_TAKEN: { status: 409, message: 'A saved voice is already named {name}; choose another name.' },
  E_EMOTION_INVALID: { status: 400, message: 'Invalid emotion: {detail}' },
  E_ENGINE_UNKNOWN: { status: 400, message: 'Unknown engine {engine}; available: {available}.' },
  E_ENGINE_NOT_READY: { status: 503, message: 'Engine {engine} is not ready: {detail}' },
  E_MODEL_UNKNOWN: { status: 404, message: 'Unknown model {model}; available: {available}.' },
  E_MODEL_NOT_INSTALLED: {
    status: 404,
    message: 'Model {model} is not installed; run `mynah models pull {model}`.',
  },
  E_MODEL_DOES_NOT_FIT: { status: 507, message: 'Model {model} does not fit this machine: {detail}' },
  E_DOWNLOAD_FAILED: { status: 502, message: 'Download of {url} failed: {detail}' },
  E_CHECKSUM_MISMATCH: {
    status: 502,
    message: '{file} failed verification: sha256 {actual}, expected {expected}.',
  },
  E_DISK_FULL: {
    status: 507,
    message: 'Not enough disk space in {dir}: {free} bytes free, {needed} needed.',
  },
  E_LOCKED: { status: 409, message: '{resource} is locked by another process (pid {pid}).' },
  E_BUSY: { status: 503, message: 'The server is busy ({queued} requests queued); retry in {retryAfter} s.' },
  E_TIMEOUT: { status: 504, message: 'The request took longer than {seconds} s and was stopped.' },
  E_CANCELLED: { status: 499, message: 'The request was cancelled.' },
  E_UNAUTHORIZED: { status: 401, message: 'A valid API key is required (Authorization: Bearer <key>).' },
  E_NOT_FOUND: { status: 404, message: '{what} was not found.' },
  E_CONFIG_INVALID: { status: 500, message: 'Invalid configuration {key}: {detail}' },
  E_INTERNAL: { status: 500, message: 'Internal error: {detail}' },
} as const satisfies Record<string, ErrorSpec>

export type ErrorCode = keyof typeof ERROR_CATALOGUE

export type ErrorDetails = Record<string, string | number | boolean | undefined>

function fill(template: string, details: ErrorDetails): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = details[key]
    return value === undefined ? whole : String(value)
  })
}

export class MynahError extends Error {
  readonly code: ErrorCode
  readonly details: ErrorDetails

  constructor(code: ErrorCode, details: ErrorDetails = {}, options?: { cause?: unknown; message?: string }) {
    super(options?.message ?? fill(ERROR_CATALOGUE[code].message, details), { cause: options?.cause })
    this.name = 'MynahError'
    this.code = code
    this.details = details
  }

  get status(): number {
    return ERROR_CATALOGUE[this.code].status
  }

  toJSON(): { code: ErrorCode; message: string; details: ErrorDetails } {
    return { code: this.code, message: this.message, details: this.details }
  }
}

export function isMynahError(value: unknown): value is MynahError {
  return value instanceof MynahError
}

/** The single mapping from any thrown value to an HTTP status. */
export function httpStatusOf(error: unknown): number {
  return isMynahError(error) ? error.status : 500
}

/** Wrap anything thrown into a MynahError (unknown failures become E_INTERNAL). */
export function toMynahError(error: unknown): MynahError {
  if (isMynahError(error)) return error
  if (error instanceof Error && error.name === 'AbortError')
    return new MynahError('E_CANCELLED', {}, { cause: error })
  const detail = error instanceof Error ? error.message : String(error)
  return new MynahError('E_INTERNAL', { detail }, { cause: error })
}

/** Throws E_CANCELLED when the signal is aborted; call between stages of long work. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (!signal?.aborted) return
  const reason: unknown = signal.reason
  if (isMynahError(reason)) throw reason
  throw new MynahError('E_CANCELLED', {}, { cause: reason })
}
