/**
 * A Map-backed LRU cache bounded by the total weight of its values (bytes, say; weigh every
 * value 1 to bound the entry count). Reading an entry makes it the most recent; the newest
 * entry is kept even when it alone is over the bound.
 */
export class WeightedLru<K, V> {
  private readonly map = new Map<K, { value: V; weight: number }>()
  private total = 0

  constructor(
    readonly maxWeight: number,
    private readonly weigh: (value: V) => number,
  ) {}

  get size(): number {
    return this.map.size
  }

  get weight(): number {
    return this.total
  }

  get(key: K): V | undefined {
    const entry = this.map.get(key)
    if (!entry) return undefined
    this.map.delete(key)
    this.map.set(key, entry)
    return entry.value
  }

  set(key: K, value: V): void {
    const old = this.map.get(key)
    if (old) {
      this.total -= old.weight
      this.map.delete(key)
    }
    const weight = this.weigh(value)
    this.map.set(key, { value, weight })
    this.total += weight
    for (const [k, e] of this.map) {
      if (this.total <= this.maxWeight || this.map.size <= 1) break
      this.map.delete(k)
      this.total -= e.weight
    }
  }

  clear(): void {
    this.map.clear()
    this.total = 0
  }
}
