import type { ConnectionStatus } from './connection-status.js'
import type { CurrencyCode } from './currency.js'
import type { DomainEvent } from './domain-event.js'
import type { Cursor, FeedNotice } from './feed.js'
import type { IngestionDecision } from './ingestion-decision.js'
import type { LedgerChanges } from './ledger-records.js'
import type { LocalDate } from './local-date.js'
import type { ReauthState } from './reauth-state.js'
import type { UnmatchedChanges } from './unmatched.js'

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
    /** The decisions that made the changes, kept for audit (a store may keep only the notable ones). */
    readonly decisions?: ReadonlyArray<IngestionDecision>
  }>
  /** Events to publish once committed: a durable store writes them to its outbox in the same transaction. */
  readonly events?: ReadonlyArray<DomainEvent>
  /** What the connector could not read with this batch, kept for the error report. */
  readonly notices?: ReadonlyArray<FeedNotice>
  /** Items routed nowhere, queued; queued items routed at last, released. */
  readonly unmatched?: UnmatchedChanges
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
