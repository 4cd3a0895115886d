/**
 * Segment preview, as IndexTTS2's UI shows it: how the text will be cut and how many tokens
 * each piece costs. GET with a query for short texts; POST with a JSON body for long ones
 * (URLs are limited to a few KB by servers and proxies).
 */
import type { FastifyInstance } from 'fastify'
import type { LangOption } from '../../core/types.js'
import type { RouteContext } from '../context.js'
import { errorResponses, langSchema } from '../schemas.js'

interface SegmentsInput {
  text: string
  lang?: LangOption
  max_tokens?: number
}

const inputSchema = {
  type: 'object',
  required: ['text'],
  additionalProperties: false,
  properties: {
    text: { type: 'string' },
    lang: langSchema,
    max_tokens: { type: 'integer', minimum: 1, maximum: 1000 },
  },
} as const

export async function textRoutes(app: FastifyInstance, ctx: RouteContext): Promise<void> {
  const { mynah, options } = ctx

  const preview = (input: SegmentsInput) => {
    const prepared = mynah.prepareText(input.text, {
      lang: input.lang,
      maxTokensPerSegment: input.max_tokens,
    })
    return {
      segments: prepared.segments.map((s) => ({
        index: s.index,
        text: s.text,
        tokens: s.tokens,
        langs: [...new Set(s.runs.map((r) => r.lang))],
      })),
      total_tokens: prepared.segments.reduce((sum, s) => sum + s.tokens, 0),
      warnings: prepared.warnings,
    }
  }

  app.get(
    '/api/text/segments',
    { schema: { querystring: inputSchema, response: errorResponses } },
    async (request) => preview(request.query as SegmentsInput),
  )
  app.post(
    '/api/text/segments',
    { schema: { body: inputSchema, response: errorResponses }, bodyLimit: options.jsonBodyLimit },
    async (request) => preview(request.body as SegmentsInput),
  )
}
