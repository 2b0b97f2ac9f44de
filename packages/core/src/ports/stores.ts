import type { TaskEither } from '../fp.js'
import type { CurrencyCode } from '../domain/currency.js'
import type { Dossier } from '../domain/dossier.js'
import type { AccountLedger, LedgerChanges } from '../reconcile/ledger.js'
import type { Cursor } from './connector.js'

/** Why a store operation failed. */
export type StoreError =
  | { readonly _tag: 'StoreUnavailable'; readonly message: string }
  | { readonly _tag: 'ConcurrentUpdate'; readonly message: string }
  | { readonly _tag: 'NotFound'; readonly message: string }

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
