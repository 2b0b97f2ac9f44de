/**
 * @bankfeed/core/reconcile — the ledger rules underneath `syncConnection`: routing items to bank
 * accounts, ingesting them exactly once (pending and booked twins, re-deliveries, deletions), the
 * balance proofs, and the ledger an account's records make. For property tests over the rules (the
 * testkit's laws use it) and for tools that replay a delivery by hand.
 *
 * @example
 * ```ts
 * import { defaultIngestionSettings, emptyLedger, ingest, proveBalances } from '@bankfeed/core/reconcile'
 * ```
 * @module @bankfeed/core/reconcile
 */
export { accountRefOf, buildAccountDirectory, routeAccount, routeItems } from '../reconcile/routing.js'
export type {
  AccountDirectory,
  ProviderBinding,
  RoutedAccount,
  RoutedItems,
  UnmatchedAccount,
  UnmatchedReason,
} from '../reconcile/routing.js'
export {
  activeMovements,
  applyLedgerChanges,
  awaitsEntry,
  concatChanges,
  emptyLedger,
  isEmptyChanges,
} from '../reconcile/ledger.js'
export type { AccountLedger } from '../reconcile/ledger.js'
export type {
  LedgerChanges,
  LedgerMovement,
  LedgerMovementState,
  LedgerStatement,
  MovementSource,
  RecordedBalance,
} from '../domain/ledger-records.js'
export { defaultIngestionSettings, ingest } from '../reconcile/ingest.js'
export type { IngestionResult, IngestionSettings } from '../reconcile/ingest.js'
export type { IngestionDecision, IngestionReason } from '../domain/ingestion-decision.js'
export { proveBalances, proveStatement } from '../reconcile/balance-proofs.js'
export type {
  BalanceDiscrepancy,
  BalanceIssue,
  BalanceProofs,
  StatementGap,
  StatementOverlap,
} from '../reconcile/balance-proofs.js'
export {
  followUpRequest,
  ledgerOfSlice,
  mergeSlices,
  recordsOfLedger,
  sliceOfRecords,
  sliceRequestOf,
  sliceSelection,
} from '../reconcile/ledger-slice.js'
export type { SliceSelection } from '../reconcile/ledger-slice.js'
export type { DayRange, LedgerRecords, LedgerSlice, LedgerSliceRequest } from '../domain/ledger-slice.js'
export { bankJournalOf, generateEntries } from '../entries/generate-entries.js'
export type {
  EntryGeneration,
  EntryGenerationError,
  EntryGenerationOptions,
  RefusedMovement,
} from '../entries/generate-entries.js'
export { chooseCounterpart } from '../entries/counterpart-rules.js'
export type { CounterpartChoice } from '../entries/counterpart-rules.js'
