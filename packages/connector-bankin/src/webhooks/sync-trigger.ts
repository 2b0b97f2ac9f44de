import type { BridgeWebhookEvent } from './webhook-event.js'

/**
 * What a webhook asks for: sync the connection of this Bridge user that holds this item. An
 * application maps the user (Bridge sends its `uuid`, which `ensureUser` and `authenticate` give
 * back with the external user id) to its connection, and hands that to its scheduler to run core's
 * `syncConnection`. The pull itself reads what changed; the trigger carries no data.
 */
export interface SyncTrigger {
  /** The Bridge user's `uuid` (`user_uuid` of the webhook). */
  readonly userUuid: string
  /** The Bridge item (bank connection) whose accounts changed. */
  readonly itemId: string
  /** The Bridge accounts that changed; empty means every account of the item (`item.refreshed`). */
  readonly accountIds: ReadonlyArray<string>
  /** The event types behind this trigger. */
  readonly reasons: ReadonlyArray<'item.refreshed' | 'item.account.updated'>
  /** The latest sending time of those events, epoch milliseconds. */
  readonly timestamp: number
}

/**
 * The sync triggers of a decoded webhook: one for `item.refreshed` (every account of the item, even
 * if its status is not healthy: the pull then answers the typed error, e.g. `AuthExpired`, that the
 * error report shows), one for `item.account.updated` (that account), none for an ignored event.
 */
export const syncTriggersOf = (event: BridgeWebhookEvent): ReadonlyArray<SyncTrigger> => {
  switch (event._tag) {
    case 'ItemRefreshed':
      return [
        {
          userUuid: event.userUuid,
          itemId: event.itemId,
          accountIds: [],
          reasons: [event.type],
          timestamp: event.timestamp,
        },
      ]
    case 'AccountUpdated':
      return [
        {
          userUuid: event.userUuid,
          itemId: event.itemId,
          accountIds: [event.accountId],
          reasons: [event.type],
          timestamp: event.timestamp,
        },
      ]
    case 'Ignored':
      return []
  }
}

/**
 * Merges triggers of the same user and item, so a burst of webhooks (one `item.account.updated` per
 * account, then `item.refreshed`) becomes one sync per item: accounts are united (a whole-item
 * trigger absorbs the others), reasons are united, the latest timestamp is kept. Order of first
 * appearance is kept.
 */
export const mergeSyncTriggers = (triggers: ReadonlyArray<SyncTrigger>): ReadonlyArray<SyncTrigger> => {
  const merged = new Map<string, SyncTrigger>()
  for (const t of triggers) {
    const key = JSON.stringify([t.userUuid, t.itemId])
    const prev = merged.get(key)
    if (prev === undefined) {
      merged.set(key, t)
      continue
    }
    const whole = prev.accountIds.length === 0 || t.accountIds.length === 0
    merged.set(key, {
      userUuid: t.userUuid,
      itemId: t.itemId,
      accountIds: whole ? [] : [...new Set([...prev.accountIds, ...t.accountIds])],
      reasons: [...new Set([...prev.reasons, ...t.reasons])],
      timestamp: Math.max(prev.timestamp, t.timestamp),
    })
  }
  return [...merged.values()]
}
