import type { LocalDate } from './local-date.js'

/**
 * What the automatic e-mail remembers, stored next to the account's `ConnectionStatus`. A
 * re-authentication episode runs from the first failing pull to the next success; one automatic e-mail
 * is sent per episode, not one per failed nightly pull.
 */
export interface ReauthState {
  /**
   * The day the automatic e-mail went out in the current episode; `null` when none has. In a
   * `ConfigurationError` episode it is the firm's notice, not a client's e-mail (none goes out then).
   */
  readonly emailedOn: LocalDate | null
}

/** No automatic e-mail sent: the state of a new account, and after a success. */
export const NO_REAUTH_EMAIL: ReauthState = { emailedOn: null }
