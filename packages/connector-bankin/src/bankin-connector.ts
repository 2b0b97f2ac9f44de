import { localDateOfInstant } from '@bankfeed/core'
import { ConnectorError, asyncResult, err, isErr, ok } from '@bankfeed/core/connector'
import type {
  BankConnector,
  ConnectionRef,
  ConnectorCapabilities,
  FeedBatch,
  FeedItem,
  FeedNotice,
  PullRequest,
  Result,
} from '@bankfeed/core/connector'
import { bindAccounts } from './account-binding.js'
import type { BoundAccount, BridgeAccountChoice } from './account-binding.js'
import type { BridgeClient } from './bridge-client.js'
import { bridgeCursorCodec, laterInstant } from './cursor.js'
import type { BridgeCursor } from './cursor.js'
import { fingerprintOf } from './fingerprint.js'
import { itemHealth } from './item-status.js'
import { balanceItem, transactionItem } from './to-feed-items.js'
import type { Unusable } from './to-feed-items.js'
import type { TransactionEntry } from './wire/records.js'

/** What the Bankin' connector declares: balances, pending lines, stable ids, deletions, push (webhooks). */
export const BANKIN_CAPABILITIES: ConnectorCapabilities = {
  statements: false,
  balances: true,
  pending: true,
  stableIds: true,
  deletions: true,
  // Bridge reaches 2 to 24 months back depending on the bank.
  historyDays: null,
  // Bridge's webhooks become sync triggers (handleBridgeWebhook, makeWebhookHttpHandler) that run a pull.
  push: true,
}

/** Options of {@link makeBankinConnector}. */
export interface BankinConnectorOptions {
  /**
   * The Bridge client to pull through. Its `context` is the connector's too: today's date (a line
   * dated after it is pending; a balance Bridge gives no refresh date is dated today) comes from
   * its clock and the connector logs to its logger, so the client and the connector cannot disagree.
   */
  readonly client: BridgeClient
  /** The Bridge `external_user_id` of a connection (firm + dossier code, see `externalUserIdOf`). */
  readonly userFor: (connection: ConnectionRef) => string
  /** Explicit account choices of a connection, made by a person at attach time. */
  readonly choices?: (connection: ConnectionRef) => ReadonlyArray<BridgeAccountChoice>
  /** Page size asked of Bridge for transactions (its `limit`). */
  readonly pageSize?: number
}

/**
 * Makes the Bankin' (Bridge API) collection connector. A pull reads the user's items and accounts,
 * ties the requested accounts to Bridge accounts, fails with a typed error if an item they belong to
 * needs attention (402 password, 429 action at the bank, 1010 SCA…), then walks every page of the
 * transactions updated since the cursor and answers one batch: upserts, deletions and current
 * balances. The cursor is the greatest `updated_at` seen and never moves back; any failure answers
 * the error and no batch, so nothing is half-applied.
 */
export const makeBankinConnector = (options: BankinConnectorOptions): BankConnector => {
  const { client } = options
  const { clock, logger } = client.context
  const cursors = bridgeCursorCodec(client.version)

  const pull = async (request: PullRequest): Promise<Result<ConnectorError, FeedBatch>> => {
    const user = options.userFor(request.connection)
    const from: Result<ConnectorError, BridgeCursor> =
      request.cursor === null
        ? ok({ version: client.version, updatedAt: null, accounts: [], skipped: [] })
        : cursors.decode(request.cursor)
    if (isErr(from)) return from
    const items = await client.listItems(user)()
    if (isErr(items)) return items
    const accounts = await client.listAccounts(user)()
    if (isErr(accounts)) return accounts
    const binding = bindAccounts(
      request.accounts,
      accounts.right,
      options.choices?.(request.connection) ?? [],
    )
    if (isErr(binding)) return binding
    const { bound } = binding.right
    const notices: FeedNotice[] = [...binding.right.notices]
    for (const itemId of new Set(bound.map((b) => b.bridge.itemId))) {
      const item = items.right.find((i) => i.id === itemId)
      if (item === undefined) continue
      const health = itemHealth(item)
      if (health._tag === 'Blocked') {
        logger.warn('bankin pull blocked by item status', {
          connection: request.connection.id,
          itemId,
          status: item.status,
          error: health.error._tag,
        })
        return err(health.error)
      }
      if (health._tag === 'Degraded')
        logger.info('bankin item degraded', { connection: request.connection.id, itemId, note: health.note })
    }
    // An account bound since the watermark was taken has its history behind it: walk from the start
    // once, and keep of the other accounts only what the incremental walk would have brought.
    const watermarkBefore = from.right.updatedAt
    const known = from.right.accounts === null ? null : new Set(from.right.accounts)
    const fresh = new Set(
      known === null || watermarkBefore === null
        ? []
        : bound.map((b) => b.bridge.id).filter((id) => !known.has(id)),
    )
    const updated = await client.listUpdatedTransactions(user, {
      since: fresh.size > 0 ? null : watermarkBefore,
      ...(options.pageSize === undefined ? {} : { limit: options.pageSize }),
    })()
    if (isErr(updated)) return updated
    const alreadyDelivered = (accountId: string, updatedAt: string | null): boolean =>
      fresh.size > 0 &&
      !fresh.has(accountId) &&
      watermarkBefore !== null &&
      updatedAt !== null &&
      Date.parse(updatedAt) < Date.parse(watermarkBefore)

    // Items left out: reported the first time, then skipped quietly while they stay unchanged. The
    // marks keep the order in which items were first left out, so the cursor forgets the oldest.
    const reported = new Map(from.right.skipped.map((m) => [m.key, m.fingerprint]))
    const marks = new Map(reported)
    let skippedItems = 0
    const skip = (
      key: string,
      fingerprint: string,
      account: BoundAccount,
      providerId: string | null,
      why: Unusable,
    ): void => {
      skippedItems++
      if (marks.get(key) !== fingerprint) {
        marks.delete(key)
        marks.set(key, fingerprint)
      }
      const again = reported.get(key) === fingerprint
      logger[again ? 'debug' : 'warn'](again ? 'bankin item still skipped' : 'bankin item skipped', {
        connection: request.connection.id,
        account: account.bridge.id,
        providerId,
        field: why.field,
      })
      if (!again) notices.push({ _tag: 'SkippedItem', account: account.ref, providerId, reason: why.reason })
    }

    // The last version of each transaction wins if it moved between pages.
    const idOf = (e: TransactionEntry): string => (e._tag === 'Decoded' ? e.transaction.id : e.id)
    const latest = new Map<string, TransactionEntry>()
    let watermark = from.right.updatedAt
    for (const e of updated.right) {
      latest.set(idOf(e), e)
      watermark = laterInstant(watermark, e._tag === 'Decoded' ? e.transaction.updatedAt : e.updatedAt)
    }
    const today = localDateOfInstant(clock.now())
    const byAccount = new Map(bound.map((b) => [b.bridge.id, b]))
    const out: FeedItem[] = []
    for (const e of latest.values()) {
      const accountId = e._tag === 'Decoded' ? e.transaction.accountId : e.accountId
      const account = byAccount.get(accountId)
      if (account === undefined) continue
      if (alreadyDelivered(accountId, e._tag === 'Decoded' ? e.transaction.updatedAt : e.updatedAt)) continue
      const key = `t${idOf(e)}`
      if (e._tag === 'Undecodable') {
        if (e.deleted) {
          marks.delete(key)
          out.push({ _tag: 'Deleted', account: account.ref, providerId: e.id })
        } else if (e.bookingDate === null || e.bookingDate >= request.since)
          skip(key, e.fingerprint, account, e.id, {
            field: e.issues[0]?.split(':')[0] ?? '(root)',
            reason: `Bridge transaction ${e.id} cannot be read: ${e.issues.join('; ')}`,
          })
        continue
      }
      const item = transactionItem(e.transaction, account, request.since, today)
      if (isErr(item)) {
        skip(key, fingerprintOf({ ...e.transaction }), account, e.transaction.id, item.left)
        continue
      }
      marks.delete(key)
      if (item.right !== null) out.push(item.right)
    }
    for (const account of bound) {
      const balance = balanceItem(account, today)
      const key = `b${account.bridge.id}`
      if (isErr(balance)) {
        const b = account.bridge
        skip(key, fingerprintOf({ balance: b.balance, currency: b.currency }), account, null, balance.left)
        continue
      }
      marks.delete(key)
      out.push(balance.right)
    }
    const cursor = cursors.encode({
      version: client.version,
      updatedAt: watermark,
      accounts: bound.map((b) => b.bridge.id),
      skipped: [...marks].map(([key, fingerprint]) => ({ key, fingerprint })),
    })
    logger.info('bankin pull', {
      connection: request.connection.id,
      accounts: bound.length,
      newlyBound: fresh.size,
      transactions: updated.right.length,
      items: out.length,
      skipped: binding.right.notices.length,
      skippedItems,
    })
    // The earliest consent end of the bound items, when Bridge gives one: the connection stops there.
    const ends = [...new Set(bound.map((b) => b.bridge.itemId))]
      .map((id) => items.right.find((i) => i.id === id)?.authenticationExpiresAt ?? null)
      .filter((at): at is string => at !== null)
      .map((at) => localDateOfInstant(at))
      .sort()
    return ok({
      items: out,
      cursor,
      ...(notices.length === 0 ? {} : { notices }),
      ...(ends.length === 0 ? {} : { consentExpiresOn: ends[0] }),
    })
  }

  return {
    protocol: 'bankin',
    capabilities: BANKIN_CAPABILITIES,
    pull: (request) =>
      asyncResult(
        () => pull(request),
        (thrown) => {
          // A bug, not a provider failure: still a value, without the thrown text (it may quote data).
          logger.error('bankin pull crashed', {
            connection: request.connection.id,
            kind: String((thrown as Error)?.name),
          })
          return ConnectorError.unavailable({
            message: 'the Bankin connector failed unexpectedly',
            retryable: false,
          })
        },
      ),
  }
}
