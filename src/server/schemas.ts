/**
 * JSON Schemas shared by the routes. Fastify compiles every route's schema when the server
 * boots (buildServer awaits ready()), so a broken schema fails at startup, not on the first
 * request. Field names follow IndexTTS2's (emo_alpha -> emotion_alpha, interval_silence,
 * max_text_tokens_per_segment, generation kwargs) so its users find what they know.
 */
import { EMOTION_MODES, EMOTION_NAMES, LANG_OPTIONS, OUTPUT_FORMATS } from '../core/types.js'

export const langSchema = { type: 'string', enum: [...LANG_OPTIONS] } as const

export const weightSchema = { type: 'number', minimum: 0, maximum: 1 } as const

/** The eight weights by name, or eight numbers in IndexTTS2's order. */
export const emotionVectorSchema = {
  anyOf: [
    {
      type: 'object',
      properties: Object.fromEntries(EMOTION_NAMES.map((name) => [name, weightSchema])),
      additionalProperties: false,
    },
    { type: 'array', items: weightSchema, minItems: 8, maxItems: 8 },
  ],
} as const

export const emotionModeSchema = { type: 'string', enum: [...EMOTION_MODES] } as const

export const outputFormatSchema = { type: 'string', enum: [...OUTPUT_FORMATS] } as const

/** Engine parameters are passed through to the engine untouched (flat scalars only). */
export const engineParamsSchema = {
  type: 'object',
  maxProperties: 64,
  additionalProperties: { type: ['string', 'number', 'boolean'] },
} as const

/**
 * IndexTTS2's generation kwargs with the ranges of its web UI; accepted as top-level fields
 * of /api/synthesize and folded into `params`.
 */
export const GENERATION_PARAMS = {
  do_sample: { type: 'boolean' },
  temperature: { type: 'number', minimum: 0.1, maximum: 2 },
  top_p: { type: 'number', minimum: 0, maximum: 1 },
  top_k: { type: 'integer', minimum: 0, maximum: 100 },
  num_beams: { type: 'integer', minimum: 1, maximum: 10 },
  repetition_penalty: { type: 'number', minimum: 0.1, maximum: 20 },
  length_penalty: { type: 'number', minimum: -2, maximum: 2 },
  max_mel_tokens: { type: 'integer', minimum: 50, maximum: 1815 },
} as const

export type GenerationParamName = keyof typeof GENERATION_PARAMS

export const errorResponseSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        details: { type: 'object', additionalProperties: true },
      },
    },
  },
} as const

/** Error answers every route may give; documents the shape (the error handler sends it). */
export const errorResponses = {
  '4xx': errorResponseSchema,
  '5xx': errorResponseSchema,
} as const
