import { writeFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import * as E from 'fp-ts/lib/Either.js'
import { Dec, EUR, makeMoney } from '@bankfeed/core'
import type {
  JournalEntry,
  LedgerCommit,
  LedgerMovement,
  LedgerStatement,
  LocalDate,
  Money,
} from '@bankfeed/core'
import type { LedgerSliceRequest } from '@bankfeed/core/store'
import { day } from '@bankfeed/testkit'
import { makeSqlLedgerStore, toStoreError } from '../src/index.js'
import type { SqlClient, SqlValue } from '../src/index.js'
import * as Q from '../src/ledger/ledger-queries.js'

/**
 * The query-plan proof shared by the PGlite and the server test: a ledger schema filled through the
 * store itself (hundreds of accounts, tens of thousands of movements, aliases, statements, balances,
 * entries), analysed; then every statement the store issues for a slice read, a commit touching every
 * kind of record, a full read and the unmatched queue is recorded — text and parameters exactly as
 * sent — and explained with those parameters. A plan reading a large ledger table without an index
 * fails; the plans are written to `docs/` when `BANKFEED_WRITE_QUERY_PLANS=1`, so that a change shows
 * in review.
 */

/** A statement as the store sent it. */
export interface RecordedQuery {
  readonly text: string
  readonly params: ReadonlyArray<SqlValue>
  /** What the store was doing (`''`, or e.g. `a sync of 100 accounts`): each is explained apart. */
  readonly phase: string
}

/** A client that records every statement sent through it (its transactions' too). */
export const recording = (
  client: SqlClient,
  log: RecordedQuery[],
  phase: { current: string } = { current: '' },
): SqlClient => ({
  driver: client.driver,
  query: (text, params) => {
    log.push({ text, params: params ?? [], phase: phase.current })
    return client.query(text, params)
  },
  transaction: (fn) => client.transaction((tx) => fn(recording(tx, log, phase))),
  exec: (script) => client.exec(script),
  close: () => client.close(),
})

/** Tables of a ledger that grow with the history: none may be read whole by a sync. */
export const LARGE_TABLES: ReadonlySet<string> = new Set([
  'movement',
  'movement_alias',
  'statement',
  'entry',
  'entry_line',
  'balance',
  'ledger',
  'ledger_connection',
  'decision',
  'connection_cursor',
  'unmatched',
])

/** Listings meant to read their table whole (tests and people), not part of a sync. */
const WHOLE_TABLE_READS: ReadonlySet<string> = new Set([Q.ALL_EVENTS, Q.ALL_NOTICES, Q.ALL_UNMATCHED])

/**
 * The one accepted whole read, of `ledger` (a row per bank account: it grows with the firm, not the
 * history) by the version bump of a commit's already locked ledgers (see `BUMP_LEDGERS`).
 */
const ACCEPTED: ReadonlyMap<string, string> = new Map([[Q.BUMP_LEDGERS, 'ledger']])

/** Scale of the fill. */
export interface FillSize {
  readonly ledgers: number
  readonly movementsPerLedger: number
}

const money = (amount: string): Money => {
  const m = makeMoney(amount, EUR)
  if (E.isLeft(m)) throw new Error(amount)
  return m.right
}
const CONNECTION = 'conn-1'
const source = { protocol: 'cfonb', connectionId: CONNECTION }
const keyOf = (l: number) => ({ dossierCode: `D${String(l % 50).padStart(3, '0')}`, bankAccountId: `ba${l}` })
const BASE = Date.UTC(2024, 0, 1)
const dayOf = (n: number): LocalDate => day(new Date(BASE + n * 86_400_000).toISOString().slice(0, 10))
const contentId = (l: number, n: number) => `c:${CONNECTION}:${dayOf(Math.floor(n / 3))}|${l}-${n}|-12.30#1`
const providerId = (l: number, n: number) => `p:${CONNECTION}:tx-${l}-${n}`

/** Movement `n` of ledger `l`: every other one by provider id, the rest by content; a few pending. */
const movementOf = (l: number, n: number, seq: number): LedgerMovement => ({
  providerId: n % 2 === 0 ? `tx-${l}-${n}` : null,
  status: n % 97 === 0 ? 'pending' : 'booked',
  bookingDate: dayOf(Math.floor(n / 3)),
  valueDate: dayOf(Math.floor(n / 3) + 1),
  amount: money(`${n % 2 === 0 ? '-' : ''}${(n * 37) % 5000}.${String(n % 100).padStart(2, '0')}`),
  label: `PRLV SEPA FOURNISSEUR ${n % 13} REF ${l}-${n}`,
  reference: `REF${n}`,
  counterpartyName: `FOURNISSEUR ${n % 13}`,
  interbankCode: 'B1',
  details: [{ qualifier: 'LIB', text: `FACTURE ${l}/${n}` }],
  id: n % 2 === 0 ? providerId(l, n) : contentId(l, n),
  seq,
  source,
  statementId: `st-${l}-${Math.floor(n / 20)}`,
  state: 'active',
  entryId: n % 97 === 0 ? null : `e-${l}-${n}`,
  replacedPendingId: null,
  aliases: n % 5 === 0 ? [`p:conn-2:alias-${l}-${n}`] : [],
  pendingClaims: [],
})

const entryOf = (m: LedgerMovement, l: number): JournalEntry => ({
  id: m.entryId ?? `e-${m.id}`,
  ...keyOf(l),
  journalCode: 'BQ1',
  journalLabel: 'Banque',
  date: m.bookingDate,
  pieceRef: m.reference ?? 'REF',
  pieceDate: m.bookingDate,
  label: m.label,
  currency: EUR,
  lines: [
    {
      account: '512000',
      auxiliary: null,
      label: m.label,
      debit: m.amount.amount.isPositive() ? m.amount.amount : new Dec(0),
      credit: m.amount.amount.isNegative() ? m.amount.amount.negated() : new Dec(0),
      movement: { movementId: m.id, statementId: m.statementId },
    },
    {
      account: '401000',
      auxiliary: 'FOURN',
      label: m.label,
      debit: m.amount.amount.isNegative() ? m.amount.amount.negated() : new Dec(0),
      credit: m.amount.amount.isPositive() ? m.amount.amount : new Dec(0),
      movement: null,
    },
  ],
  validatedOn: null,
})

const statementOf = (
  l: number,
  s: number,
  seq: number,
  ms: ReadonlyArray<LedgerMovement>,
): LedgerStatement => ({
  id: `st-${l}-${s}`,
  seq,
  source,
  statement: {
    currency: EUR,
    openingBalance: { date: ms[0]?.bookingDate ?? dayOf(0), amount: money('1000.00') },
    closingBalance: { date: ms[ms.length - 1]?.bookingDate ?? dayOf(0), amount: money('1000.00') },
    movements: ms.map(
      ({
        providerId: p,
        status,
        bookingDate,
        valueDate,
        amount,
        label,
        reference,
        counterpartyName,
        interbankCode,
        details,
      }) => ({
        providerId: p,
        status,
        bookingDate,
        valueDate,
        amount,
        label,
        reference,
        counterpartyName,
        interbankCode,
        details,
      }),
    ),
  },
  movementIds: ms.map((m) => m.id),
})

/** What one ledger holds after the fill. */
const historyOf = (l: number, size: FillSize) => {
  const movements: LedgerMovement[] = []
  const statements: LedgerStatement[] = []
  let seq = 1
  for (let s = 0; s * 20 < size.movementsPerLedger; s++) {
    const ms: LedgerMovement[] = []
    for (let n = s * 20; n < Math.min(size.movementsPerLedger, (s + 1) * 20); n++)
      ms.push(movementOf(l, n, seq++))
    movements.push(...ms)
    statements.push(statementOf(l, s, seq++, ms))
  }
  return {
    movements,
    statements,
    entries: movements.filter((m) => m.entryId !== null).map((m) => entryOf(m, l)),
    balances: [0, 1, 2].map((b) => ({
      source,
      balance: { kind: 'booked' as const, date: dayOf(b * 7), amount: money(`${b}00.00`) },
    })),
    nextSeq: seq,
  }
}

const unwrap = async <A>(task: () => Promise<E.Either<{ readonly message: string }, A>>): Promise<A> => {
  const r = await task()
  if (E.isLeft(r)) throw new Error(r.left.message)
  return r.right
}

/** Fills the store's ledger tables through its own commits, then analyses them. */
export const fillLedgers = async (client: SqlClient, size: FillSize): Promise<void> => {
  const store = makeSqlLedgerStore(client, (op, thrown) => toStoreError(op)(thrown))
  const chunk = 50
  for (let from = 0; from < size.ledgers; from += chunk) {
    const ledgers: Array<LedgerCommit['ledgers'][number]> = []
    for (let l = from; l < Math.min(size.ledgers, from + chunk); l++) {
      const h = historyOf(l, size)
      ledgers.push({
        key: keyOf(l),
        currency: EUR,
        expectedVersion: 0,
        changes: {
          added: h.movements,
          updated: [],
          removed: [],
          statements: h.statements,
          balances: h.balances,
          entries: h.entries,
        },
      })
    }
    await unwrap(store.commit({ connectionId: null, expectedCursorVersion: 0, cursor: null, ledgers }))
  }
  // Other connections' cursors and queued items (the filler's connection ids are not the probe's).
  await client.query(
    `insert into connection_cursor (connection_id, value, version)
     select 'other-' || n, 'cursor-' || n, 1 from generate_series(1, $1::int) as n`,
    [size.ledgers],
  )
  await client.query(
    `insert into unmatched (id, connection_id, protocol, reason, candidates, item, queued_on)
     select 'q-' || n, 'other-' || (n % 100), 'cfonb', 'UNKNOWN_ACCOUNT', '[]', '{}', date '2024-01-01'
       from generate_series(1, $1::int) as n`,
    [size.ledgers],
  )
  await client.query('analyze')
}

/** Runs what a sync does against the filled ledgers, recording every statement sent. */
export const recordSyncQueries = async (
  client: SqlClient,
  size: FillSize,
): Promise<ReadonlyArray<RecordedQuery>> => {
  const log: RecordedQuery[] = []
  const phase = { current: '' }
  const store = makeSqlLedgerStore(recording(client, log, phase), (op, thrown) => toStoreError(op)(thrown))
  const probed = [3, 17, Math.floor(size.ledgers / 2)]
  const n = size.movementsPerLedger
  // A batch of a few accounts, as a nightly file gives: the keys its lines name, the days around them,
  // the statements of that span and the balances of its days — plus an account never seen.
  const requests: LedgerSliceRequest[] = [
    ...probed.map((l): LedgerSliceRequest => ({
      key: keyOf(l),
      currency: EUR,
      families: [
        providerId(l, n - 2),
        providerId(l, n + 2),
        `c:${CONNECTION}:${dayOf(Math.floor((n - 1) / 3))}|${l}-${n - 1}|-12.30`,
        `p:conn-2:alias-${l}-${n - 5}`,
      ],
      days: [{ from: dayOf(Math.floor(n / 3) - 3), to: dayOf(Math.floor(n / 3) + 3) }],
      statements: [
        { connectionId: CONNECTION, from: dayOf(Math.floor(n / 3) - 1), to: dayOf(Math.floor(n / 3) + 1) },
      ],
      balanceDays: [dayOf(7), dayOf(Math.floor(n / 3))],
    })),
    {
      key: { dossierCode: 'NEW', bankAccountId: 'ba-new' },
      currency: EUR,
      families: ['p:conn-1:none'],
      days: [],
      statements: [],
      balanceDays: [],
    },
  ]
  const slices = await unwrap(store.loadSlices(requests))
  const cursor = await unwrap(store.loadCursor(CONNECTION))
  const unmatched = await unwrap(store.loadUnmatched(CONNECTION))
  // A commit touching every kind of record of the first probed ledger.
  const l = probed[0] ?? 0
  const slice = slices[0]
  if (slice === undefined || unmatched.length !== 0) throw new Error('no slice')
  const [gone, changed] = slice.movements
  if (gone === undefined || changed === undefined) throw new Error('slice too small')
  const added = [movementOf(l, n, slice.nextSeq), movementOf(l, n + 1, slice.nextSeq + 1)]
  const statement = statementOf(l, Math.floor(n / 20) + 1, slice.nextSeq + 2, added)
  await unwrap(
    store.commit({
      connectionId: CONNECTION,
      expectedCursorVersion: cursor.version,
      cursor: { value: 'after' },
      ledgers: [
        {
          key: keyOf(l),
          currency: EUR,
          expectedVersion: slice.version,
          changes: {
            added,
            updated: [{ ...changed, label: `${changed.label} (corrigé)`, aliases: ['p:conn-3:x'] }],
            removed: [gone.id],
            statements: [statement],
            balances: [
              { source, balance: { kind: 'booked', date: dayOf(Math.floor(n / 3)), amount: money('1.00') } },
            ],
            entries: added.map((m) => entryOf(m, l)),
          },
        },
        {
          key: { dossierCode: 'NEW', bankAccountId: 'ba-new' },
          currency: EUR,
          expectedVersion: 0,
          changes: {
            added: [movementOf(0, 1, 1)],
            updated: [],
            removed: [],
            statements: [],
            balances: [],
            entries: [],
          },
        },
      ],
      events: [
        {
          type: 'entries.generated',
          dossierCode: keyOf(l).dossierCode,
          bankAccountId: keyOf(l).bankAccountId,
          occurredAt: '2024-03-01T00:00:00.000Z',
          data: { count: 2 },
        },
      ],
      notices: [],
      unmatched: { queued: [], released: ['none'] },
    }),
  )
  // The second commit of a connection updates its cursor; a full read serves reports and exports.
  await unwrap(
    store.commit({
      connectionId: CONNECTION,
      expectedCursorVersion: 1,
      cursor: { value: 'again' },
      ledgers: [],
    }),
  )
  await unwrap(store.readLedger(keyOf(probed[1] ?? 0), EUR))
  // A firm's nightly file: a hundred accounts in one sync, ten content families each. With this many
  // keys the planner once chose a hash join over the whole movement table.
  phase.current = 'a sync of 100 accounts'
  const many = Array.from({ length: 100 }, (_, i) => 100 + i)
  const manySlices = await unwrap(
    store.loadSlices(
      many.map((l): LedgerSliceRequest => ({
        key: keyOf(l),
        currency: EUR,
        families: Array.from({ length: 10 }, (_, k) =>
          k % 2 === 0
            ? providerId(l, n - 1 - k)
            : `c:${CONNECTION}:${dayOf(Math.floor((n - k) / 3))}|${l}-${n - k}|-12.30`,
        ),
        days: [{ from: dayOf(Math.floor(n / 3) - 7), to: dayOf(Math.floor(n / 3) + 2) }],
        statements: [
          { connectionId: CONNECTION, from: dayOf(Math.floor(n / 3) - 1), to: dayOf(Math.floor(n / 3) + 1) },
        ],
        balanceDays: [dayOf(Math.floor(n / 3))],
      })),
    ),
  )
  await unwrap(
    store.commit({
      connectionId: CONNECTION,
      expectedCursorVersion: 2,
      cursor: { value: 'nightly' },
      ledgers: manySlices.map((sl) => ({
        key: sl.key,
        currency: EUR,
        expectedVersion: sl.version,
        changes: {
          added: [],
          updated: [],
          removed: [],
          statements: [],
          balances: [
            { source, balance: { kind: 'booked', date: dayOf(Math.floor(n / 3)), amount: money('2.00') } },
          ],
          entries: [],
        },
      })),
    }),
  )
  return log
}

/** A node of an `EXPLAIN (FORMAT JSON)` plan, as far as this check reads it. */
interface PlanNode {
  readonly 'Node Type'?: string
  readonly 'Relation Name'?: string
  readonly 'Index Name'?: string
  readonly Plans?: ReadonlyArray<PlanNode>
}

const nodesOf = (n: PlanNode): ReadonlyArray<PlanNode> => [n, ...(n.Plans ?? []).flatMap(nodesOf)]

/** A query's plan, checked. */
export interface ExplainedQuery {
  readonly name: string
  readonly text: string
  readonly plan: string
  readonly indexes: ReadonlyArray<string>
  /** How each table is read: `Index Scan using movement_pkey on movement`, `Seq Scan on outbox`. */
  readonly reads: ReadonlyArray<string>
  /** Tables of {@link LARGE_TABLES} read whole (a `Seq Scan`): none is the rule. */
  readonly seqScans: ReadonlyArray<string>
}

/** The name a statement has in `ledger-queries.ts`, or what it does. */
const nameOf = (text: string): string => {
  const named = Object.entries(Q).find(([, v]) => v === text)
  if (named !== undefined) return named[0]
  if (/^insert into movement \(/.test(text))
    return /on conflict/.test(text) ? 'UPSERT_MOVEMENTS' : 'INSERT_MOVEMENTS'
  return text.trim().split('\n')[0]?.slice(0, 60) ?? text
}

const planRows = async (client: SqlClient, sql: string, params: ReadonlyArray<SqlValue>) =>
  (await client.query<Record<string, unknown>>(sql, params)).rows

/** Every distinct statement of the log, explained with the parameters it was first sent with. */
export const explainAll = async (
  client: SqlClient,
  log: ReadonlyArray<RecordedQuery>,
): Promise<ReadonlyArray<ExplainedQuery>> => {
  const seen = new Map<string, RecordedQuery>()
  for (const q of log) if (!seen.has(`${q.phase}|${q.text}`)) seen.set(`${q.phase}|${q.text}`, q)
  const out: ExplainedQuery[] = []
  for (const q of seen.values()) {
    const json = (await planRows(client, `explain (format json) ${q.text}`, q.params))[0]
    const doc = json?.['QUERY PLAN']
    const root = Array.isArray(doc) ? (doc[0] as { Plan: PlanNode } | undefined)?.Plan : undefined
    if (root === undefined) throw new Error(`no plan for ${nameOf(q.text)}`)
    const nodes = nodesOf(root)
    const text = (await planRows(client, `explain (costs off) ${q.text}`, q.params))
      .map((r) => String(r['QUERY PLAN']))
      .join('\n')
    out.push({
      name: q.phase === '' ? nameOf(q.text) : `${nameOf(q.text)} (${q.phase})`,
      text: q.text.trim(),
      plan: text,
      indexes: [...new Set(nodes.flatMap((x) => (x['Index Name'] === undefined ? [] : [x['Index Name']])))],
      reads: [
        ...new Set(
          nodes.flatMap((x) =>
            x['Relation Name'] === undefined || x['Node Type'] === 'ModifyTable'
              ? []
              : [
                  `${x['Node Type'] ?? '?'}${x['Index Name'] === undefined ? '' : ` using ${x['Index Name']}`} on ${x['Relation Name']}`,
                ],
          ),
        ),
      ],
      seqScans: WHOLE_TABLE_READS.has(q.text)
        ? []
        : nodes.flatMap((x) =>
            x['Node Type'] === 'Seq Scan' &&
            LARGE_TABLES.has(x['Relation Name'] ?? '') &&
            ACCEPTED.get(q.text) !== x['Relation Name']
              ? [x['Relation Name'] ?? '']
              : [],
          ),
    })
  }
  return out
}

/** The plans as a Markdown document. */
export const plansDocument = (
  engine: string,
  size: FillSize,
  explained: ReadonlyArray<ExplainedQuery>,
): string =>
  [
    `# Query plans of the SQL ledger store on ${engine}`,
    '',
    `Generated by \`test/query-plans.${engine === 'PGlite' ? 'pglite' : 'pg'}.test.ts\` with \`BANKFEED_WRITE_QUERY_PLANS=1\`` +
      ` over ${size.ledgers} ledgers × ${size.movementsPerLedger} movements (with aliases, statements, balances,` +
      ' entries and their lines), analysed. Each statement is explained with the parameters the store sent' +
      ' during a slice read, a commit touching every kind of record, a full read and the unmatched queue.' +
      ' The test fails when one reads a ledger table whole (`Seq Scan`); a changed plan shows here in review.',
    '',
    ...explained.flatMap((e) => [
      `## ${e.name}`,
      '',
      `Reads: ${e.reads.length === 0 ? 'no table (writes only; foreign keys checked through the referenced primary keys)' : e.reads.map((i) => `\`${i}\``).join(', ')}.`,
      '',
      '```sql',
      e.text,
      '```',
      '',
      '```',
      e.plan,
      '```',
      '',
    ]),
  ].join('\n')

/** Writes the document when asked (`BANKFEED_WRITE_QUERY_PLANS=1`). */
export const maybeWritePlans = (file: URL, doc: string): void => {
  if (process.env['BANKFEED_WRITE_QUERY_PLANS'] === '1') writeFileSync(file, doc)
}

/**
 * The tests both engines' plans pass: no statement reads a ledger table whole, and the slice reads
 * use the indexes made for them. `explainedOf` gives the plans once the suite's `beforeAll` made them.
 */
export const testPlans = (explainedOf: () => ReadonlyArray<ExplainedQuery>): void => {
  test('no statement reads a ledger table whole', () => {
    expect(
      explainedOf()
        .filter((e) => e.seqScans.length > 0)
        .map((e) => `${e.name}: ${e.seqScans.join(', ')}\n${e.plan}`),
    ).toEqual([])
  })
  test('the slice reads use the indexes made for them', () => {
    const uses = (name: string) => explainedOf().find((e) => e.name === name)?.indexes ?? []
    expect(uses('SLICE_MOVEMENTS')).toEqual(
      expect.arrayContaining(['movement_pkey', 'movement_alias_pkey', 'movement_day', 'movement_open']),
    )
    expect(uses('SLICE_STATEMENTS')).toEqual(expect.arrayContaining(['statement_span']))
    expect(uses('SLICE_BALANCES')).toEqual(expect.arrayContaining(['balance_day']))
  })
}
