import type { TaskEither } from '../fp.js'
import type { Notification, NotifierError } from '../domain/notification.js'

/** Sends the e-mails: to the client (the collaborator in copy), or to the firm for its own set-up. */
export interface Notifier {
  readonly send: (notification: Notification) => TaskEither<NotifierError, void>
}
