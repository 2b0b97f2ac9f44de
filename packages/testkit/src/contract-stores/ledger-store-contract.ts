import fc from 'fast-check'
import {
  applyLedgerChanges,
  concatChanges,
  defaultIngestionSettings,
  emptyLedger,
  followUpRequest,
  ingest,
  mergeSlices,
  recordsOfLedger,
  sliceOfRecords,
  sliceRequestOf,
  sliceSelection,
} from '@bankfeed/core/reconcile'
import { compileCounterpartRules, currencyCode, generateEntries, localDate, makeMoney } from '@bankfeed/core'
import type { AccountLedger, LedgerSlice, LedgerSliceRequest, MovementSource } from '@bankfeed/core/reconcile'
import type {
  DomainEvent,
  Dossier,
  FeedItem,
  FeedNotice,
  LedgerCommit,
  LedgerKey,
  LedgerRecords,
  LedgerStore,
  Movement,
} from '@bankfeed/core'
import type { QueuedItem } from '@bankfeed/core/store'
import { dossierArb } from '../dossier.js'
import { FEED_ACCOUNT, apiFeedArb, fileFeedArb } from '../feeds.js'
import { mixedSourcesArb, statementHistoryArb } from '../histories.js'
import { splitArb } from '../split.js'
import type { DescribeLike, ExpectLike, TestLike } from '../suite-api.js'

/** A store under test, and what the contract may inspect of it besides the port. */
export interface LedgerStoreUnderTest {
  readonly store: LedgerStore
  /** Every event committed so far, oldest first (the outbox), when the store lets you read it. */
  readonly outbox?: () => Promise<ReadonlyArray<DomainEvent>>
  /** Every notice committed so far, oldest first, when the store lets you read them. */
  readonly notices?: () => Promise<ReadonlyArray<FeedNotice>>
  /** The same data opened again by a new instance (a restart), when the store is durable. */
  readonly reopen?: () => Promise<LedgerStoreUnderTest>
  /** Releases the store (connections, files). */
  readonly close?: () => Promise<void>
}

/** Options of {@link runLedgerStoreContract}. */
export interface LedgerStoreContractOptions {
  /** Names the suite: `"<name> — ledger store contract"`. */
  readonly name: string
  /** vitest's `describe`. */
  readonly describe: DescribeLike
  /** vitest's `test` (or `it`); assertions use the test context's `expect`. */
  readonly test: TestLike
  /** A new, empty store; called once per test. */
  readonly makeStore: () => Promise<LedgerStoreUnderTest>
  /** Runs of the property tests (default 25: each run commits a history to the store). */
  readonly numRuns?: number
}

const EUR = currencyCode('EUR')
const TODAY = localDate('2026-03-15')
const API: MovementSource = { protocol: 'dsp2', connectionId: 'api' }
const FILES: MovementSource = { protocol: 'cfonb', connectionId: 'files' }
const settings = defaultIngestionSettings(null)

/** Labels as banks and people write them, in every script, with the characters SQL likes least. */
export const UNICODE_LABELS: ReadonlyArray<string> = [
  'VIR SEPA Société Générale — échéance n°3',
  'PRLV L\'ÉQUIPE "abonnement" \\ 50%_off',
  'CB 東京 カフェ 12/03',
  'تحويل بنكي من العميل',
  'Ünïcödé e\u0301 combining, ß, Ω, 🧾💶',
  'line one\nline two\ttab',
  '   spaces kept   ',
]

/**
 * A value as the contract compares it: every field, amounts by their decimal text, object keys in
 * one order (a database may keep a document's keys in its own), the set of connections sorted.
 */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (k, v: unknown) => {
    if (k === 'connections' && Array.isArray(v)) return [...(v as string[])].sort()
    if (typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date)) {
      const json = (v as { toJSON?: () => unknown }).toJSON
      if (typeof json === 'function') return json.call(v)
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((key) => [key, (v as Record<string, unknown>)[key]]),
      )
    }
    return v
  })

/** The part of a store's answer that the request names: a store may answer more. */
const selected = (slice: LedgerSlice, request: LedgerSliceRequest): LedgerSlice => {
  const s = sliceSelection(request)
  return {
    ...slice,
    movements: slice.movements.filter(s.movement),
    statements: slice.statements.filter(s.statement),
    balances: slice.balances.filter(s.balance),
  }
}

const run = async <A>(task: () => Promise<{ readonly _tag: 'Left' | 'Right' }>): Promise<A> => {
  const r = (await task()) as { _tag: 'Left'; left: unknown } | { _tag: 'Right'; right: A }
  if (r._tag === 'Left') throw new Error(`store answered ${JSON.stringify(r.left)}`)
  return r.right
}

/** A store's answer, checked against the reference for the same request; differences as messages. */
const compareSlice = (
  answer: LedgerSlice,
  reference: LedgerRecords,
  request: LedgerSliceRequest,
): ReadonlyArray<string> => {
  const found: string[] = []
  const expected = sliceOfRecords(reference, request)
  if (canonical(selected(answer, request)) !== canonical(expected))
    found.push(
      `slice ${canonical(request)}: got ${canonical(selected(answer, request))}, expected ${canonical(expected)}`,
    )
  // Whatever else it answers must be the ledger's, exactly.
  const all = new Map(reference.movements.map((m) => [m.id, canonical(m)]))
  for (const m of answer.movements)
    if (all.get(m.id) !== canonical(m)) found.push(`slice holds ${m.id}, which the ledger does not hold so`)
  return found
}

/** One sync as `syncConnection` makes it, against the store under test and a reference ledger. */
const syncBoth = async (
  store: LedgerStore,
  reference: AccountLedger,
  source: MovementSource,
  items: ReadonlyArray<FeedItem>,
  /** The dossier whose entries are generated; `null`: none. */
  dossier: Dossier | null,
  extra: Pick<LedgerCommit, 'events' | 'notices'>,
): Promise<{ readonly reference: AccountLedger; readonly problems: ReadonlyArray<string> }> => {
  const key: LedgerKey = { dossierCode: reference.dossierCode, bankAccountId: reference.bankAccountId }
  const records = recordsOfLedger(reference)
  const first = sliceRequestOf(key, EUR, source, items, settings)
  const [answer] = await run<ReadonlyArray<LedgerSlice>>(store.loadSlices([first]))
  if (answer === undefined) throw new Error('loadSlices answered no slice')
  const problems = [...compareSlice(answer, records, first)]
  const next = followUpRequest(answer, source, items, settings)
  if (next !== null) {
    const [second] = await run<ReadonlyArray<LedgerSlice>>(store.loadSlices([next]))
    if (second === undefined) throw new Error('loadSlices answered no slice')
    problems.push(...compareSlice(second, records, next))
    mergeSlices(answer, second)
  }
  if (answer.version !== reference.version)
    problems.push(`version ${answer.version}, expected ${reference.version}`)
  if (answer.nextSeq !== reference.nextSeq)
    problems.push(`nextSeq ${answer.nextSeq}, expected ${reference.nextSeq}`)
  const ingested = ingest(reference, source, items, settings)
  const rules = compileCounterpartRules([], '471000')
  if (rules._tag === 'Left') throw new Error('rules')
  const generated =
    dossier === null ? null : generateEntries(dossier, reference, { rules: rules.right }, ingested.changes)
  const changes =
    generated === null || generated._tag === 'Left'
      ? ingested.changes
      : concatChanges(ingested.changes, generated.right.changes)
  await run(
    store.commit({
      connectionId: source.connectionId,
      expectedCursorVersion: (await run<{ version: number }>(store.loadCursor(source.connectionId))).version,
      cursor: { value: `after-${reference.version + 1}` },
      ledgers: [
        { key, currency: EUR, expectedVersion: reference.version, changes, decisions: ingested.decisions },
      ],
      ...extra,
    }),
  )
  return { reference: applyLedgerChanges(reference, changes), problems }
}

const bookedItem = (id: string, amount: string, label: string, date = '2026-03-02'): FeedItem => {
  const money = makeMoney(amount, EUR)
  if (money._tag === 'Left') throw new Error(amount)
  const movement: Movement = {
    providerId: id,
    status: 'booked',
    bookingDate: localDate(date),
    valueDate: localDate(date),
    amount: money.right,
    label,
    reference: null,
    counterpartyName: null,
    interbankCode: null,
    details: [],
  }
  return { _tag: 'Movement', account: FEED_ACCOUNT, movement }
}

/**
 * Registers the ledger store contract as a vitest suite: an unknown account reads as an empty
 * ledger; a history of syncs (statements, API movements, two connections, deletions, entries) reads
 * back exactly, through slices equal to what a full read gives, and whole; values round-trip exactly
 * (decimal amounts, dates, labels in any script, details); a commit is all or nothing, refused
 * whole with `ConcurrentUpdate` on a stale ledger or cursor version; of two commits from one version
 * exactly one wins; events and notices are kept with their commit; a durable store reopens as it was.
 */
export const runLedgerStoreContract = (options: LedgerStoreContractOptions): void => {
  const { describe, test } = options
  const numRuns = options.numRuns ?? 25
  const withStore = async (
    expect: ExpectLike,
    body: (s: LedgerStoreUnderTest) => Promise<void>,
  ): Promise<void> => {
    const s = await options.makeStore()
    try {
      await body(s)
    } finally {
      await s.close?.()
    }
    void expect
  }
  const key = (dossierCode: string): LedgerKey => ({ dossierCode, bankAccountId: 'ba1' })

  describe(`${options.name} — ledger store contract`, () => {
    test('an account never written reads as an empty ledger at version 0, a connection as no cursor', async ({
      expect,
    }) =>
      withStore(expect, async ({ store }) => {
        const request = sliceRequestOf(key('NEW'), EUR, API, [bookedItem('x', '1.00', 'A')], settings)
        expect(await store.loadSlices([request])()).toEqual({
          _tag: 'Right',
          right: [sliceOfRecords(recordsOfLedger(emptyLedger('NEW', 'ba1', EUR)), request)],
        })
        expect(await store.readLedger(key('NEW'), EUR)()).toEqual({
          _tag: 'Right',
          right: recordsOfLedger(emptyLedger('NEW', 'ba1', EUR)),
        })
        expect(await store.loadCursor('nobody')()).toEqual({
          _tag: 'Right',
          right: { cursor: null, version: 0 },
        })
      }))

    test('a history of syncs reads back exactly, through slices equal to a full read, and whole', async ({
      expect,
    }) =>
      withStore(expect, async ({ store }) => {
        const labels = { labels: UNICODE_LABELS }
        const on =
          (source: MovementSource) =>
          (
            batches: ReadonlyArray<ReadonlyArray<FeedItem>>,
          ): ReadonlyArray<readonly [MovementSource, ReadonlyArray<FeedItem>]> =>
            batches.map((b) => [source, b] as const)
        const history = fc.oneof(
          apiFeedArb(labels)
            .chain((f) => splitArb(f.items))
            .map(on(API)),
          fileFeedArb(labels)
            .chain((f) => splitArb(f.items))
            .map(on(FILES)),
          statementHistoryArb(labels).map((h) => on(FILES)(h.batches)),
          mixedSourcesArb(labels).map((h) =>
            h.batches.map((b) => [b.connection === 'api' ? API : FILES, b.items] as const),
          ),
        )
        let n = 0
        await fc.assert(
          fc.asyncProperty(
            dossierArb({ today: TODAY, maxBankAccounts: 1 }),
            history,
            async (generated, batches) => {
              n++
              const dossier: Dossier = {
                ...generated,
                code: `H${n}`,
                fiscalYears: [
                  { start: localDate('2026-01-01'), end: localDate('2026-12-31'), closed: false },
                ],
              }
              let reference = emptyLedger(dossier.code, 'ba1', EUR)
              const problems: string[] = []
              for (const [source, items] of batches) {
                const step = await syncBoth(store, reference, source, items, dossier, {})
                reference = step.reference
                problems.push(...step.problems)
              }
              const read = await run<LedgerRecords>(store.readLedger(key(dossier.code), EUR))
              if (canonical(read) !== canonical(recordsOfLedger(reference)))
                problems.push(
                  `full read: got ${canonical(read)}, expected ${canonical(recordsOfLedger(reference))}`,
                )
              expect(problems).toEqual([])
            },
          ),
          { numRuns },
        )
      }))

    test('values round-trip exactly: decimal amounts, dates, labels in any script, details', async ({
      expect,
    }) =>
      withStore(expect, async ({ store }) => {
        const amounts = ['-0.01', '0.10', '12345678901234.56', '-987654321.99', '1480.37', '-0.00']
        const items: FeedItem[] = amounts.map((a, i) =>
          bookedItem(
            `v${i}`,
            a,
            UNICODE_LABELS[i % UNICODE_LABELS.length] as string,
            i % 2 === 0 ? '2026-01-01' : '2026-12-31',
          ),
        )
        const withDetails: FeedItem = {
          _tag: 'Movement',
          account: FEED_ACCOUNT,
          movement: {
            ...(bookedItem('d', '42.00', 'DETAILS') as Extract<FeedItem, { _tag: 'Movement' }>).movement,
            valueDate: null,
            reference: 'REF/2026/Ü',
            counterpartyName: 'Zoë & Fils',
            interbankCode: '05',
            details: [
              { qualifier: 'LIB', text: 'motif — première ligne' },
              { qualifier: 'RCN', text: '' },
            ],
          },
        }
        const step = await syncBoth(
          store,
          emptyLedger('VALUES', 'ba1', EUR),
          API,
          [...items, withDetails],
          null,
          {},
        )
        expect(step.problems).toEqual([])
        const read = await run<LedgerRecords>(store.readLedger(key('VALUES'), EUR))
        expect(canonical(read)).toEqual(canonical(recordsOfLedger(step.reference)))
        expect(read.movements.map((m) => m.amount.amount.toFixed(2))).toEqual([
          '-0.01',
          '0.10',
          '12345678901234.56',
          '-987654321.99',
          '1480.37',
          '0.00',
          '42.00',
        ])
      }))

    test('a stale ledger version refuses the whole commit with ConcurrentUpdate: nothing is written', async ({
      expect,
    }) =>
      withStore(expect, async (s) => {
        const { store } = s
        const a = await syncBoth(
          store,
          emptyLedger('STALE', 'ba1', EUR),
          API,
          [bookedItem('a', '1.00', 'A')],
          null,
          {},
        )
        const before = await run<LedgerRecords>(store.readLedger(key('STALE'), EUR))
        const other = await run<LedgerRecords>(store.readLedger(key('OTHER'), EUR))
        const cursor = await run<{ version: number }>(store.loadCursor(API.connectionId))
        const outbox = (await s.outbox?.())?.length
        const changes = ingest(a.reference, API, [bookedItem('b', '2.00', 'B')], settings).changes
        const refused = await store.commit({
          connectionId: API.connectionId,
          expectedCursorVersion: cursor.version,
          cursor: { value: 'never' },
          ledgers: [
            {
              key: key('OTHER'),
              currency: EUR,
              expectedVersion: 0,
              changes: ingest(emptyLedger('OTHER', 'ba1', EUR), API, [bookedItem('o', '3.00', 'O')], settings)
                .changes,
            },
            { key: key('STALE'), currency: EUR, expectedVersion: 0, changes },
          ],
          events: [
            {
              type: 'entries.generated',
              dossierCode: 'STALE',
              bankAccountId: 'ba1',
              occurredAt: `${TODAY}T03:00:00.000Z`,
              data: { count: 1 },
            },
          ],
        })()
        expect(refused._tag === 'Left' ? refused.left._tag : refused._tag).toEqual('ConcurrentUpdate')
        expect(await store.readLedger(key('STALE'), EUR)()).toEqual({ _tag: 'Right', right: before })
        expect(await store.readLedger(key('OTHER'), EUR)()).toEqual({ _tag: 'Right', right: other })
        expect(await store.loadCursor(API.connectionId)()).toEqual({ _tag: 'Right', right: cursor })
        expect((await s.outbox?.())?.length).toEqual(outbox)
      }))

    test('a stale cursor version refuses the whole commit with ConcurrentUpdate', async ({ expect }) =>
      withStore(expect, async ({ store }) => {
        await syncBoth(
          store,
          emptyLedger('CURSOR', 'ba1', EUR),
          API,
          [bookedItem('a', '1.00', 'A')],
          null,
          {},
        )
        const refused = await store.commit({
          connectionId: API.connectionId,
          expectedCursorVersion: 0,
          cursor: { value: 'stale' },
          ledgers: [],
        })()
        expect(refused._tag === 'Left' ? refused.left._tag : refused._tag).toEqual('ConcurrentUpdate')
        const cursor = await run<{ cursor: unknown; version: number }>(store.loadCursor(API.connectionId))
        expect(cursor).toEqual({ cursor: { value: 'after-1' }, version: 1 })
      }))

    test('of two commits made from the same version, exactly one wins', async ({ expect }) =>
      withStore(expect, async ({ store }) => {
        const commitOf = (id: string): LedgerCommit => ({
          connectionId: 'race',
          expectedCursorVersion: 0,
          cursor: { value: id },
          ledgers: [
            {
              key: key('RACE'),
              currency: EUR,
              expectedVersion: 0,
              changes: ingest(emptyLedger('RACE', 'ba1', EUR), API, [bookedItem(id, '5.00', id)], settings)
                .changes,
            },
          ],
        })
        const [x, y] = await Promise.all([store.commit(commitOf('x'))(), store.commit(commitOf('y'))()])
        const tags = [x, y].map((r) => (r._tag === 'Left' ? r.left._tag : 'Right')).sort()
        expect(tags).toEqual(['ConcurrentUpdate', 'Right'])
        const read = await run<LedgerRecords>(store.readLedger(key('RACE'), EUR))
        expect(read.version).toEqual(1)
        expect(read.movements.length).toEqual(1)
      }))

    test('events and notices are kept with their commit, in order', async ({ expect }) =>
      withStore(expect, async (s) => {
        if (s.outbox === undefined && s.notices === undefined) return
        const events: DomainEvent[] = [
          {
            type: 'movements.ingested',
            dossierCode: 'EV',
            bankAccountId: 'ba1',
            occurredAt: '2026-03-15T03:00:00.000Z',
            data: { connectionId: 'conn-é', added: 1, updated: 0, removed: 2 },
          },
          {
            type: 'entries.generated',
            dossierCode: 'EV',
            bankAccountId: null,
            occurredAt: '2026-03-15T03:00:01.000Z',
            data: { count: 2 },
          },
        ]
        const notices: FeedNotice[] = [{ _tag: 'EmptyFile', file: 'relevé.txt', bytes: 0, reason: 'empty' }]
        const before = (await s.outbox?.()) ?? []
        await syncBoth(s.store, emptyLedger('EV', 'ba1', EUR), API, [bookedItem('e', '1.00', 'E')], null, {
          events,
          notices,
        })
        if (s.outbox !== undefined) expect((await s.outbox()).slice(before.length)).toEqual(events)
        if (s.notices !== undefined) expect((await s.notices()).slice(-1)).toEqual(notices)
      }))

    test('the unmatched queue keeps items exactly and once, until a commit releases them', async ({
      expect,
    }) =>
      withStore(expect, async ({ store }) => {
        const items = [
          bookedItem('q1', '-12.34', UNICODE_LABELS[2] as string),
          bookedItem('q2', '5.00', 'Q2'),
        ]
        const queued: ReadonlyArray<QueuedItem> = items.map((item, i) => ({
          id: `u:inbox:${i}`,
          connectionId: i === 0 ? 'inbox' : 'other',
          protocol: 'cfonb',
          reason: i === 0 ? 'UNKNOWN_ACCOUNT' : 'AMBIGUOUS_ACCOUNT',
          candidates: i === 0 ? [] : ['D1/ba1', 'D2/ba1'],
          item,
          queuedOn: TODAY,
        }))
        const commit = (unmatched: LedgerCommit['unmatched']): LedgerCommit => ({
          connectionId: null,
          expectedCursorVersion: 0,
          cursor: null,
          ledgers: [],
          ...(unmatched === undefined ? {} : { unmatched }),
        })
        await run(store.commit(commit({ queued, released: [] })))
        await run(store.commit(commit({ queued: [queued[0] as QueuedItem], released: [] })))
        expect(canonical(await run(store.loadUnmatched(null)))).toEqual(canonical(queued))
        expect(canonical(await run(store.loadUnmatched('inbox')))).toEqual(canonical([queued[0]]))
        await run(store.commit(commit({ queued: [], released: ['u:inbox:0'] })))
        expect(canonical(await run(store.loadUnmatched(null)))).toEqual(canonical([queued[1]]))
      }))

    test('a durable store reopens with everything committed', async ({ expect }) =>
      withStore(expect, async (s) => {
        if (s.reopen === undefined) return
        const step = await syncBoth(
          s.store,
          emptyLedger('REOPEN', 'ba1', EUR),
          API,
          [bookedItem('r', '9.99', 'R')],
          null,
          {},
        )
        const again = await s.reopen()
        try {
          const read = await run<LedgerRecords>(again.store.readLedger(key('REOPEN'), EUR))
          expect(canonical(read)).toEqual(canonical(recordsOfLedger(step.reference)))
          expect(await again.store.loadCursor(API.connectionId)()).toEqual({
            _tag: 'Right',
            right: { cursor: { value: 'after-1' }, version: 1 },
          })
        } finally {
          await again.close?.()
        }
      }))
  })
}
