/**
 * Generate: build the /api/synthesize request from the panels (multipart when clips are
 * attached, JSON otherwise), read the NDJSON stream (progress, audio per segment, done),
 * and assemble the audio file from the pieces.
 */

import type { AdvancedSettings } from './advanced.js'
import { ApiError, api } from './api.js'
import type { EmotionSettings } from './emotion.js'
import { fixStreamedWav } from './wav.js'

export interface GenerateInput {
  text: string
  lang: string
  /** Voice id or name ('' = engine default). */
  voice: string
  reference: Blob | null
  emotion: EmotionSettings
  emotionClip: Blob | null
  advanced: AdvancedSettings
  params: Record<string, string | number | boolean>
}

export interface GenerateResult {
  blob: Blob
  seconds: number
  segments: number
  format: string
}

export interface GenerateEvents {
  onProgress(done: number, total: number): void
  onStatus(message: string): void
}

type Line =
  | { type: 'start'; content_type: string; format: string }
  | {
      type: 'progress'
      stage: string
      segments_done?: number
      segments_total?: number
      queue_position?: number
    }
  | { type: 'audio'; segment: number; audio: string }
  | { type: 'segment'; index: number; seconds: number }
  | { type: 'done'; audio: string; seconds: number; segments: number }
  | { type: 'error'; error: { code: string; message: string } }

/** The request fields (everything but the clips), as /api/synthesize names them. */
export function requestFields(input: GenerateInput): Record<string, unknown> {
  const { emotion, advanced } = input
  const fields: Record<string, unknown> = {
    text: input.text,
    lang: input.lang,
    emotion_mode: emotion.mode,
    emotion_random: emotion.random,
    speed: advanced.speed,
    interval_silence: advanced.interval,
    max_text_tokens_per_segment: advanced.maxTokens,
    format: advanced.format,
    stream: true,
  }
  if (input.voice) fields.voice = input.voice
  if (emotion.mode !== 'speaker') fields.emotion_alpha = emotion.alpha
  if (emotion.mode === 'vector') fields.emotion = emotion.vector
  if (emotion.mode === 'text' && emotion.text.trim() !== '') fields.emotion_text = emotion.text.trim()
  if (Object.keys(input.params).length > 0) fields.params = input.params
  return fields
}

function body(input: GenerateInput): { body: BodyInit; headers: Record<string, string> } {
  const fields = requestFields(input)
  if (!input.reference && !input.emotionClip)
    return { body: JSON.stringify(fields), headers: { 'content-type': 'application/json' } }
  const form = new FormData()
  for (const [key, value] of Object.entries(fields))
    form.append(key, typeof value === 'object' ? JSON.stringify(value) : String(value))
  if (input.reference) form.append('reference', input.reference, 'reference')
  if (input.emotionClip) form.append('emotion_audio', input.emotionClip, 'emotion')
  return { body: form, headers: {} }
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

async function* lines(response: Response): AsyncGenerator<Line> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader()
  const decoder = new TextDecoder()
  let buffered = ''
  while (true) {
    const { value, done } = await reader.read()
    buffered += decoder.decode(value, { stream: !done })
    let newline = buffered.indexOf('\n')
    while (newline >= 0) {
      const line = buffered.slice(0, newline).trim()
      buffered = buffered.slice(newline + 1)
      if (line) yield JSON.parse(line) as Line
      newline = buffered.indexOf('\n')
    }
    if (done) return
  }
}

export async function generate(
  input: GenerateInput,
  events: GenerateEvents,
  signal: AbortSignal,
): Promise<GenerateResult> {
  const request = body(input)
  events.onStatus('Waiting for the server · 等待服务器…')
  const response = await api('/api/synthesize', { method: 'POST', signal, ...request })
  const pieces: Uint8Array[] = []
  let contentType = 'application/octet-stream'
  for await (const line of lines(response)) {
    switch (line.type) {
      case 'start':
        contentType = line.content_type
        events.onStatus('Generating · 生成中…')
        break
      case 'progress':
        if (line.stage === 'queued') events.onStatus(`Queued · 排队中 (${line.queue_position ?? 0} ahead)`)
        if (line.stage === 'text') events.onStatus('Preparing the text · 处理文本…')
        if (line.stage === 'voice') events.onStatus('Preparing the voice · 处理音色…')
        if (line.segments_total) events.onProgress(line.segments_done ?? 0, line.segments_total)
        break
      case 'audio':
        pieces.push(fromBase64(line.audio))
        break
      case 'segment':
        events.onStatus(
          `Segment ${line.index + 1} done · 第 ${line.index + 1} 段完成 (${line.seconds.toFixed(2)} s)`,
        )
        break
      case 'error':
        throw new ApiError(500, line.error.code, line.error.message)
      case 'done': {
        pieces.push(fromBase64(line.audio))
        const size = pieces.reduce((n, p) => n + p.length, 0)
        let bytes: Uint8Array<ArrayBuffer> = new Uint8Array(size)
        let at = 0
        for (const p of pieces) {
          bytes.set(p, at)
          at += p.length
        }
        if (input.advanced.format === 'wav') bytes = fixStreamedWav(bytes) as Uint8Array<ArrayBuffer>
        return {
          blob: new Blob([bytes], { type: contentType }),
          seconds: line.seconds,
          segments: line.segments,
          format: input.advanced.format,
        }
      }
    }
  }
  throw new ApiError(0, 'E_STREAM_CUT', 'The stream ended before the audio was complete · 数据流意外中断')
}
