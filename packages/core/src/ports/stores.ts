import type { TaskEither } from '../fp.js'
import type { CurrencyCode } from '../domain/currency.js'
import type { Dossier } from '../domain/dossier.js'
import type { LedgerRecords, LedgerSlice, LedgerSliceRequest } from '../domain/ledger-slice.js'
import type { StoreError } from '../domain/store-error.js'
import type { QueuedItem } from '../domain/unmatched.js'
import type { ConnectionState, CursorState, LedgerCommit, LedgerKey } from '../domain/store-records.js'

/** Where the firm's dossiers live. */
export interface DossierStore {
  readonly get: (dossierCode: string) => TaskEither<StoreError, Dossier>
  readonly list: () => TaskEither<StoreError, ReadonlyArray<Dossier>>
  /** Adds a dossier, or replaces the one with its code (the whole document, atomically). */
  readonly save: (dossier: Dossier) => TaskEither<StoreError, void>
}

/**
 * Per-account ledgers (movements, statements, balances, entries) and connection cursors. A sync reads
 * what its batch needs ({@link LedgerStore.loadSlices}) and writes what its decisions changed
 * ({@link LedgerStore.commit}), so its cost follows the batch, not the history.
 */
export interface LedgerStore {
  /**
   * The parts of ledgers a batch can touch (see {@link LedgerSliceRequest}), one slice per request in
   * the same order; an empty slice (version 0) for a ledger nothing was ever stored in. One call for
   * all the accounts of a sync: a database answers them in a few queries, whatever their number.
   */
  readonly loadSlices: (
    requests: ReadonlyArray<LedgerSliceRequest>,
  ) => TaskEither<StoreError, ReadonlyArray<LedgerSlice>>
  /** A whole ledger, for reports, exports and audits; an empty one (version 0) when nothing was stored. */
  readonly readLedger: (key: LedgerKey, currency: CurrencyCode) => TaskEither<StoreError, LedgerRecords>
  readonly loadCursor: (connectionId: string) => TaskEither<StoreError, CursorState>
  /**
   * The items queued because no bank account took them, oldest first: a connection's (which its
   * next sync routes again), or every connection's (`null`, for a person to look at).
   */
  readonly loadUnmatched: (connectionId: string | null) => TaskEither<StoreError, ReadonlyArray<QueuedItem>>
  /**
   * Applies a commit whole or not at all: every ledger's changes, the cursor, the events (to its
   * outbox), the notices and the unmatched queue's changes. A ledger or cursor whose version moved since it was read refuses the
   * whole commit with `ConcurrentUpdate`.
   */
  readonly commit: (commit: LedgerCommit) => TaskEither<StoreError, void>
}

/** Where connection states live between runs, with a version for optimistic concurrency. */
export interface ConnectionStateStore {
  /** The stored state and its version; `null` (version 0) when the connection was never seen. */
  readonly load: (
    connectionId: string,
  ) => TaskEither<StoreError, { readonly state: ConnectionState | null; readonly version: number }>
  /** Saves a state read at `expectedVersion`; a concurrent save in between is a `ConcurrentUpdate`. */
  readonly save: (
    connectionId: string,
    state: ConnectionState,
    expectedVersion: number,
  ) => TaskEither<StoreError, void>
}
