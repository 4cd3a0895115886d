/**
 * FLAC encoding with libFLAC (libflacjs, the emscripten build of the reference encoder).
 * We use its asm.js "min" build: the WASM builds locate their .wasm with fetch() when a
 * global fetch exists, which fails for file paths on Node 20. libFLAC runs as one global
 * module, loaded lazily on first use; each encode creates and deletes its own encoder.
 *
 * Samples are quantised to 16 bits exactly as the WAV writer does, so FLAC and WAV
 * outputs of the same audio carry identical PCM.
 */
import { createRequire } from 'node:module'
import type * as LibFlac from 'libflacjs/dist/libflac.min.js'
import { concatBytes } from '../core/arrays.js'
import { MynahError } from '../core/errors.js'
import type { Audio } from '../core/types.js'
import { floatToInt16 } from './wav.js'

type Flac = typeof LibFlac

let flacModule: Promise<Flac> | undefined
function loadFlac(): Promise<Flac> {
  flacModule ??= new Promise<Flac>((resolve, reject) => {
    try {
      const flac = createRequire(import.meta.url)('libflacjs/dist/libflac.min.js') as Flac
      if (flac.isReady()) resolve(flac)
      else flac.on('ready', () => resolve(flac))
    } catch (error) {
      reject(error)
    }
  })
  return flacModule
}

/** libFLAC's default compression level: the usual size/speed balance. */
const COMPRESSION = 5
const STREAMINFO_AT = 8 // "fLaC" + metadata block header

export interface FlacEncoder {
  write(samples: Float32Array): Uint8Array
  end(): Uint8Array
}

/**
 * Streaming FLAC: the first write returns "fLaC" and STREAMINFO, later writes the frames
 * libFLAC completed (4096 samples each). When `totalSamples` is known (whole-file encode)
 * it goes into STREAMINFO up front; otherwise STREAMINFO says "unknown length", which the
 * format allows for streams.
 */
export async function createFlacEncoder(
  sampleRate: number,
  totalSamples = 0,
): Promise<FlacEncoder & { streamInfo(): LibFlac.StreamMetadata | undefined }> {
  const flac = await loadFlac()
  const encoder = flac.create_libflac_encoder(sampleRate, 1, 16, COMPRESSION, totalSamples, false, 0)
  if (!encoder) throw new MynahError('E_INTERNAL', { detail: `libFLAC cannot encode at ${sampleRate} Hz` })
  let written: Uint8Array[] = []
  let info: LibFlac.StreamMetadata | undefined
  const status = flac.init_encoder_stream(
    encoder,
    (data, bytes) => {
      written.push(data.slice(0, bytes))
    },
    (metadata) => {
      info = metadata
    },
  )
  if (status !== 0) {
    flac.FLAC__stream_encoder_delete(encoder)
    throw new MynahError('E_INTERNAL', { detail: `libFLAC encoder init failed (${status})` })
  }
  let live = true
  const drain = () => {
    const out = concatBytes(written)
    written = []
    return out
  }
  const release = () => {
    if (!live) return
    live = false
    flac.FLAC__stream_encoder_delete(encoder)
  }
  return {
    write(samples) {
      if (!live) throw new MynahError('E_INTERNAL', { detail: 'flac encoder used after end()' })
      if (samples.length > 0) {
        const pcm = new Int32Array(samples.length)
        for (let i = 0; i < samples.length; i++) pcm[i] = floatToInt16(samples[i])
        if (!flac.FLAC__stream_encoder_process_interleaved(encoder, pcm, pcm.length)) {
          release()
          throw new MynahError('E_INTERNAL', { detail: 'libFLAC failed to encode a block' })
        }
      }
      return drain()
    },
    end() {
      if (!live) throw new MynahError('E_INTERNAL', { detail: 'flac encoder ended twice' })
      try {
        flac.FLAC__stream_encoder_finish(encoder)
        return drain()
      } finally {
        release()
      }
    },
    streamInfo: () => info,
  }
}

/**
 * Whole-file FLAC. libFLAC reports the final STREAMINFO (MD5 of the audio, frame sizes)
 * only after the header has been written; it rewrites the header itself when it can seek,
 * and we do the same in memory.
 */
export async function encodeFlac(audio: Audio): Promise<Uint8Array> {
  const encoder = await createFlacEncoder(audio.sampleRate, audio.samples.length)
  const bytes = concatBytes([encoder.write(audio.samples), encoder.end()])
  const info = encoder.streamInfo()
  if (info && bytes.length >= STREAMINFO_AT + 34) patchStreamInfo(bytes, info)
  return bytes
}

/** Write min/max frame size and MD5 into the STREAMINFO block (FLAC format spec, METADATA_BLOCK_STREAMINFO). */
function patchStreamInfo(bytes: Uint8Array, info: LibFlac.StreamMetadata): void {
  const at = STREAMINFO_AT
  const put24 = (offset: number, value: number) => {
    bytes[at + offset] = (value >> 16) & 0xff
    bytes[at + offset + 1] = (value >> 8) & 0xff
    bytes[at + offset + 2] = value & 0xff
  }
  put24(4, info.min_framesize)
  put24(7, info.max_framesize)
  if (/^[0-9a-f]{32}$/i.test(info.md5sum))
    for (let i = 0; i < 16; i++) bytes[at + 18 + i] = Number.parseInt(info.md5sum.slice(i * 2, i * 2 + 2), 16)
}
