import { concurrentUpdate, encodeFeedItem, nextSeqAfter, storeUnavailable } from '@bankfeed/core'
import type {
  CurrencyCode,
  CursorState,
  DomainEvent,
  FeedNotice,
  IngestionDecision,
  LedgerChanges,
  LedgerCommit,
  LedgerKey,
  LedgerMovement,
  LedgerRecords,
  LedgerSlice,
  LedgerSliceRequest,
  LedgerStore,
  StoreError,
} from '@bankfeed/core'
import type { SqlClient } from '../sql-client.js'
import * as Q from './ledger-queries.js'
import {
  CorruptRow,
  MOVEMENT_COLUMNS,
  MOVEMENT_TYPES,
  balanceOfRow,
  entryOfRows,
  queuedOfRow,
  movementColumns,
  movementOfRow,
  statementColumns,
  statementOfRow,
} from './rows.js'
import type { BalanceRow, EntryLineRow, EntryRow, MovementRow, StatementRow, UnmatchedRow } from './rows.js'

/** What a task of this store answers: never a rejection, a `StoreError` instead. */
type Answer<A> = () => Promise<
  { readonly _tag: 'Left'; readonly left: StoreError } | { readonly _tag: 'Right'; readonly right: A }
>

/** Thrown inside a transaction to roll it back: a version moved since it was read. */
class Conflict extends Error {}

/**
 * What another process committing first looks like from inside a commit on a server: both created
 * the same ledger or cursor row (unique violation), or the server broke a tie (serialization
 * failure, deadlock). Each is that commit's `ConcurrentUpdate`, nothing else.
 */
const RACES: ReadonlySet<string | undefined> = new Set(['23505', '40001', '40P01'])

const sqlState = (thrown: unknown): string | undefined => {
  const code = typeof thrown === 'object' && thrown !== null ? (thrown as { code?: unknown }).code : undefined
  return typeof code === 'string' ? code : undefined
}

/** How driver errors become `StoreError`s (from `store-errors.ts`). */
export type ErrorMapper = (operation: string, thrown: unknown) => StoreError

const INSERT_MOVEMENTS = `insert into movement (ledger_id, ${MOVEMENT_COLUMNS.join(', ')})
select $1, * from unnest(${MOVEMENT_COLUMNS.map((c, i) => `$${i + 2}::${MOVEMENT_TYPES[c]}[]`).join(', ')})`
const UPSERT_MOVEMENTS = `${INSERT_MOVEMENTS}
on conflict (ledger_id, id) do update set ${MOVEMENT_COLUMNS.filter((c) => c !== 'id')
  .map((c) => `${c} = excluded.${c}`)
  .join(', ')}`

/** The decisions worth keeping for audit: what merged, changed or refused something (not the plain new ones). */
const AUDITED: ReadonlySet<IngestionDecision['_tag']> = new Set<IngestionDecision['_tag']>([
  'UpdatedByProvider',
  'PendingBooked',
  'PendingAlreadyBooked',
  'CrossSourceDuplicate',
  'Deleted',
  'DeletedNeedsReview',
  'DeletionOfMerged',
  'DeletionOfUnknown',
  'RecreatedByProvider',
  'BeforeStartDate',
  'CurrencyMismatch',
  'StatementRecorded',
  'StatementReplaced',
])

const emptyRecords = (key: LedgerKey, currency: CurrencyCode): LedgerRecords => ({
  key,
  currency,
  version: 0,
  nextSeq: 1,
  connections: [],
  movements: [],
  statements: [],
  balances: [],
  entries: [],
})

interface LedgerRow {
  readonly id: string
  readonly version: string | number
  readonly next_seq: string | number
  readonly currency: string
}

/**
 * The {@link LedgerStore} over SQL: a slice is a handful of indexed queries in one read-only
 * snapshot; a commit is one transaction that checks every version first (rows locked), writes the
 * changes with one bulk statement per kind, and moves the versions. Every failure is a `StoreError`;
 * nothing of a refused or failed commit stays.
 */
export const makeSqlLedgerStore = (
  client: SqlClient,
  errorOf: ErrorMapper,
): LedgerStore & {
  /** Every event committed, oldest first (the outbox); `published` ones included. */
  readonly outbox: () => Promise<ReadonlyArray<DomainEvent>>
  /** Every notice committed, oldest first. */
  readonly notices: () => Promise<ReadonlyArray<FeedNotice>>
} => {
  const guarded =
    <A>(operation: string, run: () => Promise<A>): Answer<A> =>
    async () => {
      try {
        return { _tag: 'Right', right: await run() }
      } catch (thrown) {
        if (thrown instanceof Conflict) return { _tag: 'Left', left: concurrentUpdate(thrown.message) }
        if (operation === 'commit' && RACES.has(sqlState(thrown)))
          return {
            _tag: 'Left',
            left: concurrentUpdate('another process committed the same ledger or cursor first'),
          }
        if (thrown instanceof CorruptRow)
          return { _tag: 'Left', left: storeUnavailable('failed', `${operation}: ${thrown.message}`) }
        return { _tag: 'Left', left: errorOf(operation, thrown) }
      }
    }

  const readSlice = async (tx: SqlClient, request: LedgerSliceRequest): Promise<LedgerSlice> => {
    const row = (
      await tx.query<LedgerRow>(Q.LEDGER_ROW, [request.key.dossierCode, request.key.bankAccountId])
    ).rows[0]
    if (row === undefined) {
      const { entries: _entries, ...empty } = emptyRecords(request.key, request.currency)
      return empty
    }
    const currency = request.currency
    const exact = request.families.filter((f) => !f.startsWith('c:'))
    const content = request.families.filter((f) => f.startsWith('c:'))
    const [connections, movements, statements, balances] = await sequential([
      () => tx.query<{ connection_id: string }>(Q.LEDGER_CONNECTIONS, [row.id]),
      () =>
        tx.query<MovementRow>(Q.SLICE_MOVEMENTS, [
          row.id,
          exact,
          content,
          request.days.map((d) => d.from),
          request.days.map((d) => d.to),
        ]),
      () =>
        request.statements.length === 0
          ? Promise.resolve({ rows: [] as StatementRow[], rowCount: 0 })
          : tx.query<StatementRow>(Q.SLICE_STATEMENTS, [
              row.id,
              request.statements.map((s) => s.connectionId),
              request.statements.map((s) => s.from),
              request.statements.map((s) => s.to),
            ]),
      () =>
        request.balanceDays.length === 0
          ? Promise.resolve({ rows: [] as BalanceRow[], rowCount: 0 })
          : tx.query<BalanceRow>(Q.SLICE_BALANCES, [row.id, request.balanceDays]),
    ] as const)
    return {
      key: request.key,
      currency,
      version: Number(row.version),
      nextSeq: Number(row.next_seq),
      connections: (connections.rows as ReadonlyArray<{ connection_id: string }>).map((r) => r.connection_id),
      movements: (movements.rows as ReadonlyArray<MovementRow>).map((r) => movementOfRow(r, currency)),
      statements: (statements.rows as ReadonlyArray<StatementRow>).map((r) => statementOfRow(r, currency)),
      balances: (balances.rows as ReadonlyArray<BalanceRow>).map((r) => balanceOfRow(r, currency)),
    }
  }

  const readAll = async (tx: SqlClient, key: LedgerKey, currency: CurrencyCode): Promise<LedgerRecords> => {
    const row = (await tx.query<LedgerRow>(Q.LEDGER_ROW, [key.dossierCode, key.bankAccountId])).rows[0]
    if (row === undefined) return emptyRecords(key, currency)
    const connections = await tx.query<{ connection_id: string }>(Q.LEDGER_CONNECTIONS, [row.id])
    const movements = await tx.query<MovementRow>(Q.ALL_MOVEMENTS, [row.id])
    const statements = await tx.query<StatementRow>(Q.ALL_STATEMENTS, [row.id])
    const balances = await tx.query<BalanceRow>(Q.ALL_BALANCES, [row.id])
    const entries = await tx.query<EntryRow>(Q.ALL_ENTRIES, [row.id])
    const lines = await tx.query<EntryLineRow & { readonly entry_id: string }>(Q.ALL_ENTRY_LINES, [row.id])
    const linesOf = new Map<string, EntryLineRow[]>()
    for (const l of lines.rows) {
      const list = linesOf.get(l.entry_id)
      if (list === undefined) linesOf.set(l.entry_id, [l])
      else list.push(l)
    }
    return {
      key,
      currency,
      version: Number(row.version),
      nextSeq: Number(row.next_seq),
      connections: connections.rows.map((r) => r.connection_id),
      movements: movements.rows.map((r) => movementOfRow(r, currency)),
      statements: statements.rows.map((r) => statementOfRow(r, currency)),
      balances: balances.rows.map((r) => balanceOfRow(r, currency)),
      entries: entries.rows.map((r) => entryOfRows(r, linesOf.get(String(r.id)) ?? [], key, currency)),
    }
  }

  const writeCursor = async (tx: SqlClient, c: LedgerCommit): Promise<void> => {
    if (c.connectionId === null) return
    const held = (await tx.query<{ version: string | number }>(Q.CURSOR_FOR_UPDATE, [c.connectionId])).rows[0]
    const version = held === undefined ? 0 : Number(held.version)
    if (version !== c.expectedCursorVersion)
      throw new Conflict(`cursor of ${c.connectionId} moved since it was read`)
    if (c.cursor === null) return
    if (held === undefined) await tx.query(Q.INSERT_CURSOR, [c.connectionId, c.cursor.value])
    else await tx.query(Q.UPDATE_CURSOR, [c.connectionId, c.cursor.value])
  }

  const writeLedger = async (
    tx: SqlClient,
    l: LedgerCommit['ledgers'][number],
    connectionId: string | null,
  ) => {
    const { key, changes } = l
    let row = (await tx.query<LedgerRow>(Q.LEDGER_ROW_FOR_UPDATE, [key.dossierCode, key.bankAccountId]))
      .rows[0]
    const version = row === undefined ? 0 : Number(row.version)
    if (version !== l.expectedVersion)
      throw new Conflict(`ledger ${key.dossierCode}|${key.bankAccountId} moved since it was read`)
    if (isEmpty(changes) && (l.decisions ?? []).length === 0) return
    if (row === undefined) {
      const created = (
        await tx.query<{ id: string }>(Q.INSERT_LEDGER, [key.dossierCode, key.bankAccountId, l.currency])
      ).rows[0]
      if (created === undefined) throw new Error('insert into ledger returned no id')
      row = { id: created.id, version: 0, next_seq: 1, currency: l.currency }
    }
    const id = row.id
    if (changes.removed.length > 0) await tx.query(Q.DELETE_MOVEMENTS, [id, changes.removed])
    if (changes.updated.length > 0) {
      await tx.query(Q.DELETE_ALIASES, [id, changes.updated.map((m) => m.id)])
      await tx.query(UPSERT_MOVEMENTS, [id, ...movementColumns(changes.updated)])
    }
    if (changes.added.length > 0) await tx.query(INSERT_MOVEMENTS, [id, ...movementColumns(changes.added)])
    const aliased = [...changes.updated, ...changes.added].filter((m) => m.aliases.length > 0)
    if (aliased.length > 0) {
      const keys: string[] = []
      const ids: string[] = []
      for (const m of aliased)
        for (const a of m.aliases) {
          keys.push(a)
          ids.push(m.id)
        }
      await tx.query(Q.INSERT_ALIASES, [id, keys, ids])
    }
    const connections = connectionsOf(changes.updated, changes.added)
    if (connections.length > 0) await tx.query(Q.INSERT_CONNECTIONS, [id, connections])
    if (changes.statements.length > 0) {
      const cols = changes.statements.map(statementColumns)
      await tx.query(Q.UPSERT_STATEMENTS, [
        id,
        cols.map((s) => s.id),
        cols.map((s) => s.seq),
        cols.map((s) => s.protocol),
        cols.map((s) => s.connectionId),
        cols.map((s) => s.openingDate),
        cols.map((s) => s.closingDate),
        cols.map((s) => s.currency),
        cols.map((s) => s.body),
        cols.map((s) => s.movementIds),
      ])
    }
    if (changes.balances.length > 0)
      await tx.query(Q.INSERT_BALANCES, [
        id,
        changes.balances.map((b) => b.source.protocol),
        changes.balances.map((b) => b.source.connectionId),
        changes.balances.map((b) => b.balance.kind),
        changes.balances.map((b) => b.balance.date),
        changes.balances.map((b) => b.balance.amount.amount.toFixed()),
      ])
    if (changes.entries.length > 0) {
      const es = changes.entries
      await tx.query(Q.INSERT_ENTRIES, [
        id,
        es.map((e) => e.id),
        es.map((e) => e.journalCode),
        es.map((e) => e.journalLabel),
        es.map((e) => e.date),
        es.map((e) => e.pieceRef),
        es.map((e) => e.pieceDate),
        es.map((e) => e.label),
        es.map((e) => e.validatedOn),
      ])
      const lines = es.flatMap((e) => e.lines.map((line, n) => ({ entry: e.id, n, line })))
      await tx.query(Q.INSERT_ENTRY_LINES, [
        id,
        lines.map((x) => x.entry),
        lines.map((x) => x.n),
        lines.map((x) => x.line.account),
        lines.map((x) => x.line.auxiliary),
        lines.map((x) => x.line.label),
        lines.map((x) => x.line.debit.toFixed()),
        lines.map((x) => x.line.credit.toFixed()),
        lines.map((x) => x.line.movement?.movementId ?? null),
        lines.map((x) => x.line.movement?.statementId ?? null),
      ])
    }
    const audited = (l.decisions ?? []).filter((d) => AUDITED.has(d._tag))
    if (audited.length > 0)
      await tx.query(Q.INSERT_DECISIONS, [
        id,
        connectionId,
        audited.map((d) => d._tag),
        audited.map((d) => JSON.stringify(d)),
      ])
    if (!isEmpty(changes)) await tx.query(Q.BUMP_LEDGER, [id, nextSeqAfter(Number(row.next_seq), changes)])
  }

  return {
    loadSlice: (request) =>
      // Read at the default isolation: a commit landing between two of its statements moves the
      // ledger's version past the one this slice carries, so the commit decided from it is refused
      // (ConcurrentUpdate) and the sync reads again — a slice is never acted on half-stale.
      guarded('loadSlice', () => client.transaction((tx) => readSlice(tx, request))),
    readLedger: (key, currency) =>
      // The same guard for a full read: read again until no commit landed in between.
      guarded('readLedger', async () => {
        for (;;) {
          const records = await client.transaction((tx) => readAll(tx, key, currency))
          const now = (await client.query<LedgerRow>(Q.LEDGER_ROW, [key.dossierCode, key.bankAccountId]))
            .rows[0]
          if (Number(now?.version ?? 0) === records.version) return records
        }
      }),
    loadCursor: (connectionId) =>
      guarded('loadCursor', async (): Promise<CursorState> => {
        const row = (
          await client.query<{ value: string | null; version: string | number }>(Q.CURSOR_ROW, [connectionId])
        ).rows[0]
        return row === undefined
          ? { cursor: null, version: 0 }
          : { cursor: row.value === null ? null : { value: row.value }, version: Number(row.version) }
      }),
    commit: (c) =>
      guarded('commit', () =>
        client.transaction(async (tx) => {
          await writeCursor(tx, c)
          for (const l of c.ledgers) await writeLedger(tx, l, c.connectionId)
          const events = c.events ?? []
          if (events.length > 0)
            await tx.query(Q.INSERT_EVENTS, [
              events.map((e) => e.type),
              events.map((e) => e.dossierCode),
              events.map((e) => e.bankAccountId),
              events.map((e) => e.occurredAt),
              events.map((e) => JSON.stringify(e.data)),
            ])
          const notices = c.notices ?? []
          if (notices.length > 0)
            await tx.query(Q.INSERT_NOTICES, [c.connectionId, notices.map((n) => JSON.stringify(n))])
          const released = c.unmatched?.released ?? []
          if (released.length > 0) await tx.query(Q.DELETE_UNMATCHED, [released])
          const queued = c.unmatched?.queued ?? []
          if (queued.length > 0)
            await tx.query(Q.INSERT_UNMATCHED, [
              queued.map((q) => q.id),
              queued.map((q) => q.connectionId),
              queued.map((q) => q.protocol),
              queued.map((q) => q.reason),
              queued.map((q) => JSON.stringify(q.candidates)),
              queued.map((q) => JSON.stringify(encodeFeedItem(q.item))),
              queued.map((q) => q.queuedOn),
            ])
        }),
      ),
    loadUnmatched: (connectionId) =>
      guarded('loadUnmatched', async () => {
        const rows =
          connectionId === null
            ? await client.query<UnmatchedRow>(Q.ALL_UNMATCHED)
            : await client.query<UnmatchedRow>(Q.UNMATCHED_OF, [connectionId])
        return rows.rows.map(queuedOfRow)
      }),
    outbox: async () =>
      (
        await client.query<{
          type: string
          dossier_code: string
          bank_account_id: string | null
          occurred_at: Date
          data: Record<string, unknown>
        }>(Q.ALL_EVENTS)
      ).rows.map((r) => ({
        type: r.type,
        dossierCode: r.dossier_code,
        bankAccountId: r.bank_account_id,
        occurredAt: r.occurred_at.toISOString(),
        data: r.data,
      })),
    notices: async () => (await client.query<{ body: FeedNotice }>(Q.ALL_NOTICES)).rows.map((r) => r.body),
  }
}

const isEmpty = (c: LedgerChanges): boolean =>
  c.added.length +
    c.updated.length +
    c.removed.length +
    c.statements.length +
    c.balances.length +
    c.entries.length ===
  0

const connectionsOf = (...lists: ReadonlyArray<ReadonlyArray<LedgerMovement>>): ReadonlyArray<string> => {
  const ids = new Set<string>()
  for (const list of lists) for (const m of list) ids.add(m.source.connectionId)
  return [...ids]
}

/** Runs queries one after the other on one transaction handle (a transaction is one session). */
const sequential = async <T extends ReadonlyArray<() => Promise<unknown>>>(
  steps: T,
): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> => {
  const out: unknown[] = []
  for (const step of steps) out.push(await step())
  return out as { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }
}
