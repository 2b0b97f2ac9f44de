/**
 * @bankfeed/core — the French bank-feed engine's main flows: decode and check a dossier, sync a
 * connection into its bank journal, generate entries, export and check a FEC, report what went
 * wrong. Pure: no I/O, no Node built-ins. Everything else is in subpath entries by concern:
 * `@bankfeed/core/connector` (writing a connector), `/domain` (money, dates, RIB/IBAN/BIC and their
 * operations), `/lifecycle` (attach, start dates, re-authentication, consent expiry), `/reconcile`
 * (the ledger rules), `/fec` (the whole FEC format), `/store` (writing a store adapter), `/memory`
 * (in-memory stores).
 *
 * @example
 * ```ts
 * import { checkDossier, getOrThrow, localDate, parseDossierJson } from '@bankfeed/core'
 *
 * const dossier = getOrThrow(parseDossierJson(text), 'dossier.json')
 * const checklist = checkDossier(dossier, { today: localDate('2026-03-15') })
 * ```
 * @module @bankfeed/core
 */

// Results: every fallible function answers one (fp-ts Either / TaskEither underneath)
export { asyncResult, err, errAsync, fromPromise, getOrThrow, isErr, isOk, ok, okAsync } from './result.js'
export type { AsyncResult, Result } from './result.js'

// Values: literals for code, constructors for input
export { currencyCode, localDate, money } from './domain/literals.js'
export { EUR, isCurrencyCode, makeCurrencyCode } from './domain/currency.js'
export type { CurrencyCode, InvalidCurrency } from './domain/currency.js'
export { Dec, formatMoneyFr, makeMoney } from './domain/money.js'
export type { InvalidMoney, Money } from './domain/money.js'
export { formatLocalDateFr, isLocalDate, localDateOfInstant, makeLocalDate } from './domain/local-date.js'
export type { InvalidLocalDate, LocalDate } from './domain/local-date.js'
export { makeRib } from './domain/rib.js'
export type { InvalidRib, Rib, RibField, RibFields } from './domain/rib.js'
export { makeIban } from './domain/iban.js'
export type { Iban, IbanProblem, InvalidIban } from './domain/iban.js'
export { makeBic } from './domain/bic.js'
export type { Bic, BicProblem, InvalidBic } from './domain/bic.js'

// Dossiers: the JSON v1 document, its entities, and the prerequisite checklist
export { decodeDossier, encodeDossier, parseDossierJson } from './codecs/dossier-v1.js'
export type { DossierDecodeError } from './codecs/dossier-v1.js'
export type { DecodeIssue } from './codecs/readable-errors.js'
export { findBankAccount } from './domain/dossier.js'
export type { Dossier } from './domain/dossier.js'
export type { BankAccount } from './domain/bank-account.js'
export type { GlAccount, GlAccountNumber } from './domain/gl-account.js'
export type { BankJournal, CounterpartMode, Journal, JournalCode, JournalType } from './domain/journal.js'
export type { Contact, SubscriberType } from './domain/contact.js'
export type { FeedSettings, Frequency, Protocol } from './domain/feed-settings.js'
export type { FiscalYear } from './domain/fiscal-year.js'
export { checkDossier, checkPrerequisites } from './checklist/check-prerequisites.js'
export type { CheckOptions, DossierChecklist } from './checklist/check-prerequisites.js'
export { FINDING_CATALOG, findingMessage } from './checklist/catalog.js'
export type { Checklist, Finding, FindingCode, FindingParamsByCode, Severity } from './checklist/finding.js'

// Statements and movements, as connectors deliver them
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
export type { ConnectorErrorBase, ConnectorErrorOf } from './domain/connector-error.js'
export type { RequiredAction } from './domain/required-action.js'

// Syncing: one connection, one account, or the nightly collection of many
export { syncAccount, syncConnection } from './usecases/sync-connection.js'
export type {
  AccountSyncReport,
  SyncDeps,
  SyncError,
  SyncReport,
  SyncRequest,
} from './usecases/sync-connection.js'
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
export type {
  IngestionDecision,
  IngestionReason,
  StatementPlacementKind,
} from './domain/ingestion-decision.js'
export type { ProviderBinding, UnmatchedAccount, UnmatchedReason } from './reconcile/routing.js'
export type { AccountLedger, LedgerIndex } from './reconcile/ledger.js'
export type { CollectionWindow, DueReason } from './lifecycle/collection-window.js'
export type { FirmConfigurationNotice, FirmConfigurationProblem } from './lifecycle/firm-notice.js'
export type { Recipients } from './lifecycle/recipients.js'
export type { ReauthState } from './domain/reauth-state.js'

// Entries: counterpart rules, generation, validation
export { compileCounterpartRules } from './entries/counterpart-rules.js'
export type {
  CompiledRule,
  CompiledRules,
  CounterpartChoice,
  CounterpartCondition,
  CounterpartRule,
  InvalidCounterpartRule,
} from './entries/counterpart-rules.js'
export { parseCounterpartRulesJson } from './codecs/counterpart-rules.js'
export type { CounterpartRulesFile } from './codecs/counterpart-rules.js'
export { generateEntriesOnDemand } from './usecases/generate-entries-on-demand.js'
export type { GenerateOnDemandError } from './usecases/generate-entries-on-demand.js'
export { generateEntries } from './entries/generate-entries.js'
export type {
  EntryGeneration,
  EntryGenerationError,
  EntryGenerationOptions,
  RefusedMovement,
} from './entries/generate-entries.js'
export { validateEntries } from './entries/validate-entries.js'
export type { EntryLine, JournalEntry, MovementLink } from './domain/journal-entry.js'

// The FEC: export, file name, checker (the whole format is in @bankfeed/core/fec)
export { toFec } from './entries/fec-export.js'
export type { FecEntryProblem, FecExportError, FecExportOptions, FecFile } from './entries/fec-export.js'
export { FEC_ISSUE_CODES, checkFec } from './entries/fec-check.js'
export type {
  FecCheck,
  FecCheckOptions,
  FecIssue,
  FecIssueCode,
  FecIssueParamsByCode,
} from './entries/fec-check.js'
export { FEC_COLUMNS, fecFileName } from './entries/fec-format.js'
export type { FecColumn } from './entries/fec-format.js'
export { fecErrorMessage, fecIssueMessage } from './entries/fec-messages.js'

// What went wrong: the feed error report and the life cycle's messages
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
export { lifecycleErrorMessage } from './lifecycle/messages.js'
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
export type { Attachment, ConnectionProblem, ConnectionStatus } from './domain/connection-status.js'

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

// Ports and the production adapters of the cross-cutting ones
export type { Context } from './ports/context.js'
export type { Clock } from './ports/clock.js'
export type { Logger } from './ports/logger.js'
export type { LogFields } from './domain/log-fields.js'
export type { EventPublisher } from './ports/event-publisher.js'
export type { Notifier } from './ports/notifier.js'
export type { Notification, NotifierError, Recipient, StoppedConnection } from './domain/notification.js'
export type { ConnectionStateStore, DossierStore, LedgerStore } from './ports/stores.js'
export type { ConnectionState, CursorState, LedgerCommit, LedgerKey } from './domain/store-records.js'
export type { DayRange, LedgerRecords, LedgerSlice, LedgerSliceRequest } from './domain/ledger-slice.js'
export type {
  LedgerChanges,
  LedgerMovement,
  LedgerMovementState,
  LedgerStatement,
  MovementSource,
  RecordedBalance,
} from './domain/ledger-records.js'
export type { QueuedItem, UnmatchedChanges } from './domain/unmatched.js'
export type { StoreError, StoreUnavailableReason } from './domain/store-error.js'
export { makeContext } from './adapters/context.js'
export { systemClock } from './adapters/system-clock.js'
export { consoleLogger, lineLogger, noopLogger } from './adapters/loggers.js'
export type { LogLevel } from './adapters/loggers.js'
export { noopEventPublisher } from './adapters/event-publishers.js'
export { DomainEvent } from './domain/domain-event.js'
export type {
  EntriesGenerated,
  EventEnvelope,
  EventOrigin,
  MovementsIngested,
  PublishError,
} from './domain/domain-event.js'
