import type { JournalEntry } from './journal-entry.js'
import type { Movement } from './statement.js'
import type { BalanceSnapshot, BankStatement } from './statement.js'

/** Where a movement came from: the connection (a CFONB inbox, a Bridge item, a DSP2 consent…). */
export interface MovementSource {
  readonly protocol: string
  readonly connectionId: string
}

/** What became of a movement in the ledger. */
export type LedgerMovementState =
  /** Counted: part of the account's movements. */
  | 'active'
  /** The provider deleted it after it produced entries: kept, and shown to a person. */
  | 'deletedNeedsReview'

/** A movement as the ledger keeps it. */
export interface LedgerMovement extends Movement {
  /** Ledger id, derived from the source and the provider id, or from the content and its occurrence. */
  readonly id: string
  /**
   * Its place in the ledger's ingestion order, given when it first arrives and kept by its updates:
   * ties between equally good matches go to the lower, and entries list their lines in this order,
   * whatever order a store reads movements back in.
   */
  readonly seq: number
  readonly source: MovementSource
  readonly statementId: string | null
  readonly state: LedgerMovementState
  /** The entry that books it, once generated. */
  readonly entryId: string | null
  /** The pending movement this booked one replaced, if any. */
  readonly replacedPendingId: string | null
  /**
   * Other deliveries that denote this same movement: the provider key of the pending twin it replaced,
   * or of a copy delivered by another connection (cross-source duplicate). Re-deliveries of those
   * resolve here instead of counting twice, and each can claim only one movement.
   */
  readonly aliases: ReadonlyArray<string>
  /**
   * The aliases that are another connection's *pending* copies of this movement. A movement stands
   * for one booked movement of each other connection and its pending copy: that connection's booked
   * copy may still claim it after its pending one did, and the other way round.
   */
  readonly pendingClaims: ReadonlyArray<string>
}

/** A statement as received, with the ledger ids of its movements. */
export interface LedgerStatement {
  readonly id: string
  /**
   * Its place in the ledger's recording order (the sequence movements take theirs from), kept when
   * it is placed again: placing a statement weighs the held ones in this order.
   */
  readonly seq: number
  readonly source: MovementSource
  readonly statement: BankStatement
  /**
   * The ledger id each line of the statement denotes, line by line (the same index as
   * `statement.movements`): a new movement, or the one already held that the line is (another cut of
   * the same days, a copy of another connection's). `null` for a line not taken (before the start date).
   */
  readonly movementIds: ReadonlyArray<string | null>
}

/** A balance reported on its own by an API, as received. */
export interface RecordedBalance {
  readonly source: MovementSource
  readonly balance: BalanceSnapshot
}

/** What the ledger knows of a movement besides what the bank said. */
export type LedgerMeta = Omit<LedgerMovement, keyof Movement>

/**
 * What a decision changes in a ledger, as data: stores apply it in one atomic commit, and
 * {@link applyLedgerChanges} applies it in memory.
 */
export interface LedgerChanges {
  /** Movements new to the ledger: no movement of the ledger has their id. */
  readonly added: ReadonlyArray<LedgerMovement>
  /** Movements replaced by a new version of themselves (same id). */
  readonly updated: ReadonlyArray<LedgerMovement>
  /** Ids of movements removed (pending ones booked under another id, deletions). */
  readonly removed: ReadonlyArray<string>
  /** Statements recorded; one with the id of a held statement replaces it (placed again). */
  readonly statements: ReadonlyArray<LedgerStatement>
  readonly balances: ReadonlyArray<RecordedBalance>
  readonly entries: ReadonlyArray<JournalEntry>
}

/** No change. */
export const noChanges: LedgerChanges = {
  added: [],
  updated: [],
  removed: [],
  statements: [],
  balances: [],
  entries: [],
}
