import { localDate } from '@bankfeed/core'
import fc from 'fast-check'
import type { Dossier, DossierStore, Result, StoreError } from '@bankfeed/core'
import { dossierArb } from '../dossier.js'
import type { DescribeLike, ExpectLike, TestLike } from '../suite-api.js'
import { exactForm, storeTextArb } from './store-values.js'

/** A dossier store under test. */
export interface DossierStoreUnderTest {
  readonly store: DossierStore
  /** Releases the store (connections, files, a schema). */
  readonly close?: () => Promise<void>
}

/** Options of {@link runDossierStoreContract}. */
export interface DossierStoreContractOptions {
  /** Names the suite: `"<name> — dossier store contract"`. */
  readonly name: string
  /** vitest's `describe`. */
  readonly describe: DescribeLike
  /** vitest's `test` (or `it`); assertions use the test context's `expect`. */
  readonly test: TestLike
  /** A new, empty store; called once per test. */
  readonly makeStore: () => Promise<DossierStoreUnderTest>
  /** Runs of the property tests (default 30). */
  readonly numRuns?: number
}

const TODAY = localDate('2026-03-15')

/** Dossiers whose code, names and labels are texts in any script (see `storeTextArb`). */
export const unicodeDossierArb: fc.Arbitrary<Dossier> = fc
  .record({
    dossier: dossierArb({ today: TODAY, maxBankAccounts: 2 }),
    code: fc.oneof(fc.stringMatching(/^[A-Z]{3}[0-9]{3}$/), storeTextArb(12)),
    texts: fc.array(storeTextArb(), { minLength: 8, maxLength: 8 }),
  })
  .map(({ dossier, code, texts }): Dossier => {
    const text = (i: number): string => texts[i % texts.length] ?? ''
    return {
      ...dossier,
      code,
      name: text(0),
      contacts: dossier.contacts.map((c) => ({ ...c, firstName: text(1), lastName: text(2), role: text(3) })),
      bankAccounts: dossier.bankAccounts.map((a) => ({
        ...a,
        name: text(4),
        holder: text(5),
        holderComplement: text(6),
      })),
      glAccounts: dossier.glAccounts.map((g) => ({ ...g, label: text(7) })),
      journals: dossier.journals.map((j) => ({ ...j, label: text(0) })),
    }
  })

const tagOf = (r: Result<StoreError, unknown>): string => (r._tag === 'Right' ? 'Right' : r.left._tag)

/**
 * Registers the dossier store contract as a vitest suite: an unknown code is `NotFound`; a saved
 * dossier reads back exactly (every field, texts in any script, codes too); saving a dossier with a
 * known code replaces the whole document; `list` gives every dossier once, in the order they were
 * first saved (a replaced one keeps its place); a text the store cannot hold (U+0000, a lone
 * surrogate) is refused or kept exactly, never altered, and a refused save changes nothing.
 */
export const runDossierStoreContract = (options: DossierStoreContractOptions): void => {
  const { describe, test } = options
  const numRuns = options.numRuns ?? 30
  const withStore = async (body: (store: DossierStore) => Promise<void>): Promise<void> => {
    const s = await options.makeStore()
    try {
      await body(s.store)
    } finally {
      await s.close?.()
    }
  }
  const expectExactly = (expect: ExpectLike, actual: unknown, expected: unknown): void => {
    expect(actual).toEqual(expected)
    expect(exactForm(actual)).toEqual(exactForm(expected))
  }
  const get = async (store: DossierStore, code: string): Promise<Result<StoreError, Dossier>> =>
    store.get(code)()
  const list = async (store: DossierStore, expect: ExpectLike): Promise<ReadonlyArray<Dossier>> => {
    const r = await store.list()()
    expect(r._tag).toEqual('Right')
    return r._tag === 'Right' ? r.right : []
  }
  const sample = (seed: number): Dossier => fc.sample(unicodeDossierArb, { numRuns: 1, seed })[0] as Dossier

  describe(`${options.name} — dossier store contract`, () => {
    test('an unknown code is NotFound; an empty store lists nothing', ({ expect }) =>
      withStore(async (store) => {
        expect(tagOf(await get(store, 'NOPE01'))).toEqual('NotFound')
        expect(await list(store, expect)).toEqual([])
      }))

    test('a saved dossier reads back exactly (property)', ({ expect }) =>
      withStore(async (store) => {
        let n = 0
        await fc.assert(
          fc.asyncProperty(unicodeDossierArb, async (drawn) => {
            const dossier = { ...drawn, code: `${n++}:${drawn.code}` }
            expect(tagOf(await store.save(dossier)())).toEqual('Right')
            const back = await get(store, dossier.code)
            expect(back._tag).toEqual('Right')
            if (back._tag === 'Right') expectExactly(expect, back.right, dossier)
          }),
          { numRuns },
        )
      }))

    test('saving a known code replaces the whole document', ({ expect }) =>
      withStore(async (store) => {
        const first = { ...sample(1), code: 'ABC001' }
        const second = { ...sample(2), code: 'ABC001' }
        await store.save(first)()
        expect(tagOf(await store.save(second)())).toEqual('Right')
        const back = await get(store, 'ABC001')
        if (back._tag === 'Right') expectExactly(expect, back.right, second)
        else expect(back).toEqual('a dossier')
        expectExactly(expect, await list(store, expect), [second])
      }))

    test('list gives every dossier once, in the order first saved (property)', ({ expect }) =>
      withStore(async (store) => {
        let run = 0
        const base = sample(3)
        await fc.assert(
          fc.asyncProperty(
            fc.array(
              fc.record({ code: fc.constantFrom('A', 'B', 'C', 'D', 'É', '東'), name: storeTextArb() }),
              {
                minLength: 1,
                maxLength: 10,
              },
            ),
            async (saves) => {
              run += 1
              const order: string[] = []
              const latest = new Map<string, Dossier>()
              for (const s of saves) {
                const dossier = { ...base, code: `${run}-${s.code}`, name: s.name }
                expect(tagOf(await store.save(dossier)())).toEqual('Right')
                if (!latest.has(dossier.code)) order.push(dossier.code)
                latest.set(dossier.code, dossier)
              }
              const listed = (await list(store, expect)).filter((d) => d.code.startsWith(`${run}-`))
              expectExactly(
                expect,
                listed,
                order.map((code) => latest.get(code)),
              )
            },
          ),
          { numRuns },
        )
      }))

    test('a text the store cannot hold is refused or kept exactly, never altered', ({ expect }) =>
      withStore(async (store) => {
        const before = { ...sample(4), code: 'KEEP01' }
        await store.save(before)()
        for (const bad of ['nul \u0000 inside', 'lone \ud800 surrogate', 'lone \udfff low']) {
          const changed = { ...before, name: bad }
          const outcome = await store.save(changed)()
          const back = await get(store, 'KEEP01')
          expect(back._tag).toEqual('Right')
          if (back._tag === 'Right')
            expectExactly(expect, back.right, outcome._tag === 'Right' ? changed : before)
          if (outcome._tag === 'Right') await store.save(before)()
          else expect(outcome.left._tag).toEqual('StoreUnavailable')
        }
        // A code with a lone surrogate is its own code: never another dossier's.
        await store.save({ ...before, code: 'X\ufffd' })()
        const lone = await get(store, 'X\ud800')
        const saved = await store.save({ ...before, code: 'X\ud800' })()
        if (saved._tag === 'Left') {
          expect(tagOf(lone)).toEqual('NotFound')
          expect(tagOf(await get(store, 'X\ud800'))).toEqual('NotFound')
        } else {
          const back = await get(store, 'X\ud800')
          expect(back._tag === 'Right' ? back.right.code : back).toEqual('X\ud800')
        }
        const replaced = await get(store, 'X\ufffd')
        expect(replaced._tag === 'Right' ? replaced.right.code : replaced).toEqual('X\ufffd')
      }))
  })
}
