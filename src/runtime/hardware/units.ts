/** Byte sizes as people write them ("8G", "512M", "1.5GiB") and as mynah prints them. */
import { MynahError } from '../../core/errors.js'

const UNIT: Record<string, number> = {
  '': 1,
  B: 1,
  K: 1024,
  KB: 1024,
  KIB: 1024,
  M: 1024 ** 2,
  MB: 1024 ** 2,
  MIB: 1024 ** 2,
  G: 1024 ** 3,
  GB: 1024 ** 3,
  GIB: 1024 ** 3,
  T: 1024 ** 4,
  TB: 1024 ** 4,
  TIB: 1024 ** 4,
}

/**
 * Parse a size. Units are binary (8G = 8 GiB) because that is how RAM and VRAM are sold
 * and reported; a bare number is bytes. Throws E_INVALID_ARGUMENT on anything else.
 */
export function parseSize(text: string, what = 'size'): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text)
  const factor = match ? UNIT[(match[2] ?? '').toUpperCase()] : undefined
  if (!match || factor === undefined)
    throw new MynahError('E_INVALID_ARGUMENT', {
      detail: `${what} ${JSON.stringify(text)} is not a size; write e.g. 8G, 512M or 1.5GiB`,
    })
  return Math.round(Number(match[1]) * factor)
}

/** "3.2 GiB", "512 MiB", "900 B" — one decimal above MiB. */
export function formatBytes(bytes: number): string {
  const abs = Math.abs(bytes)
  if (abs >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GiB`
  if (abs >= 1024 ** 2) return `${Math.round(bytes / 1024 ** 2)} MiB`
  if (abs >= 1024) return `${Math.round(bytes / 1024)} KiB`
  return `${Math.round(bytes)} B`
}
