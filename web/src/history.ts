/** Results since the page opened: each with a player, a download link and what produced it. */
import { byId, el } from './dom.js'

export interface HistoryEntry {
  url: string
  text: string
  voice: string
  emotion: string
  seconds: number
  format: string
  at: Date
}

export function downloadName(entry: Pick<HistoryEntry, 'at' | 'format'>): string {
  const stamp = entry.at.toISOString().replace(/[:.]/g, '-').slice(0, 19)
  const ext = entry.format === 'opus' ? 'ogg' : entry.format
  return `mynah-${stamp}.${ext}`
}

export function addToHistory(entry: HistoryEntry): void {
  const list = byId<HTMLOListElement>('history')
  const summary = entry.text.length > 60 ? `${entry.text.slice(0, 60)}…` : entry.text
  const audio = el('audio', { controls: '', preload: 'none', src: entry.url })
  audio.setAttribute('aria-label', `Result: ${summary}`)
  const item = el(
    'li',
    {},
    el('p', { lang: 'zh-Hans' }, summary),
    el(
      'p',
      { class: 'muted' },
      `${entry.at.toLocaleTimeString()} · ${entry.voice} · ${entry.emotion} · ${entry.seconds.toFixed(2)} s · ${entry.format}`,
    ),
    audio,
    el('a', { href: entry.url, download: downloadName(entry) }, 'Download · 下载'),
  )
  list.prepend(item)
}
