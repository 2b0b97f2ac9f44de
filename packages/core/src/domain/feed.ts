import type { AccountRef } from './account-ref.js'
import type { LocalDate } from './local-date.js'
import type { BalanceSnapshot, BankStatement, Movement } from './statement.js'

/** What a connector can do, as data: the contract suite checks behaviour against it. */
export interface ConnectorCapabilities {
  /** Statements carry opening and closing balances (files). */
  readonly statements: boolean
  /** The protocol reports balances on their own (APIs). */
  readonly balances: boolean
  /** Pending movements are delivered before they are booked. */
  readonly pending: boolean
  /** Provider ids of movements are stable across pulls. */
  readonly stableIds: boolean
  /** Deletions are reported. */
  readonly deletions: boolean
  /** How many days back the protocol can reach, when known. */
  readonly historyDays: number | null
  /** The provider pushes notifications (webhooks) that trigger a pull. */
  readonly push: boolean
}

/** The connection a pull uses: which credentials or inbox, by id; secrets stay in the adapter. */
export interface ConnectionRef {
  readonly id: string
  readonly protocol: string
}

/** An opaque position in a provider's stream, persisted only after the batch it came with is committed. */
export interface Cursor {
  readonly value: string
}

/** What to pull. */
export interface PullRequest {
  readonly connection: ConnectionRef
  readonly accounts: ReadonlyArray<AccountRef>
  /** Nothing booked before this day is wanted (the feed start date). */
  readonly since: LocalDate
  /** The cursor of the last committed pull, or `null` for the first one. */
  readonly cursor: Cursor | null
}

/** One thing a connector learnt. */
export type FeedItem =
  | { readonly _tag: 'Statement'; readonly account: AccountRef; readonly statement: BankStatement }
  | { readonly _tag: 'Movement'; readonly account: AccountRef; readonly movement: Movement }
  | { readonly _tag: 'Deleted'; readonly account: AccountRef; readonly providerId: string }
  | { readonly _tag: 'Balance'; readonly account: AccountRef; readonly balance: BalanceSnapshot }

/**
 * Something a pull could not turn into items but must not hide: a file it could not read (moved
 * aside by the connector), an account it skipped. It ends up in the error report.
 */
export type FeedNotice =
  | {
      readonly _tag: 'UnreadableFile'
      readonly file: string
      readonly reason: string
      readonly line: number | null
    }
  | { readonly _tag: 'SkippedAccount'; readonly account: AccountRef; readonly reason: string }
  /**
   * One item of a delivery the connector could not use (a movement in a foreign currency, a field it
   * cannot read): left out, the rest delivered. A connector reports an item once; when it sees the
   * same item again unchanged it skips it quietly.
   */
  | {
      readonly _tag: 'SkippedItem'
      readonly account: AccountRef
      /** The provider's id of the item, when it has one. */
      readonly providerId: string | null
      /** What is wrong with it, naming the field: free of secrets. */
      readonly reason: string
    }
  /**
   * A file that holds no statement (0 bytes, or only headers and blank lines): nothing to ingest, but
   * a person should see it, since a bank never sends an empty file on purpose.
   */
  | {
      readonly _tag: 'EmptyFile'
      readonly file: string
      readonly bytes: number
      /** What the file holds instead (`0 bytes`, `no 01 record`), for people. */
      readonly reason: string
    }

/** The answer to a pull: what is new, and the cursor to store once it is committed. */
export interface FeedBatch {
  readonly items: ReadonlyArray<FeedItem>
  readonly cursor: Cursor
  /** What could not be read; absent means nothing. */
  readonly notices?: ReadonlyArray<FeedNotice>
  /**
   * When the bank consent behind this connection ends, as the provider says (Bridge
   * `authentication_expires_at`, a PSD2 consent's `validUntil`), in Paris days; absent when the
   * provider says nothing, `null` when it says there is no end.
   */
  readonly consentExpiresOn?: LocalDate | null
}
