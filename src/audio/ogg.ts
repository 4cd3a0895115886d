/**
 * Ogg container framing (RFC 3533): reading packets out of pages and writing pages.
 * Used for Ogg Opus both ways; Vorbis is demuxed by its own decoder library.
 */
import { concatBytes } from '../core/arrays.js'

const CAPTURE = [0x4f, 0x67, 0x67, 0x53] // "OggS"
const HEADER_BYTES = 27

export const FLAG_CONTINUED = 0x01
export const FLAG_BOS = 0x02
export const FLAG_EOS = 0x04

/** CRC-32 of Ogg pages: polynomial 0x04C11DB7, no reflection, initial value 0 (RFC 3533 §6). */
const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let i = 0; i < 256; i++) {
    let r = i << 24
    for (let j = 0; j < 8; j++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1
    table[i] = r >>> 0
  }
  return table
})()

function oggCrc(page: Uint8Array): number {
  return crcUpdate(0, page, 0, page.length)
}

function crcUpdate(crc: number, bytes: Uint8Array, from: number, to: number): number {
  let c = crc
  for (let i = from; i < to; i++) c = ((c << 8) ^ CRC_TABLE[((c >>> 24) ^ bytes[i]) & 0xff]) >>> 0
  return c
}

/** CRC of the page at [at, end) with its checksum field (bytes 22..25) taken as zero, without copying. */
function pageCrc(bytes: Uint8Array, at: number, end: number): number {
  let c = crcUpdate(0, bytes, at, at + 22)
  for (let i = 0; i < 4; i++) c = ((c << 8) ^ CRC_TABLE[(c >>> 24) & 0xff]) >>> 0
  return crcUpdate(c, bytes, at + 26, end)
}

export interface OggPacket {
  readonly data: Uint8Array
  /** Granule position of the page this packet ends on, or -1n when another packet ends later on that page. */
  readonly granule: bigint
  /** True when this packet ends on the stream's last (EOS) page. */
  readonly eos: boolean
}

function isCapture(bytes: Uint8Array, at: number): boolean {
  return (
    bytes[at] === CAPTURE[0] &&
    bytes[at + 1] === CAPTURE[1] &&
    bytes[at + 2] === CAPTURE[2] &&
    bytes[at + 3] === CAPTURE[3]
  )
}

/**
 * The packets of the first logical stream in `bytes`. Pages with a bad checksum or a
 * torn header are skipped and the reader resynchronises on the next "OggS", as libogg
 * does; a page cut off by the end of the input ends the stream. Never throws.
 */
export function readOggPackets(bytes: Uint8Array): OggPacket[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const packets: OggPacket[] = []
  let serial: number | undefined
  let pending: Uint8Array[] = []
  let checked = 0
  let at = 0
  while (at + HEADER_BYTES <= bytes.length) {
    if (!isCapture(bytes, at)) {
      at++
      continue
    }
    const segments = bytes[at + 26]
    const bodyStart = at + HEADER_BYTES + segments
    if (bodyStart > bytes.length) break
    let bodyBytes = 0
    for (let i = 0; i < segments; i++) bodyBytes += bytes[at + HEADER_BYTES + i]
    const end = bodyStart + bodyBytes
    if (end > bytes.length || bytes[at + 4] !== 0) {
      at++
      continue
    }
    // Hostile input can plant a fake 64 KB page header every few bytes; cap the checksum
    // work at a few passes over the input so that resynchronising stays linear.
    checked += end - at
    if (checked > 4 * bytes.length + (1 << 20)) break
    if (pageCrc(bytes, at, end) !== view.getUint32(at + 22, true)) {
      at++
      continue
    }
    const flags = bytes[at + 5]
    const pageSerial = view.getUint32(at + 14, true)
    serial ??= pageSerial
    if (pageSerial === serial) {
      const granule = view.getBigInt64(at + 6, true)
      if (!(flags & FLAG_CONTINUED)) pending = []
      // Find the last packet that ends on this page: only it carries the page's granule.
      let lastEnd = -1
      for (let i = 0; i < segments; i++) if (bytes[at + HEADER_BYTES + i] < 255) lastEnd = i
      let offset = bodyStart
      for (let i = 0; i < segments; i++) {
        const lace = bytes[at + HEADER_BYTES + i]
        pending.push(bytes.subarray(offset, offset + lace))
        offset += lace
        if (lace < 255) {
          packets.push({
            data: concatBytes(pending),
            granule: i === lastEnd ? granule : -1n,
            eos: (flags & FLAG_EOS) !== 0 && i === lastEnd,
          })
          pending = []
        }
      }
      if (flags & FLAG_EOS) break
    }
    at = end
  }
  return packets
}

/**
 * Writes one logical Ogg stream. Packets are queued with `add`; `flushPage` emits the
 * queued packets as one or more complete pages (a page holds at most 255 lacing values),
 * so every flushed chunk can be sent to a client on its own.
 */
export class OggPageWriter {
  private sequence = 0
  private queue: { data: Uint8Array; granule: bigint }[] = []
  private lastGranule = 0n

  constructor(private readonly serial: number) {}

  add(data: Uint8Array, granule: bigint): void {
    this.queue.push({ data, granule })
  }

  /** Replace the granule of the last queued packet (Opus end trimming). */
  setLastGranule(granule: bigint): void {
    const last = this.queue.at(-1)
    if (last) last.granule = granule
  }

  /** Emit the queued packets as complete pages; BOS marks the first page, EOS the last. */
  flushPage(options: { bos?: boolean; eos?: boolean } = {}): Uint8Array {
    const items = this.queue
    this.queue = []
    if (items.length === 0) {
      // An empty EOS page is legal: it ends a stream whose last audio page is already out.
      return options.eos ? this.page([], [], this.lastGranule, FLAG_EOS) : new Uint8Array(0)
    }
    const pages: Uint8Array[] = []
    let laces: number[] = []
    let bodies: Uint8Array[] = []
    let granule = -1n
    let continued = false
    const emit = (last: boolean) => {
      let flags = continued ? FLAG_CONTINUED : 0
      if (pages.length === 0 && options.bos) flags |= FLAG_BOS
      if (last && options.eos) flags |= FLAG_EOS
      pages.push(this.page(laces, bodies, granule, flags))
      laces = []
      bodies = []
      granule = -1n
    }
    for (let k = 0; k < items.length; k++) {
      const { data, granule: packetGranule } = items[k]
      let offset = 0
      let done = false
      while (!done) {
        // Lacing (RFC 3533 §5): 255-byte segments, then one shorter (possibly empty) segment.
        const take = Math.min(255, data.length - offset)
        laces.push(take)
        bodies.push(data.subarray(offset, offset + take))
        offset += take
        done = take < 255
        if (done) {
          granule = packetGranule
          this.lastGranule = packetGranule
        }
        if (laces.length === 255 && !(done && k === items.length - 1)) {
          emit(false)
          continued = !done
        }
      }
    }
    emit(true)
    return concatBytes(pages)
  }

  private page(laces: number[], bodies: Uint8Array[], granule: bigint, flags: number): Uint8Array {
    let bodyBytes = 0
    for (const b of bodies) bodyBytes += b.length
    const page = new Uint8Array(HEADER_BYTES + laces.length + bodyBytes)
    const view = new DataView(page.buffer)
    page.set(CAPTURE, 0)
    page[4] = 0
    page[5] = flags
    view.setBigInt64(6, granule, true)
    view.setUint32(14, this.serial, true)
    view.setUint32(18, this.sequence++, true)
    page[26] = laces.length
    page.set(laces, HEADER_BYTES)
    let offset = HEADER_BYTES + laces.length
    for (const b of bodies) {
      page.set(b, offset)
      offset += b.length
    }
    view.setUint32(22, oggCrc(page), true)
    return page
  }
}
