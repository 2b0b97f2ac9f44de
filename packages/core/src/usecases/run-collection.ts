import { E } from '../fp.js'
import type { Either } from '../fp.js'
import { statusAfterPullSuccess } from '../domain/connection-status.js'
import type { Dossier } from '../domain/dossier.js'
import { PROTOCOLS } from '../domain/feed-settings.js'
import type { LocalDate } from '../domain/local-date.js'
import { isDue } from '../lifecycle/collection-window.js'
import type { CollectionWindow, DueReason } from '../lifecycle/collection-window.js'
import { ATTACHABLE_PROTOCOLS } from '../lifecycle/attach.js'
import { DEFAULT_EXPIRY_WARNING_DAYS, consentEndToWarnAbout } from '../lifecycle/consent-expiry.js'
import type { InvalidCollectionWindow, InvalidInstant } from '../lifecycle/errors.js'
import { needsReauthentication, onConnectorError } from '../lifecycle/reauthentication.js'
import { NO_REAUTH_EMAIL } from '../domain/reauth-state.js'
import { firmNoticesDue } from '../lifecycle/firm-notice.js'
import type { ConfigurationCase, FirmConfigurationProblem } from '../lifecycle/firm-notice.js'
import { attachedClientRecipient } from '../lifecycle/recipients.js'
import type { Recipients } from '../lifecycle/recipients.js'
import type { BankConnector } from '../ports/connector.js'
import type { ConnectionRef } from '../domain/feed.js'
import type { ConnectorError } from '../domain/connector-error.js'
import type { Notifier } from '../ports/notifier.js'
import type { Notification, NotifierError } from '../domain/notification.js'
import type { StoreError } from '../domain/store-error.js'
import type { ConnectionStateStore } from '../ports/stores.js'
import type { ConnectionState, LedgerKey } from '../domain/store-records.js'
import { guardTask, thrownName } from './guard-task.js'
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
  /**
   * A version of the firm's own configuration this connector runs with (its settings' last change,
   * a hash of them without the secrets): anything that changes when someone edits them. A connection
   * stopped by a `ConfigurationError` is not pulled again until this differs from the version it
   * failed with; absent counts as `null`, so without it the connection stays stopped until its
   * state is cleared (`onReauthenticated`, or a fresh `firstConnectionState`).
   */
  readonly configurationVersion?: string
}

/**
 * The ports of the nightly job: those of a sync but the connector (the program's context, the store,
 * the optional event publisher), plus the connection states and the notifier — so
 * `{ ...context, store, states, notifier }`. Each target brings its own connector.
 */
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
  /**
   * Where notices about the firm's own set-up go (its administrator, someone in copy), never a
   * client. Without it a notice is only handed over in the run's `firmNotices`, once per episode.
   */
  readonly firmRecipients?: Recipients
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
  /**
   * The last pull failed on the firm's own configuration (`ConfigurationError`) and the
   * configuration has not changed since (`CollectionTarget.configurationVersion`): not pulled, since
   * it would fail again; the firm was told (`firmNotices`).
   */
  | { readonly _tag: 'AwaitingConfiguration'; readonly setting: string; readonly since: LocalDate }
  /** Pulled and committed. */
  | { readonly _tag: 'Collected'; readonly report: SyncReport }
  /**
   * The connector failed: the status records the problem; `reauthenticationSent` when this run sent
   * the client the e-mail with a fresh link (once per episode; never for a `ConfigurationError`).
   */
  | { readonly _tag: 'PullFailed'; readonly error: ConnectorError; readonly reauthenticationSent: boolean }
  /**
   * Nothing could be decided or committed (store down, bad set-up, a connector or store that threw):
   * the state is left as it was. `Unexpected` is a throw from a callback of the application (the
   * link maker, the logger), named, never let out of the run.
   */
  | {
      readonly _tag: 'Failed'
      readonly error:
        | SyncError
        | StoreError
        | InvalidCollectionWindow
        | InvalidInstant
        | { readonly _tag: 'Unexpected'; readonly message: string }
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

/** A notice to the firm about its own set-up, as a run handled it. */
export interface FirmNoticeRun {
  readonly problem: FirmConfigurationProblem
  /** E-mailed to `firmRecipients` in this run. */
  readonly sent: boolean
  /** Why it could not go out (the next run tries again); `null` when sent or when there is no address. */
  readonly error: NotifierError | null
}

/** The report of a run. */
export interface CollectionRunReport {
  readonly at: string
  readonly connections: ReadonlyArray<ConnectionRun>
  /**
   * Problems of the firm's own set-up that started an episode in this run (or whose notice failed
   * before): one per protocol and setting, however many connections they stop.
   */
  readonly firmNotices: ReadonlyArray<FirmNoticeRun>
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
 *
 * A `ConfigurationError` is the firm's: no client is e-mailed; the connection records it (with the
 * setting and `configurationVersion`) and is not pulled again until that version changes
 * (`AwaitingConfiguration`); after all connections, the firm gets one `FirmConfigurationError` notice
 * per protocol and setting and episode ({@link firmNoticesDue}), at `firmRecipients`.
 *
 * Client e-mails belong to protocols with a client connection (not the file protocols `cfonb` and
 * `sobank`), and a missing client address is a `NoRecipient` error only when an e-mail was due.
 * One connection's failure never stops the others: whatever its connector, stores or notifier do
 * (a `Left`, a throw, a rejected promise), it ends in that connection's outcome.
 */
export const runCollection =
  (deps: RunCollectionDeps, request: RunCollectionRequest) => async (): Promise<CollectionRunReport> => {
    const at = deps.clock.now()
    const connections: ConnectionRun[] = []
    const cases: Array<ConfigurationCase & { readonly today: LocalDate }> = []
    for (const target of request.targets) {
      const one = await runOneSafely(deps, request, target, at)
      connections.push(one.run)
      if (one.configuration !== null) cases.push(one.configuration)
    }
    const firmNotices = await noticeTheFirm(deps, request, cases)
    return { at, connections, firmNotices }
  }

/** What one connection's turn leaves: its report line, and its configuration problem if it has one. */
interface OneResult {
  readonly run: ConnectionRun
  readonly configuration: (ConfigurationCase & { readonly today: LocalDate }) | null
}

// The file protocols have no client connection: nothing to re-authenticate, no consent to warn about.
const FILE_PROTOCOLS: ReadonlySet<string> = new Set(
  PROTOCOLS.filter((p) => !ATTACHABLE_PROTOCOLS.includes(p)),
)

/** True when the protocol's connection is the client's (a connect session, a consent): he gets e-mails. */
const emailsTheClient = (protocol: string): boolean => !FILE_PROTOCOLS.has(protocol)

/** The last line of defence: a callback of the application that throws ends this connection only. */
const runOneSafely = async (
  deps: RunCollectionDeps,
  request: RunCollectionRequest,
  target: CollectionTarget,
  now: string,
): Promise<OneResult> => {
  try {
    return await runOne(deps, request, target, now)
  } catch (thrown) {
    return {
      run: {
        connectionId: target.connection.id,
        outcome: {
          _tag: 'Failed',
          error: { _tag: 'Unexpected', message: `the run of this connection threw ${thrownName(thrown)}` },
        },
        expiryWarningFor: null,
        notificationErrors: [],
      },
      configuration: null,
    }
  }
}

const loadState = (deps: RunCollectionDeps, connectionId: string) =>
  guardTask<StoreError | SyncError, { readonly state: ConnectionState | null; readonly version: number }>(
    () => deps.states.load(connectionId),
    (what) => ({ _tag: 'StoreThrew', operation: 'loadState', message: `loadState ${what}` }),
  )()

const saveState = (deps: RunCollectionDeps, connectionId: string, state: ConnectionState, version: number) =>
  guardTask<StoreError | SyncError, void>(
    () => deps.states.save(connectionId, state, version),
    (what) => ({ _tag: 'StoreThrew', operation: 'saveState', message: `saveState ${what}` }),
  )()

/** Sends through the notifier, which cannot throw past this: a throw is a retryable `NotifierError`. */
const notify = (deps: RunCollectionDeps, notification: Notification): Promise<Either<NotifierError, void>> =>
  guardTask<NotifierError, void>(
    () => deps.notifier.send(notification),
    (what) => ({ _tag: 'NotifierError', message: `send ${what}`, retryable: true }),
  )()

const runOne = async (
  deps: RunCollectionDeps,
  request: RunCollectionRequest,
  target: CollectionTarget,
  now: string,
): Promise<OneResult> => {
  const connectionId = target.connection.id
  const run = (
    outcome: ConnectionOutcome,
    expiryWarningFor: LocalDate | null = null,
    notificationErrors: ConnectionRun['notificationErrors'] = [],
  ): ConnectionRun => ({ connectionId, outcome, expiryWarningFor, notificationErrors })
  const only = (r: ConnectionRun): OneResult => ({ run: r, configuration: null })

  const loaded = await loadState(deps, connectionId)
  if (E.isLeft(loaded)) return only(run({ _tag: 'Failed', error: loaded.left }))
  const state = loaded.right.state ?? firstConnectionState()
  if (state.status.attachment !== 'attached') return only(run({ _tag: 'NotAttached' }))

  const first = target.accounts[0]
  const dossier = request.dossiers.find((d) => d.code === first?.dossierCode)
  const account = dossier?.bankAccounts.find((b) => b.id === first?.bankAccountId)
  if (first === undefined || dossier === undefined || account === undefined)
    return only(
      run({
        _tag: 'Failed',
        error: {
          _tag: 'UnknownBankAccount',
          dossierCode: first?.dossierCode ?? '',
          bankAccountId: first?.bankAccountId ?? '',
        },
      }),
    )
  const due = isDue({
    frequency: account.feed?.frequency ?? 'daily',
    lastCollectedOn: state.lastCollectedOn,
    now,
    ...(request.window === undefined ? {} : { window: request.window }),
  })
  if (E.isLeft(due)) return only(run({ _tag: 'Failed', error: due.left }))
  const today = due.right.today
  const clientEmails = emailsTheClient(target.connection.protocol)
  const recipient = attachedClientRecipient(dossier, account)
  const errors: Array<ConnectionRun['notificationErrors'][number]> = []
  /** Sends an e-mail; false when it could not go out (then it is not recorded as sent). */
  const send = async (notification: Notification): Promise<boolean> => {
    const sent = await notify(deps, notification)
    if (E.isRight(sent)) return true
    deps.logger.warn('notification failed', { connection: connectionId, kind: notification._tag })
    errors.push(sent.left)
    return false
  }
  /** An e-mail was due and the client has no usable address: said once per run, not every night. */
  const noRecipient = (): void => {
    if (E.isLeft(recipient) && !errors.some((e) => e._tag === 'NoRecipient'))
      errors.push({ _tag: 'NoRecipient', message: `${dossier.code}/${account.id}: ${recipient.left._tag}` })
  }
  const configurationVersion = target.configurationVersion ?? null

  let next: ConnectionState = state
  let outcome: ConnectionOutcome
  const problem = state.status.problem
  if (!due.right.due) {
    outcome = { _tag: 'NotDue', reason: due.right.reason, nextWindowStart: due.right.nextWindowStart }
  } else if (
    problem?._tag === 'ConfigurationError' &&
    (problem.configurationVersion ?? null) === configurationVersion
  ) {
    outcome = { _tag: 'AwaitingConfiguration', setting: problem.setting ?? '', since: problem.since }
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
        recipients: clientEmails && E.isRight(recipient) ? { to: recipient.right, cc: [] } : null,
        configurationVersion,
      })
      if (failed.recipientMissing && clientEmails) noRecipient()
      const sent = failed.notification !== null && (await send(failed.notification))
      next = {
        ...state,
        status: failed.status,
        // Recorded as sent only once it went out: the next night tries again otherwise.
        reauth: failed.notification === null || sent ? failed.reauth : state.reauth,
        lastFailedOn: needsReauthentication(synced.left.error) ? today : state.lastFailedOn,
      }
      outcome = { _tag: 'PullFailed', error: synced.left.error, reauthenticationSent: sent }
    } else return only(run({ _tag: 'Failed', error: synced.left }))
  }

  let warnedFor: LocalDate | null = null
  const warnAbout =
    clientEmails && next.status.attachment === 'attached'
      ? consentEndToWarnAbout(next, {
          today,
          warnDays: request.warnDays ?? DEFAULT_EXPIRY_WARNING_DAYS,
        })
      : null
  if (warnAbout !== null) {
    if (E.isLeft(recipient)) noRecipient()
    else if (
      await send({
        _tag: 'ExpiryWarning',
        to: recipient.right,
        cc: [],
        dossierCode: dossier.code,
        bankAccountId: account.id,
        expiresOn: warnAbout,
      })
    ) {
      warnedFor = warnAbout
      next = { ...next, warnedFor: warnAbout }
    }
  }

  const stopped = next.status.problem
  const configuration =
    next.status.attachment === 'attached' && stopped?._tag === 'ConfigurationError'
      ? {
          connectionId,
          accounts: target.accounts,
          protocol: target.connection.protocol,
          problem: stopped,
          notified: next.reauth.emailedOn !== null,
          today,
        }
      : null
  // Nothing changed (not due, nothing to warn about): nothing to write.
  if (next === state && loaded.right.state !== null)
    return { run: run(outcome, warnedFor, errors), configuration }
  const saved = await saveState(deps, connectionId, next, loaded.right.version)
  if (E.isLeft(saved)) return only(run({ _tag: 'Failed', error: saved.left }, warnedFor, errors))
  return { run: run(outcome, warnedFor, errors), configuration }
}

/**
 * Tells the firm about the configuration problems of the run, one notice per protocol and setting
 * not told yet, and records it on each connection it names (`reauth.emailedOn`), so no later night
 * repeats it. A notice that could not go out is not recorded: the next run sends it again.
 */
const noticeTheFirm = async (
  deps: RunCollectionDeps,
  request: RunCollectionRequest,
  cases: ReadonlyArray<ConfigurationCase & { readonly today: LocalDate }>,
): Promise<ReadonlyArray<FirmNoticeRun>> => {
  const notices: FirmNoticeRun[] = []
  for (const problem of firmNoticesDue(cases)) {
    const to = request.firmRecipients
    const sent =
      to === undefined
        ? null
        : await notify(deps, { _tag: 'FirmConfigurationError', to: to.to, cc: to.cc, ...problem })
    if (sent !== null && E.isLeft(sent))
      deps.logger.warn('notification failed', { kind: 'FirmConfigurationError', setting: problem.setting })
    // Without a firm address, the notice is handed over in this report, once per episode like an e-mail.
    if (sent === null || E.isRight(sent))
      for (const c of problem.connections) {
        const today = cases.find((x) => x.connectionId === c.connectionId)?.today
        if (today !== undefined) await recordFirmNotified(deps, c.connectionId, problem, today)
      }
    notices.push({
      problem,
      sent: sent !== null && E.isRight(sent),
      error: sent !== null && E.isLeft(sent) ? sent.left : null,
    })
  }
  return notices
}

/** Marks a connection's configuration episode as told; a store failure only means telling again. */
const recordFirmNotified = async (
  deps: RunCollectionDeps,
  connectionId: string,
  problem: FirmConfigurationProblem,
  today: LocalDate,
): Promise<void> => {
  const loaded = await loadState(deps, connectionId)
  const state = E.isRight(loaded) ? loaded.right.state : null
  const stored = state?.status.problem
  if (state === null || stored?._tag !== 'ConfigurationError' || stored.setting !== problem.setting) return
  const saved = await saveState(
    deps,
    connectionId,
    { ...state, reauth: { emailedOn: today } },
    (loaded as E.Right<{ readonly version: number }>).right.version,
  )
  if (E.isLeft(saved))
    deps.logger.warn('firm notice not recorded: it may be sent again', { connection: connectionId })
}
