/** Live segment preview, as IndexTTS2's UI has it: how the text will be cut and what each piece costs. */
import { ApiError, postJson } from './api.js'
import { byId, debounce, el } from './dom.js'

interface Preview {
  segments: { index: number; text: string; tokens: number }[]
  total_tokens: number
}

export function setupTextPreview(maxTokens: () => number): { refresh(): void } {
  const text = byId<HTMLTextAreaElement>('text')
  const lang = byId<HTMLSelectElement>('lang')
  const body = byId<HTMLTableSectionElement>('segments')
  const count = byId('text-count')
  let inflight: AbortController | undefined

  const render = (rows: HTMLTableRowElement[]) => body.replaceChildren(...rows)

  const refresh = async () => {
    inflight?.abort()
    const value = text.value
    count.textContent = `${[...value].length} chars · 字符`
    if (value.trim() === '') return render([])
    const controller = new AbortController()
    inflight = controller
    try {
      const response = await postJson(
        '/api/text/segments',
        { text: value, lang: lang.value, max_tokens: maxTokens() },
        controller.signal,
      )
      const preview = (await response.json()) as Preview
      count.textContent = `${[...value].length} chars · ${preview.segments.length} segments · ${preview.total_tokens} tokens`
      render(
        preview.segments.map((s) =>
          el(
            'tr',
            {},
            el('td', {}, String(s.index + 1)),
            el('td', { lang: 'zh-Hans' }, s.text),
            el('td', {}, String(s.tokens)),
          ),
        ),
      )
    } catch (error) {
      if ((error as Error).name === 'AbortError') return
      const message = error instanceof ApiError ? `${error.code}: ${error.message}` : String(error)
      render([el('tr', {}, el('td', { colspan: '3', class: 'error' }, message))])
    }
  }

  const later = debounce(() => void refresh(), 300)
  text.addEventListener('input', later)
  lang.addEventListener('change', later)
  return { refresh: later }
}
