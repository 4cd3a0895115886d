/** Waveforms on a canvas: min/max per pixel column, so short clicks stay visible. */

export function drawWaveform(canvas: HTMLCanvasElement, samples: Float32Array | null): void {
  const ctx = canvas.getContext('2d')
  if (!ctx) return
  const { width, height } = canvas
  ctx.clearRect(0, 0, width, height)
  ctx.fillStyle = getComputedStyle(canvas).getPropertyValue('--wave-bg') || '#f4f1ea'
  ctx.fillRect(0, 0, width, height)
  if (!samples || samples.length === 0) return
  ctx.fillStyle = getComputedStyle(canvas).getPropertyValue('--wave-fg') || '#2f6f5e'
  const mid = height / 2
  const perColumn = samples.length / width
  for (let x = 0; x < width; x++) {
    const from = Math.floor(x * perColumn)
    const to = Math.max(from + 1, Math.floor((x + 1) * perColumn))
    let min = 1
    let max = -1
    for (let i = from; i < to && i < samples.length; i++) {
      const v = samples[i] ?? 0
      if (v < min) min = v
      if (v > max) max = v
    }
    ctx.fillRect(x, mid - max * mid, 1, Math.max(1, (max - min) * mid))
  }
}

let context: AudioContext | undefined

/** Decode any audio the browser can play (wav, mp3, ogg, flac) to its first channel. */
export async function decodeForDisplay(
  blob: Blob,
): Promise<{ samples: Float32Array; duration: number } | null> {
  try {
    context ??= new AudioContext()
    const buffer = await context.decodeAudioData(await blob.arrayBuffer())
    return { samples: buffer.getChannelData(0), duration: buffer.duration }
  } catch {
    return null
  }
}
