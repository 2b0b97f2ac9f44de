import fc from 'fast-check'

/**
 * Any split of a list into consecutive sub-lists, delivered in any order: the shape of a batch that
 * arrives in pieces (pages, retries, files dropped out of order).
 */
export const splitArb = <T>(xs: ReadonlyArray<T>): fc.Arbitrary<ReadonlyArray<ReadonlyArray<T>>> =>
  fc
    .tuple(
      fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, xs.length - 1) }), { maxLength: 4 }),
      fc.array(fc.nat(), { minLength: 5, maxLength: 5 }),
    )
    .map(([cuts, keys]) => {
      const points = [0, ...[...cuts].sort((a, b) => a - b).filter((c) => c < xs.length), xs.length]
      const chunks = points.slice(1).map((p, i) => xs.slice(points[i], p))
      // Reordered by generated sort keys, so fast-check shrinks towards the original order.
      return chunks
        .map((c, i) => ({ c, k: keys[i] ?? 0, i }))
        .sort((a, b) => a.k - b.k || a.i - b.i)
        .map((x) => x.c)
    })
