import { findBankAccount } from '../domain/dossier.js'
import type { Dossier } from '../domain/dossier.js'
import type { LocalDate } from '../domain/local-date.js'
import { FINDING_CATALOG } from './catalog.js'
import { checkAttachedContact } from './check-contact.js'
import { checkBankIdentifiers, checkIdentity } from './check-bank-account.js'
import { checkFeed } from './check-feed.js'
import { checkFiscalYears } from './check-fiscal-years.js'
import { checkGlAccount } from './check-gl-account.js'
import { checkJournal } from './check-journal.js'
import { checkWaitingAccount } from './check-waiting-account.js'
import type { Check, RawFinding } from './context.js'
import type { Locale } from '../messages/catalog.js'
import type { Checklist, Finding } from './finding.js'

/** Options of the checks: the day they are run (never read from a clock here) and the language. */
export interface CheckOptions {
  readonly today: LocalDate
  /** `fr` (default) or `en`. */
  readonly locale?: Locale
}

/** The checks in the order a person fixes things: bank account, ledger, journal, years, feed. */
const CHECKS: ReadonlyArray<Check> = [
  checkIdentity,
  checkBankIdentifiers,
  checkGlAccount,
  checkJournal,
  checkFiscalYears,
  checkFeed,
  checkWaitingAccount,
  checkAttachedContact,
]

const present = (rawFinding: RawFinding, locale: Locale): Finding => ({
  ...rawFinding,
  severity: FINDING_CATALOG.entry(rawFinding.code).severity,
  message: FINDING_CATALOG.messageOf(rawFinding, locale),
})

const checklistOf = (findings: ReadonlyArray<Finding>): Checklist => ({
  ok: findings.every((f) => f.severity !== 'blocking'),
  findings,
})

/**
 * Checks that one bank account of a dossier is ready for a feed: the bank account itself (RIB with
 * its key, IBAN, BIC, holder), the 512 account linked to it, its bank journal (type bank, counterpart
 * that 512, pied de page), the fiscal years, the feed settings and the contact who gets the e-mails.
 * Never throws on a decoded dossier.
 */
export const checkPrerequisites = (
  dossier: Dossier,
  bankAccountId: string,
  options: CheckOptions,
): Checklist => {
  const locale = options.locale ?? 'fr'
  const found = findBankAccount(dossier, bankAccountId)
  if (found === undefined)
    return checklistOf([
      present({ code: 'BANK_ACCOUNT_NOT_FOUND', path: 'bankAccounts', params: { bankAccountId } }, locale),
    ])
  const ctx = { dossier, account: found.account, index: found.index, today: options.today }
  return checklistOf(CHECKS.flatMap((check) => check(ctx)).map((f) => present(f, locale)))
}

/** The checklist of every bank account of a dossier. */
export interface DossierChecklist {
  /** True iff every bank account's checklist is. A dossier without bank accounts is not ready. */
  readonly ok: boolean
  readonly bankAccounts: ReadonlyArray<{ readonly bankAccountId: string } & Checklist>
}

/** Runs {@link checkPrerequisites} for every bank account of the dossier. */
export const checkDossier = (dossier: Dossier, options: CheckOptions): DossierChecklist => {
  const bankAccounts = dossier.bankAccounts.map((a) => ({
    bankAccountId: a.id,
    ...checkPrerequisites(dossier, a.id, options),
  }))
  return { ok: bankAccounts.length > 0 && bankAccounts.every((a) => a.ok), bankAccounts }
}
