/**
 * @bankfeed/core/store — what a store adapter needs to implement core's store ports
 * (`LedgerStore`, `ConnectionStateStore`, `DossierStore`): the records a commit carries and a
 * slice answers, the store errors and their constructors, the JSON codecs of the values a store
 * keeps, and the helpers that keep a store's numbering and slices in line with core's. The testkit's
 * contract suites (`runLedgerStoreContract`, …) say what a store must do;
 * `@bankfeed/store-postgres` is the reference implementation.
 *
 * @example
 * ```ts
 * import { concurrentUpdate, storeUnavailable } from '@bankfeed/core/store'
 * import type { LedgerStore } from '@bankfeed/core/store'
 * ```
 * @module @bankfeed/core/store
 */
export type { ConnectionStateStore, DossierStore, LedgerStore } from '../ports/stores.js'
export type { ConnectionState, CursorState, LedgerCommit, LedgerKey } from '../domain/store-records.js'
export type { StoreError, StoreUnavailableReason } from '../domain/store-error.js'
export {
  concurrentUpdate,
  schemaTooNew,
  storeLocked,
  storeNotFound,
  storeUnavailable,
} from '../domain/store-error.js'
export type {
  LedgerChanges,
  LedgerMovement,
  LedgerMovementState,
  LedgerStatement,
  MovementSource,
  RecordedBalance,
} from '../domain/ledger-records.js'
export { noChanges } from '../domain/ledger-records.js'
export { nextSeqAfter } from '../reconcile/ledger.js'
export type { DayRange, LedgerRecords, LedgerSlice, LedgerSliceRequest } from '../domain/ledger-slice.js'
export { identityFamily } from '../domain/ledger-slice.js'
export { mergeDayRanges, sliceOfRecords } from '../reconcile/ledger-slice.js'
export type { QueuedItem, UnmatchedChanges } from '../domain/unmatched.js'
export { queuedItemId } from '../reconcile/unmatched-queue.js'
export type { DomainEvent, EntriesGenerated, MovementsIngested } from '../domain/domain-event.js'
export { DOMAIN_EVENT_TYPES } from '../domain/domain-event.js'
export type { ConnectionProblem, ConnectionStatus } from '../domain/connection-status.js'
export type { ReauthState } from '../domain/reauth-state.js'
export { REQUIRED_ACTIONS } from '../domain/required-action.js'

// The JSON a store keeps, read back through io-ts
export { DomainEventCodec } from '../codecs/domain-event.js'
export {
  BankStatementCodec,
  FeedItemCodec,
  MoneyJsonCodec,
  decodeFeedItem,
  encodeFeedItem,
} from '../codecs/feed-item.js'
export { DossierV1Codec } from '../codecs/dossier-v1.js'
export { LocalDateCodec, nullable, oneOf } from '../codecs/primitives.js'
export { readableErrors } from '../codecs/readable-errors.js'
export type { DecodeIssue } from '../codecs/readable-errors.js'
export { MAX_JSON_DEPTH, nestingDepthIssue } from '../codecs/nesting-depth.js'
