import { DateTime } from 'luxon'
import type { ConnectionStatus } from '../domain/connection-status.js'
import { PARIS, addDays, localDateOfInstant } from '../domain/local-date.js'
import type { LocalDate } from '../domain/local-date.js'
import { E } from '../fp.js'
import type { Either } from '../fp.js'
import { needsReauthentication } from './reauthentication.js'
import type { Notification, Recipient } from '../domain/notification.js'
import type { InvalidInstant } from './errors.js'
import { hasExplicitOffset } from './instant.js'

/** The e-mail that warns a client his bank consent ends soon. */
export type ExpiryWarning = Extract<Notification, { readonly _tag: 'ExpiryWarning' }>

/** Days before the consent ends that the client is warned; the error report uses the same default. */
export const DEFAULT_EXPIRY_WARNING_DAYS = 7

/**
 * The day a consent ends, from Bridge's `authentication_expires_at` (an instant): its calendar day in
 * `zone`, Paris by default, since that is the day the client and the firm read. The instant must carry
 * its offset, or the answer would depend on the machine's zone.
 */
export const consentExpiresOnOf = (
  authenticationExpiresAt: string,
  zone: string = PARIS,
): Either<InvalidInstant, LocalDate> =>
  hasExplicitOffset(authenticationExpiresAt) &&
  DateTime.fromISO(authenticationExpiresAt, { setZone: true }).isValid
    ? E.right(localDateOfInstant(authenticationExpiresAt, zone))
    : E.left({ _tag: 'InvalidInstant', value: authenticationExpiresAt })

/** One bank account the nightly job looks at. */
export interface ExpiryCandidate {
  readonly dossierCode: string
  readonly bankAccountId: string
  readonly status: ConnectionStatus
  /**
   * The consent end the client was last warned about, `null` if never. Store `expiresOn` of each
   * warning sent here: a renewed consent has a new end, which is warned about again in its turn.
   */
  readonly warnedFor: LocalDate | null
  readonly to: Recipient
  readonly cc: ReadonlyArray<Recipient>
}

/** Options of {@link expiryWarnings}. */
export interface ExpiryWarningOptions {
  readonly today: LocalDate
  /** Warn this many days (≥ 0) before the end; {@link DEFAULT_EXPIRY_WARNING_DAYS} is the usual choice. */
  readonly warnDays: number
}

/**
 * The consent end to warn about today, if any: the rule of {@link expiryWarnings} without the
 * e-mail, so that a caller with no one to write to can tell whether a warning was due.
 */
export const consentEndToWarnAbout = (
  account: Pick<ExpiryCandidate, 'status' | 'warnedFor'>,
  options: ExpiryWarningOptions,
): LocalDate | null => {
  const expiresOn = account.status.consentExpiresOn
  if (expiresOn === null || account.status.attachment !== 'attached' || account.warnedFor === expiresOn)
    return null
  const problem = account.status.problem
  if (problem !== null && needsReauthentication(problem)) return null
  if (options.today < addDays(expiresOn, -options.warnDays) || options.today > expiresOn) return null
  return expiresOn
}

/**
 * The expiry warnings due today, once per consent end. An account is warned when it is attached, its
 * consent ends within `warnDays` days (the end day included: the consent still works that day, as in
 * the error report), and this end was not warned about yet. Remembering the end warned about, rather
 * than firing only on the exact day `expiresOn - warnDays`, means a night the job did not run is
 * caught up the next night, and running twice sends nothing twice.
 *
 * Accounts that already need re-authentication are left out: the client already has an e-mail with a
 * fresh link, which renews the consent too.
 */
export const expiryWarnings = (
  accounts: ReadonlyArray<ExpiryCandidate>,
  options: ExpiryWarningOptions,
): ReadonlyArray<ExpiryWarning> =>
  accounts.flatMap((a): ReadonlyArray<ExpiryWarning> => {
    const expiresOn = consentEndToWarnAbout(a, options)
    return expiresOn === null
      ? []
      : [
          {
            _tag: 'ExpiryWarning',
            to: a.to,
            cc: a.cc,
            dossierCode: a.dossierCode,
            bankAccountId: a.bankAccountId,
            expiresOn,
          },
        ]
  })
