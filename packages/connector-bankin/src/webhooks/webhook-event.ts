import * as E from 'fp-ts/lib/Either.js'
import type { Either } from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { readableErrors } from '@bankfeed/core/connector'
import { IdCodec } from '../wire/bridge-2021-06-01.js'
import type { WebhookRejection } from './webhook-rejection.js'

/** The event types that become sync triggers; every other type is {@link IgnoredWebhook}. */
export const BRIDGE_SYNC_EVENTS = ['item.refreshed', 'item.account.updated'] as const

/** `item.refreshed`: Bridge refreshed an item (a bank connection); its accounts may have changed. */
export interface ItemRefreshed {
  readonly _tag: 'ItemRefreshed'
  readonly type: 'item.refreshed'
  /** When Bridge sent it, epoch milliseconds. */
  readonly timestamp: number
  readonly userUuid: string
  readonly itemId: string
  /** The full history has been fetched (after the first 7 days available at connect time). */
  readonly fullRefresh: boolean | null
  /** `connect` or `scheduler`. */
  readonly refreshTrigger: string | null
  /** The item's status code after the refresh (0 is healthy), when sent. */
  readonly itemStatus: number | null
  readonly authenticationExpiresAt: string | null
}

/** `item.account.updated`: transactions of an account were added, deleted or updated, or its balance changed. */
export interface AccountUpdated {
  readonly _tag: 'AccountUpdated'
  readonly type: 'item.account.updated'
  /** When Bridge sent it, epoch milliseconds. */
  readonly timestamp: number
  readonly userUuid: string
  readonly itemId: string
  readonly accountId: string
  readonly newTransactions: number | null
  readonly updatedTransactions: number | null
  readonly deletedTransactions: number | null
}

/** A genuine webhook of a type that triggers nothing (`item.created`, `user.deleted`, `TEST_EVENT`, 2019 names…). */
export interface IgnoredWebhook {
  readonly _tag: 'Ignored'
  /** The type as sent (at most 100 characters). */
  readonly type: string
}

/** A decoded Bridge webhook. */
export type BridgeWebhookEvent = ItemRefreshed | AccountUpdated | IgnoredWebhook

/** A field Bridge may leave out or send as null. */
const optional = <C extends t.Mixed>(codec: C) =>
  t.union([codec, t.null, t.undefined], `${codec.name} | null | absent`)

const TypeOnly = t.type({ type: t.string })

const envelope = <C extends t.Mixed>(content: C) => t.type({ type: t.string, timestamp: t.number, content })

const ItemRefreshedCodec = envelope(
  t.type({
    item_id: IdCodec,
    user_uuid: t.string,
    full_refresh: optional(t.boolean),
    refresh_trigger: optional(t.string),
    status: optional(t.Int),
    authentication_expires_at: optional(t.string),
  }),
)

const AccountUpdatedCodec = envelope(
  t.type({
    account_id: IdCodec,
    item_id: IdCodec,
    user_uuid: t.string,
    nb_new_transactions: optional(t.Int),
    nb_updated_transactions: optional(t.Int),
    nb_deleted_transactions: optional(t.Int),
  }),
)

const malformed = (message: string, issues: ReadonlyArray<string> = []): WebhookRejection => ({
  _tag: 'MalformedBody',
  message,
  issues,
})

/** Decode issues as paths and expected types only: the values stay out of logs and errors. */
const issuesOf = (errors: t.Errors): ReadonlyArray<string> =>
  readableErrors(errors).map((i) => `${i.path === '' ? '(root)' : i.path}: expected ${i.expected}`)

const decode = <C extends t.Mixed>(
  codec: C,
  json: unknown,
  type: string,
): Either<WebhookRejection, t.TypeOf<C>> => {
  const decoded = codec.decode(json)
  return E.isRight(decoded)
    ? E.right(decoded.right as t.TypeOf<C>)
    : E.left(malformed(`a ${type} webhook does not have the expected shape`, issuesOf(decoded.left)))
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Decodes the raw body of a Bridge webhook, `{ content, timestamp, type }` (call it once the
 * signature is verified). `item.refreshed` and `item.account.updated` are decoded with io-ts; any
 * other type is an `Ignored` event, not an error. A body that is not UTF-8 JSON with a string
 * `type`, or a known event that does not decode, is a `MalformedBody` rejection listing every
 * failing path. Never throws.
 */
export const parseBridgeWebhook = (
  rawBody: Uint8Array | string,
): Either<WebhookRejection, BridgeWebhookEvent> => {
  let text: string
  try {
    text = typeof rawBody === 'string' ? rawBody : utf8.decode(rawBody)
  } catch {
    return E.left(malformed('the webhook body is not UTF-8'))
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    // The parser's message may quote the body: say only what is wrong.
    return E.left(malformed('the webhook body is not JSON'))
  }
  const typed = TypeOnly.decode(json)
  if (E.isLeft(typed)) return E.left(malformed('the webhook body has no type', issuesOf(typed.left)))
  const type = typed.right.type
  if (type === 'item.refreshed')
    return E.map((w: t.TypeOf<typeof ItemRefreshedCodec>): BridgeWebhookEvent => ({
      _tag: 'ItemRefreshed',
      type,
      timestamp: w.timestamp,
      userUuid: w.content.user_uuid,
      itemId: w.content.item_id,
      fullRefresh: w.content.full_refresh ?? null,
      refreshTrigger: w.content.refresh_trigger ?? null,
      itemStatus: w.content.status ?? null,
      authenticationExpiresAt: w.content.authentication_expires_at ?? null,
    }))(decode(ItemRefreshedCodec, json, type))
  if (type === 'item.account.updated')
    return E.map((w: t.TypeOf<typeof AccountUpdatedCodec>): BridgeWebhookEvent => ({
      _tag: 'AccountUpdated',
      type,
      timestamp: w.timestamp,
      userUuid: w.content.user_uuid,
      itemId: w.content.item_id,
      accountId: w.content.account_id,
      newTransactions: w.content.nb_new_transactions ?? null,
      updatedTransactions: w.content.nb_updated_transactions ?? null,
      deletedTransactions: w.content.nb_deleted_transactions ?? null,
    }))(decode(AccountUpdatedCodec, json, type))
  return E.right({ _tag: 'Ignored', type: type.slice(0, 100) })
}
