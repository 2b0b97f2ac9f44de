import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { persistentMap, persistentSet } from './persistent-map.js'
import type { PersistentMap } from './persistent-map.js'

// A model: the same updates on a plain Map, copied per version (what the ledger did before).
const modelUpdate = (
  m: ReadonlyMap<number, string>,
  removed: ReadonlyArray<number>,
  set: ReadonlyArray<readonly [number, string]>,
): Map<number, string> => {
  const next = new Map(m)
  for (const k of removed) next.delete(k)
  for (const [k, v] of set) next.set(k, v)
  return next
}

const updateArb = fc.record({
  owned: fc.boolean(),
  removed: fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 6 }),
  set: fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.string({ maxLength: 2 })), { maxLength: 10 }),
})

describe('persistentMap', () => {
  test.prop([
    fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.string()), { maxLength: 60 }),
    fc.array(updateArb),
  ])(
    'every version behaves like a Map given the same updates, and older versions never change',
    (initial, updates) => {
      const base = new Map(initial)
      const versions: Array<[PersistentMap<number, string>, Map<number, string>]> = [
        [persistentMap(new Map(base)), base],
      ]
      for (const u of updates) {
        const [p, m] = versions[versions.length - 1] as [PersistentMap<number, string>, Map<number, string>]
        versions.push([p.update(u.removed, new Map(u.set), u.owned), modelUpdate(m, u.removed, u.set)])
      }
      for (const [p, m] of versions) {
        expect([...p]).toEqual([...m])
        expect([...p.keys()]).toEqual([...m.keys()])
        expect([...p.values()]).toEqual([...m.values()])
        expect(p.size).toBe(m.size)
        for (let k = 0; k <= 40; k++) {
          expect(p.has(k)).toBe(m.has(k))
          expect(p.get(k)).toBe(m.get(k))
        }
      }
    },
  )

  it('branches: two updates of one version do not see each other', () => {
    const v0 = persistentMap(new Map([['a', 1]]))
    const left = v0.update([], new Map([['b', 2]]))
    const right = v0.update(['a'], new Map([['c', 3]]))
    expect([...v0]).toEqual([['a', 1]])
    expect([...left]).toEqual([
      ['a', 1],
      ['b', 2],
    ])
    expect([...right]).toEqual([['c', 3]])
  })

  it('keeps an updated key in place and moves a key removed and set again to the end, as Map does', () => {
    let p = persistentMap<string, number>()
    for (let i = 0; i < 100; i++) p = p.update([], new Map([[`k${i}`, i]]))
    p = p.update([], new Map([['k0', -1]]))
    p = p.update(['k1'], new Map())
    p = p.update([], new Map([['k1', -2]]))
    const keys = [...p.keys()]
    expect(keys[0]).toBe('k0')
    expect(keys.at(-1)).toBe('k1')
    expect(p.get('k0')).toBe(-1)
    expect(p.size).toBe(100)
  })

  it('returns the same map when an update changes nothing, and adopts its own maps without copying', () => {
    const p = persistentMap(new Map([['a', 1]]))
    expect(p.update(['missing'], new Map())).toBe(p)
    expect(persistentMap(p)).toBe(p)
  })

  it('forEach passes value, key and the map itself', () => {
    const p = persistentMap(new Map([['a', 1]])).update([], new Map([['b', 2]]))
    const seen: unknown[] = []
    p.forEach((v, k, map) => seen.push([k, v, map === p]))
    expect(seen).toEqual([
      ['a', 1, true],
      ['b', 2, true],
    ])
  })
})

describe('persistentSet', () => {
  test.prop([fc.array(fc.integer({ min: 0, max: 30 })), fc.array(updateArb)])(
    'behaves like a Set given the same updates',
    (initial, updates) => {
      let p = persistentSet(new Set(initial))
      let m = new Set(initial)
      for (const u of updates) {
        const added = u.set.map(([k]) => k)
        p = p.update(u.removed, added)
        m = new Set(m)
        for (const k of u.removed) m.delete(k)
        for (const k of added) m.add(k)
        expect([...p]).toEqual([...m])
        expect(p.size).toBe(m.size)
        for (let k = 0; k <= 40; k++) expect(p.has(k)).toBe(m.has(k))
      }
    },
  )
})
