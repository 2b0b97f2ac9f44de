import type { ConnectionStatus } from '../domain/connection-status.js'
import { findBankAccount } from '../domain/dossier.js'
import type { Dossier } from '../domain/dossier.js'
import type { Protocol } from '../domain/feed-settings.js'
import { E } from '../fp.js'
import type { Either } from '../fp.js'
import type { Notification, Recipient } from '../domain/notification.js'
import type {
  AlreadyAttached,
  BankAccountNotFound,
  ContactEmailInvalid,
  ContactMissing,
  NotAttached,
  ProtocolNotEnabled,
  ProtocolWithoutAttach,
} from './errors.js'
import { attachedClientRecipient } from './recipients.js'

/** Protocols whose accounts are attached through a connect session; the others arrive as files. */
export const ATTACHABLE_PROTOCOLS: ReadonlyArray<Protocol> = ['bankin', 'dsp2']

/**
 * How an attach happens:
 * - `emailed`: non-collaborative dossier; the attach link is e-mailed to the attached client, the
 *   collaborator in copy ("Mail envoyé avec succès");
 * - `selfService`: collaborative dossier; the client clicks [A attacher] himself and goes straight to
 *   the connect page, so no e-mail is sent;
 * - `restored`: the account was detached; "cliquer de nouveau sur [A attacher] rétablit
 *   automatiquement la connexion", with the credentials already given, so no e-mail either.
 */
export type AttachMode = 'emailed' | 'selfService' | 'restored'

/** Options of {@link planAttach}. */
export interface AttachOptions {
  /**
   * The URL the client follows. In the seed it leads to the firm's application, which opens the
   * connect session on click, so it can be computed up front without side effects. Unused when restoring.
   */
  readonly connectLink: string
  /** The collaborator who clicked [A attacher], put in copy; `null` when nobody is to be copied. */
  readonly collaborator: Recipient | null
}

/** What attaching does: the new status, and the e-mail to send, if any. */
export interface AttachPlan {
  readonly mode: AttachMode
  readonly status: ConnectionStatus
  readonly notification: Notification | null
}

/** Why an account cannot be attached. */
export type AttachError =
  | BankAccountNotFound
  | ProtocolNotEnabled
  | ProtocolWithoutAttach
  | AlreadyAttached
  | ContactMissing
  | ContactEmailInvalid

/**
 * Decides what clicking [A attacher] on a bank account does (see {@link AttachMode}). The account
 * shows as attached ([A détacher]) as soon as the e-mail is sent, as in the seed, even though the
 * client has yet to give his bank credentials: until he does, pulls fail and the connector reports it.
 * The contact is only required when an e-mail is sent: on a collaborative dossier the client acts himself.
 */
export const planAttach = (
  dossier: Dossier,
  bankAccountId: string,
  current: ConnectionStatus,
  options: AttachOptions,
): Either<AttachError, AttachPlan> => {
  const found = findBankAccount(dossier, bankAccountId)
  if (found === undefined) return E.left({ _tag: 'BankAccountNotFound', bankAccountId })
  const { account } = found
  const protocol = account.feed?.protocol ?? null
  if (protocol === null) return E.left({ _tag: 'ProtocolNotEnabled', bankAccountId })
  if (!ATTACHABLE_PROTOCOLS.includes(protocol))
    return E.left({ _tag: 'ProtocolWithoutAttach', bankAccountId, protocol })
  if (current.attachment === 'attached') return E.left({ _tag: 'AlreadyAttached', bankAccountId })

  const status: ConnectionStatus = { ...current, attachment: 'attached' }
  // Restoring keeps the problem and consent as they were: if the password changed meanwhile, the
  // next pull says so and the re-authentication flow takes over.
  if (current.attachment === 'detached') return E.right({ mode: 'restored', status, notification: null })
  if (dossier.collaborative) return E.right({ mode: 'selfService', status, notification: null })
  return E.map((to: Recipient) => ({
    mode: 'emailed' as const,
    status,
    notification: {
      _tag: 'AttachLink' as const,
      to,
      cc: options.collaborator === null ? [] : [options.collaborator],
      dossierCode: dossier.code,
      bankAccountId,
      link: options.connectLink,
    },
  }))(attachedClientRecipient(dossier, account))
}

/**
 * Clicking [A détacher]: collection stops, but "les relevés déjà récupérés ne sont pas perdus": only
 * the attachment changes, and the problem and consent are kept for when it is attached again.
 * Detaching a detached account is harmless; one never attached cannot be detached.
 */
export const detach = (status: ConnectionStatus): Either<NotAttached, ConnectionStatus> => {
  if (status.attachment === 'notAttached') return E.left({ _tag: 'NotAttached' })
  return E.right(status.attachment === 'detached' ? status : { ...status, attachment: 'detached' })
}

/** True when the nightly collection should pull this account: only attached accounts are collected. */
export const isCollecting = (status: ConnectionStatus): boolean => status.attachment === 'attached'
