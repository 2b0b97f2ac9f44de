import { E } from '../fp.js'
import { statusAfterPullSuccess } from '../domain/connection-status.js'
import type { Dossier } from '../domain/dossier.js'
import type { LocalDate } from '../domain/local-date.js'
import { isDue } from '../lifecycle/collection-window.js'
import type { CollectionWindow, DueReason } from '../lifecycle/collection-window.js'
import { DEFAULT_EXPIRY_WARNING_DAYS, expiryWarnings } from '../lifecycle/consent-expiry.js'
import type { InvalidCollectionWindow, InvalidInstant } from '../lifecycle/errors.js'
import { NO_REAUTH_EMAIL, needsReauthentication, onConnectorError } from '../lifecycle/reauthentication.js'
import { attachedClientRecipient } from '../lifecycle/recipients.js'
import type { BankConnector, ConnectionRef, ConnectorError } from '../ports/connector.js'
import type { Notification, Notifier, NotifierError } from '../ports/notifier.js'
import type { ConnectionState, ConnectionStateStore, LedgerKey, StoreError } from '../ports/stores.js'
import { syncConnection } from './sync-connection.js'
import type { SyncDeps, SyncError, SyncReport, SyncRequest } from './sync-connection.js'

/** One connection the nightly job looks at. */
export interface CollectionTarget {
  readonly connection: ConnectionRef
  readonly connector: BankConnector
  /** The bank accounts it feeds; the first one's feed settings (frequency) and attached client apply. */
  readonly accounts: ReadonlyArray<LedgerKey>
  /**
   * A fresh re-authentication link, made only when the e-mail goes out (it is a secret: never logged).
   */
  readonly reauthenticationLink: () => string
}

/** The ports of the nightly job: those of a sync, plus the connection states and the notifier. */
export interface RunCollectionDeps extends Omit<SyncDeps, 'connector'> {
  readonly states: ConnectionStateStore
  readonly notifier: Notifier
}

/** What to run. */
export interface RunCollectionRequest extends Pick<SyncRequest, 'bindings' | 'rules' | 'footerStyle'> {
  readonly dossiers: ReadonlyArray<Dossier>
  readonly targets: ReadonlyArray<CollectionTarget>
  /** The seed's nightly 03:00–04:00 Paris window by default. */
  readonly window?: CollectionWindow
  /** How many days before a consent ends the client is warned (7 by default). */
  readonly warnDays?: number
}

/** What became of one connection in a run. */
export type ConnectionOutcome =
  /** Detached or never attached: nothing is collected. */
  | { readonly _tag: 'NotAttached' }
  /** Not due now (outside the window, or already collected in this period). */
  | { readonly _tag: 'NotDue'; readonly reason: DueReason; readonly nextWindowStart: string }
  /**
   * A pull already failed today for want of the client (password, SCA, consent): no new attempt
   * before the next day or before the client re-authenticates, to spare the provider's budgets.
   */
  | { readonly _tag: 'AwaitingClient'; readonly problem: string; readonly since: LocalDate }
  /** Pulled and committed. */
  | { readonly _tag: 'Collected'; readonly report: SyncReport }
  /**
   * The connector failed: the status records the problem; `reauthenticationSent` when this run sent
   * the client the e-mail with a fresh link (once per episode).
   */
  | { readonly _tag: 'PullFailed'; readonly error: ConnectorError; readonly reauthenticationSent: boolean }
  /** Nothing could be decided or committed (store down, bad set-up): the state is left as it was. */
  | {
      readonly _tag: 'Failed'
      readonly error: SyncError | StoreError | InvalidCollectionWindow | InvalidInstant
    }

/** One connection's part of a run. */
export interface ConnectionRun {
  readonly connectionId: string
  readonly outcome: ConnectionOutcome
  /** The consent end the client was warned about in this run, if any. */
  readonly expiryWarningFor: LocalDate | null
  /** E-mails that could not go out; they are tried again on the next run. */
  readonly notificationErrors: ReadonlyArray<
    NotifierError | { readonly _tag: 'NoRecipient'; readonly message: string }
  >
}

/** The report of a run. */
export interface CollectionRunReport {
  readonly at: string
  readonly connections: ReadonlyArray<ConnectionRun>
}

/** The state of a connection the job has never seen: attached (it is a target), no problem yet. */
export const firstConnectionState = (consentExpiresOn: LocalDate | null = null): ConnectionState => ({
  status: { attachment: 'attached', problem: null, consentExpiresOn },
  reauth: NO_REAUTH_EMAIL,
  lastCollectedOn: null,
  lastFailedOn: null,
  warnedFor: null,
})

/**
 * The nightly job of the seeds ("chaque jour, entre 3h et 4h du matin"), one connection after the
 * other: an attached connection that is due (window and frequency, {@link isDue}) is synced
 * ({@link syncConnection}: one commit, cursor moved only on success). A success ends any problem and
 * records the day; a connector failure becomes the connection's problem, and the first night of a
 * re-authentication episode the attached client gets an e-mail with a fresh link. A connection waiting
 * for its client is pulled at most once a day (`AwaitingClient` otherwise) until it succeeds or the
 * client re-authenticates ({@link onReauthenticated} clears the problem). Then consents that
 * end within `warnDays` are warned about, once per end. Each connection's state is saved after its
 * e-mails were tried: an e-mail that failed is not recorded as sent, so the next run tries again.
 */
export const runCollection =
  (deps: RunCollectionDeps, request: RunCollectionRequest) => async (): Promise<CollectionRunReport> => {
    const at = deps.clock.now()
    const connections: ConnectionRun[] = []
    for (const target of request.targets) connections.push(await runOne(deps, request, target, at))
    return { at, connections }
  }

const runOne = async (
  deps: RunCollectionDeps,
  request: RunCollectionRequest,
  target: CollectionTarget,
  now: string,
): Promise<ConnectionRun> => {
  const connectionId = target.connection.id
  const run = (
    outcome: ConnectionOutcome,
    expiryWarningFor: LocalDate | null = null,
    notificationErrors: ConnectionRun['notificationErrors'] = [],
  ): ConnectionRun => ({ connectionId, outcome, expiryWarningFor, notificationErrors })

  const loaded = await deps.states.load(connectionId)()
  if (E.isLeft(loaded)) return run({ _tag: 'Failed', error: loaded.left })
  const state = loaded.right.state ?? firstConnectionState()
  if (state.status.attachment !== 'attached') return run({ _tag: 'NotAttached' })

  const first = target.accounts[0]
  const dossier = request.dossiers.find((d) => d.code === first?.dossierCode)
  const account = dossier?.bankAccounts.find((b) => b.id === first?.bankAccountId)
  if (first === undefined || dossier === undefined || account === undefined)
    return run({
      _tag: 'Failed',
      error: {
        _tag: 'UnknownBankAccount',
        dossierCode: first?.dossierCode ?? '',
        bankAccountId: first?.bankAccountId ?? '',
      },
    })
  const due = isDue({
    frequency: account.feed?.frequency ?? 'daily',
    lastCollectedOn: state.lastCollectedOn,
    now,
    ...(request.window === undefined ? {} : { window: request.window }),
  })
  if (E.isLeft(due)) return run({ _tag: 'Failed', error: due.left })
  const today = due.right.today
  const recipient = attachedClientRecipient(dossier, account)
  const errors: Array<ConnectionRun['notificationErrors'][number]> = []
  /** Sends an e-mail; false when it could not go out (then it is not recorded as sent). */
  const send = async (notification: Notification): Promise<boolean> => {
    const sent = await deps.notifier.send(notification)()
    if (E.isRight(sent)) return true
    deps.logger.warn('notification failed', { connection: connectionId, kind: notification._tag })
    errors.push(sent.left)
    return false
  }
  if (E.isLeft(recipient))
    errors.push({ _tag: 'NoRecipient', message: `${dossier.code}/${account.id}: ${recipient.left._tag}` })

  let next: ConnectionState = state
  let outcome: ConnectionOutcome
  const problem = state.status.problem
  if (!due.right.due) {
    outcome = { _tag: 'NotDue', reason: due.right.reason, nextWindowStart: due.right.nextWindowStart }
  } else if (problem !== null && needsReauthentication(problem) && state.lastFailedOn === today) {
    outcome = { _tag: 'AwaitingClient', problem: problem._tag, since: problem.since }
  } else {
    const synced = await syncConnection(
      { ...deps, connector: target.connector },
      {
        connection: target.connection,
        dossiers: request.dossiers,
        accounts: target.accounts,
        ...(request.bindings === undefined ? {} : { bindings: request.bindings }),
        ...(request.rules === undefined ? {} : { rules: request.rules }),
        ...(request.footerStyle === undefined ? {} : { footerStyle: request.footerStyle }),
      },
    )()
    if (E.isRight(synced)) {
      const reported = synced.right.consentExpiresOn
      const cleared = statusAfterPullSuccess(state.status)
      next = {
        ...state,
        // The provider's word on the consent end replaces the stored one (a renewed consent).
        status: reported === undefined ? cleared : { ...cleared, consentExpiresOn: reported },
        reauth: NO_REAUTH_EMAIL,
        lastCollectedOn: today,
      }
      outcome = { _tag: 'Collected', report: synced.right }
    } else if (synced.left._tag === 'PullFailed') {
      const failed = onConnectorError(state.status, state.reauth, synced.left.error, {
        today,
        dossierCode: dossier.code,
        bankAccountId: account.id,
        // Made only if the e-mail goes out: the link is a secret and may cost a connect session.
        link: target.reauthenticationLink,
        recipients: E.isRight(recipient) ? { to: recipient.right, cc: [] } : null,
      })
      const sent = failed.notification !== null && (await send(failed.notification))
      // Recorded as sent only once it went out: the next night tries again otherwise.
      next = {
        ...state,
        status: failed.status,
        reauth: sent ? failed.reauth : state.reauth,
        lastFailedOn: needsReauthentication(synced.left.error) ? today : state.lastFailedOn,
      }
      outcome = { _tag: 'PullFailed', error: synced.left.error, reauthenticationSent: sent }
    } else return run({ _tag: 'Failed', error: synced.left })
  }

  const warnings =
    E.isRight(recipient) && next.status.attachment === 'attached'
      ? expiryWarnings(
          [
            {
              dossierCode: dossier.code,
              bankAccountId: account.id,
              status: next.status,
              warnedFor: next.warnedFor,
              to: recipient.right,
              cc: [],
            },
          ],
          { today, warnDays: request.warnDays ?? DEFAULT_EXPIRY_WARNING_DAYS },
        )
      : []
  let warnedFor: LocalDate | null = null
  for (const w of warnings)
    if (await send(w)) {
      warnedFor = w.expiresOn
      next = { ...next, warnedFor: w.expiresOn }
    }

  // Nothing changed (not due, nothing to warn about): nothing to write.
  if (next === state && loaded.right.state !== null) return run(outcome, warnedFor, errors)
  const saved = await deps.states.save(connectionId, next, loaded.right.version)()
  if (E.isLeft(saved)) return run({ _tag: 'Failed', error: saved.left }, warnedFor, errors)
  return run(outcome, warnedFor, errors)
}
