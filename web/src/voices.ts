/**
 * The voice panel: built-in and saved voices, a reference clip from a file or the
 * microphone (with its waveform), saving the clip as a named voice, deleting saved ones.
 */
import { ApiError, api, apiJson } from './api.js'
import { byId, el } from './dom.js'
import { type Recording, startRecording } from './recorder.js'
import { decodeForDisplay, drawWaveform } from './waveform.js'

interface VoiceListing {
  id: string
  name: string
  kind: 'builtin' | 'saved'
  lang?: string
  gender?: string
}

export const CLIP_CHOICE = 'clip'

export interface VoicePanel {
  /** The voice field value: '' (engine default), a voice id, or CLIP_CHOICE for the uploaded clip. */
  selection(): string
  select(value: string): void
  /** The reference clip, when the clip is selected. */
  clip(): Blob | null
  reload(): Promise<void>
}

export function setupVoices(report: (message: string) => void): VoicePanel {
  const select = byId<HTMLSelectElement>('voice')
  const file = byId<HTMLInputElement>('reference-file')
  const info = byId('reference-info')
  const canvas = byId<HTMLCanvasElement>('reference-wave')
  const recordButton = byId<HTMLButtonElement>('record')
  const nameInput = byId<HTMLInputElement>('voice-name')
  let clip: Blob | null = null
  let clipLabel = ''
  let recording: Recording | null = null
  let savedIds = new Set<string>()

  const option = (value: string, label: string) => el('option', { value }, label)

  async function reload(): Promise<void> {
    const previous = select.value
    const { voices } = await apiJson<{ voices: VoiceListing[] }>('/api/voices')
    const builtin = voices.filter((v) => v.kind === 'builtin')
    const saved = voices.filter((v) => v.kind === 'saved')
    savedIds = new Set(saved.map((v) => v.id))
    const groups: HTMLElement[] = [option('', 'Default for the language · 默认音色')]
    if (clip) groups.push(option(CLIP_CHOICE, `Uploaded clip · 参考音频: ${clipLabel}`))
    groups.push(
      el(
        'optgroup',
        { label: 'Built-in · 内置' },
        ...builtin.map((v) => option(v.id, `${v.name} (${v.lang ?? '?'}, ${v.gender ?? '?'})`)),
      ),
    )
    if (saved.length > 0)
      groups.push(el('optgroup', { label: 'Saved · 已保存' }, ...saved.map((v) => option(v.id, v.name))))
    select.replaceChildren(...groups)
    if ([...select.options].some((o) => o.value === previous)) select.value = previous
  }

  async function useClip(blob: Blob, label: string): Promise<void> {
    clip = blob
    clipLabel = label
    await reload().catch(() => {})
    select.value = CLIP_CHOICE
    const decoded = await decodeForDisplay(blob)
    drawWaveform(canvas, decoded?.samples ?? null)
    info.textContent = decoded
      ? `${label} · ${decoded.duration.toFixed(2)} s`
      : `${label} · the browser cannot preview this clip; the server will check it`
  }

  file.addEventListener('change', () => {
    const chosen = file.files?.[0]
    if (chosen) void useClip(chosen, chosen.name)
  })

  recordButton.addEventListener('click', async () => {
    if (recording) {
      const wav = await recording.stop()
      recording = null
      recordButton.textContent = '● Record · 录音'
      recordButton.setAttribute('aria-pressed', 'false')
      await useClip(wav, 'microphone recording · 录音')
      return
    }
    try {
      recording = await startRecording((wav) => {
        recording = null
        recordButton.textContent = '● Record · 录音'
        recordButton.setAttribute('aria-pressed', 'false')
        void useClip(wav, 'microphone recording · 录音')
      })
      recordButton.textContent = '■ Stop · 停止'
      recordButton.setAttribute('aria-pressed', 'true')
    } catch (error) {
      report(`Microphone unavailable · 无法使用麦克风: ${(error as Error).message}`)
    }
  })

  byId('voice-save').addEventListener('click', async () => {
    const name = nameInput.value.trim()
    if (!clip) return report('Upload or record a clip first · 请先上传或录制参考音频')
    if (!name) return report('Give the voice a name · 请输入音色名称')
    const form = new FormData()
    form.append('name', name)
    form.append('clip', clip, 'clip')
    try {
      const { voice } = (await (await api('/api/voices', { method: 'POST', body: form })).json()) as {
        voice: VoiceListing
      }
      await reload()
      select.value = voice.id
      report(`Saved as ${voice.name} · 已保存`)
    } catch (error) {
      report(error instanceof ApiError ? `${error.code}: ${error.message}` : String(error))
    }
  })

  byId('voice-delete').addEventListener('click', async () => {
    const chosen = select.selectedOptions[0]
    if (!chosen || !savedIds.has(chosen.value))
      return report('Select a saved voice to delete · 请选择已保存的音色')
    try {
      await api(`/api/voices/${encodeURIComponent(chosen.value)}`, { method: 'DELETE' })
      await reload()
      report('Deleted · 已删除')
    } catch (error) {
      report(error instanceof ApiError ? `${error.code}: ${error.message}` : String(error))
    }
  })

  drawWaveform(canvas, null)
  return {
    selection: () => select.value,
    select: (value) => {
      if ([...select.options].some((o) => o.value === value)) select.value = value
    },
    clip: () => (select.value === CLIP_CHOICE ? clip : null),
    reload,
  }
}
