/**
 * Why a store could not be used at all: the reason says what an operator should look at. A store
 * never applies part of a commit, whatever the reason.
 */
export type StoreUnavailableReason =
  /** The database cannot be reached (refused, timed out, unknown host, authentication refused). */
  | 'unreachable'
  /** The connection dropped during the operation; a commit in flight was rolled back by the server. */
  | 'connectionLost'
  /** The database accepts no writes (a read-only replica or transaction, a read-only file system). */
  | 'readOnly'
  /** The disk or a quota is full. */
  | 'full'
  /** Anything else the database refused (a bug, a permission, a broken data directory). */
  | 'failed'

/** Why a store operation failed. */
export type StoreError =
  | {
      readonly _tag: 'StoreUnavailable'
      readonly reason: StoreUnavailableReason
      /** What failed, naming the operation; never a password or a connection string with one. */
      readonly message: string
    }
  /** What was read moved since (another process committed first): read again and decide again. */
  | { readonly _tag: 'ConcurrentUpdate'; readonly message: string }
  | { readonly _tag: 'NotFound'; readonly message: string }
  /** The database was written by a newer bankfeed: this one refuses to touch it. */
  | {
      readonly _tag: 'SchemaTooNew'
      readonly found: number
      readonly supported: number
      readonly message: string
    }
  /** Another process holds the embedded database (PGlite allows one process per data directory). */
  | {
      readonly _tag: 'StoreLocked'
      readonly path: string
      /** The process holding it, when the lock says. */
      readonly holderPid: number | null
      readonly message: string
    }

/** A store that cannot be used, and why. */
export const storeUnavailable = (reason: StoreUnavailableReason, message: string): StoreError => ({
  _tag: 'StoreUnavailable',
  reason,
  message,
})

/** A stale version: something moved since it was read. */
export const concurrentUpdate = (message: string): StoreError => ({ _tag: 'ConcurrentUpdate', message })

/** Nothing stored under that key. */
export const storeNotFound = (message: string): StoreError => ({ _tag: 'NotFound', message })

/** A database of a newer schema than this version of bankfeed knows. */
export const schemaTooNew = (found: number, supported: number): StoreError => ({
  _tag: 'SchemaTooNew',
  found,
  supported,
  message: `the database has schema version ${found}; this bankfeed supports up to ${supported}: upgrade bankfeed`,
})

/** An embedded database another process holds. */
export const storeLocked = (path: string, holderPid: number | null): StoreError => ({
  _tag: 'StoreLocked',
  path,
  holderPid,
  message: `${path} is in use by ${holderPid === null ? 'another process' : `process ${holderPid}`}: one process at a time may open an embedded database`,
})
