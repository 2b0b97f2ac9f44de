/**
 * The seed `liaison-loop-bankin.txt` walked end to end with the pure life-cycle decisions: what a
 * scheduler and the notifier adapter will do later is played here by hand, night after night.
 */
import { describe, expect, it } from 'vitest'
import { day } from '../../test/builders.js'
import { seedDossier } from '../../test/seed.js'
import type { BankAccount } from '../domain/bank-account.js'
import { statusAfterPullSuccess } from '../domain/connection-status.js'
import type { ConnectionStatus } from '../domain/connection-status.js'
import type { Dossier } from '../domain/dossier.js'
import type { LocalDate } from '../domain/local-date.js'
import { E } from '../fp.js'
import type { Either } from '../fp.js'
import type { ConnectorError } from '../domain/connector-error.js'
import type { Notification, Recipient } from '../domain/notification.js'
import { feedErrorReport } from '../report/feed-error-report.js'
import { detach, isCollecting, planAttach } from './attach.js'
import { isDue } from './collection-window.js'
import { consentExpiresOnOf, expiryWarnings } from './consent-expiry.js'
import { enableProtocol } from './enable-protocol.js'
import { lifecycleErrorMessage } from './messages.js'
import { attachedClientRecipient } from './recipients.js'
import { onConnectorError, onReauthenticated, resendReauthentication } from './reauthentication.js'
import { NO_REAUTH_EMAIL } from '../domain/reauth-state.js'
import type { ReauthState } from '../domain/reauth-state.js'
import { changeStartDate, validateStartDate } from './start-date.js'

const right = <A>(e: Either<unknown, A>): A => {
  if (E.isLeft(e)) throw new Error(`expected Right, got ${JSON.stringify(e.left)}`)
  return e.right
}

const lucile: Recipient = { name: 'Lucile B', email: 'lucile@example.fr' }
const paul: Recipient = { name: 'Paul Martin', email: 'paul.martin@cabinet.example' }
const link = 'https://app.example/CCH001/bank-accounts/ba1/connect'
const passwordChanged: ConnectorError = { _tag: 'AuthExpired', message: 'item status 402', retryable: false }

/** The seed's dossier before [Bankin'] is checked: its bank account has no feed yet. */
const before = (): Dossier => {
  const seed = seedDossier()
  return { ...seed, bankAccounts: [{ ...(seed.bankAccounts[0] as BankAccount), feed: null }] }
}

const reportCodes = (dossier: Dossier, connection: ConnectionStatus, today: LocalDate) =>
  feedErrorReport({ dossier, today, accounts: [{ bankAccountId: 'ba1', connection }] }).items.map(
    (i) => i.code,
  )

describe('the Bankin’ life cycle of the seed, end to end', () => {
  it('walks enable → start date → attach → nights → password change → resend → re-auth → detach → attach', () => {
    const sent: Notification[] = []
    const today = day('2026-03-15')

    // 1. Configuration > Trésorerie, [Bankin'] checked: the account is interfaced, entries automatic,
    //    start date defaulted to the start of the current fiscal year.
    const enabled = right(enableProtocol(before(), 'bankin', { today }))
    expect(enabled.accountsToInterface).toEqual(['ba1'])
    let dossier = enabled.dossier
    let account = dossier.bankAccounts[0] as BankAccount
    expect(account.feed).toEqual({
      protocol: 'bankin',
      startDate: '2026-01-01',
      startDateLocked: false,
      frequency: 'daily',
      autoGenerateEntries: true,
    })

    // 2. The person tries a date beyond the banks' retention, is warned, keeps the default, validates.
    const tooOld = right(changeStartDate(account.feed!, day('2025-06-01'), { today }))
    expect(tooOld.warnings.map((w) => w.code)).toEqual(['FEED_START_DATE_BEYOND_RETENTION'])
    const locked = right(validateStartDate(account.feed!))
    dossier = { ...dossier, bankAccounts: [{ ...account, feed: locked }] }
    account = dossier.bankAccounts[0] as BankAccount
    const refused = changeStartDate(account.feed!, day('2025-12-01'), { today })
    expect(E.isLeft(refused) && lifecycleErrorMessage(refused.left)).toBe(
      'La date de début d’appel (01/01/2026) a été validée : elle n’est plus modifiable.',
    )

    // 3. Not attached yet: the error report says so. [A attacher]: Lucile gets the link, Paul in copy.
    let status: ConnectionStatus = { attachment: 'notAttached', problem: null, consentExpiresOn: null }
    let reauth: ReauthState = NO_REAUTH_EMAIL
    expect(reportCodes(dossier, status, today)).toEqual(['ACCOUNT_NOT_ATTACHED'])
    const attach = right(planAttach(dossier, 'ba1', status, { connectLink: link, collaborator: paul }))
    expect(attach.mode).toBe('emailed')
    expect(attach.notification).toEqual({
      _tag: 'AttachLink',
      to: lucile,
      cc: [paul],
      dossierCode: 'CCH001',
      bankAccountId: 'ba1',
      link,
    })
    sent.push(attach.notification!)
    status = attach.status
    expect(reportCodes(dossier, status, today)).toEqual([])

    // Lucile connects; Bridge says her consent ends 180 days later.
    const consentEnd = right(consentExpiresOnOf('2026-09-12T08:00:00Z'))
    status = { ...status, consentExpiresOn: consentEnd }

    // 4. Night of 16 March, 03:15 in Paris: due, collected. At 04:40 it is no longer the window.
    const night1 = right(isDue({ frequency: 'daily', lastCollectedOn: null, now: '2026-03-16T02:15:00Z' }))
    expect([night1.due, night1.reason]).toEqual([true, 'NeverCollected'])
    expect(isCollecting(status)).toBe(true)
    let lastCollectedOn = night1.today
    status = statusAfterPullSuccess(status)
    expect(right(isDue({ frequency: 'daily', lastCollectedOn, now: '2026-03-16T03:40:00Z' })).due).toBe(false)

    // 5. Lucile changes her bank password. Night of 17 March: due, Bridge answers item status 402.
    const recipients = { to: right(attachedClientRecipient(dossier, account)), cc: [] }
    const night2 = right(isDue({ frequency: 'daily', lastCollectedOn, now: '2026-03-17T02:05:00Z' }))
    expect(night2.due).toBe(true)
    const fail2 = onConnectorError(status, reauth, passwordChanged, {
      today: night2.today,
      dossierCode: 'CCH001',
      bankAccountId: 'ba1',
      link,
      recipients,
    })
    expect(fail2.notification).toEqual({
      _tag: 'ReauthenticationLink',
      to: lucile,
      cc: [],
      dossierCode: 'CCH001',
      bankAccountId: 'ba1',
      link,
    })
    sent.push(fail2.notification!)
    ;({ status, reauth } = fail2)
    expect(reportCodes(dossier, status, night2.today)).toEqual(['CREDENTIALS_EXPIRED'])

    // 6. Night of 18 March: still due (nothing collected since the 16th), fails again, no second e-mail.
    const night3 = right(isDue({ frequency: 'daily', lastCollectedOn, now: '2026-03-18T02:05:00Z' }))
    expect(night3.due).toBe(true)
    const fail3 = onConnectorError(status, reauth, passwordChanged, {
      today: night3.today,
      dossierCode: 'CCH001',
      bankAccountId: 'ba1',
      link,
      recipients,
    })
    expect(fail3.notification).toBeNull()
    ;({ status, reauth } = fail3)
    expect(status.problem?.since).toBe('2026-03-17')

    // 7. Lucile did not get it: Paul clicks [Changer de mot de passe]; he is in copy.
    const resent = right(
      resendReauthentication(status, {
        dossierCode: 'CCH001',
        bankAccountId: 'ba1',
        link,
        to: lucile,
        requestedBy: paul,
      }),
    )
    expect(resent.cc).toEqual([paul])
    sent.push(resent)

    // 8. Lucile re-enters her credentials: problem cleared, new consent end; the night of the 19th collects.
    const newConsentEnd = right(consentExpiresOnOf('2026-09-15T06:00:00Z'))
    ;({ status, reauth } = onReauthenticated(status, { consentExpiresOn: newConsentEnd }))
    expect(status).toEqual({ attachment: 'attached', problem: null, consentExpiresOn: '2026-09-15' })
    expect(reportCodes(dossier, status, day('2026-03-19'))).toEqual([])
    const night4 = right(isDue({ frequency: 'daily', lastCollectedOn, now: '2026-03-19T02:05:00Z' }))
    expect(night4.due).toBe(true)
    lastCollectedOn = night4.today

    // 9. [A détacher]: collection stops, what was fetched stays; [A attacher] again restores, no e-mail.
    status = right(detach(status))
    expect(isCollecting(status)).toBe(false)
    expect(reportCodes(dossier, status, day('2026-03-20'))).toEqual(['ACCOUNT_DETACHED'])
    const restore = right(planAttach(dossier, 'ba1', status, { connectLink: link, collaborator: paul }))
    expect([restore.mode, restore.notification]).toEqual(['restored', null])
    status = restore.status
    expect(status).toEqual({ attachment: 'attached', problem: null, consentExpiresOn: '2026-09-15' })

    // Three e-mails in all: attach, the automatic one, the one resent.
    expect(sent.map((n) => n._tag)).toEqual(['AttachLink', 'ReauthenticationLink', 'ReauthenticationLink'])
    expect(lastCollectedOn).toBe('2026-03-19')
  })

  it('warns 7 days before the consent ends, once', () => {
    const status: ConnectionStatus = {
      attachment: 'attached',
      problem: null,
      consentExpiresOn: day('2026-09-15'),
    }
    let warnedFor: LocalDate | null = null
    const night = (today: string) =>
      expiryWarnings(
        [{ dossierCode: 'CCH001', bankAccountId: 'ba1', status, warnedFor, to: lucile, cc: [] }],
        { today: day(today), warnDays: 7 },
      )
    expect(night('2026-09-07')).toEqual([])
    const due = night('2026-09-08')
    expect(due).toEqual([
      {
        _tag: 'ExpiryWarning',
        to: lucile,
        cc: [],
        dossierCode: 'CCH001',
        bankAccountId: 'ba1',
        expiresOn: '2026-09-15',
      },
    ])
    warnedFor = due[0]!.expiresOn
    expect(night('2026-09-09')).toEqual([])
  })

  it('on a collaborative dossier, the client attaches himself: no e-mail', () => {
    const dossier = {
      ...right(enableProtocol(before(), 'bankin', { today: day('2026-03-15') })).dossier,
      collaborative: true,
    }
    const plan = right(
      planAttach(
        dossier,
        'ba1',
        { attachment: 'notAttached', problem: null, consentExpiresOn: null },
        {
          connectLink: link,
          collaborator: null,
        },
      ),
    )
    expect([plan.mode, plan.notification, plan.status.attachment]).toEqual(['selfService', null, 'attached'])
  })
})
