import type { LocalDate } from '@bankfeed/core'
import type { DecimalText } from './decimal-text.js'

/**
 * The Bridge resources as the client hands them out, whatever the API version on the wire: each
 * version's module decodes its own JSON into these records, so the connector never sees wire shapes.
 */

/** A Bridge user: our end customer (firm + dossier), known by its external id. */
export interface BridgeUser {
  readonly uuid: string
  readonly externalUserId: string | null
}

/** A user access token and its expiry instant (ISO-8601). The token is a secret: never log it. */
export interface BridgeUserToken {
  readonly accessToken: string
  readonly expiresAt: string
  readonly user: BridgeUser
}

/** A Bridge Connect session: the URL to send the person to. The URL is a secret: never log it. */
export interface BridgeConnectSession {
  readonly redirectUrl: string
}

/** An item: one set of bank credentials, with its status code (0 is healthy). */
export interface BridgeItem {
  readonly id: string
  readonly status: number
  readonly statusCodeInfo: string | null
  readonly statusCodeDescription: string | null
  readonly bankId: string | null
  /** When the PSD2 authentication (SCA) expires, if Bridge says. */
  readonly authenticationExpiresAt: string | null
}

/** A bank account of an item, with its current balance as exact decimal text. */
export interface BridgeAccount {
  readonly id: string
  readonly itemId: string
  readonly name: string
  readonly balance: DecimalText
  readonly currency: string
  readonly iban: string | null
  readonly type: string | null
  readonly status: number
  /** The instant of the last refresh of this account (ISO-8601), when known. */
  readonly updatedAt: string | null
  readonly isPro: boolean
}

/** A transaction as the "updated transactions" list gives it, deletions included. */
export interface BridgeTransaction {
  readonly id: string
  readonly accountId: string
  readonly amount: DecimalText
  readonly currency: string
  /** Always present: one of the three dates below, depending on the bank's connector. */
  readonly date: LocalDate
  readonly bookingDate: LocalDate | null
  readonly transactionDate: LocalDate | null
  readonly valueDate: LocalDate | null
  /** The bank's raw label. */
  readonly bankDescription: string
  /** Bridge's cleaned label. */
  readonly cleanDescription: string | null
  /** Last change inside Bridge (ISO-8601 instant): the incremental-sync watermark. */
  readonly updatedAt: string
  readonly deleted: boolean
  /** Will be debited later; does not affect the balance yet. */
  readonly future: boolean
  /** False for a deferred-card line already booked on the linked checking account. */
  readonly showClientSide: boolean
  readonly categoryId: string | null
}

/**
 * A transaction of the "updated transactions" list that does not decode (a field missing or of the
 * wrong type): what could still be read of it, so the connector can leave it out with a notice and
 * deliver the rest. Its id and account always read; an entry without them fails the page.
 */
export interface UndecodableTransaction {
  readonly id: string
  readonly accountId: string
  /** `is_deleted: true` could be read: a deletion needs nothing more than the id. */
  readonly deleted: boolean
  /** Its `updated_at`, when that field reads (it moves the watermark like any other). */
  readonly updatedAt: string | null
  /** Its bank day (`booking_date`, else `date`) when one reads; a line before the feed start is not wanted. */
  readonly bookingDate: LocalDate | null
  /** The fields that fail, as `path: expected type`, never their values. */
  readonly issues: ReadonlyArray<string>
  /** A short hash of the fields as received, to recognise the same entry unchanged on a later pull. */
  readonly fingerprint: string
}

/** One entry of the "updated transactions" list: a decoded transaction, or what reads of one that does not. */
export type TransactionEntry =
  | { readonly _tag: 'Decoded'; readonly transaction: BridgeTransaction }
  | ({ readonly _tag: 'Undecodable' } & UndecodableTransaction)
