import type { BankAccount } from './bank-account.js'
import type { Contact } from './contact.js'
import { fiscalYearOf } from './fiscal-year.js'
import type { FiscalYear } from './fiscal-year.js'
import type { GlAccount } from './gl-account.js'
import type { Journal } from './journal.js'
import type { LocalDate } from './local-date.js'

/** One client company's accounting file, as the firm set it up. */
export interface Dossier {
  readonly version: 1
  /** The dossier code in the firm, e.g. `CCH001`. */
  readonly code: string
  readonly name: string
  /** 9-digit SIREN; names the FEC file. */
  readonly siren: string | null
  /** On a collaborative dossier the client attaches his bank accounts himself. */
  readonly collaborative: boolean
  readonly fiscalYears: ReadonlyArray<FiscalYear>
  readonly contacts: ReadonlyArray<Contact>
  readonly bankAccounts: ReadonlyArray<BankAccount>
  readonly glAccounts: ReadonlyArray<GlAccount>
  readonly journals: ReadonlyArray<Journal>
  /** Counterpart of movements no rule assigns; `null` means 471000. */
  readonly waitingAccount: string | null
}

/**
 * The first day collected when a bank account names none: the start of the fiscal year that contains
 * `today` (the seed's default), or `null` when no fiscal year does.
 */
export const defaultFeedStartDate = (dossier: Dossier, today: LocalDate): LocalDate | null =>
  fiscalYearOf(dossier.fiscalYears, today)?.start ?? null

/** The bank account with this id and its index in the dossier, or `undefined`. */
export const findBankAccount = (
  dossier: Dossier,
  bankAccountId: string,
): { readonly account: BankAccount; readonly index: number } | undefined => {
  const index = dossier.bankAccounts.findIndex((a) => a.id === bankAccountId)
  const account = dossier.bankAccounts[index]
  return account === undefined ? undefined : { account, index }
}
