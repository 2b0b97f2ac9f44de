import type { TaskEither } from '../fp.js'
import type { Dossier } from '../domain/dossier.js'
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

/**
 * The stored cursor of one connection of one bank account, with a version for optimistic
 * concurrency: a commit made from an older version is refused, never merged.
 */
export interface CursorState {
  readonly cursor: Cursor | null
  readonly version: number
}

/** Reads and writes the cursors of bank accounts' feeds; each write is atomic. */
export interface CursorStore {
  readonly load: (key: LedgerKey) => TaskEither<StoreError, CursorState>
  readonly save: (
    key: LedgerKey,
    expectedVersion: number,
    cursor: Cursor,
  ) => TaskEither<StoreError, CursorState>
}
