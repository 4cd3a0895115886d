/**
 * A Mynah that cannot speak: what `mynah serve` runs on when the engine failed to load, so
 * the server still starts (UI, /healthz, /api/system say what is wrong) and every
 * synthesis answers 503 E_ENGINE_NOT_READY with the reason instead of the process dying.
 */
import type { MynahConfig } from '../core/config.js'
import { MynahError } from '../core/errors.js'
import { VERSION } from '../core/version.js'
import type { AudioChunk, EngineInfo } from '../engines/engine.js'
import type { Mynah, PreparedText, SpeechResult, SystemStatus, VoiceListing } from '../runtime/api.js'

export function notReadyMynah(config: MynahConfig, reason: string): Mynah {
  const fail = (): never => {
    throw new MynahError('E_ENGINE_NOT_READY', { engine: config.engine, detail: reason })
  }
  return {
    config,
    // biome-ignore lint/correctness/useYield: it never yields; it fails on first pull
    async *synthesize(): AsyncIterable<AudioChunk> {
      fail()
    },
    async speak(): Promise<SpeechResult> {
      return fail()
    },
    prepareText(): PreparedText {
      return fail()
    },
    async engines(): Promise<EngineInfo[]> {
      return []
    },
    async listVoices(): Promise<VoiceListing[]> {
      return []
    },
    async addVoice(): Promise<VoiceListing> {
      return fail()
    },
    async removeVoice(): Promise<void> {
      fail()
    },
    async system(): Promise<SystemStatus> {
      const rss = process.memoryUsage.rss()
      return {
        version: VERSION,
        engine: { id: config.engine, loaded: false, device: config.device },
        memory: { rssBytes: rss, budgetBytes: 0, reservedBytes: 0, peakRssBytes: rss },
        queue: { active: 0, waiting: 0, capacity: config.queueSize, maxConcurrency: config.maxConcurrency },
        hardware: { notReady: reason },
      }
    },
    async close(): Promise<void> {},
  }
}
