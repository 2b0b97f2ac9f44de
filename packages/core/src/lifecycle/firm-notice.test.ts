import { describe, expect, it } from 'vitest'
import { day } from '../../test/builders.js'
import type { ConnectionProblem } from '../domain/connection-status.js'
import { firmNoticeMessage, firmNoticesDue } from './firm-notice.js'
import type { ConfigurationCase } from './firm-notice.js'

const problem = (setting: string, since: string): ConnectionProblem => ({
  _tag: 'ConfigurationError',
  since: day(since),
  action: null,
  retryAfterSeconds: null,
  setting,
  configurationVersion: null,
})
const stopped = (id: string, setting: string, since: string, notified = false): ConfigurationCase => ({
  connectionId: id,
  accounts: [{ dossierCode: 'CCH001', bankAccountId: id.replace('item', 'ba') }],
  protocol: 'bankin',
  problem: problem(setting, since),
  notified,
})

describe('firmNoticesDue', () => {
  it('makes one notice per protocol and setting, from the first day, naming every connection', () => {
    expect(
      firmNoticesDue([
        stopped('item-1', 'clientSecret', '2026-03-16'),
        stopped('item-2', 'clientSecret', '2026-03-15'),
        stopped('item-3', 'clientId', '2026-03-16'),
      ]).map((n) => [n.setting, n.since, n.connections.map((c) => c.connectionId)]),
    ).toEqual([
      ['clientSecret', '2026-03-15', ['item-1', 'item-2']],
      ['clientId', '2026-03-16', ['item-3']],
    ])
  })

  it('is quiet when the firm was already told about one connection of the episode', () => {
    expect(
      firmNoticesDue([
        stopped('item-1', 'clientSecret', '2026-03-15', true),
        stopped('item-2', 'clientSecret', '2026-03-16'),
      ]),
    ).toEqual([])
  })
})

describe('firmNoticeMessage', () => {
  const notice = firmNoticesDue([stopped('item-1', 'clientSecret', '2026-03-15')])[0]!

  it('tells the firm in French what to fix, and that clients were not written to', () => {
    expect(firmNoticeMessage(notice)).toEqual({
      subject: 'Collecte bancaire suspendue : paramètre « clientSecret » du cabinet à corriger',
      text:
        'Depuis le 15/03/2026, Bankin’ (Bridge) refuse le paramètre « clientSecret » de la configuration ' +
        'du cabinet. La collecte est suspendue sur 1 connexion (comptes CCH001/ba-1) jusqu’à sa correction, ' +
        'puis reprend d’elle-même. C’est un réglage du cabinet : les clients n’ont rien à faire et n’ont reçu aucun e-mail.',
    })
    expect(firmNoticeMessage(notice, 'en').subject).toBe(
      'Bank collection suspended: the firm\'s setting "clientSecret" needs fixing',
    )
  })
})
