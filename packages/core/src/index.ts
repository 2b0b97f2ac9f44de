/**
 * @bankfeed/core — the French bank-feed domain: money and dates, RIB/IBAN/BIC, dossiers and their
 * bank accounts, ledger accounts and journals, the prerequisite checklist, and the ports adapters
 * implement. Pure: no I/O, no Node built-ins.
 */

// Money and currencies
export { EUR, currencyCodes, isCurrencyCode, makeCurrencyCode, minorUnit } from './domain/currency.js'
export type { CurrencyCode, InvalidCurrency } from './domain/currency.js'
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
} from './domain/money.js'
export type { CurrencyMismatch, InvalidMoney, Money } from './domain/money.js'

// Calendar dates
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
} from './domain/local-date.js'
export type { InvalidLocalDate, LocalDate } from './domain/local-date.js'
export { fiscalYearContains, fiscalYearOf, fiscalYearsOverlap } from './domain/fiscal-year.js'
export type { FiscalYear } from './domain/fiscal-year.js'

// Bank identifiers
export {
  bbanToRibFields,
  computeRibKey,
  makeRib,
  ribDigits,
  ribFormatProblems,
  ribToBban,
} from './domain/rib.js'
export type { InvalidRib, Rib, RibField, RibFields } from './domain/rib.js'
export {
  computeIbanCheckDigits,
  electronicIban,
  formatIbanPrint,
  ibanCountry,
  isRibCountry,
  makeIban,
  ribFieldsOfIban,
  ribToIban,
} from './domain/iban.js'
export type { Iban, IbanProblem, InvalidIban } from './domain/iban.js'
export { bicCountry, bicMatchesIbanCountry, makeBic } from './domain/bic.js'
export type { Bic, BicProblem, InvalidBic } from './domain/bic.js'

// Dossier entities
export {
  DEFAULT_WAITING_ACCOUNT,
  isBankGlAccount,
  isWaitingGlAccount,
  makeGlAccountNumber,
} from './domain/gl-account.js'
export type { GlAccount, GlAccountNumber, InvalidGlAccountNumber } from './domain/gl-account.js'
export { COUNTERPART_MODES, JOURNAL_TYPES, makeJournalCode } from './domain/journal.js'
export type {
  BankJournal,
  CounterpartMode,
  InvalidJournalCode,
  Journal,
  JournalCode,
  JournalType,
} from './domain/journal.js'
export { SUBSCRIBER_TYPES, isEmailAddress } from './domain/contact.js'
export type { Contact, SubscriberType } from './domain/contact.js'
export { BANK_RETENTION_DAYS, FREQUENCIES, PROTOCOLS } from './domain/feed-settings.js'
export type { FeedSettings, Frequency, Protocol } from './domain/feed-settings.js'
export type { BankAccount } from './domain/bank-account.js'
export { defaultFeedStartDate, findBankAccount } from './domain/dossier.js'
export type { Dossier } from './domain/dossier.js'

// Statements and accounts as protocols see them
export type {
  BalanceKind,
  BalanceSnapshot,
  BankStatement,
  DatedBalance,
  Movement,
  MovementDetail,
  MovementStatus,
} from './domain/statement.js'
export type { AccountRef } from './domain/account-ref.js'

// Dossier JSON v1
export { DossierV1Codec, decodeDossier, encodeDossier, parseDossierJson } from './codecs/dossier-v1.js'
export type { DossierDecodeError } from './codecs/dossier-v1.js'
export { readableErrors } from './codecs/readable-errors.js'
export type { DecodeIssue } from './codecs/readable-errors.js'
export { LocalDateCodec, nullable, oneOf } from './codecs/primitives.js'

// Prerequisite checklist
export { checkDossier, checkPrerequisites } from './checklist/check-prerequisites.js'
export type { CheckOptions, DossierChecklist } from './checklist/check-prerequisites.js'
export { FINDING_CATALOG, FINDING_CODES, findingMessage } from './checklist/catalog.js'
export type {
  Checklist,
  Finding,
  FindingCode,
  FindingParamsByCode,
  Locale,
  Severity,
} from './checklist/finding.js'

// Ports
export type {
  BankConnector,
  ConnectionRef,
  ConnectorCapabilities,
  ConnectorError,
  Cursor,
  FeedBatch,
  FeedItem,
  PullRequest,
} from './ports/connector.js'
export type { Clock } from './ports/clock.js'
export type { LogFields, Logger } from './ports/logger.js'
export type { Notification, Notifier, NotifierError, Recipient } from './ports/notifier.js'
export type { DomainEvent, EventPublisher, PublishError } from './ports/event-publisher.js'
export type { CursorState, CursorStore, DossierStore, LedgerKey, StoreError } from './ports/stores.js'
