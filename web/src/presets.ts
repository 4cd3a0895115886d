/** Presets: the current settings saved by name in localStorage, loaded back with one click. */
import { byId, el } from './dom.js'

const STORAGE = 'mynah.presets'

export type Settings = Record<string, unknown>

function readAll(): Record<string, Settings> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE) ?? '{}')
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, Settings>)
      : {}
  } catch {
    return {}
  }
}

export function setupPresets(
  current: () => Settings,
  apply: (settings: Settings) => void,
  report: (m: string) => void,
): void {
  const name = byId<HTMLInputElement>('preset-name')
  const list = byId<HTMLSelectElement>('preset-list')

  const render = () => {
    const names = Object.keys(readAll()).sort()
    list.replaceChildren(...names.map((n) => el('option', { value: n }, n)))
    list.disabled = names.length === 0
  }

  byId('preset-save').addEventListener('click', () => {
    const key = name.value.trim()
    if (!key) return report('Name the preset · 请输入预设名称')
    localStorage.setItem(STORAGE, JSON.stringify({ ...readAll(), [key]: current() }))
    render()
    list.value = key
    report(`Preset saved · 预设已保存: ${key}`)
  })
  byId('preset-load').addEventListener('click', () => {
    const preset = readAll()[list.value]
    if (!preset) return
    apply(preset)
    report(`Preset loaded · 预设已载入: ${list.value}`)
  })
  byId('preset-delete').addEventListener('click', () => {
    const all = readAll()
    delete all[list.value]
    localStorage.setItem(STORAGE, JSON.stringify(all))
    render()
  })
  render()
}
