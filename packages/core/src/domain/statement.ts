import type { CurrencyCode } from './currency.js'
import type { LocalDate } from './local-date.js'
import type { Money } from './money.js'

/** A movement is `booked` once the bank has posted it; `pending` ones may still change or vanish. */
export type MovementStatus = 'booked' | 'pending'

/** A free-form complement of a movement as the bank gave it (a CFONB 05 record, an API field). */
export interface MovementDetail {
  /** The CFONB qualifier (`LIB`, `NBE`, `REF`…) or the API field name. */
  readonly qualifier: string
  readonly text: string
}

/** One line of a bank statement. The amount is signed from the client's side: positive is money in. */
export interface Movement {
  /** The provider's stable id (API transaction id); `null` for file formats that have none. */
  readonly providerId: string | null
  readonly status: MovementStatus
  /** Date d'opération / de comptabilisation: the calendar day on the bank's books. */
  readonly bookingDate: LocalDate
  /** Date de valeur, when the bank gives one. */
  readonly valueDate: LocalDate | null
  readonly amount: Money
  /** The bank's label, kept raw: entries and rules read it as the bank wrote it. */
  readonly label: string
  readonly reference: string | null
  readonly counterpartyName: string | null
  /** CFONB interbank operation code (`B1`, `05`…), when the source has one. */
  readonly interbankCode: string | null
  readonly details: ReadonlyArray<MovementDetail>
}

/** A dated balance. */
export interface DatedBalance {
  readonly date: LocalDate
  readonly amount: Money
}

/** A statement (relevé): opening balance, movements, closing balance, for one account and period. */
export interface BankStatement {
  readonly currency: CurrencyCode
  readonly openingBalance: DatedBalance
  readonly closingBalance: DatedBalance
  readonly movements: ReadonlyArray<Movement>
}

/** What a balance reported by an API means. */
export type BalanceKind = 'booked' | 'current' | 'available'

/** A balance reported on its own by an API, without the movements that explain it. */
export interface BalanceSnapshot {
  readonly kind: BalanceKind
  readonly date: LocalDate
  readonly amount: Money
}
