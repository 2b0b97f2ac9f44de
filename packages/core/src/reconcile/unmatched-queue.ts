import { encodeFeedItem } from '../codecs/feed-item.js'
import type { FeedItem } from '../domain/feed.js'
import { contentHash } from './content-hash.js'

/** The queue id of an item of a connection: the same item delivered again has the same id. */
export const queuedItemId = (connectionId: string, item: FeedItem): string =>
  `u:${connectionId}:${contentHash(JSON.stringify(encodeFeedItem(item)))}`
