/**
 * Microphone recording: PCM captured in an AudioWorklet (public/recorder-worklet.js),
 * collected here and encoded to WAV when recording stops. Capped at MAX_SECONDS so a
 * forgotten recording cannot exceed the upload limit.
 */
import { encodeWav } from './wav.js'

export const MAX_SECONDS = 30

export interface Recording {
  stop(): Promise<Blob>
}

export async function startRecording(onAutoStop: (wav: Blob) => void): Promise<Recording> {
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: { channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false },
  })
  const context = new AudioContext()
  await context.audioWorklet.addModule(new URL('recorder-worklet.js', document.baseURI).href)
  const source = context.createMediaStreamSource(stream)
  const node = new AudioWorkletNode(context, 'mynah-recorder')
  // Some browsers only run nodes that reach the destination: connect through a muted gain.
  const mute = context.createGain()
  mute.gain.value = 0
  const blocks: Float32Array[] = []
  let length = 0
  let stopped: Promise<Blob> | undefined

  const stop = (): Promise<Blob> => {
    stopped ??= (async () => {
      node.port.onmessage = null
      source.disconnect()
      node.disconnect()
      mute.disconnect()
      for (const track of stream.getTracks()) track.stop()
      const samples = new Float32Array(length)
      let at = 0
      for (const block of blocks) {
        samples.set(block, at)
        at += block.length
      }
      const wav = encodeWav(samples, context.sampleRate)
      await context.close()
      return wav
    })()
    return stopped
  }

  node.port.onmessage = (event: MessageEvent<Float32Array>) => {
    blocks.push(event.data)
    length += event.data.length
    if (length >= MAX_SECONDS * context.sampleRate) void stop().then(onAutoStop)
  }
  source.connect(node)
  node.connect(mute)
  mute.connect(context.destination)
  return { stop }
}
