import { computeIbanCheckDigits, computeRibKey, zeroMoney } from '@bankfeed/core/domain'
import { localDateOfInstant, makeCurrencyCode, makeLocalDate, makeMoney } from '@bankfeed/core'
import type { AccountRef, BankStatement, LocalDate, Money, Movement } from '@bankfeed/core'
import { err, isErr, isOk, ok } from '@bankfeed/core/connector'
import type { Result } from '@bankfeed/core/connector'
import type { CfonbAmount, CfonbMovement, CfonbStatement } from './types.js'

/** A parsed CFONB statement as core domain values: the account as the file names it, and the statement. */
export interface CfonbDomainStatement {
  readonly account: AccountRef
  readonly statement: BankStatement
}

/**
 * A value of a parsed statement that core refuses (unknown currency, an amount with more decimals
 * than its currency has, a date that is no calendar day): the statement cannot be mapped at all.
 */
export interface CfonbMappingError {
  readonly _tag: 'CfonbMappingError'
  /** 1-based line of the record concerned. */
  readonly line: number
  /** `currency`, `amount`, `bookingDate`, `valueDate`, `openingBalance.amount`, `closingBalance.date`… */
  readonly field: string
  /** The value refused, as the parser read it (`12500.375`, `XYZ`). */
  readonly value: string
  readonly message: string
}

/** The outcome of {@link toDomainStatement}: core's {@link Result}, the statement or why it cannot be mapped. */
export type CfonbMappingResult = Result<CfonbMappingError, CfonbDomainStatement>

/** Collects the first error while a statement is converted, so conversion reads straight through. */
interface Collector {
  error: CfonbMappingError | null
}

// Stands in for a date that could not be read: the result is a `Left` then, so it is never used.
const NO_DATE: LocalDate = localDateOfInstant(0, 'UTC')

const fail = <A>(
  c: Collector,
  fallback: A,
  line: number,
  field: string,
  value: string,
  message: string,
): A => {
  c.error ??= { _tag: 'CfonbMappingError', line, field, value, message }
  return fallback
}

/** The name of the other party: the payer of money in, the beneficiary of money out, else any name given. */
const counterpartyOf = (m: CfonbMovement): string | null => {
  const wanted = m.amount.minorUnits > 0n ? ['NPY', 'NPO'] : ['NBE', 'NBU']
  const names = m.details.filter((d) => ['NPY', 'NPO', 'NBE', 'NBU'].includes(d.qualifier))
  const found = names.find((d) => wanted.includes(d.qualifier)) ?? names[0]
  return found === undefined || found.text.trim() === '' ? null : found.text.trim()
}

/**
 * The account a CFONB statement names: bank, branch and account number, its currency and, since a
 * French account number always has one, the computed RIB key and IBAN (which routing may match).
 */
export const accountRefOfCfonb = (
  s: Pick<CfonbStatement, 'bankCode' | 'branchCode' | 'accountNumber' | 'currency'>,
): AccountRef => {
  const wellFormed =
    /^\d{5}$/.test(s.bankCode) && /^\d{5}$/.test(s.branchCode) && /^[0-9A-Z]{11}$/.test(s.accountNumber)
  const bban = wellFormed
    ? `${s.bankCode}${s.branchCode}${s.accountNumber}${computeRibKey(s.bankCode, s.branchCode, s.accountNumber)}`
    : null
  return {
    iban: bban === null ? null : `FR${computeIbanCheckDigits('FR', bban)}${bban}`,
    bankCode: s.bankCode,
    branchCode: s.branchCode,
    accountNumber: s.accountNumber,
    currency: s.currency,
    providerAccountId: null,
    name: null,
  }
}

/**
 * Turns a parsed statement into core values: exact `Money` in the statement's currency, calendar
 * dates, movements (booked, no provider id: files have none) with their raw label, reference,
 * interbank code, counterparty name from the 05 details, and every detail as `{ qualifier, text }`.
 * Any value core refuses, a balance as much as a movement, makes the whole statement a `Left`
 * naming the first one (line, field, value): nothing is ever replaced by a default.
 */
export const toDomainStatement = (s: CfonbStatement): CfonbMappingResult => {
  const c: Collector = { error: null }
  const currencyResult = makeCurrencyCode(s.currency)
  if (isErr(currencyResult))
    return err({
      _tag: 'CfonbMappingError',
      line: s.firstLine,
      field: 'currency',
      value: s.currency,
      message: `unknown currency ${s.currency}`,
    })
  const currency = currencyResult.right
  // A refused value gets a placeholder only so that conversion can read straight through; the
  // collector's error then discards the whole result, placeholders included.
  const money = (amount: CfonbAmount, line: number, field: string): Money => {
    const m = makeMoney(amount.value, currency)
    return isOk(m)
      ? m.right
      : fail(
          c,
          zeroMoney(currency),
          line,
          field,
          amount.value,
          `${field} ${amount.value} does not fit ${currency} (${m.left._tag})`,
        )
  }
  const date = (value: string, line: number, field: string): LocalDate => {
    const d = makeLocalDate(value)
    return isOk(d)
      ? d.right
      : fail(c, NO_DATE, line, field, value, `${field} is not a calendar date: ${value}`)
  }
  // File order, so that the error reported is the first one in the file.
  const openingBalance = {
    date: date(s.openingBalance.date, s.openingBalance.line, 'openingBalance.date'),
    amount: money(s.openingBalance.amount, s.openingBalance.line, 'openingBalance.amount'),
  }
  const movements: Movement[] = s.movements.map((m) => ({
    providerId: null,
    status: 'booked',
    bookingDate: date(m.bookingDate, m.line, 'bookingDate'),
    valueDate: m.valueDate === null ? null : date(m.valueDate, m.line, 'valueDate'),
    amount: money(m.amount, m.line, 'amount'),
    label: m.label,
    reference: m.reference === '' ? null : m.reference,
    counterpartyName: counterpartyOf(m),
    interbankCode: m.interbankCode === '' ? null : m.interbankCode,
    details: m.details.map((d) => ({ qualifier: d.qualifier, text: d.text })),
  }))
  const closingBalance = {
    date: date(s.closingBalance.date, s.closingBalance.line, 'closingBalance.date'),
    amount: money(s.closingBalance.amount, s.closingBalance.line, 'closingBalance.amount'),
  }
  if (c.error !== null) return err(c.error)
  return ok({
    account: accountRefOfCfonb(s),
    statement: { currency, openingBalance, closingBalance, movements },
  })
}
