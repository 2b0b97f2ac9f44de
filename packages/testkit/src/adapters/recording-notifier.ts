import type { Notification, Notifier, NotifierError } from '@bankfeed/core'
import { err, ok } from '@bankfeed/core'

/** A {@link Notifier} that records what it "sent" and can be told to fail. */
export interface RecordingNotifier extends Notifier {
  /** The notifications sent successfully, oldest first. */
  readonly sent: () => ReadonlyArray<Notification>
  /** The next send fails with this error (default: a retryable outage) and records nothing. */
  readonly failNext: (error?: NotifierError) => void
}

/** Makes a notifier that records notifications instead of e-mailing anyone. */
export const makeRecordingNotifier = (): RecordingNotifier => {
  const sent: Notification[] = []
  const failures: NotifierError[] = []
  return {
    send: (notification) => () => {
      const failure = failures.shift()
      // Like a mail relay that refused the message: nothing counts as sent.
      if (failure !== undefined) return Promise.resolve(err(failure))
      sent.push(notification)
      return Promise.resolve(ok(undefined))
    },
    sent: () => [...sent],
    failNext: (
      error = { _tag: 'NotifierError', message: 'relay unavailable (injected)', retryable: true },
    ) => {
      failures.push(error)
    },
  }
}
