import type { LocalDate } from './local-date.js'

/** An address an e-mail goes to. */
export interface Recipient {
  readonly name: string
  readonly email: string
}

/** One connection stopped by a problem of the firm's own set-up, and the bank accounts it feeds. */
export interface StoppedConnection {
  readonly connectionId: string
  readonly accounts: ReadonlyArray<{ readonly dossierCode: string; readonly bankAccountId: string }>
}

/**
 * The e-mails of the seeds: the attach link, a fresh link after a password change, the expiry
 * warning, all to a client; and the notice to the firm that its own set-up stops collection.
 */
export type Notification =
  | {
      readonly _tag: 'AttachLink'
      readonly to: Recipient
      readonly cc: ReadonlyArray<Recipient>
      readonly dossierCode: string
      readonly bankAccountId: string
      /** The connect URL; a secret for logs. */
      readonly link: string
    }
  | {
      readonly _tag: 'ReauthenticationLink'
      readonly to: Recipient
      readonly cc: ReadonlyArray<Recipient>
      readonly dossierCode: string
      readonly bankAccountId: string
      readonly link: string
    }
  | {
      readonly _tag: 'ExpiryWarning'
      readonly to: Recipient
      readonly cc: ReadonlyArray<Recipient>
      readonly dossierCode: string
      readonly bankAccountId: string
      readonly expiresOn: LocalDate
    }
  /**
   * To the firm, never to a client: a setting of its own (its Bridge application's secret, a PSD2
   * certificate, an inbox directory) is refused, so collection is suspended on these connections
   * until it is fixed. One per episode and setting, however many connections and nights it lasts.
   */
  | {
      readonly _tag: 'FirmConfigurationError'
      /** The firm's address for its own set-up (`RunCollectionRequest.firmRecipients`). */
      readonly to: Recipient
      readonly cc: ReadonlyArray<Recipient>
      /** The connector's protocol (`bankin`). */
      readonly protocol: string
      /** The setting at fault, by name (`clientSecret`), never its value. */
      readonly setting: string
      /** The day collection first stopped for it. */
      readonly since: LocalDate
      readonly connections: ReadonlyArray<StoppedConnection>
    }

/** Why a notification could not be sent. */
export interface NotifierError {
  readonly _tag: 'NotifierError'
  readonly message: string
  readonly retryable: boolean
}
