import type { FeedItem } from './feed.js'
import type { LocalDate } from './local-date.js'

/** Why an incoming account reaches no bank account. */
export type UnmatchedReason = 'UNKNOWN_ACCOUNT' | 'AMBIGUOUS_ACCOUNT'

/**
 * An item routed to no bank account (an IBAN no dossier knows, a firm-wide file mixing clients, an
 * account the connection does not feed), kept with its reason and source until a dossier gains its
 * account: the next sync of its connection routes it there, and it is booked once.
 */
export interface QueuedItem {
  /** `u:<connection>:<hash of the item>`: the same item delivered again is queued once. */
  readonly id: string
  readonly connectionId: string
  readonly protocol: string
  readonly reason: UnmatchedReason
  /** The bank accounts it could belong to (`dossier/account`), when some are known. */
  readonly candidates: ReadonlyArray<string>
  readonly item: FeedItem
  /** The day it was first queued. */
  readonly queuedOn: LocalDate
}

/** What a commit does to the unmatched queue: items it adds, items it routed at last (by id). */
export interface UnmatchedChanges {
  readonly queued: ReadonlyArray<QueuedItem>
  readonly released: ReadonlyArray<string>
}
