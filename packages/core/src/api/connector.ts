/**
 * @bankfeed/core/connector — what a connector author needs, and nothing else: the collection port
 * and the values it carries, `ConnectorError` with its constructors, `Result` helpers for plain
 * async/await code, cursor codecs, io-ts (`t`) for wire shapes, and the context a connector is given.
 * A connector built on it needs no fp-ts or io-ts dependency of its own.
 *
 * @example
 * ```ts
 * import { ConnectorError, asyncResult, err, ok } from '@bankfeed/core/connector'
 * import type { AsyncResult, BankConnector, FeedBatch, PullRequest } from '@bankfeed/core/connector'
 *
 * const pull = (request: PullRequest): AsyncResult<ConnectorError, FeedBatch> =>
 *   asyncResult(
 *     async () =>
 *       request.accounts.length === 0
 *         ? err(ConnectorError.notFound({ what: 'accounts', message: 'no account to pull' }))
 *         : ok({ items: [], cursor: request.cursor ?? { value: 'start' } }),
 *     (cause) => ConnectorError.unavailable({ message: `unexpected: ${String(cause)}` }),
 *   )
 *
 * export const connector: BankConnector = {
 *   protocol: 'example',
 *   capabilities: {
 *     statements: false, balances: false, pending: false, stableIds: true,
 *     deletions: false, historyDays: null, push: false,
 *   },
 *   pull,
 * }
 * ```
 * @module @bankfeed/core/connector
 */

// The port and what it carries
export type { BankConnector } from '../ports/connector.js'
export type {
  ConnectionRef,
  ConnectorCapabilities,
  Cursor,
  FeedBatch,
  FeedItem,
  FeedNotice,
  PullRequest,
} from '../domain/feed.js'
export type { AccountRef } from '../domain/account-ref.js'
export type {
  BalanceKind,
  BalanceSnapshot,
  BankStatement,
  DatedBalance,
  Movement,
  MovementDetail,
  MovementStatus,
} from '../domain/statement.js'

// Errors
export { ConnectorError } from '../domain/connector-error.js'
export type { ConnectorErrorBase, ConnectorErrorOf } from '../domain/connector-error.js'
export { REQUIRED_ACTIONS, REQUIRED_ACTION_TEXTS, isRequiredAction } from '../domain/required-action.js'
export type { RequiredAction } from '../domain/required-action.js'

// Results without fp-ts
export { asyncResult, err, errAsync, fromPromise, getOrThrow, isErr, isOk, ok, okAsync } from '../result.js'
export type { AsyncResult, Result } from '../result.js'

// Cursors and wire shapes
export { jsonCursorCodec, textCursorCodec } from '../connector/cursor-codec.js'
export type { CursorCodec } from '../connector/cursor-codec.js'
export { t } from '../fp.js'
export { readableErrors } from '../codecs/readable-errors.js'
export type { DecodeIssue } from '../codecs/readable-errors.js'

// Values a connector builds
export { localDate, money, currencyCode } from '../domain/literals.js'
export { makeLocalDate, isLocalDate } from '../domain/local-date.js'
export { makeMoney, Dec } from '../domain/money.js'
export type { InvalidMoney, Money } from '../domain/money.js'
export type { InvalidLocalDate, LocalDate } from '../domain/local-date.js'
export type { CurrencyCode } from '../domain/currency.js'

// The context a connector is given
export type { Context } from '../ports/context.js'
export type { Clock } from '../ports/clock.js'
export type { Logger } from '../ports/logger.js'
export type { LogFields } from '../domain/log-fields.js'
export { makeContext } from '../adapters/context.js'
