/** What every route module is given, and the input checks they share. */
import { MynahError } from '../core/errors.js'
import type { Mynah } from '../runtime/api.js'
import { describe, sniff } from './codec.js'
import type { ServerMetrics } from './metrics.js'
import type { ResolvedServerOptions } from './options.js'

export interface RouteContext {
  readonly mynah: Mynah
  readonly options: ResolvedServerOptions
  readonly metrics: ServerMetrics
}

/**
 * An uploaded clip must be audio we can read, judged from its bytes (never its file name or
 * declared type): anything else is 415 E_AUDIO_UNSUPPORTED. Whether it then decodes is the
 * library's call (422 E_AUDIO_UNREADABLE).
 */
export function checkAudioUpload(bytes: Uint8Array | undefined, field: string): Uint8Array | undefined {
  if (bytes === undefined) return undefined
  if (sniff(bytes) === undefined)
    throw new MynahError('E_AUDIO_UNSUPPORTED', { type: `${describe(bytes)} (field ${field})`, field })
  return bytes
}
