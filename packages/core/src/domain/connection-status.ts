import type { LocalDate } from './local-date.js'
import type { ConnectorError } from '../ports/connector.js'

/** Whether a bank account is connected to its feed (attacher / détacher). */
export type Attachment = 'notAttached' | 'attached' | 'detached'

/** What stops a connection from collecting, as last reported by its connector. */
export interface ConnectionProblem {
  readonly _tag:
    | 'AuthExpired'
    | 'ActionRequired'
    | 'ConsentExpired'
    | 'RateLimited'
    | 'Unavailable'
    | 'ConfigurationError'
  /** The day it was first seen. */
  readonly since: LocalDate
  /** What the person must do (`ActionRequired`), free of secrets. */
  readonly action: string | null
  readonly retryAfterSeconds: number | null
}

/** The life-cycle state of one bank account's connection, as data. */
export interface ConnectionStatus {
  readonly attachment: Attachment
  readonly problem: ConnectionProblem | null
  /** When the bank consent (DSP2, Bridge `authentication_expires_at`) ends, if known. */
  readonly consentExpiresOn: LocalDate | null
}

/**
 * The status after a failed pull: life-cycle errors become the connection's problem (kept with the
 * day it started); data errors say nothing about the connection and leave it as it was.
 */
export const statusAfterPullError = (
  status: ConnectionStatus,
  error: ConnectorError,
  today: LocalDate,
): ConnectionStatus => {
  if (error._tag === 'InvalidData' || error._tag === 'NotFound') return status
  const since = status.problem?._tag === error._tag ? status.problem.since : today
  return {
    ...status,
    problem: {
      _tag: error._tag,
      since,
      action: error._tag === 'ActionRequired' ? error.action : null,
      retryAfterSeconds:
        error._tag === 'RateLimited' || error._tag === 'Unavailable' ? error.retryAfterSeconds : null,
    },
  }
}

/** The status after a successful pull: whatever problem there was is over. */
export const statusAfterPullSuccess = (status: ConnectionStatus): ConnectionStatus =>
  status.problem === null ? status : { ...status, problem: null }
