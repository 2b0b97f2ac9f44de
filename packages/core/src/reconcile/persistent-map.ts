/**
 * Immutable maps and sets whose updates cost in proportion to the change, not to the size.
 *
 * A ledger keeps every movement an account ever received, and each sync applies a small batch to it.
 * Copying a `Map` of the whole history per batch made a sync cost O(history); these structures keep
 * the old version intact (the core stays pure) while sharing almost everything with it.
 *
 * Layout: a base `ReadonlyMap` that is never written, plus a short stack of layers. Each layer holds
 * the values set (or a tombstone for removals) by one or more updates, and the keys "born" there (not
 * live just below when set), in birth order. Layers are merged like a binary counter — a layer at
 * least half the size of the one below is merged into it — so there are O(log n) of them and each
 * entry is copied O(log n) times; once the layers together reach half the base, everything is folded
 * into a new base. Lookups read the layers from the top, then the base.
 *
 * Iteration follows `Map` semantics: insertion order, an update keeps its place, a key removed and set
 * again moves to the end.
 */

const TOMBSTONE: unique symbol = Symbol('removed')
type Slot<V> = V | typeof TOMBSTONE

interface Layer<K, V> {
  readonly slots: ReadonlyMap<K, Slot<V>>
  /** Keys born here, in birth order, each once. */
  readonly born: ReadonlyArray<K>
}

interface State<K, V> {
  readonly base: ReadonlyMap<K, V>
  readonly layers: ReadonlyArray<Layer<K, V>>
  /** Entries in all layers together (slots), to know when to fold them into the base. */
  readonly layered: number
  readonly size: number
}

/** An immutable map: {@link PersistentMap.update} returns a new map and leaves this one as it was. */
export interface PersistentMap<K, V> extends ReadonlyMap<K, V> {
  /**
   * A new map with `removed` keys deleted, then the entries of `set` set, in that order. With
   * `owned`, the caller hands `set` over (it must never be written again) and it may be kept as is.
   */
  readonly update: (removed: ReadonlyArray<K>, set: ReadonlyMap<K, V>, owned?: boolean) => PersistentMap<K, V>
}

/** An immutable set, built like {@link PersistentMap}. */
export interface PersistentSet<T> extends ReadonlySet<T> {
  /** A new set with `removed` deleted, then `added` added, in that order. */
  readonly update: (removed: ReadonlyArray<T>, added: ReadonlyArray<T>) => PersistentSet<T>
}

const lookup = <K, V>(s: State<K, V>, key: K): Slot<V> => {
  for (let i = s.layers.length - 1; i >= 0; i--) {
    const slot = (s.layers[i] as Layer<K, V>).slots.get(key)
    if (slot !== undefined) return slot
  }
  // Values are never `undefined` (see persistentMap): one probe of the base is enough.
  return s.base.get(key) ?? TOMBSTONE
}

const valueOf = <K, V>(s: State<K, V>, key: K): V | undefined => {
  const slot = lookup(s, key)
  return slot === TOMBSTONE ? undefined : slot
}

/** Calls `f` on every entry in iteration order, without iterator objects. */
const eachEntry = <K, V>(s: State<K, V>, f: (v: V, k: K) => void): void => {
  if (s.layers.length === 0) {
    s.base.forEach((v, k) => f(v, k))
    return
  }
  const born = s.layers.map((l) => new Set(l.born))
  // The layer where the key's current incarnation was born, -1 for the base.
  const birthLayer = (k: K): number => {
    for (let i = born.length - 1; i >= 0; i--) if ((born[i] as Set<K>).has(k)) return i
    return -1
  }
  const visit = (k: K): void => {
    const slot = lookup(s, k)
    if (slot !== TOMBSTONE) f(slot, k)
  }
  s.base.forEach((_, k) => {
    if (birthLayer(k) === -1) visit(k)
  })
  s.layers.forEach((l, i) => {
    for (const k of l.born) if (birthLayer(k) === i) visit(k)
  })
}

function* entriesOf<K, V>(s: State<K, V>): Generator<[K, V]> {
  if (s.layers.length === 0) {
    yield* s.base as ReadonlyMap<K, V> & Iterable<[K, V]>
    return
  }
  const entries: Array<[K, V]> = []
  eachEntry(s, (v, k) => entries.push([k, v]))
  yield* entries
}

function* keysOf<K, V>(s: State<K, V>): Generator<K> {
  for (const [k] of entriesOf(s)) yield k
}

function* valuesOf<K, V>(s: State<K, V>): Generator<V> {
  for (const [, v] of entriesOf(s)) yield v
}

const mergeLayers = <K, V>(below: Layer<K, V>, top: Layer<K, V>): Layer<K, V> => {
  const slots = new Map(below.slots)
  top.slots.forEach((v, k) => slots.set(k, v))
  // A key born again on top takes its later place.
  const reborn = new Set(top.born)
  return { slots, born: below.born.filter((k) => !reborn.has(k)).concat(top.born) }
}

/**
 * The state after removing `removed`, then setting `set`. An `owned` map (made for this update and
 * never written again) becomes the new layer as it is when nothing is removed: no copy on the hot path.
 */
const updateState = <K, V>(
  s: State<K, V>,
  removed: ReadonlyArray<K>,
  set: ReadonlyMap<K, V>,
  owned: boolean,
): State<K, V> => {
  const born: K[] = []
  let size = s.size
  let slots: ReadonlyMap<K, Slot<V>>
  if (owned && removed.length === 0) {
    set.forEach((_, k) => {
      if (lookup(s, k) === TOMBSTONE) {
        born.push(k)
        size++
      }
    })
    slots = set
  } else {
    const own = new Map<K, Slot<V>>()
    const live = (k: K): boolean => {
      const slot = own.get(k)
      return slot === undefined ? lookup(s, k) !== TOMBSTONE : slot !== TOMBSTONE
    }
    for (const k of removed)
      if (live(k)) {
        own.set(k, TOMBSTONE)
        size--
      }
    // A map gives each key once: a key is born at most once per update.
    set.forEach((v, k) => {
      if (!live(k)) {
        born.push(k)
        size++
      }
      own.set(k, v)
    })
    slots = own
  }
  if (slots.size === 0) return s
  const layers = [...s.layers, { slots, born }]
  while (layers.length >= 2) {
    const top = layers[layers.length - 1] as Layer<K, V>
    const below = layers[layers.length - 2] as Layer<K, V>
    if (top.slots.size * 2 < below.slots.size) break
    layers.splice(layers.length - 2, 2, mergeLayers(below, top))
  }
  const layered = layers.reduce((n, l) => n + l.slots.size, 0)
  const next: State<K, V> = { base: s.base, layers, layered, size }
  // Fold into a new base once the layers weigh half the base: each entry is copied O(1) times per
  // doubling of the map, and lookups stay a few probes deep.
  if (layered * 2 < s.base.size) return next
  const base = new Map<K, V>()
  eachEntry(next, (v, k) => base.set(k, v))
  return { base, layers: [], layered: 0, size }
}

// The maps and sets share their methods through one prototype each: a version is then one small
// object holding its state, which matters when every sync makes new versions.
const STATE: unique symbol = Symbol('persistent state')
interface Held {
  readonly [STATE]: State<unknown, unknown>
}

const mapMethods = {
  get(this: Held, k: unknown): unknown {
    return valueOf(this[STATE], k)
  },
  has(this: Held, k: unknown): boolean {
    return lookup(this[STATE], k) !== TOMBSTONE
  },
  entries(this: Held): Generator<[unknown, unknown]> {
    return entriesOf(this[STATE])
  },
  keys(this: Held): Generator<unknown> {
    return keysOf(this[STATE])
  },
  values(this: Held): Generator<unknown> {
    return valuesOf(this[STATE])
  },
  forEach(this: Held, f: (v: unknown, k: unknown, m: unknown) => void, thisArg?: unknown): void {
    eachEntry(this[STATE], (v, k) => f.call(thisArg, v, k, this))
  },
  [Symbol.iterator](this: Held): Generator<[unknown, unknown]> {
    return entriesOf(this[STATE])
  },
  update(
    this: Held,
    removed: ReadonlyArray<unknown>,
    set: ReadonlyMap<unknown, unknown>,
    owned = false,
  ): unknown {
    const s = this[STATE]
    const next = updateState(s, removed, set, owned)
    return next === s ? this : mapOf(next)
  },
}

const setMethods = {
  has(this: Held, v: unknown): boolean {
    return lookup(this[STATE], v) !== TOMBSTONE
  },
  entries(this: Held): Generator<[unknown, unknown]> {
    return pairsOf(this[STATE])
  },
  keys(this: Held): Generator<unknown> {
    return keysOf(this[STATE])
  },
  values(this: Held): Generator<unknown> {
    return keysOf(this[STATE])
  },
  forEach(this: Held, f: (v: unknown, k: unknown, s: unknown) => void, thisArg?: unknown): void {
    eachEntry(this[STATE], (_, k) => f.call(thisArg, k, k, this))
  },
  [Symbol.iterator](this: Held): Generator<unknown> {
    return keysOf(this[STATE])
  },
  update(this: Held, removed: ReadonlyArray<unknown>, added: ReadonlyArray<unknown>): unknown {
    const s = this[STATE]
    const set = new Map<unknown, unknown>()
    for (const v of added) set.set(v, true)
    const next = updateState(s, removed, set, true)
    return next === s ? this : setOf(next as State<unknown, true>)
  },
}

const made = <T>(methods: object, s: State<unknown, unknown>): T => {
  const self = Object.create(methods) as { [STATE]: State<unknown, unknown>; size: number }
  self[STATE] = s
  self.size = s.size
  return self as T
}

const mapOf = <K, V>(s: State<K, V>): PersistentMap<K, V> =>
  made<PersistentMap<K, V>>(mapMethods, s as State<unknown, unknown>)

const setOf = <T>(s: State<T, true>): PersistentSet<T> =>
  made<PersistentSet<T>>(setMethods, s as State<unknown, unknown>)

/**
 * A persistent map holding the entries of `map`. A map made here is returned as is; any other is used
 * as the base without copying, so it must not be written afterwards. Values must not be `undefined`.
 */
export const persistentMap = <K, V>(map: ReadonlyMap<K, V> = new Map<K, V>()): PersistentMap<K, V> =>
  Object.getPrototypeOf(map) === mapMethods
    ? (map as PersistentMap<K, V>)
    : mapOf<K, V>({ base: map, layers: [], layered: 0, size: map.size })

function* pairsOf<T>(s: State<T, unknown>): Generator<[T, T]> {
  for (const [k] of entriesOf(s)) yield [k, k]
}

/** A persistent set holding the values of `set` (same rules as {@link persistentMap}). */
export const persistentSet = <T>(set: ReadonlySet<T> = new Set<T>()): PersistentSet<T> => {
  if (Object.getPrototypeOf(set) === setMethods) return set as PersistentSet<T>
  const base = new Map<T, true>()
  for (const v of set) base.set(v, true)
  return setOf({ base, layers: [], layered: 0, size: base.size })
}
