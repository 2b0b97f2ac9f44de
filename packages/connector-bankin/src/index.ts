/**
 * @bankfeed/connector-bankin — Bankin' (Bridge API 2021-06-01): a typed HTTP client, the
 * collection connector of `@bankfeed/core`, and the webhook receiver that turns Bridge's
 * notifications into sync triggers. The loopback simulator is `@bankfeed/connector-bankin/simulator`.
 *
 * @module @bankfeed/connector-bankin
 */
export { makeBridgeClient } from './bridge-client.js'
export type {
  BridgeClient,
  BridgeClientOptions,
  ConnectAddOptions,
  EnsuredUser,
  UpdatedTransactionsQuery,
} from './bridge-client.js'
export { BANKIN_CAPABILITIES, makeBankinConnector } from './bankin-connector.js'
export type { BankinConnectorOptions } from './bankin-connector.js'
export { bindAccounts, describeBridgeAccount } from './account-binding.js'
export type { BoundAccount, Binding, BridgeAccountChoice } from './account-binding.js'
export {
  MAX_REMEMBERED_SKIPS,
  compareBridgeCursors,
  decodeBridgeCursor,
  encodeBridgeCursor,
} from './cursor.js'
export type { BridgeCursor, SkippedMark } from './cursor.js'
export { itemHealth } from './item-status.js'
export type { ItemHealth } from './item-status.js'
export { checkExternalUserId, externalUserIdOf } from './external-user-id.js'
export { BRIDGE_RATE_LIMITS } from './http/rate-budget.js'
export type { BridgeRateLimits, RateWindow } from './http/rate-budget.js'
export { DEFAULT_RETRY_POLICY } from './http/retry-policy.js'
export type { RetryPolicy } from './http/retry-policy.js'
export { decimalTextOfNumber } from './wire/decimal-text.js'
export type { DecimalText } from './wire/decimal-text.js'
export type {
  BridgeAccount,
  BridgeConnectSession,
  BridgeItem,
  BridgeTransaction,
  BridgeUser,
  BridgeUserToken,
  TransactionEntry,
  UndecodableTransaction,
} from './wire/records.js'
export {
  BRIDGE_SIGNATURE_HEADER,
  MAX_SIGNATURE_VALUES,
  verifyBridgeSignature,
} from './webhooks/verify-signature.js'
export { webhookRejectionStatus } from './webhooks/webhook-rejection.js'
export type { WebhookRejection } from './webhooks/webhook-rejection.js'
export { BRIDGE_SYNC_EVENTS, parseBridgeWebhook } from './webhooks/webhook-event.js'
export type {
  AccountUpdated,
  BridgeWebhookEvent,
  IgnoredWebhook,
  ItemRefreshed,
} from './webhooks/webhook-event.js'
export { mergeSyncTriggers, syncTriggersOf } from './webhooks/sync-trigger.js'
export type { SyncTrigger } from './webhooks/sync-trigger.js'
export { handleBridgeWebhook } from './webhooks/handle-webhook.js'
export type { BridgeWebhookInput } from './webhooks/handle-webhook.js'
export { DEFAULT_WEBHOOK_MAX_BODY_BYTES, makeWebhookHttpHandler } from './webhooks/http-handler.js'
export type { WebhookHttpHandler, WebhookHttpHandlerOptions } from './webhooks/http-handler.js'
