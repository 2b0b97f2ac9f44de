import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { MASKED_LINK, runWalkthrough } from '../src/walkthrough.js'
import type { WalkthroughResult } from '../src/walkthrough.js'

const dossierJson = readFileSync(new URL('../dossier.json', import.meta.url), 'utf8')

describe('the Bankin’ walkthrough (examples/bankin-sync)', () => {
  // One run, many assertions: the steps depend on each other like the nights of the seed.
  let result: WalkthroughResult

  beforeAll(async () => {
    result = await runWalkthrough({ dossierJson })
  })

  it('1–2: the checklist blocks on the missing protocol, then is clean with a validated start date', () => {
    expect(result.checklist).toEqual({ before: ['FEED_PROTOCOL_MISSING'], after: [] })
    expect(result.startDate).toEqual({ date: '2026-01-01', locked: true })
  })

  it('3: the attach e-mail goes to the attached client, the collaborator in copy', () => {
    expect(result.emails[0]).toMatchObject({
      _tag: 'AttachLink',
      to: { name: 'Lucile B', email: 'lucile@example.fr' },
      cc: [{ name: 'Paul Martin', email: 'paul.martin@cabinet.example' }],
      dossierCode: 'CCH001',
      bankAccountId: 'ba1',
    })
  })

  it('4: the first night is due and brings the history since the start date', () => {
    expect(result.firstSync).toMatchObject({
      due: 'NeverCollected',
      added: 11,
      movements: 11,
      booked: 10,
      pending: 1,
      entriesGenerated: 10,
      balancesRecorded: 1,
      balanceIssues: 0,
    })
  })

  it('5: the changed password fails two nights, and only the first sends the re-authentication e-mail', () => {
    expect(result.failedNights).toEqual([
      { today: '2026-03-17', due: true, error: 'AuthExpired', emailed: true },
      { today: '2026-03-18', due: true, error: 'AuthExpired', emailed: false },
    ])
    expect(result.emails.slice(0, 2).map((e) => e._tag)).toEqual(['AttachLink', 'ReauthenticationLink'])
    expect(result.emails[1]).toMatchObject({ to: { email: 'lucile@example.fr' }, cc: [] })
  })

  it('6: the error report says the bank password expired', () => {
    expect(result.reportWhileBroken.map((i) => i.code)).toEqual(['CREDENTIALS_EXPIRED'])
    expect(result.reportWhileBroken[0]?.message).toMatch(/mot de passe bancaire expiré.*17\/03\/2026/i)
  })

  it('7: re-authenticating clears the problem', () => {
    expect(result.afterReauth).toEqual({ attachment: 'attached', problem: null, consentExpiresOn: null })
  })

  it('8: the catch-up brings only the new movements, replaces the pending one, and adds nothing twice', () => {
    expect(result.catchUp).toMatchObject({
      due: 'PeriodNotCollected',
      // Three new lines, and the pending card payment booked under a new id; the pending copy withdrawn.
      added: 4,
      pendingWithdrawn: 1,
      movements: 14,
      booked: 14,
      pending: 0,
      entriesGenerated: 1,
      snapshotsProven: 1,
      balanceIssues: 0,
      replayAdded: 0,
      duplicateProviderIds: 0,
      reportCodes: [],
    })
  })

  it('9: the consent end read from Bridge warns the client once, a week before, and shows in the report', () => {
    expect(result.expiry).toEqual({
      expiresOn: '2026-03-24',
      warningsSent: 1,
      warningsNextNight: 0,
      reportCodes: ['CONSENT_EXPIRING'],
    })
    expect(result.emails.map((e) => e._tag)).toEqual(['AttachLink', 'ReauthenticationLink', 'ExpiryWarning'])
    expect(result.emails.at(-1)).toMatchObject({
      _tag: 'ExpiryWarning',
      expiresOn: '2026-03-24',
      to: { name: 'Lucile B' },
    })
  })

  it('10: the nightly job collects once in the window, reads the consent end, and sends nothing twice', () => {
    expect(result.nightly).toEqual({
      tonight: 'Collected',
      added: 1,
      entriesGenerated: 1,
      consentExpiresOn: '2026-03-24',
      lastCollectedOn: '2026-03-20',
      again: 'AlreadyCollected',
      noon: 'AlreadyCollected',
      emails: 0,
    })
  })

  it('never prints nor logs a link, a Connect URL, the client secret or a token', () => {
    const printed = result.lines.join('\n')
    const logged = JSON.stringify(result.logs)
    expect(result.secrets.length).toBeGreaterThanOrEqual(5)
    for (const secret of result.secrets) {
      expect(printed).not.toContain(secret)
      expect(logged).not.toContain(secret)
    }
    expect(printed.split(MASKED_LINK).length - 1).toBe(4)
  })
})
