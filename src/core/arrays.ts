/** Joining typed arrays: one implementation for every room that collects chunks (audio, bytes). */

type Joinable = Uint8Array | Float32Array

function join<T extends Joinable>(parts: readonly T[], make: (length: number) => T): T {
  let total = 0
  for (const p of parts) total += p.length
  const out = make(total)
  let offset = 0
  for (const p of parts) {
    out.set(p, offset)
    offset += p.length
  }
  return out
}

/** A new array holding the parts one after another (always a copy, so callers may reuse the parts). */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  return join(parts, (n) => new Uint8Array(n))
}

/** A new Float32Array holding the parts one after another (always a copy). */
export function concatFloat32(parts: readonly Float32Array[]): Float32Array {
  return join(parts, (n) => new Float32Array(n))
}
