/**
 * multipart/form-data for the routes that take uploads. A preValidation hook reads the
 * form into a plain object (fields) plus `request.uploads` (files as bytes), so the route's
 * JSON Schema validates form fields exactly as it validates a JSON body (strings are
 * coerced to numbers and booleans by the validator). Upload file names and MIME types are
 * ignored: what a file is gets decided by sniffing its bytes.
 */
import type { FastifyReply, FastifyRequest, preValidationHookHandler } from 'fastify'
import { MynahError } from '../core/errors.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** Files of a multipart request by field name (empty for JSON bodies). */
    uploads: Map<string, Uint8Array>
  }
}

export interface FormSpec {
  /** Field names that carry files. */
  readonly files: readonly string[]
  /** Field names whose value is JSON text (objects and arrays in a form). */
  readonly jsonFields: readonly string[]
  readonly maxUploadBytes: number
  readonly fieldSizeLimit: number
}

const MAX_FIELDS = 48

function invalid(detail: string): MynahError {
  return new MynahError('E_INVALID_ARGUMENT', { detail })
}

function parseJsonField(name: string, value: string): unknown {
  try {
    return JSON.parse(value)
  } catch {
    throw invalid(`form field ${name} must be JSON`)
  }
}

export function formPreValidation(spec: FormSpec): preValidationHookHandler {
  return async function readForm(request: FastifyRequest, _reply: FastifyReply) {
    request.uploads = new Map()
    if (!request.isMultipart()) return
    const fields: Record<string, unknown> = {}
    const parts = request.parts({
      limits: {
        fileSize: spec.maxUploadBytes,
        files: spec.files.length,
        fields: MAX_FIELDS,
        parts: MAX_FIELDS + spec.files.length,
        fieldSize: spec.fieldSizeLimit,
        fieldNameSize: 100,
      },
    })
    for await (const part of parts) {
      const name = part.fieldname
      if (part.type === 'file') {
        if (!spec.files.includes(name)) {
          part.file.resume()
          throw invalid(
            `unexpected file field ${JSON.stringify(name)}; files go in ${spec.files.join(' or ')}`,
          )
        }
        const bytes = await part.toBuffer()
        if (request.uploads.has(name)) throw invalid(`file field ${name} was sent twice`)
        // An empty file input in a browser form still sends a part: treat it as absent.
        if (bytes.length > 0)
          request.uploads.set(name, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length))
        continue
      }
      if (part.valueTruncated)
        throw new MynahError('E_PAYLOAD_TOO_LARGE', {
          bytes: `>${spec.fieldSizeLimit}`,
          limit: spec.fieldSizeLimit,
        })
      if (Object.hasOwn(fields, name)) throw invalid(`form field ${name} was sent twice`)
      const raw = typeof part.value === 'string' ? part.value : JSON.stringify(part.value)
      // Empty optional fields (as HTML forms send them) mean "not given", except the text itself.
      if (raw === '' && name !== 'text' && name !== 'input') continue
      fields[name] =
        spec.jsonFields.includes(name) && typeof part.value === 'string' ? parseJsonField(name, raw) : raw
    }
    request.body = fields
  }
}
