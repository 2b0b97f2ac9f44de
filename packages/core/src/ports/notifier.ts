import type { TaskEither } from '../fp.js'
import type { LocalDate } from '../domain/local-date.js'

/** An address an e-mail goes to. */
export interface Recipient {
  readonly name: string
  readonly email: string
}

/** The e-mails of the seeds: the attach link, a fresh link after a password change, the expiry warning. */
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

/** Why a notification could not be sent. */
export interface NotifierError {
  readonly _tag: 'NotifierError'
  readonly message: string
  readonly retryable: boolean
}

/** Sends the e-mails to the client (the collaborator in copy). */
export interface Notifier {
  readonly send: (notification: Notification) => TaskEither<NotifierError, void>
}
