/**
 * @bankfeed/testkit — test tools for bankfeed and what is built on it: fast-check arbitraries of
 * French banking data, in-memory adapters of every core port, the connector contract and the
 * reconciliation laws as suites any package can run.
 *
 * @module @bankfeed/testkit
 */

// Arbitraries
export { frenchBicArb, frenchIbanArb, ibanOfRib, ribFieldsArb } from './bank-identifiers.js'
export { day, localDateArb } from './dates.js'
export { currencyArb, euroArb, moneyArb } from './money.js'
export { dossierArb } from './dossier.js'
export type { DossierArbOptions } from './dossier.js'
export { DOSSIER_DEFECTS, dossierWithDefectArb } from './dossier-defects.js'
export type { DefectiveDossier, DossierDefect, DossierDefectName } from './dossier-defects.js'
export { accountRefArb } from './account-ref.js'
export { BANK_LABELS, movementArb } from './movements.js'
export type { MovementArbOptions } from './movements.js'
export { closingOf, dayLinesArb, nonZeroOffsetArb, statementArb } from './statements.js'
export type { StatementArbOptions } from './statements.js'
export { FEED_ACCOUNT, apiFeedArb, fileFeedArb } from './feeds.js'
export type { ApiFeed, ApiFeedArbOptions, FileFeed, FileFeedArbOptions } from './feeds.js'
export { mixedSourcesArb, recreateHistoryArb, statementHistoryArb } from './histories.js'
export type {
  HistoryArbOptions,
  MixedSourcesHistory,
  RecreateHistory,
  StatementHistory,
} from './histories.js'

// In-memory adapters
export { withCommitFailures } from './adapters/faulty-ledger-store.js'
export type { CommitFailureOptions, CommitFaults } from './adapters/faulty-ledger-store.js'
export { makeInMemoryDossierStore } from './adapters/in-memory-dossier-store.js'
export type { InMemoryDossierStore } from './adapters/in-memory-dossier-store.js'
export { makeTestClock } from './adapters/test-clock.js'
export type { TestClock } from './adapters/test-clock.js'
export { makeRecordingLogger } from './adapters/recording-logger.js'
export type { LogLine, RecordingLogger } from './adapters/recording-logger.js'
export { makeRecordingNotifier } from './adapters/recording-notifier.js'
export type { RecordingNotifier } from './adapters/recording-notifier.js'
export { makeRecordingEventPublisher } from './adapters/recording-event-publisher.js'
export type { RecordingEventPublisher } from './adapters/recording-event-publisher.js'

// Registration with a test runner
export type { DescribeLike, ExpectLike, TestLike } from './suite-api.js'

// Connector contract
export { CONTRACT_GROUPS } from './contract/violation.js'
export type { ContractGroup, ContractViolation, ContractViolationCode } from './contract/violation.js'
export type {
  ConnectorEnv,
  ConnectorFactory,
  ConnectorScenario,
  FailureKind,
  FailureScenarios,
} from './contract/scenario.js'
export { checkAmountsExact, checkDatesAreCalendarDays, checkItemsWellFormed } from './contract/check-items.js'
export { checkRepullIdempotent } from './contract/check-repull.js'
export { checkCursorsForward, defaultCompareCursors } from './contract/check-cursors.js'
export { checkPagingComplete } from './contract/check-paging.js'
export { checkFreshInstances } from './contract/check-instances.js'
export { checkNoticesWellFormed } from './contract/check-notices.js'
export { checkAcknowledge } from './contract/check-acknowledge.js'
export { FAILURE_TAGS, checkTypedError, checkTypedErrors } from './contract/check-typed-errors.js'
export { checkNoSecretLeaks } from './contract/check-secrets.js'
export { checkCapabilities } from './contract/check-capabilities.js'
export { inspectItem } from './contract/inspect-item.js'
export type { InspectOptions } from './contract/inspect-item.js'
export {
  CONNECTOR_CONTRACT,
  checkConnectorContract,
  runConnectorContract,
} from './contract/run-connector-contract.js'
export type { ConnectorContractOptions, ContractGroupCheck } from './contract/run-connector-contract.js'

// Reconciliation laws
export { splitArb } from './split.js'
export {
  checkBalanceProofs,
  checkBankLinesEqualMovements,
  checkEntriesBalance,
  checkFecPasses,
  checkIngestTwice,
  checkNothingLostOrDoubled,
  checkSplitInvariance,
  ingestAll,
  ledgerFingerprint,
} from './laws/law-checks.js'
export type { LawViolation, ReconciliationLawName } from './laws/law-checks.js'
export {
  checkRecreatedOnce,
  checkStatementHistory,
  checkTwoConnections,
  contentFingerprint,
  journalFingerprint,
  syncAll,
} from './laws/history-checks.js'
export { runReconciliationLaws } from './laws/run-reconciliation-laws.js'
export type { ReconciliationLawsOptions } from './laws/run-reconciliation-laws.js'

/** CFONB 120 text generators: a model of valid statements, a writer for every physical variant (LF, CRLF, CR, none, trimmed lines, Windows-1252) and the canonical JSON the model parses to. */
export { runLedgerStoreContract, UNICODE_LABELS } from './contract-stores/ledger-store-contract.js'
export type {
  LedgerStoreContractOptions,
  LedgerStoreUnderTest,
} from './contract-stores/ledger-store-contract.js'
export {
  connectionStateArb,
  exactForm,
  STORE_TEXT_SAMPLES,
  storeTextArb,
} from './contract-stores/store-values.js'
export { runConnectionStateStoreContract } from './contract-stores/connection-state-store-contract.js'
export type {
  ConnectionStateStoreContractOptions,
  ConnectionStateStoreUnderTest,
} from './contract-stores/connection-state-store-contract.js'
export { runDossierStoreContract, unicodeDossierArb } from './contract-stores/dossier-store-contract.js'
export type {
  DossierStoreContractOptions,
  DossierStoreUnderTest,
} from './contract-stores/dossier-store-contract.js'
