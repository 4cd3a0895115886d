/**
 * The voice library over HTTP: GET /api/voices (built-in and saved), POST /api/voices
 * (multipart: `name` + the clip in `clip`), DELETE /api/voices/:id. Storage, validation
 * by decoding and duplicate detection are the library's (mynah.addVoice); the route only
 * checks that the upload is audio at all (415 otherwise).
 */
import type { FastifyInstance } from 'fastify'
import { MynahError } from '../../core/errors.js'
import { checkAudioUpload, type RouteContext } from '../context.js'
import { formPreValidation } from '../multipart.js'
import { errorResponses } from '../schemas.js'

const addVoiceSchema = {
  body: {
    type: 'object',
    required: ['name'],
    additionalProperties: false,
    properties: { name: { type: 'string', minLength: 1, maxLength: 200 } },
  },
  response: errorResponses,
} as const

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 200 } },
} as const

export async function voiceRoutes(app: FastifyInstance, ctx: RouteContext): Promise<void> {
  const { mynah, options } = ctx

  app.get('/api/voices', { schema: { response: errorResponses } }, async () => ({
    voices: await mynah.listVoices(),
  }))

  app.post(
    '/api/voices',
    {
      schema: addVoiceSchema,
      preValidation: formPreValidation({
        files: ['clip'],
        jsonFields: [],
        maxUploadBytes: options.maxUploadBytes,
        fieldSizeLimit: 4096,
      }),
    },
    async (request, reply) => {
      if (!request.isMultipart())
        throw new MynahError('E_MEDIA_TYPE_UNSUPPORTED', {
          type: request.headers['content-type'] ?? 'none',
          accepted: 'multipart/form-data with fields name and clip',
        })
      const { name } = request.body as { name: string }
      const clip = checkAudioUpload(request.uploads.get('clip'), 'clip')
      if (!clip) throw new MynahError('E_INVALID_ARGUMENT', { detail: 'the form has no clip file' })
      const voice = await mynah.addVoice(name, clip)
      return reply.status(201).send({ voice })
    },
  )

  app.delete(
    '/api/voices/:id',
    { schema: { params: idParams, response: errorResponses } },
    async (request, reply) => {
      const { id } = request.params as { id: string }
      await mynah.removeVoice(id)
      return reply.status(204).send()
    },
  )
}
