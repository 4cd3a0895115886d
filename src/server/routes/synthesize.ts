/**
 * POST /api/synthesize: every IndexTTS2 control in one request (its web UI's fields, named
 * as in its infer() call). JSON body, or multipart/form-data when clips are uploaded
 * (`reference`, `emotion_audio`; object fields as JSON text). Answers with the audio file,
 * or with `stream: true` an NDJSON stream of per-segment progress and audio.
 */
import type { FastifyInstance } from 'fastify'
import {
  type EmotionMode,
  type EmotionSpec,
  type EngineParams,
  INTERVAL_SILENCE_MS_RANGE,
  type LangOption,
  type OutputFormat,
  SAMPLE_RATE_RANGE,
  SPEED_RANGE,
} from '../../core/types.js'
import type { Progress, SpeakRequest } from '../../runtime/api.js'
import { sendAudio } from '../audio-response.js'
import { checkAudioUpload, type RouteContext } from '../context.js'
import { formPreValidation } from '../multipart.js'
import {
  emotionModeSchema,
  emotionVectorSchema,
  engineParamsSchema,
  errorResponses,
  GENERATION_PARAMS,
  type GenerationParamName,
  langSchema,
  outputFormatSchema,
  weightSchema,
} from '../schemas.js'
import { abortOnDisconnect } from '../stream.js'

interface SynthesizeBody {
  text: string
  lang?: LangOption
  voice?: string
  reference_voice?: string
  emotion_mode?: EmotionMode
  emotion?: EmotionSpec['vector']
  emotion_alpha?: number
  emotion_text?: string
  emotion_random?: boolean
  speed?: number
  interval_silence?: number
  max_text_tokens_per_segment?: number
  format?: OutputFormat
  sample_rate?: number
  stream?: boolean
  engine?: string
  params?: Record<string, string | number | boolean>
  [generation: string]: unknown
}

export const SYNTHESIZE_FILES = ['reference', 'emotion_audio'] as const

const synthesizeSchema = {
  body: {
    type: 'object',
    required: ['text'],
    additionalProperties: false,
    properties: {
      text: { type: 'string' },
      lang: langSchema,
      voice: { type: 'string', minLength: 1, maxLength: 200 },
      reference_voice: { type: 'string', minLength: 1, maxLength: 200 },
      emotion_mode: emotionModeSchema,
      emotion: emotionVectorSchema,
      emotion_alpha: weightSchema,
      emotion_text: { type: 'string', maxLength: 4096 },
      emotion_random: { type: 'boolean' },
      speed: { type: 'number', minimum: SPEED_RANGE.min, maximum: SPEED_RANGE.max },
      interval_silence: {
        type: 'integer',
        minimum: INTERVAL_SILENCE_MS_RANGE.min,
        maximum: INTERVAL_SILENCE_MS_RANGE.max,
      },
      max_text_tokens_per_segment: { type: 'integer', minimum: 1, maximum: 1000 },
      format: outputFormatSchema,
      sample_rate: { type: 'integer', minimum: SAMPLE_RATE_RANGE.min, maximum: SAMPLE_RATE_RANGE.max },
      stream: { type: 'boolean' },
      engine: { type: 'string', minLength: 1, maxLength: 100 },
      params: engineParamsSchema,
      ...GENERATION_PARAMS,
    },
  },
  response: errorResponses,
} as const

function engineParams(body: SynthesizeBody): EngineParams | undefined {
  const params: Record<string, string | number | boolean> = { ...(body.params ?? {}) }
  for (const name of Object.keys(GENERATION_PARAMS) as GenerationParamName[]) {
    const value = body[name]
    if (typeof value === 'number' || typeof value === 'boolean') params[name] = value
  }
  return Object.keys(params).length > 0 ? params : undefined
}

function emotionOf(body: SynthesizeBody, audio: Uint8Array | undefined): EmotionSpec | undefined {
  const spec: EmotionSpec = {
    mode: body.emotion_mode,
    vector: body.emotion,
    audio,
    text: body.emotion_text,
    alpha: body.emotion_alpha,
    random: body.emotion_random,
  }
  return Object.values(spec).some((v) => v !== undefined) ? spec : undefined
}

export async function synthesizeRoutes(app: FastifyInstance, ctx: RouteContext): Promise<void> {
  const { mynah, options, metrics } = ctx
  app.post(
    '/api/synthesize',
    {
      schema: synthesizeSchema,
      bodyLimit: options.jsonBodyLimit,
      preValidation: formPreValidation({
        files: SYNTHESIZE_FILES,
        jsonFields: ['emotion', 'params'],
        maxUploadBytes: options.maxUploadBytes,
        fieldSizeLimit: options.fieldSizeLimit,
      }),
    },
    async (request, reply) => {
      const body = request.body as SynthesizeBody
      const reference = checkAudioUpload(request.uploads.get('reference'), 'reference')
      const emotionAudio = checkAudioUpload(request.uploads.get('emotion_audio'), 'emotion_audio')
      const speak: SpeakRequest = {
        text: body.text,
        lang: body.lang,
        voice: body.reference_voice ?? body.voice,
        reference,
        emotion: emotionOf(body, emotionAudio),
        speed: body.speed,
        sampleRate: body.sample_rate,
        maxTokensPerSegment: body.max_text_tokens_per_segment,
        intervalSilenceMs: body.interval_silence,
        engine: body.engine,
        params: engineParams(body),
      }
      const progress: Progress[] = []
      const signal = abortOnDisconnect(request, reply)
      const format = body.format ?? 'wav'
      return sendAudio(reply, {
        chunks: mynah.synthesize(speak, {
          signal,
          onProgress: body.stream ? (p) => progress.push({ ...p }) : undefined,
        }),
        format,
        framing: body.stream ? 'ndjson' : 'file',
        sampleRate: body.sample_rate ?? mynah.config.sampleRate,
        progress,
        onDone: (tally) => metrics.audioProduced('/api/synthesize', tally.seconds),
      })
    },
  )
}
