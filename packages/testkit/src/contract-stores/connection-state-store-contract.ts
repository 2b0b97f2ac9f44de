import fc from 'fast-check'
import { getOrThrow } from '@bankfeed/core'
import type { ConnectionState, ConnectionStateStore, Result, StoreError } from '@bankfeed/core'
import { day } from '../dates.js'
import type { DescribeLike, ExpectLike, TestLike } from '../suite-api.js'
import { connectionStateArb, exactForm, storeTextArb } from './store-values.js'

/** A connection state store under test. */
export interface ConnectionStateStoreUnderTest {
  readonly store: ConnectionStateStore
  /** Releases the store (connections, files, a schema). */
  readonly close?: () => Promise<void>
}

/** Options of {@link runConnectionStateStoreContract}. */
export interface ConnectionStateStoreContractOptions {
  /** Names the suite: `"<name> — connection state store contract"`. */
  readonly name: string
  /** vitest's `describe`. */
  readonly describe: DescribeLike
  /** vitest's `test` (or `it`); assertions use the test context's `expect`. */
  readonly test: TestLike
  /** A new, empty store; called once per test. */
  readonly makeStore: () => Promise<ConnectionStateStoreUnderTest>
  /** Runs of the property tests (default 50). */
  readonly numRuns?: number
}

type Loaded = { readonly state: ConnectionState | null; readonly version: number }

const STATE: ConnectionState = {
  status: {
    attachment: 'attached',
    problem: { _tag: 'AuthExpired', since: day('2026-03-14'), action: null, retryAfterSeconds: null },
    consentExpiresOn: day('2026-09-30'),
  },
  reauth: { emailedOn: day('2026-03-14') },
  lastCollectedOn: day('2026-03-13'),
  lastFailedOn: day('2026-03-14'),
  warnedFor: null,
}
const OTHER: ConnectionState = {
  status: { attachment: 'detached', problem: null, consentExpiresOn: null },
  reauth: { emailedOn: null },
  lastCollectedOn: day('2026-03-15'),
  lastFailedOn: null,
  warnedFor: day('2026-09-30'),
}

const tagOf = (r: Result<StoreError, unknown>): string => (r._tag === 'Right' ? 'Right' : r.left._tag)

/**
 * Registers the connection state store contract as a vitest suite: a connection never saved loads
 * as `null` at version 0; a state saved at the version read loads back exactly (every attachment,
 * problem kind with its optional members present or absent, every date, texts in any script), at a
 * greater version; a save at any other version is `ConcurrentUpdate` and writes nothing; of two
 * saves from one version exactly one wins; connections are independent; an id the store cannot keep
 * as given is refused, never confused with another.
 */
export const runConnectionStateStoreContract = (options: ConnectionStateStoreContractOptions): void => {
  const { describe, test } = options
  const numRuns = options.numRuns ?? 50
  const withStore = async (body: (store: ConnectionStateStore) => Promise<void>): Promise<void> => {
    const s = await options.makeStore()
    try {
      await body(s.store)
    } finally {
      await s.close?.()
    }
  }
  const load = async (store: ConnectionStateStore, id: string, expect: ExpectLike): Promise<Loaded> => {
    const r = await store.load(id)()
    expect(r._tag).toEqual('Right')
    return getOrThrow(r, `load ${id}`)
  }
  const expectExactly = (expect: ExpectLike, actual: Loaded, expected: Loaded): void => {
    expect(actual).toEqual(expected)
    expect(exactForm(actual)).toEqual(exactForm(expected))
  }

  describe(`${options.name} — connection state store contract`, () => {
    test('a connection never saved loads as no state, at version 0', ({ expect }) =>
      withStore(async (store) => {
        expectExactly(expect, await load(store, 'never-seen', expect), { state: null, version: 0 })
      }))

    test('a state saved at the version read loads back exactly, at a greater version', ({ expect }) =>
      withStore(async (store) => {
        expect(await store.save('c1', STATE, 0)()).toEqual({ _tag: 'Right', right: undefined })
        const first = await load(store, 'c1', expect)
        expect(first.version > 0 && Number.isInteger(first.version)).toEqual(true)
        expectExactly(expect, first, { state: STATE, version: first.version })
        expect(tagOf(await store.save('c1', OTHER, first.version)())).toEqual('Right')
        const second = await load(store, 'c1', expect)
        expect(second.version > first.version).toEqual(true)
        expectExactly(expect, second, { state: OTHER, version: second.version })
      }))

    test('a save at a stale or unknown version is ConcurrentUpdate and writes nothing', ({ expect }) =>
      withStore(async (store) => {
        expect(tagOf(await store.save('c1', STATE, 1)())).toEqual('ConcurrentUpdate')
        expectExactly(expect, await load(store, 'c1', expect), { state: null, version: 0 })
        expect(tagOf(await store.save('c1', STATE, 0)())).toEqual('Right')
        const saved = await load(store, 'c1', expect)
        for (const stale of [0, saved.version - 1, saved.version + 1, saved.version + 1000, -1])
          if (stale !== saved.version) {
            expect(tagOf(await store.save('c1', OTHER, stale)())).toEqual('ConcurrentUpdate')
            expectExactly(expect, await load(store, 'c1', expect), saved)
          }
      }))

    test('of two saves from the same version, exactly one wins and is what loads', ({ expect }) =>
      withStore(async (store) => {
        for (const from of ['new', 'existing'] as const) {
          const id = `race-${from}`
          if (from === 'existing') await store.save(id, STATE, 0)()
          const { version } = await load(store, id, expect)
          const [a, b] = await Promise.all([
            store.save(id, OTHER, version)(),
            store.save(id, STATE, version)(),
          ])
          expect([tagOf(a), tagOf(b)].sort()).toEqual(['ConcurrentUpdate', 'Right'])
          const winner = tagOf(a) === 'Right' ? OTHER : STATE
          const loaded = await load(store, id, expect)
          expectExactly(expect, loaded, { state: winner, version: loaded.version })
        }
      }))

    test('every state round-trips exactly (property)', ({ expect }) =>
      withStore(async (store) => {
        let n = 0
        await fc.assert(
          fc.asyncProperty(connectionStateArb, connectionStateArb, async (first, second) => {
            const id = `p${n++}`
            expect(tagOf(await store.save(id, first, 0)())).toEqual('Right')
            const a = await load(store, id, expect)
            expectExactly(expect, a, { state: first, version: a.version })
            expect(tagOf(await store.save(id, second, a.version)())).toEqual('Right')
            const b = await load(store, id, expect)
            expectExactly(expect, b, { state: second, version: b.version })
          }),
          { numRuns },
        )
      }))

    test('saves at right and wrong versions, over several connections, match a model (property)', ({
      expect,
    }) =>
      withStore(async (store) => {
        let run = 0
        const stepArb = fc.record({
          connection: fc.nat({ max: 2 }),
          state: connectionStateArb,
          // 0: the version last read; otherwise off by that much.
          offBy: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: -2, max: 2 })),
        })
        await fc.assert(
          fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 12 }), async (steps) => {
            run += 1
            const model = new Map<string, Loaded>()
            for (const step of steps) {
              const id = `m${run}-${step.connection}`
              const known = model.get(id) ?? { state: null, version: 0 }
              const outcome = await store.save(id, step.state, known.version + step.offBy)()
              expect(tagOf(outcome)).toEqual(step.offBy === 0 ? 'Right' : 'ConcurrentUpdate')
              const loaded = await load(store, id, expect)
              if (step.offBy === 0) {
                expect(loaded.version > known.version).toEqual(true)
                model.set(id, { state: step.state, version: loaded.version })
              }
              for (const [other, expected] of model)
                expectExactly(expect, await load(store, other, expect), expected)
              if (!model.has(id)) expectExactly(expect, loaded, { state: null, version: 0 })
            }
          }),
          { numRuns },
        )
      }))

    test('connection ids in any script are kept apart', ({ expect }) =>
      withStore(async (store) => {
        await fc.assert(
          fc.asyncProperty(
            fc.uniqueArray(storeTextArb(), { minLength: 1, maxLength: 4 }),
            connectionStateArb,
            async (ids, state) => {
              const fresh = ids.map((id) => `u${Math.random().toString(36).slice(2)}:${id}`)
              for (const id of fresh) expect(tagOf(await store.save(id, state, 0)())).toEqual('Right')
              for (const id of fresh) expect((await load(store, id, expect)).state).toEqual(state)
              expect((await load(store, `${fresh[0] ?? ''}x`, expect)).state).toEqual(null)
            },
          ),
          { numRuns: Math.max(5, Math.floor(numRuns / 2)) },
        )
      }))

    test('an id that is not well-formed Unicode is refused or kept as given, never confused with another', ({
      expect,
    }) =>
      withStore(async (store) => {
        // A driver sending a lone surrogate as UTF-8 writes U+FFFD in its place.
        const replaced = 'id-\ufffd'
        await store.save(replaced, OTHER, 0)()
        const lone = 'id-\ud800'
        const saved = await store.save(lone, STATE, 0)()
        expect(saved._tag === 'Right' || saved.left._tag === 'StoreUnavailable').toEqual(true)
        const back = await load(store, lone, expect)
        expectExactly(
          expect,
          back,
          saved._tag === 'Right' ? { state: STATE, version: back.version } : { state: null, version: 0 },
        )
        expectExactly(expect, await load(store, replaced, expect), {
          state: OTHER,
          version: (await load(store, replaced, expect)).version,
        })
      }))

    test('a text the store cannot hold (U+0000) is refused whole, or kept exactly', ({ expect }) =>
      withStore(async (store) => {
        const withNul: ConnectionState = {
          ...STATE,
          status: {
            ...STATE.status,
            problem: {
              _tag: 'ConfigurationError',
              since: day('2026-03-14'),
              action: null,
              retryAfterSeconds: null,
              setting: 'a\u0000b',
              configurationVersion: null,
            },
          },
        }
        await store.save('nul', OTHER, 0)()
        const before = await load(store, 'nul', expect)
        const outcome = await store.save('nul', withNul, before.version)()
        const after = await load(store, 'nul', expect)
        if (outcome._tag === 'Right') expectExactly(expect, after, { state: withNul, version: after.version })
        else {
          expect(outcome.left._tag).toEqual('StoreUnavailable')
          expectExactly(expect, after, before)
        }
      }))
  })
}
