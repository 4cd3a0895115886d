/** Placeholder until the built-in engine lands (issue 3). */
import { MynahError } from '../../core/errors.js'
import type { Engine } from '../engine.js'

export async function createBuiltinEngine(): Promise<Engine> {
  throw new MynahError('E_ENGINE_NOT_READY', {
    engine: 'builtin',
    detail: 'the built-in voices are not built yet',
  })
}
