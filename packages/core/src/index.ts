/**
 * @bankfeed/core — the French bank-feed domain: money and dates, RIB/IBAN/BIC, dossiers and their
 * bank accounts, ledger accounts and journals, the prerequisite checklist, and the ports adapters
 * implement. Pure: no I/O, no Node built-ins.
 */

// Results: every fallible function answers one (fp-ts Either / TaskEither)
export { asyncResult, err, errAsync, fromPromise, getOrThrow, isErr, isOk, ok, okAsync } from './result.js'
export type { AsyncResult, Result } from './result.js'

// Money and currencies
export { EUR, currencyCodes, isCurrencyCode, makeCurrencyCode, minorUnit } from './domain/currency.js'
export { currencyCode, localDate, money } from './domain/literals.js'
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
export {
  CounterpartRuleCodec,
  CounterpartRulesFileCodec,
  parseCounterpartRulesJson,
} from './codecs/counterpart-rules.js'
export type { CounterpartRulesFile } from './codecs/counterpart-rules.js'
export { MAX_JSON_DEPTH, nestingDepthIssue } from './codecs/nesting-depth.js'
export { LocalDateCodec, nullable, oneOf } from './codecs/primitives.js'

// Messages for people: one catalog mechanism, French by default and English
export { defineCatalog } from './messages/catalog.js'
export type {
  Catalog,
  CatalogEntries,
  CatalogEntry,
  CatalogItem,
  CatalogTexts,
  Locale,
  ParamsByTag,
} from './messages/catalog.js'

// Prerequisite checklist
export { checkDossier, checkPrerequisites } from './checklist/check-prerequisites.js'
export type { CheckOptions, DossierChecklist } from './checklist/check-prerequisites.js'
export { FINDING_CATALOG, FINDING_CODES, findingMessage } from './checklist/catalog.js'
export type { Checklist, Finding, FindingCode, FindingParamsByCode, Severity } from './checklist/finding.js'

// Ports
export type { BankConnector } from './ports/connector.js'
export type {
  ConnectionRef,
  ConnectorCapabilities,
  Cursor,
  FeedBatch,
  FeedItem,
  FeedNotice,
  PullRequest,
} from './domain/feed.js'
export { ConnectorError } from './domain/connector-error.js'
export type { ConnectorErrorOf } from './domain/connector-error.js'
export { REQUIRED_ACTIONS, REQUIRED_ACTION_TEXTS, isRequiredAction } from './domain/required-action.js'
export type { RequiredAction } from './domain/required-action.js'
export type { Clock } from './ports/clock.js'
export type { Logger } from './ports/logger.js'
export type { LogFields } from './domain/log-fields.js'
export type { Notifier } from './ports/notifier.js'
export type { Notification, NotifierError, Recipient, StoppedConnection } from './domain/notification.js'
export type { EventPublisher } from './ports/event-publisher.js'
export { systemClock } from './adapters/system-clock.js'
export { makeContext } from './adapters/context.js'
export type { Context } from './ports/context.js'
export { consoleLogger, lineLogger, noopLogger } from './adapters/loggers.js'
export type { LogLevel } from './adapters/loggers.js'
export { noopEventPublisher } from './adapters/event-publishers.js'
export { DOMAIN_EVENT_TYPES, DomainEvent } from './domain/domain-event.js'
export type { EntriesGenerated, MovementsIngested, PublishError } from './domain/domain-event.js'
export { DomainEventCodec } from './codecs/domain-event.js'
export type { ConnectionStateStore, DossierStore, LedgerStore } from './ports/stores.js'
export type { ConnectionState, CursorState, LedgerCommit, LedgerKey } from './domain/store-records.js'
export type { StoreError, StoreUnavailableReason } from './domain/store-error.js'
export {
  concurrentUpdate,
  schemaTooNew,
  storeLocked,
  storeNotFound,
  storeUnavailable,
} from './domain/store-error.js'

// Reconciliation: routing, ingestion, balance proofs
export { accountRefOf, buildAccountDirectory, routeAccount, routeItems } from './reconcile/routing.js'
export type {
  AccountDirectory,
  ProviderBinding,
  RoutedAccount,
  RoutedItems,
  UnmatchedAccount,
  UnmatchedReason,
} from './reconcile/routing.js'
export {
  activeMovements,
  applyLedgerChanges,
  concatChanges,
  emptyLedger,
  isEmptyChanges,
} from './reconcile/ledger.js'
export { noChanges } from './domain/ledger-records.js'
export type { AccountLedger } from './reconcile/ledger.js'
export type {
  LedgerChanges,
  LedgerMovement,
  LedgerMovementState,
  LedgerStatement,
  MovementSource,
  RecordedBalance,
} from './domain/ledger-records.js'
export { defaultIngestionSettings, ingest } from './reconcile/ingest.js'
export {
  followUpRequest,
  ledgerOfSlice,
  mergeDayRanges,
  mergeSlices,
  recordsOfLedger,
  sliceOfRecords,
  sliceRequestOf,
  sliceSelection,
} from './reconcile/ledger-slice.js'
export type { SliceSelection } from './reconcile/ledger-slice.js'
export { identityFamily } from './domain/ledger-slice.js'
export type { QueuedItem, UnmatchedChanges } from './domain/unmatched.js'
export { queuedItemId } from './reconcile/unmatched-queue.js'
export {
  BankStatementCodec,
  FeedItemCodec,
  MoneyJsonCodec,
  decodeFeedItem,
  encodeFeedItem,
} from './codecs/feed-item.js'
export type { DayRange, LedgerRecords, LedgerSlice, LedgerSliceRequest } from './domain/ledger-slice.js'
export { nextSeqAfter } from './reconcile/ledger.js'
export { loadWorkingLedgers } from './usecases/working-ledger.js'
export type { WorkingLedgerRequest } from './usecases/working-ledger.js'
export type { IngestionResult, IngestionSettings } from './reconcile/ingest.js'
export type { IngestionReason } from './domain/ingestion-decision.js'
export type { IngestionDecision } from './domain/ingestion-decision.js'
export { contentKey, labelSimilarity, normalizeLabel } from './reconcile/movement-identity.js'
export { proveBalances, proveStatement } from './reconcile/balance-proofs.js'
export type {
  BalanceDiscrepancy,
  BalanceIssue,
  BalanceProofs,
  StatementGap,
  StatementOverlap,
} from './reconcile/balance-proofs.js'

// Entries
export type { EntryLine, JournalEntry, MovementLink } from './domain/journal-entry.js'
export { chooseCounterpart, compileCounterpartRules } from './entries/counterpart-rules.js'
export type {
  CompiledRules,
  CounterpartChoice,
  CounterpartCondition,
  CounterpartRule,
  InvalidCounterpartRule,
} from './entries/counterpart-rules.js'
export { awaitsEntry, bankJournalOf, generateEntries } from './entries/generate-entries.js'
export type {
  EntryGeneration,
  EntryGenerationError,
  EntryGenerationOptions,
  RefusedMovement,
} from './entries/generate-entries.js'

// Use cases and the in-memory store
export { syncAccount, syncConnection } from './usecases/sync-connection.js'
export type {
  AccountSyncReport,
  SyncDeps,
  SyncError,
  SyncReport,
  SyncRequest,
} from './usecases/sync-connection.js'
export { generateEntriesOnDemand } from './usecases/generate-entries-on-demand.js'
export type { GenerateOnDemandError } from './usecases/generate-entries-on-demand.js'
export { makeInMemoryLedgerStore } from './memory/in-memory-ledger-store.js'
export type { InMemoryLedgerStore } from './memory/in-memory-ledger-store.js'
export { firstConnectionState, runCollection } from './usecases/run-collection.js'
export type {
  CollectionRunReport,
  CollectionTarget,
  ConnectionOutcome,
  ConnectionRun,
  FirmNoticeRun,
  RunCollectionDeps,
  RunCollectionRequest,
} from './usecases/run-collection.js'
export { makeInMemoryConnectionStateStore } from './memory/in-memory-connection-state-store.js'
export type { InMemoryConnectionStateStore } from './memory/in-memory-connection-state-store.js'
export { validateEntries } from './entries/validate-entries.js'

// FEC export and checker
export { WAITING_ACCOUNT_FALLBACK_LABEL, toFec } from './entries/fec-export.js'
export type { FecEntryProblem, FecExportError, FecExportOptions, FecFile } from './entries/fec-export.js'
export { FEC_ISSUE_CODES, checkFec, checkFecFileName } from './entries/fec-check.js'
export type {
  FecCheck,
  FecCheckOptions,
  FecFileName,
  FecIssue,
  FecIssueCode,
  FecIssueParamsByCode,
  InvalidFecFileName,
} from './entries/fec-check.js'
export { fecErrorMessage, fecIssueMessage } from './entries/fec-messages.js'
export {
  FEC_COLUMNS,
  FEC_FIELD_SEPARATOR,
  FEC_LINE_SEPARATOR,
  encodeFecLatin9,
  fecFileName,
  formatFecAmount,
  formatFecDate,
  isValidSiren,
  parseFecAmount,
  parseFecDate,
  sanitizeFecText,
} from './entries/fec-format.js'
export type { FecColumn, FecEncodingError, Latin9Options, UnmappableCharacter } from './entries/fec-format.js'

// Connection life cycle and the error report
export { statusAfterPullError, statusAfterPullSuccess } from './domain/connection-status.js'
export type {
  Attachment,
  ConnectionProblem,
  ConnectionStatus,
  PullErrorOptions,
} from './domain/connection-status.js'
export { feedErrorReport } from './report/feed-error-report.js'
export type {
  FeedErrorReport,
  FeedReportAccountInput,
  FeedReportInput,
  FeedReportItem,
} from './report/feed-error-report.js'
export { FEED_REPORT_CATALOG, feedReportMessage } from './report/feed-report-catalog.js'
export type {
  FeedReportCode,
  FeedReportEntryMeta,
  FeedReportParamsByCode,
} from './report/feed-report-catalog.js'

// Connection life cycle
export { enableProtocol } from './lifecycle/enable-protocol.js'
export type { EnableProtocolOptions, NewlyEnabled, ProtocolEnabled } from './lifecycle/enable-protocol.js'
export { changeStartDate, startDateWarnings, validateStartDate } from './lifecycle/start-date.js'
export type { StartDateChange, StartDateWarning } from './lifecycle/start-date.js'
export { ATTACHABLE_PROTOCOLS, detach, isCollecting, planAttach } from './lifecycle/attach.js'
export type { AttachError, AttachMode, AttachOptions, AttachPlan } from './lifecycle/attach.js'
export { attachedClientRecipient } from './lifecycle/recipients.js'
export type { Recipients } from './lifecycle/recipients.js'
export {
  needsReauthentication,
  onConnectorError,
  onReauthenticated,
  resendReauthentication,
} from './lifecycle/reauthentication.js'
export { NO_REAUTH_EMAIL } from './domain/reauth-state.js'
export type {
  ConnectorErrorOptions,
  ConnectorErrorOutcome,
  ReauthenticationLink,
  ResendOptions,
} from './lifecycle/reauthentication.js'
export type { ReauthState } from './domain/reauth-state.js'
export {
  DEFAULT_EXPIRY_WARNING_DAYS,
  consentEndToWarnAbout,
  consentExpiresOnOf,
  expiryWarnings,
} from './lifecycle/consent-expiry.js'
export { firmNoticeMessage, firmNoticesDue, protocolLabel } from './lifecycle/firm-notice.js'
export type {
  ConfigurationCase,
  FirmConfigurationNotice,
  FirmConfigurationProblem,
} from './lifecycle/firm-notice.js'
export type { ExpiryCandidate, ExpiryWarning, ExpiryWarningOptions } from './lifecycle/consent-expiry.js'
export { NIGHTLY_WINDOW, collectionPeriod, isDue } from './lifecycle/collection-window.js'
export type { CollectionWindow, DueDecision, DueInput, DueReason } from './lifecycle/collection-window.js'
export { LIFECYCLE_ERROR_CATALOG, lifecycleErrorMessage } from './lifecycle/messages.js'
export type {
  AlreadyAttached,
  BankAccountNotFound,
  ContactEmailInvalid,
  ContactMissing,
  InvalidCollectionWindow,
  InvalidInstant,
  LifecycleError,
  NoCurrentFiscalYear,
  NotAttached,
  ProtocolNotEnabled,
  ProtocolWithoutAttach,
  StartDateLocked,
  StartDateMissing,
} from './lifecycle/errors.js'
