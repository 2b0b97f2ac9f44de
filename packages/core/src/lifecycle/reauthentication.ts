import { NO_REAUTH_EMAIL } from '../domain/reauth-state.js'
import type { ReauthState } from '../domain/reauth-state.js'
import { statusAfterPullError, statusAfterPullSuccess } from '../domain/connection-status.js'
import type { ConnectionProblem, ConnectionStatus } from '../domain/connection-status.js'
import type { LocalDate } from '../domain/local-date.js'
import { E } from '../fp.js'
import type { Either } from '../fp.js'
import type { ConnectorError } from '../domain/connector-error.js'
import type { Notification, Recipient } from '../domain/notification.js'
import type { NotAttached } from './errors.js'
import type { Recipients } from './recipients.js'

/** The e-mail carrying a fresh connect link. */
export type ReauthenticationLink = Extract<Notification, { readonly _tag: 'ReauthenticationLink' }>

/**
 * The connector errors only the client can fix by going through the connect page again: wrong or
 * changed password (Bridge item status 402), an action on the bank's side (429 `needs_human_action`,
 * not the HTTP rate limit), a strong authentication to give (1010), an expired consent. Rate limits and
 * outages fix themselves; bad data and unknown accounts are the firm's to look at. Takes a connector
 * error or the connection problem it left.
 */
export const needsReauthentication = (error: Pick<ConnectorError | ConnectionProblem, '_tag'>): boolean =>
  error._tag === 'AuthExpired' || error._tag === 'ActionRequired' || error._tag === 'ConsentExpired'

/** Options of {@link onConnectorError}. */
export interface ConnectorErrorOptions {
  readonly today: LocalDate
  readonly dossierCode: string
  readonly bankAccountId: string
  /**
   * The link the e-mail carries (to the firm's application, which opens the connect session), or a
   * function making it, called only when the e-mail goes out.
   */
  readonly link: string | (() => string)
  /**
   * The seed: the holder "reçoit automatiquement un e-mail"; nobody needs to be in copy. `null` when
   * the account has no one to write to: the status still records the problem, and no e-mail counts
   * as sent.
   */
  readonly recipients: Recipients | null
  /** The firm's configuration version the pull ran with, recorded with a `ConfigurationError`. */
  readonly configurationVersion?: string | null
}

/** The account after a failed pull. */
export interface ConnectorErrorOutcome {
  readonly status: ConnectionStatus
  readonly reauth: ReauthState
  /** The e-mail to send now, if any. */
  readonly notification: ReauthenticationLink | null
  /**
   * True when the e-mail was due but `recipients` was `null`: nobody to send the link to. The caller
   * reports it (`NoRecipient`); the episode keeps counting no e-mail as sent.
   */
  readonly recipientMissing: boolean
}

/**
 * Records a failed pull and decides whether the client gets an e-mail with a fresh link. It goes out
 * automatically the first night an attached account needs re-authentication, and not again on the
 * following nights: the collaborator can resend it ({@link resendReauthentication}).
 *
 * The episode is over once the status has no problem (a pull succeeded, or {@link onReauthenticated}),
 * so the stored {@link ReauthState} resets itself here even if the success was recorded elsewhere.
 * Route every pull error through this function, not only the re-authentication ones, so that an
 * outage in between does not hide the end of an episode.
 *
 * Persist the returned `reauth` only once the notification is sent: if sending fails, the next
 * night tries again.
 *
 * A `ConfigurationError` (the firm's own set-up) never e-mails the client: the status records it
 * with the setting, and the firm is told instead (`runCollection`'s firm notice).
 */
export const onConnectorError = (
  status: ConnectionStatus,
  reauth: ReauthState,
  error: ConnectorError,
  options: ConnectorErrorOptions,
): ConnectorErrorOutcome => {
  const next = statusAfterPullError(
    status,
    error,
    options.today,
    options.configurationVersion === undefined ? {} : { configurationVersion: options.configurationVersion },
  )
  // A configuration episode and a client episode never share their e-mail: the firm's notice does not
  // count as the client's link, nor the other way round. A new configuration problem starts afresh.
  const configurationSwitch =
    (status.problem?._tag === 'ConfigurationError' || error._tag === 'ConfigurationError') &&
    (status.problem?._tag !== error._tag || next.problem?.since !== status.problem.since)
  const episode = status.problem === null || configurationSwitch ? NO_REAUTH_EMAIL : reauth
  const recipients = options.recipients
  const send = needsReauthentication(error) && status.attachment === 'attached' && episode.emailedOn === null
  if (!send || recipients === null)
    return { status: next, reauth: episode, notification: null, recipientMissing: send }
  return {
    status: next,
    recipientMissing: false,
    reauth: { emailedOn: options.today },
    notification: {
      _tag: 'ReauthenticationLink',
      to: recipients.to,
      cc: recipients.cc,
      dossierCode: options.dossierCode,
      bankAccountId: options.bankAccountId,
      link: typeof options.link === 'string' ? options.link : options.link(),
    },
  }
}

/** Options of {@link resendReauthentication}. */
export interface ResendOptions {
  readonly dossierCode: string
  readonly bankAccountId: string
  readonly link: string
  /** The attached client. */
  readonly to: Recipient
  /** The collaborator who asked; "ce dernier est mis en copie". `null` when the client asked himself. */
  readonly requestedBy: Recipient | null
}

/**
 * [Changer de mot de passe]: the e-mail with a fresh link, on demand, every time it is asked. It does
 * not wait for a failed pull, since the client may say he changed his password before the night
 * notices. The link is only offered on attached accounts (the seed's [Mot de passe] column), so a
 * detached or never attached account is refused. It leaves the automatic e-mail's state alone.
 */
export const resendReauthentication = (
  status: ConnectionStatus,
  options: ResendOptions,
): Either<NotAttached, ReauthenticationLink> => {
  if (status.attachment !== 'attached') return E.left({ _tag: 'NotAttached' })
  return E.right({
    _tag: 'ReauthenticationLink',
    to: options.to,
    cc: options.requestedBy === null ? [] : [options.requestedBy],
    dossierCode: options.dossierCode,
    bankAccountId: options.bankAccountId,
    link: options.link,
  })
}

/**
 * The client went through the connect page again ("Vos comptes sont prêts"): the problem is over, the
 * episode ends, and the new consent end (Bridge `authentication_expires_at`) replaces the old one when given.
 */
export const onReauthenticated = (
  status: ConnectionStatus,
  options: { readonly consentExpiresOn?: LocalDate | null } = {},
): { readonly status: ConnectionStatus; readonly reauth: ReauthState } => {
  const cleared = statusAfterPullSuccess(status)
  return {
    status:
      options.consentExpiresOn === undefined
        ? cleared
        : { ...cleared, consentExpiresOn: options.consentExpiresOn },
    reauth: NO_REAUTH_EMAIL,
  }
}
