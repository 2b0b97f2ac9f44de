import type { CurrencyCode } from './currency.js'
import type { JournalEntry } from './journal-entry.js'
import type { LedgerMovement, LedgerStatement, RecordedBalance } from './ledger-records.js'
import type { LocalDate } from './local-date.js'
import type { LedgerKey } from './store-records.js'

/** Days from `from` to `to`, both included. */
export interface DayRange {
  readonly from: LocalDate
  readonly to: LocalDate
}

/**
 * What a sync asks a store for: the parts of one account's ledger its batch can touch, so that its
 * cost follows the batch, not the account's history. Besides what is named here, a slice always
 * holds the ledger's active pending movements, its movements deleted after their entry and its
 * movements awaiting an entry (few, whatever the history), its version and its connections.
 */
export interface LedgerSliceRequest {
  readonly key: LedgerKey
  readonly currency: CurrencyCode
  /**
   * Identity families: the movements whose id, or one of whose aliases, belongs to one of them. A
   * provider key (`p:<connection>:<provider id>`) is a family of its own; a content family
   * (`c:<connection>:<content key>`) holds every occurrence of that content (`…#1`, `…#2`…). See
   * {@link identityFamily}.
   */
  readonly families: ReadonlyArray<string>
  /** The active movements booked on these days (the twin and cross-source windows). */
  readonly days: ReadonlyArray<DayRange>
  /** The statements of a connection whose days meet one of these ranges (its balance chain there). */
  readonly statements: ReadonlyArray<DayRange & { readonly connectionId: string }>
  /** The balances recorded on these days. */
  readonly balanceDays: ReadonlyArray<LocalDate>
}

/**
 * A store's answer to a {@link LedgerSliceRequest}: everything of the ledger the request names, and
 * possibly more (a store may answer a superset), each record once and exactly as committed.
 */
export interface LedgerSlice {
  readonly key: LedgerKey
  readonly currency: CurrencyCode
  /** Optimistic-concurrency version of the ledger (0: nothing stored yet). */
  readonly version: number
  /** The `seq` the next new movement or statement takes: one more than the highest ever given. */
  readonly nextSeq: number
  /** Every connection that ever delivered movements to this ledger. */
  readonly connections: ReadonlyArray<string>
  /** Movements, each once, by `seq`. */
  readonly movements: ReadonlyArray<LedgerMovement>
  /** Statements by `seq` (the order they were first recorded; one placed again keeps its place). */
  readonly statements: ReadonlyArray<LedgerStatement>
  /** Balances in the order they were recorded. */
  readonly balances: ReadonlyArray<RecordedBalance>
}

/**
 * A whole ledger, as a full read gives it (for reports, exports and audits: its cost follows the
 * history). A slice of it for any request is what {@link LedgerSlice} says.
 */
export interface LedgerRecords extends LedgerSlice {
  /** Entries in the order they were generated. */
  readonly entries: ReadonlyArray<JournalEntry>
}

/**
 * The family of an identity key: a content id (`c:<connection>:<content key>#<occurrence>`) belongs
 * to the family of every occurrence of its content; any other key is its own family.
 */
export const identityFamily = (key: string): string => {
  if (!key.startsWith('c:')) return key
  const hash = key.lastIndexOf('#')
  return hash < 0 ? key : key.slice(0, hash)
}
