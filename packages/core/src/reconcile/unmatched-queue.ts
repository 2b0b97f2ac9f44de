import { encodeFeedItem } from '../codecs/feed-item.js'
import type { FeedItem } from '../domain/feed.js'
import { contentHash } from './content-hash.js'

/** JSON text with every object's keys sorted: the same value gives the same text, whoever built it. */
const sortedJson = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  )

/** The queue id of an item of a connection: the same item delivered again has the same id. */
export const queuedItemId = (connectionId: string, item: FeedItem): string =>
  `u:${connectionId}:${contentHash(sortedJson(encodeFeedItem(item)))}`
