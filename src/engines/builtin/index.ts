/**
 * The built-in engine (engines/builtin): recorded Mandarin syllables and flite English,
 * paired by gender. See docs/engine-builtin.md.
 */
import type { Engine } from '../engine.js'
import { BuiltinEngine, type BuiltinEngineOptions } from './engine.js'
import { builtinVoiceRenderers } from './voices.js'

export type { BuiltinEngineOptions, RenderContext, VoiceRenderer } from './engine.js'
export { BuiltinEngine } from './engine.js'

/** The engine with its real voices; tests may pass their own voice renderers. */
export async function createBuiltinEngine(options?: Partial<BuiltinEngineOptions>): Promise<Engine> {
  return new BuiltinEngine({ voices: options?.voices ?? builtinVoiceRenderers() })
}
