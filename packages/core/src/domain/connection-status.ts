import type { LocalDate } from './local-date.js'
import type { ConnectorError } from './connector-error.js'
import type { RequiredAction } from './required-action.js'

/** Whether a bank account is connected to its feed (attacher / détacher). */
export type Attachment = 'notAttached' | 'attached' | 'detached'

/** What stops a connection from collecting, as last reported by its connector. */
export interface ConnectionProblem {
  readonly _tag:
    'AuthExpired' | 'ActionRequired' | 'ConsentExpired' | 'RateLimited' | 'Unavailable' | 'ConfigurationError'
  /** The day it was first seen. */
  readonly since: LocalDate
  /** What the person must do (`ActionRequired`); `null` for the other kinds. */
  readonly action: RequiredAction | null
  readonly retryAfterSeconds: number | null
  /** The firm's setting at fault (`ConfigurationError`), by name, never its value; absent otherwise. */
  readonly setting?: string
  /**
   * The version of the firm's configuration the failing pull ran with (`ConfigurationError`), as
   * the application gave it (`CollectionTarget.configurationVersion`); `null` when it gave none. The
   * connection is not pulled again until the version differs.
   */
  readonly configurationVersion?: string | null
}

/** The life-cycle state of one bank account's connection, as data. */
export interface ConnectionStatus {
  readonly attachment: Attachment
  readonly problem: ConnectionProblem | null
  /** When the bank consent (DSP2, Bridge `authentication_expires_at`) ends, if known. */
  readonly consentExpiresOn: LocalDate | null
}

/** Options of {@link statusAfterPullError}. */
export interface PullErrorOptions {
  /** The firm's configuration version the pull ran with, recorded with a `ConfigurationError`. */
  readonly configurationVersion?: string | null
}

/**
 * The status after a failed pull: life-cycle errors become the connection's problem (kept with the
 * day it started); data errors say nothing about the connection and leave it as it was. A
 * `ConfigurationError` records the setting at fault and the configuration version; it starts anew
 * (a new `since`) when the setting or the version changes, since the firm then tried a fix.
 */
export const statusAfterPullError = (
  status: ConnectionStatus,
  error: ConnectorError,
  today: LocalDate,
  options: PullErrorOptions = {},
): ConnectionStatus => {
  if (error._tag === 'InvalidData' || error._tag === 'NotFound') return status
  const previous = status.problem
  const configuration =
    error._tag === 'ConfigurationError'
      ? { setting: error.setting, configurationVersion: options.configurationVersion ?? null }
      : null
  const sameEpisode =
    previous?._tag === error._tag &&
    (configuration === null ||
      (previous.setting === configuration.setting &&
        (previous.configurationVersion ?? null) === configuration.configurationVersion))
  return {
    ...status,
    problem: {
      _tag: error._tag,
      since: sameEpisode ? previous.since : today,
      action: error._tag === 'ActionRequired' ? error.action : null,
      retryAfterSeconds:
        error._tag === 'RateLimited' || error._tag === 'Unavailable' ? error.retryAfterSeconds : null,
      ...(configuration ?? {}),
    },
  }
}

/** The status after a successful pull: whatever problem there was is over. */
export const statusAfterPullSuccess = (status: ConnectionStatus): ConnectionStatus =>
  status.problem === null ? status : { ...status, problem: null }
