/**
 * Plan, then measure (STYLE habit 9): after a stage loads, and after requests run, the
 * runtime records real memory use. When a measurement exceeds the prediction, the stage's
 * correction factor rises so the next plan is conservative enough; it never falls (a
 * lucky measurement must not make the planner optimistic). Factors are capped at 4×: a
 * larger miss means the manifest is wrong, which a warning says instead.
 */
import { readFileSync } from 'node:fs'
import { writeFileAtomic } from '../../core/files.js'

export type MeasureKind = 'weights' | 'activations'

export interface StageCorrection {
  weights?: number
  activations?: number
}

export const MAX_CORRECTION = 4

export class Calibration {
  private readonly factors = new Map<string, StageCorrection>()

  constructor(
    /** JSON file the factors persist to (e.g. <home>/calibration.json); none = memory only. */
    private readonly file?: string,
    initial?: Readonly<Record<string, StageCorrection>>,
  ) {
    for (const [stage, c] of Object.entries(initial ?? {})) this.factors.set(stage, { ...c })
  }

  /** Read factors saved earlier; a missing or unreadable file gives an empty calibration. */
  static load(file: string): Calibration {
    let initial: Record<string, StageCorrection> = {}
    try {
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'))
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        for (const [stage, value] of Object.entries(parsed as Record<string, unknown>)) {
          const c = value as StageCorrection
          const ok = (n: unknown) =>
            n === undefined || (typeof n === 'number' && n >= 1 && n <= MAX_CORRECTION)
          if (c && typeof c === 'object' && ok(c.weights) && ok(c.activations)) initial[stage] = c
        }
      }
    } catch {
      initial = {}
    }
    return new Calibration(file, initial)
  }

  factor(stage: string, kind: MeasureKind): number {
    return this.factors.get(stage)?.[kind] ?? 1
  }

  /** The corrections in the shape PlanOptions.corrections takes. */
  corrections(): Record<string, StageCorrection> {
    return Object.fromEntries([...this.factors].map(([k, v]) => [k, { ...v }]))
  }

  /**
   * Record a measurement against the prediction made with the current factor. Returns true
   * when the factor rose. `predictedBytes` must already include this stage's factor.
   */
  record(stage: string, kind: MeasureKind, predictedBytes: number, measuredBytes: number): boolean {
    if (!(predictedBytes > 0) || !(measuredBytes > predictedBytes)) return false
    const current = this.factor(stage, kind)
    const next = Math.min(MAX_CORRECTION, current * (measuredBytes / predictedBytes))
    if (next <= current) return false
    this.factors.set(stage, { ...this.factors.get(stage), [kind]: Number(next.toFixed(4)) })
    return true
  }

  async save(): Promise<void> {
    if (!this.file) return
    await writeFileAtomic(this.file, `${JSON.stringify(this.corrections(), null, 2)}\n`)
  }
}
