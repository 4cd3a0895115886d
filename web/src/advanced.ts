/** Advanced settings: speed, interval silence, segment budget, output format and engine parameters. */
import { byId, el } from './dom.js'

/** IndexTTS2's sampling parameters with the defaults and ranges of its web UI. */
const PARAMS = [
  { name: 'do_sample', kind: 'checkbox', value: true },
  { name: 'temperature', min: 0.1, max: 2, step: 0.1, value: 0.8 },
  { name: 'top_p', min: 0, max: 1, step: 0.01, value: 0.8 },
  { name: 'top_k', min: 0, max: 100, step: 1, value: 30 },
  { name: 'num_beams', min: 1, max: 10, step: 1, value: 3 },
  { name: 'repetition_penalty', min: 0.1, max: 20, step: 0.1, value: 10 },
  { name: 'length_penalty', min: -2, max: 2, step: 0.1, value: 0 },
  { name: 'max_mel_tokens', min: 50, max: 1815, step: 10, value: 1500 },
] as const

export interface AdvancedSettings {
  speed: number
  interval: number
  maxTokens: number
  format: string
  paramsOn: boolean
  params: Record<string, number | boolean>
  extra: string
}

export interface AdvancedPanel {
  settings(): AdvancedSettings
  apply(settings: Partial<AdvancedSettings>): void
  /** Engine parameters to send, or an error message when the extra JSON is not an object. */
  engineParams(): Record<string, string | number | boolean> | string
}

export function setupAdvanced(onChange: () => void): AdvancedPanel {
  const speed = byId<HTMLInputElement>('speed')
  const speedOut = byId<HTMLOutputElement>('speed-out')
  const interval = byId<HTMLInputElement>('interval')
  const maxTokens = byId<HTMLInputElement>('max-tokens')
  const format = byId<HTMLSelectElement>('format')
  const paramsOn = byId<HTMLInputElement>('params-on')
  const extra = byId<HTMLTextAreaElement>('params-extra')
  const inputs = new Map<string, HTMLInputElement>()

  for (const p of PARAMS) {
    const id = `param-${p.name}`
    const input =
      'kind' in p
        ? el('input', { id, type: 'checkbox' })
        : el('input', { id, type: 'number', min: String(p.min), max: String(p.max), step: String(p.step) })
    if ('kind' in p) input.checked = p.value
    else input.value = String(p.value)
    inputs.set(p.name, input)
    byId('params').append(el('label', { for: id }, p.name), input)
  }

  speed.addEventListener('input', () => {
    speedOut.textContent = Number(speed.value).toFixed(2)
  })
  maxTokens.addEventListener('change', onChange)

  const params = () =>
    Object.fromEntries(
      [...inputs].map(([name, input]) => [
        name,
        input.type === 'checkbox' ? input.checked : Number(input.value),
      ]),
    )

  return {
    settings: () => ({
      speed: Number(speed.value),
      interval: Number(interval.value),
      maxTokens: Number(maxTokens.value),
      format: format.value,
      paramsOn: paramsOn.checked,
      params: params(),
      extra: extra.value,
    }),
    apply(s) {
      if (s.speed !== undefined) {
        speed.value = String(s.speed)
        speed.dispatchEvent(new Event('input'))
      }
      if (s.interval !== undefined) interval.value = String(s.interval)
      if (s.maxTokens !== undefined) maxTokens.value = String(s.maxTokens)
      if (s.format !== undefined) format.value = s.format
      if (s.paramsOn !== undefined) paramsOn.checked = s.paramsOn
      for (const [name, value] of Object.entries(s.params ?? {})) {
        const input = inputs.get(name)
        if (!input) continue
        if (input.type === 'checkbox') input.checked = Boolean(value)
        else input.value = String(value)
      }
      if (s.extra !== undefined) extra.value = s.extra
      onChange()
    },
    engineParams() {
      let extraParams: Record<string, string | number | boolean> = {}
      if (extra.value.trim() !== '') {
        try {
          const parsed: unknown = JSON.parse(extra.value)
          if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
            return 'Extra parameters must be a JSON object · 其他参数必须是 JSON 对象'
          extraParams = parsed as Record<string, string | number | boolean>
        } catch {
          return 'Extra parameters are not valid JSON · 其他参数不是有效的 JSON'
        }
      }
      return paramsOn.checked ? { ...extraParams, ...params() } : extraParams
    },
  }
}
