/** mynah web UI: wires the panels together. Each panel lives in its own module. */
import './style.css'
import { setupAdvanced } from './advanced.js'
import { ApiError } from './api.js'
import { byId, el } from './dom.js'
import { EMOTIONS, type EmotionSettings, setupEmotion } from './emotion.js'
import { generate } from './generate.js'
import { addToHistory, downloadName } from './history.js'
import { type Settings, setupPresets } from './presets.js'
import { setupSystemPanel } from './system.js'
import { setupTextPreview } from './text-preview.js'
import { CLIP_CHOICE, setupVoices } from './voices.js'
import { decodeForDisplay, drawWaveform } from './waveform.js'

const status = byId('status')
const errorBox = byId('error')
const progress = byId<HTMLProgressElement>('progress')
const player = byId<HTMLAudioElement>('player')
const download = el('a', { id: 'download', href: '#' }, 'Download · 下载')
download.hidden = true
byId('download-slot').append(download)
const generateButton = byId<HTMLButtonElement>('generate')
const cancelButton = byId<HTMLButtonElement>('cancel')

function report(message: string): void {
  status.textContent = message
}

function showError(error: unknown): void {
  errorBox.hidden = false
  errorBox.textContent = error instanceof ApiError ? `${error.code}: ${error.message}` : String(error)
}

const advanced = setupAdvanced(() => preview.refresh())
const preview = setupTextPreview(() => advanced.settings().maxTokens)
const voices = setupVoices(report)
const emotion = setupEmotion()
setupSystemPanel()

function emotionSummary(e: EmotionSettings): string {
  if (e.mode === 'vector') {
    const parts = EMOTIONS.filter(([name]) => (e.vector[name] ?? 0) > 0).map(
      ([name, zh]) => `${zh}${e.vector[name]}`,
    )
    return parts.length > 0 ? parts.join(' ') : 'vector 0'
  }
  return { speaker: 'emotion of the voice', audio: 'emotion clip', text: `text: ${e.text || '(the text)'}` }[
    e.mode
  ]
}

setupPresets(
  (): Settings => ({
    lang: byId<HTMLSelectElement>('lang').value,
    voice: voices.selection() === CLIP_CHOICE ? '' : voices.selection(),
    emotion: emotion.settings(),
    advanced: advanced.settings(),
  }),
  (settings) => {
    if (typeof settings.lang === 'string') byId<HTMLSelectElement>('lang').value = settings.lang
    if (typeof settings.voice === 'string') voices.select(settings.voice)
    if (settings.emotion) emotion.apply(settings.emotion as Partial<EmotionSettings>)
    if (settings.advanced) advanced.apply(settings.advanced as Parameters<typeof advanced.apply>[0])
  },
  report,
)

let running: AbortController | null = null

cancelButton.addEventListener('click', () => running?.abort())

generateButton.addEventListener('click', async () => {
  errorBox.hidden = true
  const text = byId<HTMLTextAreaElement>('text').value
  const params = advanced.engineParams()
  if (typeof params === 'string') return showError(params)
  const emotionSettings = emotion.settings()
  const emotionClip = emotion.clip()
  if (emotionSettings.mode === 'audio' && !emotionClip)
    return showError('Choose an emotion reference clip · 请选择情感参考音频')
  const selection = voices.selection()
  running = new AbortController()
  generateButton.disabled = true
  cancelButton.hidden = false
  progress.value = 0
  try {
    const result = await generate(
      {
        text,
        lang: byId<HTMLSelectElement>('lang').value,
        voice: selection === CLIP_CHOICE ? '' : selection,
        reference: voices.clip(),
        emotion: emotionSettings,
        emotionClip,
        advanced: advanced.settings(),
        params,
      },
      {
        onProgress: (done, total) => {
          progress.max = total
          progress.value = done
        },
        onStatus: report,
      },
      running.signal,
    )
    const url = URL.createObjectURL(result.blob)
    const at = new Date()
    player.src = url
    download.href = url
    download.download = downloadName({ at, format: result.format })
    download.hidden = false
    progress.value = progress.max
    report(`Done · 完成: ${result.segments} segments, ${result.seconds.toFixed(2)} s`)
    const selectedVoice = byId<HTMLSelectElement>('voice').selectedOptions[0]?.textContent ?? 'default'
    addToHistory({
      url,
      text,
      voice: selectedVoice,
      emotion: emotionSummary(emotionSettings),
      seconds: result.seconds,
      format: result.format,
      at,
    })
    const decoded = await decodeForDisplay(result.blob)
    drawWaveform(byId<HTMLCanvasElement>('result-wave'), decoded?.samples ?? null)
  } catch (error) {
    if ((error as Error).name === 'AbortError') report('Cancelled · 已取消')
    else showError(error)
  } finally {
    running = null
    generateButton.disabled = false
    cancelButton.hidden = true
  }
})

drawWaveform(byId<HTMLCanvasElement>('result-wave'), null)
void voices.reload().catch(showError)
preview.refresh()
