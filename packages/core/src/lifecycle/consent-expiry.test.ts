import { describe, expect, it } from 'vitest'
import { day } from '../../test/builders.js'
import type { ConnectionStatus } from '../domain/connection-status.js'
import { E } from '../fp.js'
import type { Recipient } from '../domain/notification.js'
import { consentExpiresOnOf, expiryWarnings } from './consent-expiry.js'
import type { ExpiryCandidate } from './consent-expiry.js'

const lucile: Recipient = { name: 'Lucile B', email: 'lucile@example.fr' }
const status: ConnectionStatus = {
  attachment: 'attached',
  problem: null,
  consentExpiresOn: day('2026-09-10'),
}
const candidate: ExpiryCandidate = {
  dossierCode: 'CCH001',
  bankAccountId: 'ba1',
  status,
  warnedFor: null,
  to: lucile,
  cc: [],
}
const on = (today: string, c: ExpiryCandidate = candidate) =>
  expiryWarnings([c], { today: day(today), warnDays: 7 })

describe('consentExpiresOnOf', () => {
  it('takes the Paris day of Bridge’s authentication_expires_at', () => {
    // 22:30 UTC is 00:30 the next day in Paris (summer time).
    expect(consentExpiresOnOf('2026-09-01T22:30:00Z')).toEqual(E.right('2026-09-02'))
    expect(consentExpiresOnOf('2026-09-01T21:59:00.000Z')).toEqual(E.right('2026-09-01'))
    expect(consentExpiresOnOf('2026-09-01T23:30:00+02:00')).toEqual(E.right('2026-09-01'))
  })

  it('refuses a timestamp without offset or not a timestamp', () => {
    expect(consentExpiresOnOf('2026-09-01T10:00:00')).toEqual(
      E.left({ _tag: 'InvalidInstant', value: '2026-09-01T10:00:00' }),
    )
    expect(consentExpiresOnOf('tomorrow')).toEqual(E.left({ _tag: 'InvalidInstant', value: 'tomorrow' }))
  })
})

describe('expiryWarnings', () => {
  it('warns from 7 days before the end', () => {
    expect(on('2026-09-02')).toEqual([])
    expect(on('2026-09-03')).toEqual([
      {
        _tag: 'ExpiryWarning',
        to: lucile,
        cc: [],
        dossierCode: 'CCH001',
        bankAccountId: 'ba1',
        expiresOn: '2026-09-10',
      },
    ])
  })

  it('warns once per consent end', () => {
    expect(on('2026-09-04', { ...candidate, warnedFor: day('2026-09-10') })).toEqual([])
  })

  it('catches up a night the job did not run', () => {
    expect(on('2026-09-05')).toHaveLength(1)
  })

  it('still warns on the end day, not after', () => {
    expect(on('2026-09-10')).toHaveLength(1)
    expect(on('2026-09-11')).toEqual([])
  })

  it('warns about a renewed consent even if an older end was warned about', () => {
    expect(on('2026-09-04', { ...candidate, warnedFor: day('2026-03-14') })).toHaveLength(1)
  })

  it('skips accounts not attached, without consent end, or already asked to re-authenticate', () => {
    expect(on('2026-09-05', { ...candidate, status: { ...status, attachment: 'detached' } })).toEqual([])
    expect(on('2026-09-05', { ...candidate, status: { ...status, consentExpiresOn: null } })).toEqual([])
    const problem = {
      _tag: 'AuthExpired' as const,
      since: day('2026-09-01'),
      action: null,
      retryAfterSeconds: null,
    }
    expect(on('2026-09-05', { ...candidate, status: { ...status, problem } })).toEqual([])
    // A rate limit says nothing about the consent: the warning still goes.
    const limited = { ...problem, _tag: 'RateLimited' as const }
    expect(on('2026-09-05', { ...candidate, status: { ...status, problem: limited } })).toHaveLength(1)
  })

  it('keeps the accounts’ order and only those due', () => {
    const other = {
      ...candidate,
      bankAccountId: 'ba2',
      status: { ...status, consentExpiresOn: day('2026-09-06') },
    }
    const later = {
      ...candidate,
      bankAccountId: 'ba3',
      status: { ...status, consentExpiresOn: day('2026-12-01') },
    }
    const warnings = expiryWarnings([other, later, candidate], { today: day('2026-09-04'), warnDays: 7 })
    expect(warnings.map((w) => [w.bankAccountId, w.expiresOn])).toEqual([
      ['ba2', '2026-09-06'],
      ['ba1', '2026-09-10'],
    ])
  })

  it('with zero days warns on the end day only', () => {
    expect(expiryWarnings([candidate], { today: day('2026-09-09'), warnDays: 0 })).toEqual([])
    expect(expiryWarnings([candidate], { today: day('2026-09-10'), warnDays: 0 })).toHaveLength(1)
  })
})
