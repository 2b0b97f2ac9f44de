import type { TaskEither } from '../fp.js'
import type { CurrencyCode } from '../domain/currency.js'
import type { ConnectionStatus } from '../domain/connection-status.js'
import type { Dossier } from '../domain/dossier.js'
import type { LocalDate } from '../domain/local-date.js'
import type { ReauthState } from '../lifecycle/reauthentication.js'
import type { AccountLedger, LedgerChanges } from '../reconcile/ledger.js'
import type { Cursor } from './connector.js'

import type { StoreError } from '../domain/store-error.js'

export type { StoreError }

/** Where the firm's dossiers live. */
export interface DossierStore {
  readonly get: (dossierCode: string) => TaskEither<StoreError, Dossier>
  readonly list: () => TaskEither<StoreError, ReadonlyArray<Dossier>>
}

/** The key of one bank account's ledger. */
export interface LedgerKey {
  readonly dossierCode: string
  readonly bankAccountId: string
}

/** The stored cursor of a connection, with a version for optimistic concurrency. */
export interface CursorState {
  readonly cursor: Cursor | null
  readonly version: number
}

/**
 * One atomic write: the changes of every ledger a sync touched and the connection's new cursor. A
 * store applies all of it or nothing, and refuses it when a version moved since loading.
 */
export interface LedgerCommit {
  /** The connection whose cursor moves; `null` when none does (entries generated on demand). */
  readonly connectionId: string | null
  readonly expectedCursorVersion: number
  readonly cursor: Cursor | null
  readonly ledgers: ReadonlyArray<{
    readonly key: LedgerKey
    readonly currency: CurrencyCode
    readonly expectedVersion: number
    readonly changes: LedgerChanges
  }>
}

/** Per-account ledgers (movements, statements, balances, entries) and connection cursors. */
export interface LedgerStore {
  /** The ledger of an account; an empty one (version 0) when nothing was ever stored. */
  readonly loadLedger: (key: LedgerKey, currency: CurrencyCode) => TaskEither<StoreError, AccountLedger>
  readonly loadCursor: (connectionId: string) => TaskEither<StoreError, CursorState>
  readonly commit: (commit: LedgerCommit) => TaskEither<StoreError, void>
}

/**
 * What the nightly job remembers of one connection between runs: its life-cycle status, the
 * re-authentication episode (one automatic e-mail per episode), the day of the last successful
 * collection (for the collection window and frequency), the day of the last pull that waited for the
 * client, and the consent end the client was last warned about (one warning per end).
 */
export interface ConnectionState {
  readonly status: ConnectionStatus
  readonly reauth: ReauthState
  readonly lastCollectedOn: LocalDate | null
  /** The day of the last pull that failed for want of the client (password, SCA, consent), if any. */
  readonly lastFailedOn: LocalDate | null
  readonly warnedFor: LocalDate | null
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
