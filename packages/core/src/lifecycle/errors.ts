import type { Protocol } from '../domain/feed-settings.js'
import type { LocalDate } from '../domain/local-date.js'

/** The bank account named is not in the dossier. */
export interface BankAccountNotFound {
  readonly _tag: 'BankAccountNotFound'
  readonly bankAccountId: string
}

/** A start date had to be defaulted, but no fiscal year of the dossier contains `today`. */
export interface NoCurrentFiscalYear {
  readonly _tag: 'NoCurrentFiscalYear'
  readonly today: LocalDate
  /** The accounts that needed the default. */
  readonly bankAccountIds: ReadonlyArray<string>
}

/** The start date was validated: it can no longer change (seed: "ne sera plus modifiable après validation"). */
export interface StartDateLocked {
  readonly _tag: 'StartDateLocked'
  readonly startDate: LocalDate | null
  readonly requested: LocalDate
}

/** There is no start date to validate yet. */
export interface StartDateMissing {
  readonly _tag: 'StartDateMissing'
}

/** The bank account has no feed protocol, so there is nothing to attach. */
export interface ProtocolNotEnabled {
  readonly _tag: 'ProtocolNotEnabled'
  readonly bankAccountId: string
}

/** The bank account's protocol delivers files (CFONB, So bank): it has no connection to attach. */
export interface ProtocolWithoutAttach {
  readonly _tag: 'ProtocolWithoutAttach'
  readonly bankAccountId: string
  readonly protocol: Protocol
}

/** No client contact is attached to the bank account, or the one named is not in the dossier. */
export interface ContactMissing {
  readonly _tag: 'ContactMissing'
  readonly bankAccountId: string
  readonly contactId: string | null
}

/** The attached contact's e-mail address is empty or cannot be delivered to. */
export interface ContactEmailInvalid {
  readonly _tag: 'ContactEmailInvalid'
  readonly contactId: string
  readonly email: string | null
}

/** The bank account is already attached ([A détacher] is showing). */
export interface AlreadyAttached {
  readonly _tag: 'AlreadyAttached'
  readonly bankAccountId: string
}

/** The bank account was never attached, so it cannot be detached nor re-authenticated. */
export interface NotAttached {
  readonly _tag: 'NotAttached'
}

/** A collection window that is not `HH:MM`–`HH:MM` in a known IANA zone, with the start before the end. */
export interface InvalidCollectionWindow {
  readonly _tag: 'InvalidCollectionWindow'
  readonly start: string
  readonly end: string
  readonly zone: string
}

/** A timestamp that is not an ISO-8601 instant with an explicit offset (`Z` or `+02:00`). */
export interface InvalidInstant {
  readonly _tag: 'InvalidInstant'
  readonly value: string
}

/** Every error of the connection life cycle; each has a French and an English text in the catalog. */
export type LifecycleError =
  | BankAccountNotFound
  | NoCurrentFiscalYear
  | StartDateLocked
  | StartDateMissing
  | ProtocolNotEnabled
  | ProtocolWithoutAttach
  | ContactMissing
  | ContactEmailInvalid
  | AlreadyAttached
  | NotAttached
  | InvalidCollectionWindow
  | InvalidInstant
