/**
 * OpenAI-compatible speech API: POST /v1/audio/speech and GET /v1/models. Clients written
 * for OpenAI (the official `openai` packages, anything that speaks its REST shape) work
 * against mynah by changing the base URL. mynah's own controls ride along in the same body
 * (reference_voice, emotion, emotion_alpha, emotion_text, lang).
 */
import type { FastifyInstance } from 'fastify'
import { MynahError } from '../../core/errors.js'
import { type EmotionSpec, type OutputFormat, SPEED_RANGE } from '../../core/types.js'
import { ENGINES } from '../../engines/engine.js'
import type { SpeakRequest } from '../../runtime/api.js'
import { sendAudio } from '../audio-response.js'
import type { RouteContext } from '../context.js'
import { emotionVectorSchema, errorResponses, langSchema, weightSchema } from '../schemas.js'
import { abortOnDisconnect } from '../stream.js'

/** OpenAI's model names; all of them mean "the configured engine". */
export const OPENAI_MODELS = ['tts-1', 'tts-1-hd', 'gpt-4o-mini-tts', 'gpt-4o-mini-tts-2025-12-15'] as const
/** OpenAI's output sample rate (its pcm format is documented as 24 kHz s16le). */
export const OPENAI_SAMPLE_RATE = 24_000
/** mynah's speaking-rate range; OpenAI's 0.25..4 is accepted and clamped into it. */

interface SpeechBody {
  model: string
  input: string
  voice?: string | { id: string }
  instructions?: string
  response_format?: OutputFormat | 'aac'
  speed?: number
  stream_format?: 'audio' | 'sse'
  reference_voice?: string
  emotion?: EmotionSpec['vector']
  emotion_alpha?: number
  emotion_text?: string
  lang?: 'auto' | 'zh' | 'en'
}

const speechSchema = {
  body: {
    type: 'object',
    required: ['model', 'input'],
    // OpenAI clients may send fields mynah does not know; they are ignored, as OpenAI does.
    properties: {
      model: { type: 'string', minLength: 1, maxLength: 200 },
      input: { type: 'string' },
      voice: {
        anyOf: [
          { type: 'string', minLength: 1, maxLength: 200 },
          {
            type: 'object',
            required: ['id'],
            properties: { id: { type: 'string', minLength: 1, maxLength: 200 } },
          },
        ],
      },
      instructions: { type: 'string', maxLength: 4096 },
      response_format: { type: 'string', enum: ['mp3', 'opus', 'aac', 'flac', 'wav', 'pcm'] },
      speed: { type: 'number', minimum: 0.25, maximum: 4 },
      stream_format: { type: 'string', enum: ['audio', 'sse'] },
      reference_voice: { type: 'string', minLength: 1, maxLength: 200 },
      emotion: emotionVectorSchema,
      emotion_alpha: weightSchema,
      emotion_text: { type: 'string', maxLength: 4096 },
      lang: langSchema,
    },
  },
  response: errorResponses,
} as const

export async function openaiRoutes(app: FastifyInstance, ctx: RouteContext): Promise<void> {
  const { mynah, options, metrics } = ctx

  /** The engine a model name selects: an engine id, or one of OpenAI's names / "mynah" for the default. */
  function engineFor(model: string): string | undefined {
    if (ENGINES.some((e) => e.id === model)) return model
    if (model === 'mynah' || (OPENAI_MODELS as readonly string[]).includes(model)) return undefined
    throw new MynahError('E_MODEL_UNKNOWN', {
      model,
      available: ['mynah', ...OPENAI_MODELS, ...ENGINES.map((e) => e.id)].join(', '),
    })
  }

  function toSpeakRequest(body: SpeechBody): SpeakRequest {
    const engine = engineFor(body.model)
    // Voice names, saved voices and OpenAI's voice names are all resolved by the library.
    const voice = body.reference_voice ?? (typeof body.voice === 'object' ? body.voice.id : body.voice)
    // OpenAI's `instructions` ("speak cheerfully") is an emotion description when no explicit emotion is given.
    const emotionText = body.emotion_text ?? (body.emotion === undefined ? body.instructions : undefined)
    const emotion: EmotionSpec | undefined =
      body.emotion !== undefined || emotionText !== undefined || body.emotion_alpha !== undefined
        ? { vector: body.emotion, text: emotionText, alpha: body.emotion_alpha }
        : undefined
    return {
      text: body.input,
      lang: body.lang,
      voice,
      emotion,
      speed: Math.min(SPEED_RANGE.max, Math.max(SPEED_RANGE.min, body.speed ?? 1)),
      sampleRate: OPENAI_SAMPLE_RATE,
      engine,
    }
  }

  app.post(
    '/v1/audio/speech',
    { schema: speechSchema, bodyLimit: options.jsonBodyLimit },
    async (request, reply) => {
      const body = request.body as SpeechBody
      const format = body.response_format ?? 'mp3'
      if (format === 'aac')
        throw new MynahError('E_FORMAT_UNSUPPORTED', {
          format: 'aac',
          supported: 'mp3, opus, flac, wav, pcm',
        })
      const speak = toSpeakRequest(body)
      const signal = abortOnDisconnect(request, reply)
      return sendAudio(reply, {
        chunks: mynah.synthesize(speak, { signal }),
        format,
        framing: body.stream_format ?? 'file',
        sampleRate: OPENAI_SAMPLE_RATE,
        inputChars: body.input.length,
        onDone: (tally) => metrics.audioProduced('/v1/audio/speech', tally.seconds),
      })
    },
  )

  app.get('/v1/models', { schema: { response: errorResponses } }, async () => {
    const engines = await mynah.engines()
    const created = 0
    const row = (id: string, note: string) => ({
      id,
      object: 'model',
      created,
      owned_by: 'mynah',
      description: note,
    })
    return {
      object: 'list',
      data: [
        ...engines.map((e) => row(e.id, e.description)),
        row('mynah', `The configured engine (${mynah.config.engine}).`),
        ...OPENAI_MODELS.map((m) =>
          row(m, `OpenAI name; served by the configured engine (${mynah.config.engine}).`),
        ),
      ],
    }
  })
}
