/**
 * The user's glossary (<home>/glossary.yaml, term → reading) for every request: read when
 * it first matters and again only when the file changes, so editing it takes effect without
 * a restart and an unchanged file costs one stat per request. A broken file is an error
 * (E_GLOSSARY_INVALID) rather than silently ignored.
 */
import { statSync } from 'node:fs'
import { defaultGlossaryPath, type Glossary, loadGlossary } from '../text/index.js'

export class GlossaryFile {
  private readonly path: string
  private cached?: { mtimeMs: number; size: number; glossary: Glossary }

  constructor(home: string) {
    this.path = defaultGlossaryPath(home)
  }

  /** The current glossary, or undefined when there is no file. */
  get(): Glossary | undefined {
    let stat: { mtimeMs: number; size: number }
    try {
      stat = statSync(this.path)
    } catch {
      this.cached = undefined
      return undefined
    }
    if (this.cached && this.cached.mtimeMs === stat.mtimeMs && this.cached.size === stat.size)
      return this.cached.glossary
    const glossary = loadGlossary(this.path)
    this.cached = { mtimeMs: stat.mtimeMs, size: stat.size, glossary }
    return glossary
  }
}
