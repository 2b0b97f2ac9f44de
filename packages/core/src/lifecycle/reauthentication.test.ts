import { describe, expect, it } from 'vitest'
import { day } from '../../test/builders.js'
import { statusAfterPullSuccess } from '../domain/connection-status.js'
import type { ConnectionStatus } from '../domain/connection-status.js'
import { E } from '../fp.js'
import type { ConnectorError } from '../domain/connector-error.js'
import type { Recipient } from '../domain/notification.js'
import {
  needsReauthentication,
  onConnectorError,
  onReauthenticated,
  resendReauthentication,
} from './reauthentication.js'
import { NO_REAUTH_EMAIL } from '../domain/reauth-state.js'

const lucile: Recipient = { name: 'Lucile B', email: 'lucile@example.fr' }
const paul: Recipient = { name: 'Paul Martin', email: 'paul.martin@cabinet.example' }
const attached: ConnectionStatus = { attachment: 'attached', problem: null, consentExpiresOn: null }

const authExpired: ConnectorError = { _tag: 'AuthExpired', message: 'login_failed', retryable: false }
const actionRequired: ConnectorError = {
  _tag: 'ActionRequired',
  message: 'needs_manual_refresh',
  retryable: false,
  action: 'sca',
}
const consentExpired: ConnectorError = {
  _tag: 'ConsentExpired',
  message: 'consent expired',
  retryable: false,
  expiredOn: null,
}
const unavailable: ConnectorError = {
  _tag: 'Unavailable',
  message: 'bank down',
  retryable: true,
  retryAfterSeconds: 600,
}
const rateLimited: ConnectorError = {
  _tag: 'RateLimited',
  message: 'too many calls',
  retryable: true,
  retryAfterSeconds: 60,
}
const invalidData: ConnectorError = {
  _tag: 'InvalidData',
  message: 'bad amount',
  retryable: false,
  where: 'x',
}

const opts = (today: string) => ({
  today: day(today),
  dossierCode: 'CCH001',
  bankAccountId: 'ba1',
  link: 'https://app.example/reauth/ba1',
  recipients: { to: lucile, cc: [] },
})

describe('needsReauthentication', () => {
  it('is true for errors only the client can fix', () => {
    expect([authExpired, actionRequired, consentExpired].map(needsReauthentication)).toEqual([
      true,
      true,
      true,
    ])
    expect([unavailable, rateLimited, invalidData].map(needsReauthentication)).toEqual([false, false, false])
  })
})

describe('onConnectorError', () => {
  const first = onConnectorError(attached, NO_REAUTH_EMAIL, authExpired, opts('2026-03-17'))

  it('e-mails a fresh link the first night, and records the problem', () => {
    expect(first).toEqual({
      status: {
        attachment: 'attached',
        problem: { _tag: 'AuthExpired', since: '2026-03-17', action: null, retryAfterSeconds: null },
        consentExpiresOn: null,
      },
      reauth: { emailedOn: '2026-03-17' },
      notification: {
        _tag: 'ReauthenticationLink',
        to: lucile,
        cc: [],
        dossierCode: 'CCH001',
        bankAccountId: 'ba1',
        link: 'https://app.example/reauth/ba1',
      },
      recipientMissing: false,
    })
  })

  it('makes a link given as a function only for the e-mail it sends, and sends none without a recipient', () => {
    let made = 0
    const link = () => `https://app.example/reauth/ba1?n=${++made}`
    const sent = onConnectorError(attached, NO_REAUTH_EMAIL, authExpired, { ...opts('2026-03-17'), link })
    expect(sent.notification?.link).toBe('https://app.example/reauth/ba1?n=1')
    onConnectorError(sent.status, sent.reauth, authExpired, { ...opts('2026-03-18'), link })
    expect(made).toBe(1)
    const nobody = onConnectorError(attached, NO_REAUTH_EMAIL, authExpired, {
      ...opts('2026-03-17'),
      link,
      recipients: null,
    })
    expect(nobody).toEqual({
      status: first.status,
      reauth: NO_REAUTH_EMAIL,
      notification: null,
      recipientMissing: true,
    })
    expect(made).toBe(1)
  })

  it('does not e-mail again on the following nights', () => {
    const second = onConnectorError(first.status, first.reauth, authExpired, opts('2026-03-18'))
    expect(second.notification).toBeNull()
    expect(second.reauth).toEqual({ emailedOn: '2026-03-17' })
    expect(second.status.problem?.since).toBe('2026-03-17')
  })

  it('does not e-mail again when the bank asks for another action in the same episode', () => {
    const second = onConnectorError(first.status, first.reauth, actionRequired, opts('2026-03-18'))
    expect(second.notification).toBeNull()
    expect(second.status.problem?._tag).toBe('ActionRequired')
  })

  it('does not e-mail again after an outage in between', () => {
    const outage = onConnectorError(first.status, first.reauth, unavailable, opts('2026-03-18'))
    expect(outage.notification).toBeNull()
    const back = onConnectorError(outage.status, outage.reauth, authExpired, opts('2026-03-19'))
    expect(back.notification).toBeNull()
  })

  it('e-mails again in a new episode, even if the success was recorded elsewhere', () => {
    const fixed = statusAfterPullSuccess(first.status)
    const again = onConnectorError(fixed, first.reauth, authExpired, opts('2026-04-02'))
    expect(again.notification?._tag).toBe('ReauthenticationLink')
    expect(again.reauth).toEqual({ emailedOn: '2026-04-02' })
  })

  it('a success then an outage still ends the episode', () => {
    const fixed = statusAfterPullSuccess(first.status)
    const outage = onConnectorError(fixed, first.reauth, unavailable, opts('2026-04-01'))
    expect(outage.reauth).toEqual(NO_REAUTH_EMAIL)
    expect(
      onConnectorError(outage.status, outage.reauth, authExpired, opts('2026-04-02')).notification,
    ).not.toBeNull()
  })

  it('e-mails for an expired consent and an action required', () => {
    expect(
      onConnectorError(attached, NO_REAUTH_EMAIL, consentExpired, opts('2026-03-17')).notification,
    ).not.toBeNull()
    const action = onConnectorError(attached, NO_REAUTH_EMAIL, actionRequired, opts('2026-03-17'))
    expect(action.notification).not.toBeNull()
    expect(action.status.problem?.action).toBe('sca')
  })

  it('sends nothing for errors that fix themselves or are the firm’s', () => {
    const limited = onConnectorError(attached, NO_REAUTH_EMAIL, rateLimited, opts('2026-03-17'))
    expect(limited.notification).toBeNull()
    expect(limited.status.problem?._tag).toBe('RateLimited')
    expect(onConnectorError(attached, NO_REAUTH_EMAIL, invalidData, opts('2026-03-17'))).toEqual({
      status: attached,
      reauth: NO_REAUTH_EMAIL,
      notification: null,
      recipientMissing: false,
    })
  })

  it('never e-mails the client for the firm’s configuration, and records the setting and version', () => {
    const misconfigured: ConnectorError = {
      _tag: 'ConfigurationError',
      message: 'Bridge refused the application credentials',
      retryable: false,
      setting: 'clientSecret',
    }
    const r = onConnectorError(attached, NO_REAUTH_EMAIL, misconfigured, {
      ...opts('2026-03-17'),
      configurationVersion: 'v1',
    })
    expect(r).toEqual({
      status: {
        ...attached,
        problem: {
          _tag: 'ConfigurationError',
          since: '2026-03-17',
          action: null,
          retryAfterSeconds: null,
          setting: 'clientSecret',
          configurationVersion: 'v1',
        },
      },
      reauth: NO_REAUTH_EMAIL,
      notification: null,
      recipientMissing: false,
    })
    // The firm was told (emailedOn); the same problem the next night keeps the episode...
    const told = { emailedOn: day('2026-03-17') }
    const again = onConnectorError(r.status, told, misconfigured, {
      ...opts('2026-03-18'),
      configurationVersion: 'v1',
    })
    expect([again.reauth, again.status.problem?.since]).toEqual([told, '2026-03-17'])
    // ...a new version that still fails is a new one, and the client's episode after it starts afresh.
    const fixedBadly = onConnectorError(r.status, told, misconfigured, {
      ...opts('2026-03-19'),
      configurationVersion: 'v2',
    })
    expect([fixedBadly.reauth, fixedBadly.status.problem?.since]).toEqual([NO_REAUTH_EMAIL, '2026-03-19'])
    const client = onConnectorError(r.status, told, authExpired, opts('2026-03-20'))
    expect(client.notification?._tag).toBe('ReauthenticationLink')
    const firm = onConnectorError(first.status, first.reauth, misconfigured, opts('2026-03-20'))
    expect(firm.reauth).toEqual(NO_REAUTH_EMAIL)
  })

  it('sends nothing for an account that is not attached', () => {
    const detached = { ...attached, attachment: 'detached' as const }
    expect(
      onConnectorError(detached, NO_REAUTH_EMAIL, authExpired, opts('2026-03-17')).notification,
    ).toBeNull()
  })
})

describe('resendReauthentication', () => {
  const ask = {
    dossierCode: 'CCH001',
    bankAccountId: 'ba1',
    link: 'https://app.example/reauth/ba1',
    to: lucile,
  }

  it('always produces the e-mail, the collaborator who asked in copy', () => {
    const expected = E.right({
      _tag: 'ReauthenticationLink',
      to: lucile,
      cc: [paul],
      dossierCode: 'CCH001',
      bankAccountId: 'ba1',
      link: 'https://app.example/reauth/ba1',
    })
    expect(resendReauthentication(attached, { ...ask, requestedBy: paul })).toEqual(expected)
    expect(resendReauthentication(attached, { ...ask, requestedBy: paul })).toEqual(expected)
  })

  it('copies nobody when the client asks himself', () => {
    const n = resendReauthentication(attached, { ...ask, requestedBy: null })
    expect(E.isRight(n) && n.right.cc).toEqual([])
  })

  it('is only offered on attached accounts', () => {
    expect(
      resendReauthentication({ ...attached, attachment: 'detached' }, { ...ask, requestedBy: paul }),
    ).toEqual(E.left({ _tag: 'NotAttached' }))
    expect(
      resendReauthentication({ ...attached, attachment: 'notAttached' }, { ...ask, requestedBy: paul }),
    ).toEqual(E.left({ _tag: 'NotAttached' }))
  })
})

describe('onReauthenticated', () => {
  const broken: ConnectionStatus = {
    attachment: 'attached',
    problem: { _tag: 'AuthExpired', since: day('2026-03-17'), action: null, retryAfterSeconds: null },
    consentExpiresOn: day('2026-06-01'),
  }

  it('clears the problem, ends the episode and takes the new consent end', () => {
    expect(onReauthenticated(broken, { consentExpiresOn: day('2026-09-14') })).toEqual({
      status: { attachment: 'attached', problem: null, consentExpiresOn: '2026-09-14' },
      reauth: { emailedOn: null },
    })
  })

  it('keeps the consent end when none is given', () => {
    expect(onReauthenticated(broken).status.consentExpiresOn).toBe('2026-06-01')
  })
})
