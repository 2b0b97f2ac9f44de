import fc from 'fast-check'
import { compileCounterpartRules, currencyCode, generateEntries, localDate } from '@bankfeed/core'
import { defaultIngestionSettings, emptyLedger } from '@bankfeed/core/reconcile'
import type { AccountLedger, IngestionSettings, MovementSource } from '@bankfeed/core/reconcile'
import type { CounterpartRule, Dossier, FeedItem } from '@bankfeed/core'
import { dossierArb } from '../dossier.js'
import { apiFeedArb, fileFeedArb } from '../feeds.js'
import { splitArb } from '../split.js'
import { mixedSourcesArb, recreateHistoryArb, statementHistoryArb } from '../histories.js'
import { checkRecreatedOnce, checkStatementHistory, checkTwoConnections } from './history-checks.js'
import { checkSliceEquivalence } from './slice-checks.js'
import type { SourcedBatch } from './slice-checks.js'
import type { DescribeLike, ExpectLike, TestLike } from '../suite-api.js'
import {
  checkBalanceProofs,
  checkBankLinesEqualMovements,
  checkEntriesBalance,
  checkFecPasses,
  checkIngestTwice,
  checkNothingLostOrDoubled,
  checkSplitInvariance,
  ingestAll,
} from './law-checks.js'
import type { LawViolation } from './law-checks.js'

/** Your rules and settings, and the runner's registration functions. */
export interface ReconciliationLawsOptions {
  /** vitest's `describe`. */
  readonly describe: DescribeLike
  /** vitest's `test` (or `it`); assertions use the test context's `expect`. */
  readonly test: TestLike
  /** Names the suite (default `reconciliation laws`). */
  readonly name?: string
  /** Your counterpart rules, in order (default none: everything goes to the waiting account). */
  readonly rules?: ReadonlyArray<CounterpartRule>
  /** The fallback account (default: the generated dossier's waiting account, else 471000). */
  readonly waitingAccount?: string
  /** Labels of your rules' accounts for the FEC (default: the rule's label, else `Compte <number>`). */
  readonly accountLabels?: ReadonlyMap<string, string>
  /** Your ingestion settings; the start date stays unset so every generated movement counts. */
  readonly settings?: Partial<Omit<IngestionSettings, 'startDate'>>
  /** Labels the generated movements draw from: use the words your rules look for. */
  readonly labels?: ReadonlyArray<string>
  /** Footer styles to try (default both). */
  readonly footerStyles?: ReadonlyArray<'net' | 'receiptsAndPayments'>
  /** Runs per property (default: fast-check's global setting). */
  readonly numRuns?: number
}

const EUR = currencyCode('EUR')
const TODAY = localDate('2026-03-15')
const API: MovementSource = { protocol: 'dsp2', connectionId: 'api' }
const FILES: MovementSource = { protocol: 'cfonb', connectionId: 'files' }
const empty = (): AccountLedger => emptyLedger('LAWS', 'ba1', EUR)

/**
 * Registers the reconciliation laws as a vitest suite, run against your rules and settings: ingesting
 * twice changes nothing; any split of a batch, in any order, gives the same ledger; no real movement
 * is lost or doubled, identical twins and pending copies included; every entry balances; Σ 512 lines
 * = Σ movements; `checkFec(toFec(…))` passes; balance proofs flag exactly the statements that are off.
 */
export const runReconciliationLaws = (options: ReconciliationLawsOptions): void => {
  const { describe, test } = options
  const settings: IngestionSettings = {
    ...defaultIngestionSettings(null),
    ...options.settings,
    startDate: null,
  }
  const params = options.numRuns === undefined ? {} : { numRuns: options.numRuns }
  const labels = options.labels === undefined ? {} : { labels: options.labels }
  const apiFeed = apiFeedArb({ ...labels, pendingGapDays: Math.min(3, settings.pendingWindowDays) })
  const apiFeedBookedOnly = apiFeedArb({ ...labels, pending: false })
  const fileFeed = fileFeedArb({ ...labels })

  const law = <T>(
    name: string,
    arb: fc.Arbitrary<T>,
    check: (input: T) => ReadonlyArray<LawViolation>,
  ): void => {
    test(name, ({ expect }: { readonly expect: ExpectLike }) => {
      fc.assert(
        fc.property(arb, (input) => {
          expect(check(input)).toEqual([])
        }),
        params,
      )
    })
  }

  describe(options.name ?? 'reconciliation laws', () => {
    law('ingesting a batch twice changes nothing', fc.tuple(apiFeed, fileFeed), ([api, files]) => [
      ...checkIngestTwice(empty(), API, api.items, settings),
      ...checkIngestTwice(empty(), FILES, files.items, settings),
    ])

    law(
      'any split of a batch into sub-batches, in any order, gives the same ledger',
      fc.tuple(
        apiFeedBookedOnly.chain((f) => fc.tuple(fc.constant(f), splitArb(f.items))),
        // Pending copies too, before or after their booked twins: either order gives the same ledger.
        apiFeed.chain((f) => fc.tuple(fc.constant(f), splitArb(f.items))),
        fileFeed.chain((f) => fc.tuple(fc.constant(f), splitArb(f.items))),
      ),
      ([[booked, bookedSplit], [api, apiSplit], [files, filesSplit]]) => [
        ...checkSplitInvariance(empty(), API, [booked.items], bookedSplit, settings),
        ...checkSplitInvariance(empty(), API, [api.items], apiSplit, settings),
        ...checkSplitInvariance(empty(), FILES, [files.items], filesSplit, settings),
      ],
    )

    law(
      'no real movement is lost or doubled, identical twins included, whatever is re-delivered',
      fc.tuple(
        apiFeed.chain((f) => fc.tuple(fc.constant(f), splitArb(f.items))),
        fileFeed.chain((f) =>
          fc.tuple(fc.constant(f), splitArb(f.items), fc.array(fc.nat(), { maxLength: 4 })),
        ),
      ),
      ([[api, apiSplit], [files, filesSplit, repeats]]) => {
        const again = repeats.map((r) => files.items[r % files.items.length] as FeedItem)
        return [
          ...checkNothingLostOrDoubled(ingestAll(empty(), API, [...apiSplit, api.items], settings), api.real),
          ...checkNothingLostOrDoubled(
            ingestAll(empty(), FILES, [...filesSplit, again], settings),
            files.real,
          ),
        ]
      },
    )

    // The entry laws share one set-up: a generated dossier, a feed, your rules, both journal modes.
    const modes = fc.constantFrom('footer' as const, 'perLine' as const)
    const styles = fc.constantFrom(...(options.footerStyles ?? (['net', 'receiptsAndPayments'] as const)))
    const entrySetup = fc
      .tuple(dossierArb({ today: TODAY, maxBankAccounts: 1 }), apiFeed, fileFeed, modes, styles)
      .map(([generated, api, files, mode, footerStyle]) => {
        const dossier: Dossier = {
          ...generated,
          siren: '123456782',
          // Book in an open year that holds every generated movement.
          fiscalYears: [{ start: localDate('2026-01-01'), end: localDate('2026-12-31'), closed: false }],
          journals: generated.journals.map((j) => (j.type === 'bank' ? { ...j, counterpartMode: mode } : j)),
        }
        const ledger = {
          ...ingestAll(ingestAll(empty(), API, [api.items], settings), FILES, [files.items], settings),
          dossierCode: dossier.code,
        }
        const waiting = options.waitingAccount ?? dossier.waitingAccount ?? '471000'
        const rules = compileCounterpartRules(options.rules ?? [], waiting)
        const generation =
          rules._tag === 'Left' ? null : generateEntries(dossier, ledger, { rules: rules.right, footerStyle })
        return { dossier, ledger, rules, generation }
      })
    type Setup = typeof entrySetup extends fc.Arbitrary<infer S> ? S : never
    const withEntries =
      (
        check: (
          s: Setup,
          generation: Extract<NonNullable<Setup['generation']>, { _tag: 'Right' }>['right'],
        ) => ReadonlyArray<LawViolation>,
      ) =>
      (s: Setup): ReadonlyArray<LawViolation> => {
        if (s.rules._tag === 'Left')
          return [
            { law: 'entriesBalance', message: `your rules do not compile: ${JSON.stringify(s.rules.left)}` },
          ]
        if (s.generation === null || s.generation._tag === 'Left')
          return [{ law: 'entriesBalance', message: `no entries: ${JSON.stringify(s.generation?.left)}` }]
        return check(s, s.generation.right)
      }

    law(
      'every entry balances',
      entrySetup,
      withEntries((_, g) => checkEntriesBalance(g)),
    )

    law(
      'Σ 512 lines = Σ movements, each movement booked once',
      entrySetup,
      withEntries((s, g) => {
        const gl = s.dossier.glAccounts.find((a) => a.bankAccountId === 'ba1')?.number ?? '512'
        return checkBankLinesEqualMovements(s.ledger, g, gl)
      }),
    )

    law(
      'checkFec(toFec(…)) always passes',
      entrySetup,
      withEntries((s, g) => {
        const labels = new Map<string, string>(
          (options.rules ?? []).map((r) => [r.account, r.label ?? `Compte ${r.account}`]),
        )
        for (const [k, v] of options.accountLabels ?? []) labels.set(k, v)
        return checkFecPasses(
          g,
          s.dossier,
          { from: localDate('2026-01-01'), to: localDate('2026-12-31'), accountLabels: labels },
          TODAY,
        )
      }),
    )

    law(
      'any split of an account into chained statements, in any order, once or more, with overlaps, gives the ledger of one delivery',
      statementHistoryArb({ ...labels }),
      (history) => checkStatementHistory(empty(), FILES, history, settings),
    )

    law(
      'two connections on one account (an API and statement files) count each real movement once',
      mixedSourcesArb({ ...labels }),
      (history) => checkTwoConnections(empty(), { api: API, files: FILES }, history, settings),
    )

    // A generated dossier booking in an open year that holds every generated movement, its bank
    // journal in `mode`, and your rules compiled against its waiting account.
    const bookIn = (generated: Dossier, mode: 'footer' | 'perLine') => {
      const dossier: Dossier = {
        ...generated,
        fiscalYears: [{ start: localDate('2026-01-01'), end: localDate('2026-12-31'), closed: false }],
        journals: generated.journals.map((j) => (j.type === 'bank' ? { ...j, counterpartMode: mode } : j)),
      }
      const rules = compileCounterpartRules(
        options.rules ?? [],
        options.waitingAccount ?? dossier.waitingAccount ?? '471000',
      )
      return { dossier, rules }
    }
    const uncompiled = (law: LawViolation['law'], errors: unknown): LawViolation => ({
      law,
      message: `your rules do not compile: ${JSON.stringify(errors)}`,
    })

    law(
      'deleting booked movements and re-creating them under new ids gives the journal of the history without it',
      fc.tuple(dossierArb({ today: TODAY, maxBankAccounts: 1 }), recreateHistoryArb({ ...labels }), modes),
      ([generated, history, mode]) => {
        const { dossier, rules } = bookIn(generated, mode)
        if (rules._tag === 'Left') return [uncompiled('recreatedOnce', rules.left)]
        return checkRecreatedOnce(
          { ...empty(), dossierCode: dossier.code },
          API,
          history,
          settings,
          dossier,
          rules.right,
        )
      },
    )

    // Every history the other laws draw, one after another on one account: what a sync reads through
    // a store's slices must decide exactly as the whole ledger does.
    const on =
      (source: MovementSource) =>
      (batches: ReadonlyArray<ReadonlyArray<FeedItem>>): ReadonlyArray<SourcedBatch> =>
        batches.map((items) => ({ source, items }))
    const anyHistory: fc.Arbitrary<ReadonlyArray<SourcedBatch>> = fc.oneof(
      apiFeed.chain((f) => splitArb(f.items)).map(on(API)),
      fileFeed
        .chain((f) => fc.tuple(fc.constant(f), splitArb(f.items), fc.array(fc.nat(), { maxLength: 4 })))
        .map(([f, split, repeats]) =>
          on(FILES)([...split, repeats.map((r) => f.items[r % f.items.length] as FeedItem)]),
        ),
      statementHistoryArb({ ...labels }).map((h) => on(FILES)(h.batches)),
      recreateHistoryArb({ ...labels }).map((h) => on(API)(h.batches)),
      mixedSourcesArb({ ...labels }).map((h) =>
        h.batches.map((b) => ({ source: b.connection === 'api' ? API : FILES, items: b.items })),
      ),
    )
    law(
      'deciding each batch against the slice a store reads gives exactly what the whole ledger gives',
      fc.tuple(
        dossierArb({ today: TODAY, maxBankAccounts: 1 }),
        fc.array(anyHistory, { minLength: 1, maxLength: 3 }),
        modes,
        // Automatic entries on or off, batch by batch: what awaits an entry is in every slice.
        fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }),
      ),
      ([generated, histories, mode, generating]) => {
        const { dossier, rules } = bookIn(generated, mode)
        if (rules._tag === 'Left') return [uncompiled('sliceEquivalence', rules.left)]
        return checkSliceEquivalence(
          { ...empty(), dossierCode: dossier.code },
          histories.flat(),
          settings,
          dossier,
          rules.right,
          (n) => generating[n % generating.length] ?? true,
        )
      },
    )

    law(
      'balance proofs flag exactly the statements whose balances are off',
      fileFeedArb({ ...labels, offBalances: true }).chain((f) => fc.tuple(fc.constant(f), splitArb(f.items))),
      ([files, split]) =>
        checkBalanceProofs(ingestAll(empty(), FILES, split, settings), files.offStatements.length),
    )
  })
}
