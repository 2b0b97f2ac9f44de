import type { LocalDate } from '../domain/local-date.js'
import type { Money } from '../domain/money.js'
import type { LedgerMovement } from './ledger-records.js'

/**
 * What ingestion decided for one incoming item, with a machine-readable reason (`_tag`) and what a
 * person needs to understand it.
 */
export type IngestionDecision =
  /** A movement not seen before: added. */
  | { readonly _tag: 'New'; readonly movement: LedgerMovement }
  /** The same provider id from the same connection, unchanged: ignored. */
  | { readonly _tag: 'DuplicateProviderId'; readonly movementId: string }
  /**
   * The same line (date, amount, label) already received from this connection as many times as it
   * occurs here: ignored. Identical real twins occur twice and are both kept.
   */
  | { readonly _tag: 'DuplicateContent'; readonly movementId: string; readonly occurrence: number }
  /**
   * The provider changed a movement it had sent (label, date, amount, status). `needsReview` when the
   * movement already produced entries and its date or amount changed: the entries are not rewritten.
   */
  | {
      readonly _tag: 'UpdatedByProvider'
      readonly before: LedgerMovement
      readonly after: LedgerMovement
      readonly needsReview: boolean
    }
  /** A booked movement claimed its pending twin (same amount, date within the window): the pending one goes. */
  | {
      readonly _tag: 'PendingBooked'
      readonly pendingId: string
      readonly movement: LedgerMovement
      readonly dayGap: number
    }
  /**
   * A pending movement arriving after its booked twin (same amount, date within the window): it is
   * that movement, already counted; its key becomes an alias of the booked one.
   */
  | {
      readonly _tag: 'PendingAlreadyBooked'
      readonly pendingId: string
      readonly movementId: string
      readonly dayGap: number
    }
  /** The provider deleted a movement that had produced no entry: removed. */
  | { readonly _tag: 'Deleted'; readonly movementId: string; readonly wasPending: boolean }
  /**
   * The provider deleted a movement after it produced its entry and sent it again under a new id
   * (Bridge may delete and re-create transactions): the new one takes over the deleted one's identity
   * (its key becomes an alias) and entry, so the journal books it once. `needsReview` when its date
   * changed: the entry keeps the old date.
   */
  | {
      readonly _tag: 'RecreatedByProvider'
      readonly movement: LedgerMovement
      readonly replacedId: string
      readonly entryId: string
      readonly dayGap: number
      readonly needsReview: boolean
    }
  /**
   * A line of a statement that overlaps statements already held (another cut of the same days): it
   * is one of their lines, already counted.
   */
  | { readonly _tag: 'AlreadyHeld'; readonly movementId: string; readonly statementId: string }
  /** The provider deleted a booked movement that already produced entries: kept and flagged. */
  | { readonly _tag: 'DeletedNeedsReview'; readonly movementId: string; readonly entryId: string }
  /**
   * The provider deleted a copy already merged into another movement (a pending one since booked under
   * its own id, another connection's copy): the movement stays, nothing changes.
   */
  | { readonly _tag: 'DeletionOfMerged'; readonly providerId: string; readonly movementId: string }
  /** A deletion of a movement the ledger never had (or already removed): nothing to do. */
  | { readonly _tag: 'DeletionOfUnknown'; readonly providerId: string }
  /** Booked before the feed's start date: ignored, and reported. */
  | {
      readonly _tag: 'BeforeStartDate'
      readonly providerId: string | null
      readonly bookingDate: LocalDate
      readonly amount: Money
      readonly label: string
      readonly startDate: LocalDate
    }
  /**
   * The account is fed by another connection too (say CFONB files, then DSP2) and that one already
   * delivered this movement: same amount, dates `dayGap` apart, labels `labelSimilarity` alike.
   */
  | {
      readonly _tag: 'CrossSourceDuplicate'
      readonly matchedId: string
      readonly matchedConnectionId: string
      readonly dayGap: number
      readonly labelSimilarity: number
      readonly bookingDate: LocalDate
      readonly amount: Money
    }
  /** An amount in another currency than the account's: refused, nothing of it applied. */
  | {
      readonly _tag: 'CurrencyMismatch'
      readonly expected: string
      readonly received: string
      readonly what: 'movement' | 'statement' | 'balance'
      readonly date: LocalDate
    }
  /**
   * A statement stored (its movements have their own decisions), and where it sits in its
   * connection's balance chain: it `continues` a held statement (opens on its closing), `precedes`
   * one (closes on its opening), sits `between` two, is `detached` from all (a gap the balance
   * proofs report), or `overlap`s held statements (`overlaps`), of which only the lines their span
   * lacks are new.
   */
  | {
      readonly _tag: 'StatementRecorded'
      readonly statementId: string
      readonly placement: StatementPlacementKind
      readonly overlaps: ReadonlyArray<string>
    }
  /**
   * A statement held as another cut of earlier ones turned out, beside one received now, to continue
   * the chain instead (a day's parts out of order whose lines repeat each other): `newLines` of its
   * lines, taken then for held ones, are new movements after all.
   */
  | { readonly _tag: 'StatementReplaced'; readonly statementId: string; readonly newLines: number }
  /** The very same statement received again: nothing of it changes. */
  | { readonly _tag: 'StatementDuplicate'; readonly statementId: string }
  /** A balance reported by an API, stored for the balance proofs. */
  | { readonly _tag: 'BalanceRecorded'; readonly date: LocalDate }
  /** The very same balance received again. */
  | { readonly _tag: 'BalanceDuplicate'; readonly date: LocalDate }

/** Where a statement sits in its connection's balance chain (see `StatementRecorded`). */
export type StatementPlacementKind = 'continues' | 'precedes' | 'between' | 'detached' | 'overlap'

/** The reason codes of {@link IngestionDecision}. */
export type IngestionReason = IngestionDecision['_tag']
