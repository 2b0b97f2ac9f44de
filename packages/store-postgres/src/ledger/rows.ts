import * as t from 'io-ts'
import { BankStatementCodec, decodeFeedItem } from '@bankfeed/core/store'
import { isLocalDate, makeMoney } from '@bankfeed/core'
import type {
  CurrencyCode,
  EntryLine,
  JournalEntry,
  LedgerMovement,
  LedgerStatement,
  LocalDate,
  Money,
  MovementDetail,
} from '@bankfeed/core'
import type { QueuedItem, RecordedBalance } from '@bankfeed/core/store'

/**
 * How ledger records become rows and rows records again. Amounts travel as decimal text (written to
 * `numeric`, read back as text, never through a JS number), days as `date`, lists and documents as
 * `jsonb` decoded with io-ts: a row that does not read back as the record it was is a corrupt row,
 * reported with its table, key and field, never a half-read record.
 */

/** A row that does not hold what bankfeed wrote: which table, which key, which field. */
export class CorruptRow extends Error {
  constructor(
    readonly table: string,
    readonly key: string,
    readonly field: string,
  ) {
    super(`${table} ${key}: ${field} does not read back`)
  }
}

const day = (table: string, key: string, field: string, v: unknown): LocalDate => {
  if (isLocalDate(v)) return v
  throw new CorruptRow(table, key, field)
}
const dayOrNull = (table: string, key: string, field: string, v: unknown): LocalDate | null =>
  v === null ? null : day(table, key, field, v)
const money = (table: string, key: string, field: string, v: unknown, currency: CurrencyCode): Money => {
  const m = typeof v === 'string' ? makeMoney(v, currency) : null
  if (m === null || m._tag === 'Left') throw new CorruptRow(table, key, field)
  return m.right
}
const text = (table: string, key: string, field: string, v: unknown): string => {
  if (typeof v === 'string') return v
  throw new CorruptRow(table, key, field)
}
const textOrNull = (table: string, key: string, field: string, v: unknown): string | null =>
  v === null ? null : text(table, key, field, v)
const decoded = <A>(codec: t.Type<A, unknown>, table: string, key: string, field: string, v: unknown): A => {
  const r = codec.decode(v)
  if (r._tag === 'Left') throw new CorruptRow(table, key, field)
  return r.right
}
const int = (table: string, key: string, field: string, v: unknown): number => {
  const n = typeof v === 'string' ? Number(v) : v
  if (typeof n === 'number' && Number.isSafeInteger(n)) return n
  throw new CorruptRow(table, key, field)
}

const DetailsJson = t.readonlyArray(t.type({ qualifier: t.string, text: t.string }))
const Keys = t.readonlyArray(t.string)
const NONE: ReadonlyArray<never> = Object.freeze([])

/** A JSON list, or `null` for an empty one (most movements: nothing stored). */
const listOrNull = (xs: ReadonlyArray<unknown>): string | null =>
  xs.length === 0 ? null : JSON.stringify(xs)

/** The columns of the `movement` table, in the order {@link movementColumns} lists them. */
export const MOVEMENT_COLUMNS = [
  'id',
  'seq',
  'provider_id',
  'status',
  'booking_date',
  'value_date',
  'amount',
  'label',
  'reference',
  'counterparty_name',
  'interbank_code',
  'details',
  'protocol',
  'connection_id',
  'statement_id',
  'state',
  'entry_id',
  'replaced_pending_id',
  'aliases',
  'pending_claims',
] as const

/** The SQL type of each column, for `unnest($n::type[])`. */
export const MOVEMENT_TYPES: Readonly<Record<(typeof MOVEMENT_COLUMNS)[number], string>> = {
  id: 'text',
  seq: 'int8',
  provider_id: 'text',
  status: 'text',
  booking_date: 'date',
  value_date: 'date',
  amount: 'numeric',
  label: 'text',
  reference: 'text',
  counterparty_name: 'text',
  interbank_code: 'text',
  details: 'jsonb',
  protocol: 'text',
  connection_id: 'text',
  statement_id: 'text',
  state: 'text',
  entry_id: 'text',
  replaced_pending_id: 'text',
  aliases: 'jsonb',
  pending_claims: 'jsonb',
}

/** One array per column: the parameters of a bulk `unnest` insert of these movements. */
export const movementColumns = (
  ms: ReadonlyArray<LedgerMovement>,
): ReadonlyArray<ReadonlyArray<string | number | null>> => {
  const cols: Array<Array<string | number | null>> = MOVEMENT_COLUMNS.map(
    () => new Array<string | number | null>(ms.length),
  )
  ms.forEach((m, i) => {
    const row = [
      m.id,
      m.seq,
      m.providerId,
      m.status,
      m.bookingDate,
      m.valueDate,
      m.amount.amount.toFixed(),
      m.label,
      m.reference,
      m.counterpartyName,
      m.interbankCode,
      listOrNull(m.details),
      m.source.protocol,
      m.source.connectionId,
      m.statementId,
      m.state,
      m.entryId,
      m.replacedPendingId,
      listOrNull(m.aliases),
      listOrNull(m.pendingClaims),
    ]
    row.forEach((v, c) => {
      ;(cols[c] as Array<string | number | null>)[i] = v
    })
  })
  return cols
}

/** A movement row as read back (column names as in {@link MOVEMENT_COLUMNS}). */
export type MovementRow = Readonly<Record<(typeof MOVEMENT_COLUMNS)[number], unknown>>

/** The movement a row holds. */
export const movementOfRow = (r: MovementRow, currency: CurrencyCode): LedgerMovement => {
  const key = text('movement', '?', 'id', r.id)
  const T = 'movement'
  const status = r.status
  if (status !== 'booked' && status !== 'pending') throw new CorruptRow(T, key, 'status')
  const state = r.state
  if (state !== 'active' && state !== 'deletedNeedsReview') throw new CorruptRow(T, key, 'state')
  const details = r.details === null ? NONE : decoded(DetailsJson, T, key, 'details', r.details)
  const aliases = r.aliases === null ? NONE : decoded(Keys, T, key, 'aliases', r.aliases)
  const claims = r.pending_claims === null ? NONE : decoded(Keys, T, key, 'pending_claims', r.pending_claims)
  return {
    providerId: textOrNull(T, key, 'provider_id', r.provider_id),
    status,
    bookingDate: day(T, key, 'booking_date', r.booking_date),
    valueDate: dayOrNull(T, key, 'value_date', r.value_date),
    amount: money(T, key, 'amount', r.amount, currency),
    label: text(T, key, 'label', r.label),
    reference: textOrNull(T, key, 'reference', r.reference),
    counterpartyName: textOrNull(T, key, 'counterparty_name', r.counterparty_name),
    interbankCode: textOrNull(T, key, 'interbank_code', r.interbank_code),
    details: details as ReadonlyArray<MovementDetail>,
    id: key,
    seq: int(T, key, 'seq', r.seq),
    source: {
      protocol: text(T, key, 'protocol', r.protocol),
      connectionId: text(T, key, 'connection_id', r.connection_id),
    },
    statementId: textOrNull(T, key, 'statement_id', r.statement_id),
    state,
    entryId: textOrNull(T, key, 'entry_id', r.entry_id),
    replacedPendingId: textOrNull(T, key, 'replaced_pending_id', r.replaced_pending_id),
    aliases,
    pendingClaims: claims,
  }
}

// Statements are kept as documents (core's statement JSON): their lines as the bank sent them, which
// may differ from the movements they denote (updated since), needed to place later statements on
// the balance chain.
const MovementIdsJson = t.readonlyArray(t.union([t.string, t.null]))

/**
 * The `statement` row of a ledger statement, its columns and its document, in the order of
 * `UPSERT_STATEMENTS` after the ledger id.
 */
export const statementColumns = (s: LedgerStatement): ReadonlyArray<string | number> => [
  s.id,
  s.seq,
  s.source.protocol,
  s.source.connectionId,
  s.statement.openingBalance.date,
  s.statement.closingBalance.date,
  s.statement.currency,
  JSON.stringify(BankStatementCodec.encode(s.statement)),
  JSON.stringify(s.movementIds),
]

/** A statement row as read back. */
export interface StatementRow {
  readonly id: unknown
  readonly seq: unknown
  readonly protocol: unknown
  readonly connection_id: unknown
  readonly currency: unknown
  readonly body: unknown
  readonly movement_ids: unknown
}

/** The statement columns a slice reads: the fields of {@link StatementRow}. */
export const STATEMENT_SLICE_COLUMNS = [
  'id',
  'seq',
  'protocol',
  'connection_id',
  'currency',
  'body',
  'movement_ids',
] as const

/** A row of a slice's answer: the record it names (ledger, id), then its columns (all `null` when held). */
export type SliceRow<C extends string> = Readonly<Record<C, unknown>> & {
  readonly wanted_ledger: string
  readonly wanted_id: string
}

/**
 * The rows of a slice's answer: one JSON text listing `[ledger, id, …columns]` arrays (see
 * `ledger-queries.ts`). An answer of another shape is a corrupt read, never a partial one.
 */
export const sliceRowsOf = <C extends string>(
  table: string,
  columns: ReadonlyArray<C>,
  answer: unknown,
): ReadonlyArray<SliceRow<C>> => {
  const list: unknown = typeof answer === 'string' ? JSON.parse(answer) : undefined
  if (!Array.isArray(list)) throw new CorruptRow(table, '?', 'slice answer')
  return list.map((r: unknown) => {
    if (!Array.isArray(r) || r.length !== columns.length + 2) throw new CorruptRow(table, '?', 'slice answer')
    const [ledger, id] = r as ReadonlyArray<unknown>
    if (typeof ledger !== 'string' || typeof id !== 'string') throw new CorruptRow(table, '?', 'slice answer')
    const row: Record<string, unknown> = { wanted_ledger: ledger, wanted_id: id }
    columns.forEach((c, i) => {
      row[c] = r[i + 2]
    })
    return row as SliceRow<C>
  })
}

/** The ledger statement a row holds. */
export const statementOfRow = (r: StatementRow, ledgerCurrency: CurrencyCode): LedgerStatement => {
  const T = 'statement'
  const key = text(T, '?', 'id', r.id)
  const currency = text(T, key, 'currency', r.currency) === ledgerCurrency ? ledgerCurrency : null
  if (currency === null) throw new CorruptRow(T, key, 'currency')
  const statement = decoded(BankStatementCodec, T, key, 'body', r.body)
  if (statement.currency !== currency) throw new CorruptRow(T, key, 'body.currency')
  return {
    id: key,
    seq: int(T, key, 'seq', r.seq),
    source: {
      protocol: text(T, key, 'protocol', r.protocol),
      connectionId: text(T, key, 'connection_id', r.connection_id),
    },
    statement,
    movementIds: decoded(MovementIdsJson, T, key, 'movement_ids', r.movement_ids),
  }
}

/** A balance row as read back. */
export interface BalanceRow {
  readonly seq: unknown
  readonly protocol: unknown
  readonly connection_id: unknown
  readonly kind: unknown
  readonly date: unknown
  readonly amount: unknown
}

/** The recorded balance a row holds. */
export const balanceOfRow = (r: BalanceRow, currency: CurrencyCode): RecordedBalance => {
  const T = 'balance'
  const key = String(r.seq)
  const kind = r.kind
  if (kind !== 'booked' && kind !== 'current' && kind !== 'available') throw new CorruptRow(T, key, 'kind')
  return {
    source: {
      protocol: text(T, key, 'protocol', r.protocol),
      connectionId: text(T, key, 'connection_id', r.connection_id),
    },
    balance: { kind, date: day(T, key, 'date', r.date), amount: money(T, key, 'amount', r.amount, currency) },
  }
}

/** An entry row as read back, with its lines (ordered). */
export interface EntryRow {
  readonly id: unknown
  readonly journal_code: unknown
  readonly journal_label: unknown
  readonly date: unknown
  readonly piece_ref: unknown
  readonly piece_date: unknown
  readonly label: unknown
  readonly validated_on: unknown
}

/** An entry line row as read back. */
export interface EntryLineRow {
  readonly account: unknown
  readonly auxiliary: unknown
  readonly label: unknown
  readonly debit: unknown
  readonly credit: unknown
  readonly movement_id: unknown
  readonly statement_id: unknown
}

/** The journal entry rows hold. */
export const entryOfRows = (
  r: EntryRow,
  lines: ReadonlyArray<EntryLineRow>,
  key: { readonly dossierCode: string; readonly bankAccountId: string },
  currency: CurrencyCode,
): JournalEntry => {
  const T = 'entry'
  const id = text(T, '?', 'id', r.id)
  return {
    id,
    dossierCode: key.dossierCode,
    bankAccountId: key.bankAccountId,
    journalCode: text(T, id, 'journal_code', r.journal_code),
    journalLabel: text(T, id, 'journal_label', r.journal_label),
    date: day(T, id, 'date', r.date),
    pieceRef: text(T, id, 'piece_ref', r.piece_ref),
    pieceDate: day(T, id, 'piece_date', r.piece_date),
    label: text(T, id, 'label', r.label),
    currency,
    lines: lines.map((l, i): EntryLine => {
      const movementId = textOrNull('entry_line', `${id}#${i}`, 'movement_id', l.movement_id)
      return {
        account: text('entry_line', `${id}#${i}`, 'account', l.account),
        auxiliary: textOrNull('entry_line', `${id}#${i}`, 'auxiliary', l.auxiliary),
        label: text('entry_line', `${id}#${i}`, 'label', l.label),
        debit: money('entry_line', `${id}#${i}`, 'debit', l.debit, currency).amount,
        credit: money('entry_line', `${id}#${i}`, 'credit', l.credit, currency).amount,
        movement:
          movementId === null
            ? null
            : {
                movementId,
                statementId: textOrNull('entry_line', `${id}#${i}`, 'statement_id', l.statement_id),
              },
      }
    }),
    validatedOn: dayOrNull(T, id, 'validated_on', r.validated_on),
  }
}

/** An unmatched-queue row as read back. */
export interface UnmatchedRow {
  readonly id: unknown
  readonly connection_id: unknown
  readonly protocol: unknown
  readonly reason: unknown
  readonly candidates: unknown
  readonly item: unknown
  readonly queued_on: unknown
}

/** The queued item a row holds. */
export const queuedOfRow = (r: UnmatchedRow): QueuedItem => {
  const T = 'unmatched'
  const id = text(T, '?', 'id', r.id)
  const reason = r.reason
  if (reason !== 'UNKNOWN_ACCOUNT' && reason !== 'AMBIGUOUS_ACCOUNT') throw new CorruptRow(T, id, 'reason')
  const item = decodeFeedItem(r.item)
  if (item._tag === 'Left') throw new CorruptRow(T, id, `item (${item.left.map((i) => i.path).join(', ')})`)
  return {
    id,
    connectionId: text(T, id, 'connection_id', r.connection_id),
    protocol: text(T, id, 'protocol', r.protocol),
    reason,
    candidates: decoded(Keys, T, id, 'candidates', r.candidates),
    item: item.right,
    queuedOn: day(T, id, 'queued_on', r.queued_on),
  }
}
