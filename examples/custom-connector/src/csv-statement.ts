import { err, isCurrencyCode, makeIban, makeLocalDate, makeMoney, ok } from '@bankfeed/core'
import { ribFieldsOfIban } from '@bankfeed/core/domain'
import type {
  AccountRef,
  BankStatement,
  CurrencyCode,
  LocalDate,
  Money,
  Movement,
  Result,
} from '@bankfeed/core'

/**
 * The "ACME CSV" statement format: one account, one period, semicolons, French decimal commas and
 * DD/MM/YYYY dates, as many banks export them.
 *
 *     #IBAN;FR76 3000 4008 2800 0105 1234 543
 *     #DEVISE;EUR
 *     #SOLDE_INITIAL;31/01/2026;1 000,00
 *     #SOLDE_FINAL;28/02/2026;2 465,50
 *     Date;Libellé;Débit;Crédit
 *     02/02/2026;PRLV SEPA EDF;30,00;
 *     03/02/2026;VIR SEPA CLIENT MARTIN;;1 500,00
 */
export interface CsvStatement {
  readonly account: AccountRef
  readonly statement: BankStatement
}

/** Why a file is not a readable ACME CSV statement; `line` is 1-based. */
export interface CsvError {
  readonly _tag: 'CsvError'
  readonly line: number
  readonly reason: string
}

type Parsed<A> = Result<CsvError, A>
const fail = (line: number, reason: string): Parsed<never> => err({ _tag: 'CsvError', line, reason })

/** `31/01/2026` → `2026-01-31`, refusing days that do not exist. */
const frenchDate = (text: string, line: number): Parsed<LocalDate> => {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text.trim())
  const d = m === null ? null : makeLocalDate(`${m[3]}-${m[2]}-${m[1]}`)
  return d === null || d._tag === 'Left' ? fail(line, `not a date DD/MM/YYYY: ${text}`) : ok(d.right)
}

/** `1 500,00` → exact money: spaces (also no-break ones) are thousands separators, the comma the decimal point. */
const frenchAmount = (text: string, currency: CurrencyCode, line: number): Parsed<Money> => {
  const money = makeMoney(text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.'), currency)
  return money._tag === 'Left' ? fail(line, `not an amount in ${currency}: ${text}`) : ok(money.right)
}

const accountOf = (iban: string, currency: CurrencyCode): AccountRef => {
  const rib = ribFieldsOfIban(iban)
  return {
    iban,
    bankCode: rib?.bankCode ?? null,
    branchCode: rib?.branchCode ?? null,
    accountNumber: rib?.accountNumber ?? null,
    currency,
    providerAccountId: null,
    name: null,
  }
}

/**
 * Reads one ACME CSV statement. Amounts stay exact (never a JS number); debits become negative
 * movements, credits positive, as core counts from the client's side. Nothing throws: a bad file is
 * a `CsvError` naming the line.
 */
export const parseCsvStatement = (text: string): Parsed<CsvStatement> => {
  const lines = text.split(/\r?\n/).map((l, i) => ({ n: i + 1, cells: l.split(';') }))
  const meta = new Map(lines.filter((l) => l.cells[0]?.startsWith('#')).map((l) => [l.cells[0], l]))
  const field = (name: string): { n: number; cells: string[] } | undefined => meta.get(name)

  const ibanLine = field('#IBAN')
  const iban = makeIban(ibanLine?.cells[1] ?? '')
  if (ibanLine === undefined || iban._tag === 'Left')
    return fail(ibanLine?.n ?? 1, 'missing or invalid #IBAN')
  const currencyLine = field('#DEVISE')
  const code = currencyLine?.cells[1]?.trim() ?? ''
  if (!isCurrencyCode(code)) return fail(currencyLine?.n ?? 1, `missing or unknown #DEVISE: ${code}`)

  const balance = (name: string) => {
    const l = field(name)
    if (l === undefined) return fail(1, `missing ${name}`)
    const date = frenchDate(l.cells[1] ?? '', l.n)
    if (date._tag === 'Left') return date
    const amount = frenchAmount(l.cells[2] ?? '', code, l.n)
    return amount._tag === 'Left' ? amount : ok({ date: date.right, amount: amount.right })
  }
  const opening = balance('#SOLDE_INITIAL')
  if (opening._tag === 'Left') return opening
  const closing = balance('#SOLDE_FINAL')
  if (closing._tag === 'Left') return closing

  const movements: Movement[] = []
  for (const { n, cells } of lines) {
    if (cells[0] === undefined || cells[0].startsWith('#') || cells[0].trim() === '' || cells[0] === 'Date')
      continue
    const [dateText = '', label = '', debit = '', credit = ''] = cells
    const date = frenchDate(dateText, n)
    if (date._tag === 'Left') return date
    if ((debit.trim() === '') === (credit.trim() === ''))
      return fail(n, 'a line has a debit or a credit, not both')
    const amount = frenchAmount(debit.trim() === '' ? credit : `-${debit.trim()}`, code, n)
    if (amount._tag === 'Left') return amount
    movements.push({
      // The format has no transaction ids: core recognises re-delivered lines by their content.
      providerId: null,
      status: 'booked',
      bookingDate: date.right,
      valueDate: null,
      amount: amount.right,
      label: label.trim(),
      reference: null,
      counterpartyName: null,
      interbankCode: null,
      details: [],
    })
  }
  return ok({
    account: accountOf(iban.right, code),
    statement: { currency: code, openingBalance: opening.right, closingBalance: closing.right, movements },
  })
}
