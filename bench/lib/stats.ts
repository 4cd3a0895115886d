/** Summary statistics for repeated measurements. */

/** Median (mean of the two middle values for an even count); NaN for no values. */
export { median } from '../../src/dsp/signal.js'

/** Repeat an async measurement `runs` times and return every result. */
export async function repeat<T>(runs: number, measure: (run: number) => Promise<T>): Promise<T[]> {
  const out: T[] = []
  for (let i = 0; i < runs; i++) out.push(await measure(i))
  return out
}
