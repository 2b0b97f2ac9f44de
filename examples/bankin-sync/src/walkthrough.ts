/**
 * The seed `liaison-loop-bankin.txt` played with real HTTP against the loopback Bridge simulator,
 * one module per step (`steps/`): checklist, [Bankin'] checked, [A attacher] e-mail, first night,
 * password change, error report, re-authentication, catch-up night with no duplicate, consent
 * expiry, and the nightly job. Each step prints French lines and answers its outcome, so `main.ts`
 * only prints and the test asserts every step. One context (`world.ts`) is made once and given to
 * the Bridge client, whose connector takes it from the client, and to every use case.
 */
import type { ConnectionStatus, FeedReportItem, LocalDate, Notification } from '@bankfeed/core'
import type { SyncFigures } from './connection.js'
import { showChecklist } from './steps/01-checklist.js'
import { enableBankin } from './steps/02-enable-bankin.js'
import { attachAccount } from './steps/03-attach.js'
import { firstNight } from './steps/04-first-night.js'
import { passwordChanged } from './steps/05-password-changed.js'
import type { FailedNight } from './steps/05-password-changed.js'
import { errorReport } from './steps/06-error-report.js'
import { reauthenticate } from './steps/07-reauthenticate.js'
import { catchUpNight } from './steps/08-catch-up.js'
import type { CatchUp } from './steps/08-catch-up.js'
import { consentExpiry } from './steps/09-consent-expiry.js'
import type { Expiry } from './steps/09-consent-expiry.js'
import { nightlyJob } from './steps/10-nightly-job.js'
import type { Nightly } from './steps/10-nightly-job.js'
import { openWorld } from './world.js'

export { MASKED_LINK } from './notifier.js'
export type { SyncFigures } from './connection.js'
export type { FailedNight } from './steps/05-password-changed.js'
export type { CatchUp } from './steps/08-catch-up.js'
export type { Expiry } from './steps/09-consent-expiry.js'
export type { Nightly } from './steps/10-nightly-job.js'

/** Options of {@link runWalkthrough}. */
export interface WalkthroughOptions {
  /** The dossier, as dossier JSON v1 text (`examples/bankin-sync/dossier.json`). */
  readonly dossierJson: string
  /** Receives each printed line; the lines are returned too. */
  readonly print?: (line: string) => void
}

/** Everything the walkthrough did, step by step. */
export interface WalkthroughResult {
  readonly lines: ReadonlyArray<string>
  /** Step 1 and 2: blocking checklist codes before and after enabling Bankin'. */
  readonly checklist: { readonly before: ReadonlyArray<string>; readonly after: ReadonlyArray<string> }
  /** Step 2: the start date, validated (locked). */
  readonly startDate: { readonly date: LocalDate | null; readonly locked: boolean }
  /** Every e-mail the notifier sent, in order. */
  readonly emails: ReadonlyArray<Notification>
  /** Step 4. */
  readonly firstSync: SyncFigures
  /** Step 5: the nights the pull failed. */
  readonly failedNights: ReadonlyArray<FailedNight>
  /** Step 6: the error report while the password is wrong. */
  readonly reportWhileBroken: ReadonlyArray<Pick<FeedReportItem, 'code' | 'message'>>
  /** Step 7: the connection once the client re-authenticated. */
  readonly afterReauth: ConnectionStatus
  /** Step 8. */
  readonly catchUp: CatchUp
  /** Step 9. */
  readonly expiry: Expiry
  /** Step 10. */
  readonly nightly: Nightly
  /** HTTP requests the simulator received. */
  readonly bridgeRequests: number
  /** The log lines of the client, the connector and the use cases. */
  readonly logs: ReadonlyArray<string>
  /** Values that must never be printed nor logged (links, Connect URLs, credentials, tokens). */
  readonly secrets: ReadonlyArray<string>
}

/**
 * Runs the whole story against a fresh simulator and closes it. Throws when a step does not go as
 * the seed says (a walkthrough that silently diverged would teach the wrong thing).
 */
export const runWalkthrough = async (options: WalkthroughOptions): Promise<WalkthroughResult> => {
  const world = await openWorld(options.print)
  try {
    const checked = showChecklist(world, options.dossierJson)
    const account = enableBankin(world, checked.dossier)
    const { link: attached, ...bankin } = await attachAccount(world, account)
    const first = await firstNight(world, account, bankin, attached)
    const broken = await passwordChanged(world, account, bankin, first.link)
    const reportWhileBroken = errorReport(world, account, broken.link)
    const restored = await reauthenticate(world, account, bankin, broken.link)
    const caughtUp = await catchUpNight(world, account, bankin, restored)
    const expiring = await consentExpiry(world, account, bankin, caughtUp.link)
    const nightly = await nightlyJob(world, account, bankin, expiring.link, expiring.warnedFor)

    const { notifier, sim, events } = world
    world.print(
      `\n${notifier.sent.length} e-mails envoyés, ${sim.requests().length} requêtes HTTP à Bridge (simulateur), ${events.published.length} événements publiés.`,
    )
    world.secrets.push(...sim.issuedTokens())
    return {
      lines: [...world.lines],
      checklist: { before: checked.blocking, after: account.blocking },
      startDate: { date: account.feed.startDate, locked: account.feed.startDateLocked },
      emails: [...notifier.sent],
      firstSync: first.figures,
      failedNights: broken.failedNights,
      reportWhileBroken,
      afterReauth: restored.status,
      catchUp: caughtUp.catchUp,
      expiry: expiring.expiry,
      nightly,
      bridgeRequests: sim.requests().length,
      logs: [...world.logs],
      secrets: [...world.secrets],
    }
  } finally {
    await world.close()
  }
}
