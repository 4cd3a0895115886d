/**
 * Models the store knows how to pull, by name. Engines declare their own files next to
 * their code (engines/<id>/manifest.ts); this table only lists them (a row per model).
 */
import { MynahError } from '../../core/errors.js'
import type { ModelFileSpec, ModelSpec } from '../../engines/engine.js'
import { INDEXTTS2_MODEL } from '../../engines/indextts2/manifest.js'

export type { ModelFileSpec, ModelSpec }

export const MODEL_CATALOGUE: readonly ModelSpec[] = [INDEXTTS2_MODEL]

export function findModel(name: string, catalogue: readonly ModelSpec[] = MODEL_CATALOGUE): ModelSpec {
  const model = catalogue.find((m) => m.name === name)
  if (!model)
    throw new MynahError('E_MODEL_UNKNOWN', {
      model: name,
      available: catalogue.map((m) => m.name).join(', ') || 'none',
    })
  return model
}

/** Approximate bytes of a model's files (optional stages' files included unless excluded). */
export function approxModelBytes(model: ModelSpec, withOptional = true): number {
  const optional = new Set(model.stages.filter((s) => s.optional).map((s) => s.name))
  return model.files
    .filter((f) => withOptional || !f.stage || !optional.has(f.stage))
    .reduce((sum, f) => sum + f.approxBytes, 0)
}
