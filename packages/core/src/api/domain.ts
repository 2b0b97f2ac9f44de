/**
 * @bankfeed/core/domain — the values of French bookkeeping and banking with every operation on
 * them: exact money and currencies, calendar dates in Paris, RIB, IBAN and BIC with their keys and
 * conversions, ledger account numbers, journals, contacts, feed settings and fiscal years. The root
 * entry has their types and constructors; this entry has the rest.
 *
 * @example
 * ```ts
 * import { addDays, computeRibKey, ribToIban, sumMoney } from '@bankfeed/core/domain'
 * ```
 * @module @bankfeed/core/domain
 */
export { EUR, currencyCodes, isCurrencyCode, makeCurrencyCode, minorUnit } from '../domain/currency.js'
export type { CurrencyCode, InvalidCurrency } from '../domain/currency.js'
export { currencyCode, localDate, money } from '../domain/literals.js'
export {
  Dec,
  addMoney,
  equalsMoney,
  formatMoneyAmount,
  formatMoneyFr,
  makeMoney,
  moneyFromMinorUnits,
  negateMoney,
  subtractMoney,
  sumMoney,
  zeroMoney,
} from '../domain/money.js'
export type { CurrencyMismatch, InvalidMoney, Money } from '../domain/money.js'
export {
  PARIS,
  addDays,
  addMonths,
  compareLocalDate,
  daysBetween,
  formatLocalDateFr,
  isLocalDate,
  localDateOf,
  localDateOfInstant,
  makeLocalDate,
  maxLocalDate,
  minLocalDate,
} from '../domain/local-date.js'
export type { InvalidLocalDate, LocalDate } from '../domain/local-date.js'
export { fiscalYearContains, fiscalYearOf, fiscalYearsOverlap } from '../domain/fiscal-year.js'
export type { FiscalYear } from '../domain/fiscal-year.js'
export {
  bbanToRibFields,
  computeRibKey,
  makeRib,
  ribDigits,
  ribFormatProblems,
  ribToBban,
} from '../domain/rib.js'
export type { InvalidRib, Rib, RibField, RibFields } from '../domain/rib.js'
export {
  computeIbanCheckDigits,
  electronicIban,
  formatIbanPrint,
  ibanCountry,
  isRibCountry,
  makeIban,
  ribFieldsOfIban,
  ribToIban,
} from '../domain/iban.js'
export type { Iban, IbanProblem, InvalidIban } from '../domain/iban.js'
export { bicCountry, bicMatchesIbanCountry, makeBic } from '../domain/bic.js'
export type { Bic, BicProblem, InvalidBic } from '../domain/bic.js'
export {
  DEFAULT_WAITING_ACCOUNT,
  isBankGlAccount,
  isWaitingGlAccount,
  makeGlAccountNumber,
} from '../domain/gl-account.js'
export type { GlAccount, GlAccountNumber, InvalidGlAccountNumber } from '../domain/gl-account.js'
export { COUNTERPART_MODES, JOURNAL_TYPES, makeJournalCode } from '../domain/journal.js'
export type {
  BankJournal,
  CounterpartMode,
  InvalidJournalCode,
  Journal,
  JournalCode,
  JournalType,
} from '../domain/journal.js'
export { SUBSCRIBER_TYPES, isEmailAddress } from '../domain/contact.js'
export type { Contact, SubscriberType } from '../domain/contact.js'
export { BANK_RETENTION_DAYS, FREQUENCIES, PROTOCOLS } from '../domain/feed-settings.js'
export type { FeedSettings, Frequency, Protocol } from '../domain/feed-settings.js'
export type { BankAccount } from '../domain/bank-account.js'
export { defaultFeedStartDate, findBankAccount } from '../domain/dossier.js'
export type { Dossier } from '../domain/dossier.js'
export type {
  BalanceKind,
  BalanceSnapshot,
  BankStatement,
  DatedBalance,
  Movement,
  MovementDetail,
  MovementStatus,
} from '../domain/statement.js'
export type { AccountRef } from '../domain/account-ref.js'
