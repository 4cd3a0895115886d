/**
 * Emotion controls, as IndexTTS2's UI has them: four modes (same as the voice reference,
 * an emotion reference clip, an 8-weight vector, a text description), the emotion weight
 * (alpha) and random sampling. Weights are in IndexTTS2's order.
 */
import { byId, el } from './dom.js'

export const EMOTIONS = [
  ['happy', '高兴'],
  ['angry', '愤怒'],
  ['sad', '悲伤'],
  ['afraid', '恐惧'],
  ['disgusted', '反感'],
  ['melancholic', '低落'],
  ['surprised', '惊讶'],
  ['calm', '自然'],
] as const

export type EmotionMode = 'speaker' | 'audio' | 'vector' | 'text'

export interface EmotionSettings {
  mode: EmotionMode
  vector: Record<string, number>
  alpha: number
  text: string
  random: boolean
}

export interface EmotionPanel {
  settings(): EmotionSettings
  apply(settings: Partial<EmotionSettings>): void
  /** The emotion reference clip, in audio mode. */
  clip(): File | null
}

export function setupEmotion(): EmotionPanel {
  const box = byId('emotion-vector-box')
  const alpha = byId<HTMLInputElement>('emotion-alpha')
  const alphaOut = byId<HTMLOutputElement>('emotion-alpha-out')
  const text = byId<HTMLInputElement>('emotion-text')
  const random = byId<HTMLInputElement>('emotion-random')
  const file = byId<HTMLInputElement>('emotion-file')
  const radios = [...document.querySelectorAll<HTMLInputElement>('input[name="emotion-mode"]')]
  const sliders = new Map<string, HTMLInputElement>()

  for (const [name, zh] of EMOTIONS) {
    const id = `emotion-${name}`
    const input = el('input', {
      id,
      type: 'range',
      min: '0',
      max: '1',
      step: '0.05',
      value: '0',
      'data-emotion': name,
    })
    const out = el('output', { for: id }, '0.00')
    input.addEventListener('input', () => {
      out.textContent = Number(input.value).toFixed(2)
    })
    sliders.set(name, input)
    box.append(el('label', { for: id }, `${zh} ${name} `, out), input)
  }

  const mode = (): EmotionMode => (radios.find((r) => r.checked)?.value ?? 'speaker') as EmotionMode
  const showMode = () => {
    const m = mode()
    byId('emotion-audio-box').hidden = m !== 'audio'
    box.hidden = m !== 'vector'
    byId('emotion-text-box').hidden = m !== 'text'
  }
  for (const r of radios) r.addEventListener('change', showMode)
  alpha.addEventListener('input', () => {
    alphaOut.textContent = Number(alpha.value).toFixed(2)
  })
  showMode()

  return {
    settings: () => ({
      mode: mode(),
      vector: Object.fromEntries([...sliders].map(([name, input]) => [name, Number(input.value)])),
      alpha: Number(alpha.value),
      text: text.value,
      random: random.checked,
    }),
    apply(settings) {
      if (settings.mode) for (const r of radios) r.checked = r.value === settings.mode
      for (const [name, value] of Object.entries(settings.vector ?? {})) {
        const input = sliders.get(name)
        if (input) {
          input.value = String(value)
          input.dispatchEvent(new Event('input'))
        }
      }
      if (settings.alpha !== undefined) {
        alpha.value = String(settings.alpha)
        alpha.dispatchEvent(new Event('input'))
      }
      if (settings.text !== undefined) text.value = settings.text
      if (settings.random !== undefined) random.checked = settings.random
      showMode()
    },
    clip: () => (mode() === 'audio' ? (file.files?.[0] ?? null) : null),
  }
}
