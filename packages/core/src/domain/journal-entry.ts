import type { CurrencyCode } from '../domain/currency.js'
import type { LocalDate } from '../domain/local-date.js'
import type { Dec } from '../domain/money.js'

/** Which bank movement (and statement) a line comes from: entries stay traceable to the bank. */
export interface MovementLink {
  /** The ledger id of the movement (stable across re-imports). */
  readonly movementId: string
  /** The ledger id of the statement it was delivered in, when it came in one. */
  readonly statementId: string | null
}

/**
 * One line of a journal entry. Exactly one of `debit` and `credit` is positive, the other zero; both
 * are in the entry's currency, never negative.
 */
export interface EntryLine {
  /** General-ledger account number (CompteNum). */
  readonly account: string
  /** Auxiliary (third-party) account (CompAuxNum), when the counterpart rule names one. */
  readonly auxiliary: string | null
  /** EcritureLib: the raw bank label for movement lines, "Total recettes" / "Total dépenses" for footers. */
  readonly label: string
  readonly debit: Dec
  readonly credit: Dec
  /** The movement this line books, or `null` for a footer 512 line totalling several movements. */
  readonly movement: MovementLink | null
}

/** A balanced double-entry record of the bank journal. */
export interface JournalEntry {
  /** Deterministic id: generating again for the same movements gives the same id. */
  readonly id: string
  readonly dossierCode: string
  readonly bankAccountId: string
  readonly journalCode: string
  readonly journalLabel: string
  /** EcritureDate: the booking date of the movements it books (one date per entry). */
  readonly date: LocalDate
  /** PieceRef: the statement reference or the movement's reference. */
  readonly pieceRef: string
  readonly pieceDate: LocalDate
  /** EcritureLib of the entry as a whole. */
  readonly label: string
  readonly currency: CurrencyCode
  readonly lines: ReadonlyArray<EntryLine>
  /** ValidDate: when the entry became irreversible, if it has. */
  readonly validatedOn: LocalDate | null
}
