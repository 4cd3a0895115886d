/**
 * Talking to the mynah server: fetch with the bearer key (when the server wants one; it is
 * asked for once and kept in localStorage), JSON errors turned into ApiError with the
 * server's code and message.
 */
import { byId } from './dom.js'

const KEY_STORAGE = 'mynah.apiKey'

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

function storedKey(): string {
  return localStorage.getItem(KEY_STORAGE) ?? ''
}

let asking: Promise<string> | undefined

/** Show the key dialog and wait for a key (several requests failing at once share one dialog). */
function askForKey(): Promise<string> {
  asking ??= new Promise<string>((resolve) => {
    const dialog = byId<HTMLDialogElement>('key-dialog')
    const input = byId<HTMLInputElement>('key-input')
    input.value = ''
    dialog.addEventListener(
      'close',
      () => {
        const key = input.value.trim()
        localStorage.setItem(KEY_STORAGE, key)
        asking = undefined
        resolve(key)
      },
      { once: true },
    )
    dialog.showModal()
  })
  return asking
}

async function errorOf(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } }
    return new ApiError(
      response.status,
      body.error?.code ?? 'E_HTTP',
      body.error?.message ?? response.statusText,
    )
  } catch {
    return new ApiError(response.status, 'E_HTTP', `${response.status} ${response.statusText}`)
  }
}

/** fetch with auth; a 401 asks for the key once and retries. Non-2xx answers throw ApiError. */
export async function api(path: string, init: RequestInit = {}, retry = true): Promise<Response> {
  const headers = new Headers(init.headers)
  const key = storedKey()
  if (key) headers.set('authorization', `Bearer ${key}`)
  const response = await fetch(path, { ...init, headers })
  if (response.status === 401 && retry) {
    await askForKey()
    return api(path, init, false)
  }
  if (!response.ok) throw await errorOf(response)
  return response
}

export async function apiJson<T>(path: string, init: RequestInit = {}): Promise<T> {
  return (await (await api(path, init)).json()) as T
}

export function postJson(path: string, body: unknown, signal?: AbortSignal): Promise<Response> {
  return api(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  })
}
