import { describe, expect, it } from 'vitest'
import { OggPageWriter, readOggPackets } from '../../../src/audio/ogg.js'
import { concatBytes } from '../../../src/core/arrays.js'

const packet = (length: number, fill: number) => new Uint8Array(length).fill(fill)

describe('Ogg framing', () => {
  it('round-trips packets of awkward sizes, including ones spanning several pages', () => {
    const sizes = [0, 1, 254, 255, 256, 510, 255 * 255, 255 * 255 + 1, 100_000, 3]
    const writer = new OggPageWriter(1234)
    for (const [i, n] of sizes.entries()) writer.add(packet(n, i), BigInt(i * 960))
    const bytes = writer.flushPage({ bos: true, eos: true })
    const packets = readOggPackets(bytes)
    expect(packets.map((p) => p.data.length)).toEqual(sizes)
    for (const [i, p] of packets.entries()) expect(p.data.every((b) => b === i)).toBe(true)
    expect(packets.at(-1)?.eos).toBe(true)
    expect(packets.at(-1)?.granule).toBe(BigInt((sizes.length - 1) * 960))
  })

  it('skips a page whose checksum is wrong and resynchronises on the next', () => {
    const writer = new OggPageWriter(7)
    writer.add(packet(10, 1), 1n)
    const first = writer.flushPage({ bos: true })
    writer.add(packet(10, 2), 2n)
    const second = writer.flushPage()
    writer.add(packet(10, 3), 3n)
    const third = writer.flushPage({ eos: true })
    second[30] ^= 0xff
    const garbage = new Uint8Array([1, 2, 3, 0x4f, 0x67]) // junk, including a partial capture pattern
    const packets = readOggPackets(concatBytes([first, garbage, second, third]))
    expect(packets.map((p) => p.data[0])).toEqual([1, 3])
  })

  it('stops cleanly at a page cut off by the end of the input', () => {
    const writer = new OggPageWriter(7)
    writer.add(packet(100, 1), 1n)
    writer.add(packet(100, 2), 2n)
    const bytes = writer.flushPage({ bos: true })
    expect(readOggPackets(bytes.subarray(0, bytes.length - 1))).toEqual([])
    expect(readOggPackets(new Uint8Array(0))).toEqual([])
  })

  it('resynchronises past junk, but gives up (linear work) on planted fake 64 KB page headers', () => {
    const writer = new OggPageWriter(9)
    writer.add(packet(50, 7), 1n)
    const page = writer.flushPage({ bos: true, eos: true })
    const junk = new Uint8Array(200_000).fill(0x11)
    expect(readOggPackets(concatBytes([junk, page])).map((p) => p.data[0])).toEqual([7])
    // "OggS", version 0, 255 lacing values of 255: each fake page claims ~65 KB to checksum.
    const fake = new Uint8Array(300_000)
    for (let at = 0; at + 27 + 255 < fake.length; at += 300) {
      fake.set([0x4f, 0x67, 0x67, 0x53, 0], at)
      fake[at + 26] = 255
      fake.fill(255, at + 27, at + 27 + 255)
    }
    expect(readOggPackets(concatBytes([fake, page]))).toEqual([])
  })
})
