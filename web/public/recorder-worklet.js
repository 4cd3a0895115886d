// AudioWorklet processor for mynah's recorder: copies each 128-sample block of the first
// input channel to the main thread. Raw PCM is captured here (not MediaRecorder) so the
// upload is a plain WAV whatever container the browser would otherwise choose.
class RecorderProcessor extends AudioWorkletProcessor {
  process(inputs) {
    const channel = inputs[0]?.[0]
    if (channel) this.port.postMessage(channel.slice(0))
    return true
  }
}

registerProcessor('mynah-recorder', RecorderProcessor)
