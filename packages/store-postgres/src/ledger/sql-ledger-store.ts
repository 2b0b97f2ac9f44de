import {
  concurrentUpdate,
  DomainEventCodec,
  encodeFeedItem,
  nextSeqAfter,
  readableErrors,
  storeUnavailable,
} from '@bankfeed/core/store'
import type {
  CurrencyCode,
  CursorState,
  DomainEvent,
  FeedNotice,
  IngestionDecision,
  JournalEntry,
  LedgerCommit,
  LedgerKey,
  LedgerMovement,
  LedgerRecords,
  LedgerStatement,
  LedgerStore,
  StoreError,
} from '@bankfeed/core'
import type { LedgerChanges, LedgerSlice, LedgerSliceRequest, RecordedBalance } from '@bankfeed/core/store'
import type { SqlClient } from '../sql-client.js'
import * as Q from './ledger-queries.js'
import {
  CorruptRow,
  MOVEMENT_COLUMNS,
  MOVEMENT_TYPES,
  STATEMENT_SLICE_COLUMNS,
  balanceOfRow,
  entryOfRows,
  queuedOfRow,
  movementColumns,
  movementOfRow,
  sliceRowsOf,
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

/** The SQL ledger store: the port, and what the outbox and notices hold. */
export interface SqlLedgerStore extends LedgerStore {
  /** Every event committed, oldest first (the outbox); `published` ones included. */
  readonly outbox: () => Promise<ReadonlyArray<DomainEvent>>
  /** Every notice committed, oldest first. */
  readonly notices: () => Promise<ReadonlyArray<FeedNotice>>
}

/** How driver errors become `StoreError`s (from `store-errors.ts`). */
export type ErrorMapper = (operation: string, thrown: unknown) => StoreError

const INSERT_MOVEMENTS = `insert into movement (ledger_id, ${MOVEMENT_COLUMNS.join(', ')})
select * from unnest($1::int8[], ${MOVEMENT_COLUMNS.map((c, i) => `$${i + 2}::${MOVEMENT_TYPES[c]}[]`).join(', ')})`
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

/** The order commits lock ledgers in: by dossier code, then bank account id (code-unit order). */
const ledgerLockOrder = (a: { readonly key: LedgerKey }, b: { readonly key: LedgerKey }): number =>
  a.key.dossierCode < b.key.dossierCode
    ? -1
    : a.key.dossierCode > b.key.dossierCode
      ? 1
      : a.key.bankAccountId < b.key.bankAccountId
        ? -1
        : a.key.bankAccountId > b.key.bankAccountId
          ? 1
          : 0

/** Rows grouped by a key, in their order. */
const byLedgerOf = <R>(rows: ReadonlyArray<R>, keyOf: (r: R) => string): Map<string, R[]> => {
  const m = new Map<string, R[]>()
  for (const r of rows) {
    const k = keyOf(r)
    const list = m.get(k)
    if (list === undefined) m.set(k, [r])
    else list.push(r)
  }
  return m
}

const bySeq = (a: { readonly seq: number }, b: { readonly seq: number }): number => a.seq - b.seq

const emptySlice = (key: LedgerKey, currency: CurrencyCode): LedgerSlice => {
  const { entries: _entries, ...slice } = emptyRecords(key, currency)
  return slice
}

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

/**
 * A slice query's records of a ledger read at a currency: each row decoded, or, where its columns are
 * `null`, the record the last read held; sorted by `seq`, and decoded once per ledger and currency.
 */
const recordsOnce = <
  R extends { readonly id: unknown; readonly wanted_id: string },
  A extends { readonly seq: number },
>(
  table: string,
  rowsOf: ReadonlyMap<string, ReadonlyArray<R>>,
  heldOf: (ledger: string) => ReadonlyMap<string, A> | undefined,
  decode: (row: R, currency: CurrencyCode) => A,
): ((ledger: string, currency: CurrencyCode) => ReadonlyArray<A>) => {
  const done = new Map<string, ReadonlyArray<A>>()
  return (ledger, currency) => {
    const k = `${ledger}|${currency}`
    const known = done.get(k)
    if (known !== undefined) return known
    const records = (rowsOf.get(ledger) ?? [])
      .map((r) => {
        if (r.id !== null) return decode(r, currency)
        const h = heldOf(ledger)?.get(r.wanted_id)
        if (h === undefined) throw new CorruptRow(table, r.wanted_id, 'held by the last read')
        return h
      })
      .sort(bySeq)
    done.set(k, records)
    return records
  }
}

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
export const makeSqlLedgerStore = (client: SqlClient, errorOf: ErrorMapper): SqlLedgerStore => {
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

  /**
   * The movements of the last slices read, by ledger, with the ledger version they were read at. A
   * sync asks twice (its follow-up names the days the first answer already held): movements held at
   * the version the ledger still has are the same records, so the second read sends only their keys
   * instead of decoding them again (on PGlite, moving a wide row out of the database costs more than
   * the query). Every commit that changes a ledger moves its version, and versions only grow, so a
   * held movement is never stale; each read keeps only what it answered, so this stays one batch.
   */
  let held = new Map<
    string,
    {
      readonly version: number
      readonly currency: CurrencyCode
      readonly byId: Map<string, LedgerMovement>
      readonly statements: Map<string, LedgerStatement>
    }
  >()

  /** The slices of many ledgers in five queries, whatever their number. */
  const readSlices = async (
    tx: SqlClient,
    requests: ReadonlyArray<LedgerSliceRequest>,
  ): Promise<ReadonlyArray<LedgerSlice>> => {
    if (requests.length === 0) return []
    const found = await tx.query<LedgerRow & { readonly i: string | number }>(Q.LEDGER_ROWS, [
      requests.map((r) => r.key.dossierCode),
      requests.map((r) => r.key.bankAccountId),
    ])
    // Request index → its ledger row (a ledger asked twice is read once per request).
    const rowOf = new Map<number, LedgerRow>()
    for (const r of found.rows) rowOf.set(Number(r.i) - 1, r)
    const ids = [...new Set([...rowOf.values()].map((r) => r.id))]
    if (ids.length === 0) return requests.map((r) => emptySlice(r.key, r.currency))
    const exact: [string[], string[]] = [[], []]
    const content: [string[], string[]] = [[], []]
    const days: [string[], string[], string[]] = [[], [], []]
    const spans: [string[], string[], string[], string[]] = [[], [], [], []]
    const balanceDays: [string[], string[]] = [[], []]
    requests.forEach((r, i) => {
      const row = rowOf.get(i)
      if (row === undefined) return
      for (const f of r.families) {
        const list = f.startsWith('c:') ? content : exact
        list[0].push(row.id)
        list[1].push(f)
      }
      for (const d of r.days) {
        days[0].push(row.id)
        days[1].push(d.from)
        days[2].push(d.to)
      }
      for (const sp of r.statements) {
        spans[0].push(row.id)
        spans[1].push(sp.connectionId)
        spans[2].push(sp.from)
        spans[3].push(sp.to)
      }
      for (const d of r.balanceDays) {
        balanceDays[0].push(row.id)
        balanceDays[1].push(d)
      }
    })
    const connections = await tx.query<{ ledger_id: string; connection_id: string }>(Q.LEDGER_CONNECTIONS, [
      ids,
    ])
    // Movements held from the last read are reused where the ledger is still at that version and
    // every request of it names the currency they were decoded with.
    const currenciesOf = new Map<string, Set<CurrencyCode>>()
    requests.forEach((r, i) => {
      const row = rowOf.get(i)
      if (row === undefined) return
      const set = currenciesOf.get(String(row.id))
      if (set === undefined) currenciesOf.set(String(row.id), new Set([r.currency]))
      else set.add(r.currency)
    })
    const reusable: [string[], string[]] = [[], []]
    const reusableStatements: [string[], string[]] = [[], []]
    for (const row of rowOf.values()) {
      const id = String(row.id)
      const h = held.get(id)
      const cs = currenciesOf.get(id)
      if (h === undefined || h.version !== Number(row.version) || cs?.size !== 1 || !cs.has(h.currency))
        continue
      for (const m of h.byId.keys()) {
        reusable[0].push(id)
        reusable[1].push(m)
      }
      for (const st of h.statements.keys()) {
        reusableStatements[0].push(id)
        reusableStatements[1].push(st)
      }
    }
    const wanted = await tx.query<{ readonly rows: unknown }>(Q.SLICE_MOVEMENTS, [
      ...exact,
      ...content,
      ...days,
      ids,
      ...reusable,
    ])
    const wantedRows = sliceRowsOf('movement', MOVEMENT_COLUMNS, wanted.rows[0]?.rows)
    const wantedOf = byLedgerOf(wantedRows, (r) => r.wanted_ledger)
    const movementsFor = recordsOnce('movement', wantedOf, (l) => held.get(l)?.byId, movementOfRow)
    const statements =
      spans[0].length === 0
        ? []
        : sliceRowsOf(
            'statement',
            STATEMENT_SLICE_COLUMNS,
            (
              await tx.query<{ readonly rows: unknown }>(Q.SLICE_STATEMENTS, [
                ...spans,
                ...reusableStatements,
              ])
            ).rows[0]?.rows,
          )
    const balances =
      balanceDays[0].length === 0
        ? { rows: [] as ReadonlyArray<BalanceRow & { ledger_id: string }> }
        : await tx.query<BalanceRow & { ledger_id: string }>(Q.SLICE_BALANCES, balanceDays)
    const connectionsOf = byLedgerOf(connections.rows, (r) => String(r.ledger_id))
    const statementsOf = byLedgerOf(statements, (r) => r.wanted_ledger)
    const statementsFor = recordsOnce(
      'statement',
      statementsOf,
      (l) => held.get(l)?.statements,
      statementOfRow,
    )
    const balancesOf = byLedgerOf(balances.rows, (r) => String(r.ledger_id))
    const slices = requests.map((r, i): LedgerSlice => {
      const row = rowOf.get(i)
      if (row === undefined) return emptySlice(r.key, r.currency)
      const id = String(row.id)
      const currency = r.currency
      // The slice answers every part of every request of this ledger: a superset, as the port allows.
      return {
        key: r.key,
        currency,
        version: Number(row.version),
        nextSeq: Number(row.next_seq),
        connections: (connectionsOf.get(id) ?? []).map((c) => c.connection_id),
        movements: movementsFor(id, currency),
        statements: statementsFor(id, currency),
        balances: (balancesOf.get(id) ?? []).map((b) => balanceOfRow(b, currency)),
      }
    })
    const next: typeof held = new Map()
    for (const row of rowOf.values()) {
      const id = String(row.id)
      const cs = currenciesOf.get(id)
      const currency = cs?.size === 1 ? [...cs][0] : undefined
      if (currency === undefined) continue
      next.set(id, {
        version: Number(row.version),
        currency,
        byId: new Map(movementsFor(id, currency).map((m) => [m.id, m])),
        statements: new Map(statementsFor(id, currency).map((st) => [st.id, st])),
      })
    }
    held = next
    return slices
  }

  const readAll = async (tx: SqlClient, key: LedgerKey, currency: CurrencyCode): Promise<LedgerRecords> => {
    const row = (await tx.query<LedgerRow>(Q.LEDGER_ROW, [key.dossierCode, key.bankAccountId])).rows[0]
    if (row === undefined) return emptyRecords(key, currency)
    const connections = await tx.query<{ connection_id: string }>(Q.LEDGER_CONNECTIONS, [[row.id]])
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

  /** Every ledger of a commit, checked then written with one statement per kind of record. */
  const writeLedgers = async (tx: SqlClient, c: LedgerCommit): Promise<void> => {
    if (c.ledgers.length === 0) return
    const keyOf = (k: LedgerKey): string => `${k.dossierCode}|${k.bankAccountId}`
    const order = [...c.ledgers].sort(ledgerLockOrder)
    const locked = await tx.query<LedgerRow & { dossier_code: string; bank_account_id: string }>(
      Q.LEDGER_ROWS_FOR_UPDATE,
      [order.map((l) => l.key.dossierCode), order.map((l) => l.key.bankAccountId)],
    )
    const rows = new Map<string, LedgerRow>()
    for (const r of locked.rows) rows.set(`${r.dossier_code}|${r.bank_account_id}`, r)
    for (const l of c.ledgers) {
      const row = rows.get(keyOf(l.key))
      if ((row === undefined ? 0 : Number(row.version)) !== l.expectedVersion)
        throw new Conflict(`ledger ${keyOf(l.key)} moved since it was read`)
    }
    const writing = c.ledgers.filter(
      (l) => !isEmpty(l.changes) || (l.decisions ?? []).some((d) => AUDITED.has(d._tag)),
    )
    const missing = writing.filter((l) => !rows.has(keyOf(l.key)))
    if (missing.length > 0) {
      const created = await tx.query<LedgerRow & { dossier_code: string; bank_account_id: string }>(
        Q.INSERT_LEDGERS,
        [
          missing.map((l) => l.key.dossierCode),
          missing.map((l) => l.key.bankAccountId),
          missing.map((l) => l.currency),
        ],
      )
      for (const r of created.rows) rows.set(`${r.dossier_code}|${r.bank_account_id}`, r)
    }
    const w = makeWrites()
    for (const l of writing) {
      const row = rows.get(keyOf(l.key))
      if (row === undefined) throw new Error(`no ledger row for ${keyOf(l.key)}`)
      w.add(row, l)
    }
    await w.flush(tx, c.connectionId)
  }

  return {
    loadSlices: (requests) =>
      // Read at the default isolation: a commit landing between two of its statements moves the
      // ledger's version past the one this slice carries, so the commit decided from it is refused
      // (ConcurrentUpdate) and the sync reads again — a slice is never acted on half-stale.
      guarded('loadSlices', () => client.transaction((tx) => readSlices(tx, requests))),
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
          await writeLedgers(tx, c)
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
          data: unknown
        }>(Q.ALL_EVENTS)
      ).rows.map((r) => {
        const event = DomainEventCodec.decode({
          type: r.type,
          dossierCode: r.dossier_code,
          bankAccountId: r.bank_account_id,
          occurredAt: r.occurred_at.toISOString(),
          data: r.data,
        })
        if (event._tag === 'Left')
          throw new Error(
            `outbox: a stored event is not one of core's (${readableErrors(event.left)
              .map((i) => i.message)
              .join('; ')})`,
          )
        return event.right
      }),
    notices: async () => (await client.query<{ body: FeedNotice }>(Q.ALL_NOTICES)).rows.map((r) => r.body),
  }
}

/**
 * How many rows one bulk statement of a commit carries. A commit writes every row of its batch; a
 * batch of 10,000 movements as one statement per kind held every row's text three times at once
 * (records, parameter arrays, the driver's encoding) — tens of megabytes for statement documents.
 * Statements of a few thousand rows cost the same round trips to within a handful, and bound that
 * to a few megabytes. Still one transaction: the commit is all or nothing as before.
 */
const ROWS_PER_STATEMENT = 2000
/** Bank statements are documents of a few kilobytes each: fewer per statement. */
const STATEMENTS_PER_STATEMENT = 500

/** Rows of `width` values as the parameters of an `unnest` insert: one array per column. */
const columnsOf = (
  rows: ReadonlyArray<ReadonlyArray<string | number | null>>,
  width: number,
): ReadonlyArray<Array<string | number | null>> => {
  const cols = Array.from({ length: width }, () => new Array<string | number | null>(rows.length))
  rows.forEach((r, i) => {
    for (let c = 0; c < width; c++) (cols[c] as Array<string | number | null>)[i] = r[c] ?? null
  })
  return cols
}

/** Runs `write` over consecutive chunks of `xs` of at most `size`, in order, one after another. */
const inChunks = async <A>(
  xs: ReadonlyArray<A>,
  size: number,
  write: (chunk: ReadonlyArray<A>) => Promise<unknown>,
): Promise<void> => {
  for (let i = 0; i < xs.length; i += size) await write(xs.slice(i, i + size))
}

const isEmpty = (c: LedgerChanges): boolean =>
  c.added.length +
    c.updated.length +
    c.removed.length +
    c.statements.length +
    c.balances.length +
    c.entries.length ===
  0

/**
 * The rows a commit writes, gathered across its ledgers so that each kind of record is one
 * statement: a firm's nightly file touching a thousand accounts is a dozen statements, not a
 * dozen per account.
 */
const makeWrites = () => {
  const removed: [string[], string[]] = [[], []]
  const rewritten: [string[], string[]] = [[], []]
  const updated: { ledger: string[]; movements: LedgerMovement[] } = { ledger: [], movements: [] }
  const added: { ledger: string[]; movements: LedgerMovement[] } = { ledger: [], movements: [] }
  const aliases: [string[], string[], string[]] = [[], [], []]
  const connections = new Map<string, [string, string]>()
  const statements: Array<[string, LedgerStatement]> = []
  const balances: Array<[string, RecordedBalance]> = []
  const entries: Array<[string, JournalEntry]> = []
  const decisions: Array<[string, IngestionDecision]> = []
  const bumps: [string[], number[]] = [[], []]
  return {
    add: (row: LedgerRow, l: LedgerCommit['ledgers'][number]): void => {
      const id = String(row.id)
      const ch = l.changes
      for (const r of ch.removed) {
        removed[0].push(id)
        removed[1].push(r)
      }
      for (const m of ch.updated) {
        rewritten[0].push(id)
        rewritten[1].push(m.id)
        updated.ledger.push(id)
        updated.movements.push(m)
      }
      for (const m of ch.added) {
        added.ledger.push(id)
        added.movements.push(m)
      }
      for (const m of [...ch.updated, ...ch.added]) {
        for (const a of m.aliases) {
          aliases[0].push(id)
          aliases[1].push(a)
          aliases[2].push(m.id)
        }
        connections.set(`${id}|${m.source.connectionId}`, [id, m.source.connectionId])
      }
      for (const st of ch.statements) statements.push([id, st])
      for (const b of ch.balances) balances.push([id, b])
      for (const e of ch.entries) entries.push([id, e])
      for (const d of l.decisions ?? []) if (AUDITED.has(d._tag)) decisions.push([id, d])
      if (!isEmpty(ch)) {
        bumps[0].push(id)
        bumps[1].push(nextSeqAfter(Number(row.next_seq), ch))
      }
    },
    flush: async (tx: SqlClient, connectionId: string | null): Promise<void> => {
      if (removed[0].length > 0) await tx.query(Q.DELETE_MOVEMENTS, removed)
      if (rewritten[0].length > 0) await tx.query(Q.DELETE_ALIASES, rewritten)
      const movementRows = (ledgers: ReadonlyArray<string>, ms: ReadonlyArray<LedgerMovement>) =>
        ms.map((m, i) => [ledgers[i] as string, m] as const)
      await inChunks(movementRows(updated.ledger, updated.movements), ROWS_PER_STATEMENT, (c) =>
        tx.query(UPSERT_MOVEMENTS, [c.map(([l]) => l), ...movementColumns(c.map(([, m]) => m))]),
      )
      await inChunks(movementRows(added.ledger, added.movements), ROWS_PER_STATEMENT, (c) =>
        tx.query(INSERT_MOVEMENTS, [c.map(([l]) => l), ...movementColumns(c.map(([, m]) => m))]),
      )
      if (aliases[0].length > 0) await tx.query(Q.INSERT_ALIASES, aliases)
      if (connections.size > 0) {
        const cs = [...connections.values()]
        await tx.query(Q.INSERT_CONNECTIONS, [cs.map((c) => c[0]), cs.map((c) => c[1])])
      }
      await inChunks(statements, STATEMENTS_PER_STATEMENT, (c) =>
        tx.query(
          Q.UPSERT_STATEMENTS,
          columnsOf(
            c.map(([l, st]) => [l, ...statementColumns(st)]),
            10,
          ),
        ),
      )
      if (balances.length > 0)
        await tx.query(
          Q.INSERT_BALANCES,
          columnsOf(
            balances.map(([l, { source, balance }]) => [
              l,
              source.protocol,
              source.connectionId,
              balance.kind,
              balance.date,
              balance.amount.amount.toFixed(),
            ]),
            6,
          ),
        )
      // Entries in their order (each takes the next `seq`), their lines after them.
      await inChunks(entries, ROWS_PER_STATEMENT, async (c) => {
        await tx.query(
          Q.INSERT_ENTRIES,
          columnsOf(
            c.map(([l, e]) => [
              l,
              e.id,
              e.journalCode,
              e.journalLabel,
              e.date,
              e.pieceRef,
              e.pieceDate,
              e.label,
              e.validatedOn,
            ]),
            9,
          ),
        )
        await tx.query(
          Q.INSERT_ENTRY_LINES,
          columnsOf(
            c.flatMap(([l, e]) =>
              e.lines.map((line, n) => [
                l,
                e.id,
                n,
                line.account,
                line.auxiliary,
                line.label,
                line.debit.toFixed(),
                line.credit.toFixed(),
                line.movement?.movementId ?? null,
                line.movement?.statementId ?? null,
              ]),
            ),
            10,
          ),
        )
      })
      if (decisions.length > 0)
        await tx.query(Q.INSERT_DECISIONS, [
          connectionId,
          decisions.map(([l]) => l),
          decisions.map(([, d]) => d._tag),
          decisions.map(([, d]) => JSON.stringify(d)),
        ])
      if (bumps[0].length > 0) await tx.query(Q.BUMP_LEDGERS, bumps)
    },
  }
}
