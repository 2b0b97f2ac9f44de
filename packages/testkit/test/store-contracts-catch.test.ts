import { describe, expect, test } from 'vitest'
import type { ConnectionState, ConnectionStateStore, Dossier, DossierStore } from '@bankfeed/core'
import {
  makeInMemoryDossierStore,
  runConnectionStateStoreContract,
  runDossierStoreContract,
} from '../src/index.js'
import { makeInMemoryConnectionStateStore } from '@bankfeed/core/memory'
import type { ExpectLike } from '../src/index.js'

type Body = (context: { readonly expect: ExpectLike }) => Promise<void> | void

/** Registers a contract into a list instead of vitest, to run its tests by hand. */
const collect = (
  register: (d: (n: string, b: () => void) => void, t: (n: string, b: Body) => void) => void,
) => {
  const tests: Array<readonly [string, Body]> = []
  register(
    (_name, body) => body(),
    (name, body) => tests.push([name, body]),
  )
  return tests
}

/** The titles of the contract tests a store fails. */
const failing = async (tests: ReadonlyArray<readonly [string, Body]>): Promise<ReadonlyArray<string>> => {
  const failed: string[] = []
  for (const [name, body] of tests)
    try {
      await body({ expect: expect as unknown as ExpectLike })
    } catch {
      failed.push(name)
    }
  return failed
}

const stateContract = (make: () => ConnectionStateStore) =>
  collect((d, t) =>
    runConnectionStateStoreContract({
      name: 'x',
      describe: d,
      test: t,
      numRuns: 20,
      makeStore: () => Promise.resolve({ store: make() }),
    }),
  )

const dossierContract = (make: () => DossierStore) =>
  collect((d, t) =>
    runDossierStoreContract({
      name: 'x',
      describe: d,
      test: t,
      numRuns: 10,
      makeStore: () => Promise.resolve({ store: make() }),
    }),
  )

describe('the store contracts catch broken stores', () => {
  test('a connection state store that ignores versions', async () => {
    const failed = await failing(
      stateContract(() => {
        const inner = makeInMemoryConnectionStateStore()
        return {
          load: inner.load,
          save: (id, state) => async () => {
            const { version } = ((await inner.load(id)()) as { right: { version: number } }).right
            return inner.save(id, state, version)()
          },
        }
      }),
    )
    expect(failed).toEqual(
      expect.arrayContaining([
        'a save at a stale or unknown version is ConcurrentUpdate and writes nothing',
        'saves at right and wrong versions, over several connections, match a model (property)',
      ]),
    )
  })

  test('a connection state store that writes absent members as null', async () => {
    const failed = await failing(
      stateContract(() => {
        const inner = makeInMemoryConnectionStateStore()
        const widen = (s: ConnectionState): ConnectionState =>
          s.status.problem === null
            ? s
            : {
                ...s,
                status: {
                  ...s.status,
                  problem: { setting: undefined, configurationVersion: null, ...s.status.problem } as never,
                },
              }
        return { load: inner.load, save: (id, s, v) => inner.save(id, widen(s), v) }
      }),
    )
    expect(failed).toContain('every state round-trips exactly (property)')
  })

  test('a dossier store that lists by code, or alters what it cannot hold', async () => {
    const byCode = (): DossierStore => {
      const inner = makeInMemoryDossierStore()
      return {
        ...inner,
        list: () => async () => {
          const r = await inner.list()()
          return r._tag === 'Right'
            ? { _tag: 'Right', right: [...r.right].sort((a, b) => (a.code < b.code ? 1 : -1)) }
            : r
        },
      }
    }
    expect(await failing(dossierContract(byCode))).toEqual([
      'list gives every dossier once, in the order first saved (property)',
    ])
    const altering = (): DossierStore => {
      const inner = makeInMemoryDossierStore()
      const clean = (d: Dossier): Dossier => ({ ...d, name: d.name.replaceAll('\u0000', '') })
      return { ...inner, save: (d) => inner.save(clean(d)) }
    }
    expect(await failing(dossierContract(altering))).toEqual([
      'a text the store cannot hold is refused or kept exactly, never altered',
    ])
  })
})
