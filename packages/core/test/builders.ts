import { currencyCode } from '../src/domain/literals.js'
import { localDate } from '../src/domain/literals.js'
import { E } from '../src/fp.js'
import type { AccountRef } from '../src/domain/account-ref.js'
import type { LocalDate } from '../src/domain/local-date.js'
import { makeMoney } from '../src/domain/money.js'
import type { Money } from '../src/domain/money.js'
import type { BankStatement, Movement } from '../src/domain/statement.js'

/** Euros from a decimal string, for tests. */
export const eur = (amount: string, currency = 'EUR'): Money => {
  const m = makeMoney(amount, currency)
  if (E.isLeft(m)) throw new Error(`bad test amount ${amount}`)
  return m.right
}

/** A calendar date, for tests. */
export const day = (d: string): LocalDate => localDate(d)

/** A booked movement with sensible defaults. */
export const mv = (date: string, amount: string, label: string, extra: Partial<Movement> = {}): Movement => ({
  providerId: null,
  status: 'booked',
  bookingDate: day(date),
  valueDate: null,
  amount: eur(amount, extra.amount?.currency ?? 'EUR'),
  label,
  reference: null,
  counterpartyName: null,
  interbankCode: null,
  details: [],
  ...extra,
})

/** A statement whose closing balance is opening + movements unless `closing` says otherwise. */
export const stmt = (
  opening: { readonly date: string; readonly amount: string },
  movements: ReadonlyArray<Movement>,
  closing?: { readonly date: string; readonly amount: string },
): BankStatement => {
  const total = movements.reduce((acc, m) => acc.plus(m.amount.amount), eur(opening.amount).amount)
  const closingDate =
    closing?.date ?? movements.reduce((d, m) => (m.bookingDate > d ? m.bookingDate : d), opening.date)
  return {
    currency: currencyCode('EUR'),
    openingBalance: { date: day(opening.date), amount: eur(opening.amount) },
    closingBalance: {
      date: day(closingDate),
      amount: closing === undefined ? { amount: total, currency: currencyCode('EUR') } : eur(closing.amount),
    },
    movements,
  }
}

/** The account reference of the quickstart's BNP account. */
export const bnpRef: AccountRef = {
  iban: 'FR7630004008280001051234543',
  bankCode: '30004',
  branchCode: '00828',
  accountNumber: '00010512345',
  currency: 'EUR',
  providerAccountId: null,
  name: null,
}
