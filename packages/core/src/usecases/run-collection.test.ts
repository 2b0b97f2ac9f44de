import { describe, expect, it } from 'vitest'
import { bnpRef, day, mv, stmt } from '../../test/builders.js'
import { seedDossierOnBnp } from '../../test/seed.js'
import { E, TE } from '../fp.js'
import type { Dossier } from '../domain/dossier.js'
import type { FeedSettings } from '../domain/feed-settings.js'
import { makeInMemoryConnectionStateStore } from '../memory/in-memory-connection-state-store.js'
import { makeInMemoryLedgerStore } from '../memory/in-memory-ledger-store.js'
import type { BankConnector } from '../ports/connector.js'
import type { ConnectorError } from '../domain/connector-error.js'
import type { FeedBatch } from '../domain/feed.js'
import type { Notification } from '../domain/notification.js'
import type { ConnectionState } from '../domain/store-records.js'
import { firstConnectionState, runCollection } from './run-collection.js'
import type { CollectionTarget, ConnectionOutcome, RunCollectionDeps } from './run-collection.js'

// The seed dossier: ba1 fed by Bankin', daily, Lucile attached; the quickstart's valid BNP identifiers.
const dossier = (): Dossier => seedDossierOnBnp()

const authExpired: ConnectorError = {
  _tag: 'AuthExpired',
  message: 'password changed at the bank',
  retryable: false,
}
const statement: FeedBatch = {
  items: [
    {
      _tag: 'Statement',
      account: bnpRef,
      statement: stmt({ date: '2026-03-01', amount: '100.00' }, [mv('2026-03-02', '-30.00', 'PRLV EDF')]),
    },
  ],
  cursor: { value: 'c1' },
}

/** A connector answering from a script, one answer per pull. */
const scripted = (answers: Array<E.Either<ConnectorError, FeedBatch>>): BankConnector & { pulls: number } => {
  const c = {
    pulls: 0,
    protocol: 'bankin',
    capabilities: {
      statements: true,
      balances: false,
      pending: false,
      stableIds: true,
      deletions: false,
      historyDays: null,
      push: false,
    },
    pull: () => {
      c.pulls++
      const next = answers.shift() ?? E.right({ items: [], cursor: { value: 'c1' } })
      return TE.fromEither(next)
    },
  }
  return c
}

const harness = (options: { readonly notifierDown?: boolean; readonly initial?: ConnectionState } = {}) => {
  const sent: Notification[] = []
  const logs: string[] = []
  let now = '2026-03-15T02:30:00Z' // 03:30 in Paris: inside the nightly window
  const states = makeInMemoryConnectionStateStore(
    options.initial === undefined ? [] : [['item-1', options.initial]],
  )
  const store = makeInMemoryLedgerStore()
  const deps = {
    store,
    states,
    clock: { now: () => now },
    events: { publish: () => TE.right(undefined) },
    logger: {
      debug: () => {},
      info: () => {},
      warn: (m: string, f?: object) => void logs.push(`${m} ${JSON.stringify(f ?? {})}`),
      error: () => {},
    },
    notifier: {
      send: (n: Notification) =>
        options.notifierDown === true
          ? TE.left({ _tag: 'NotifierError' as const, message: 'smtp down', retryable: true })
          : (sent.push(n), TE.right(undefined)),
    },
  }
  const at = (instant: string) => {
    now = instant
  }
  return { deps, states, store, sent, logs, at }
}

let links = 0
const target = (connector: BankConnector): CollectionTarget => ({
  connection: { id: 'item-1', protocol: 'bankin' },
  connector,
  accounts: [{ dossierCode: 'CCH001', bankAccountId: 'ba1' }],
  reauthenticationLink: () => `https://cabinet.example/reauth?token=secret-${++links}`,
})

const outcomeOf = async (
  h: ReturnType<typeof harness>,
  connector: BankConnector,
  d: Dossier = dossier(),
): Promise<ConnectionOutcome> => {
  const report = await runCollection(h.deps, { dossiers: [d], targets: [target(connector)] })()
  return report.connections[0]?.outcome as ConnectionOutcome
}

describe('runCollection', () => {
  it('collects a due connection once per day, inside the window only', async () => {
    const h = harness()
    const connector = scripted([E.right(statement)])
    expect((await outcomeOf(h, connector))._tag).toBe('Collected')
    expect(h.states.state('item-1')?.lastCollectedOn).toBe('2026-03-15')
    expect(h.store.ledger({ dossierCode: 'CCH001', bankAccountId: 'ba1' })?.movements.size).toBe(1)
    // Again the same night: already collected.
    expect(await outcomeOf(h, connector)).toMatchObject({ _tag: 'NotDue', reason: 'AlreadyCollected' })
    // The next day at noon: outside the window.
    h.at('2026-03-16T11:00:00Z')
    expect(await outcomeOf(h, connector)).toMatchObject({
      _tag: 'NotDue',
      reason: 'OutsideWindow',
      nextWindowStart: '2026-03-17T03:00:00.000+01:00',
    })
    expect(connector.pulls).toBe(1)
  })

  it('e-mails a fresh link once per re-authentication episode, and ends the episode on success', async () => {
    const h = harness()
    const connector = scripted([E.left(authExpired), E.left(authExpired), E.right(statement)])
    expect(await outcomeOf(h, connector)).toMatchObject({ _tag: 'PullFailed', reauthenticationSent: true })
    expect(h.sent).toEqual([
      {
        _tag: 'ReauthenticationLink',
        to: { name: 'Lucile B', email: 'lucile@example.fr' },
        cc: [],
        dossierCode: 'CCH001',
        bankAccountId: 'ba1',
        link: expect.stringMatching(/^https:\/\/cabinet\.example\/reauth\?token=secret-\d+$/) as string,
      },
    ])
    expect(h.states.state('item-1')).toMatchObject({
      status: { problem: { _tag: 'AuthExpired', since: '2026-03-15' } },
      reauth: { emailedOn: '2026-03-15' },
      lastCollectedOn: null,
    })
    // Later the same night: no new attempt, the client has not acted yet.
    h.at('2026-03-15T02:45:00Z')
    expect(await outcomeOf(h, connector)).toEqual({
      _tag: 'AwaitingClient',
      problem: 'AuthExpired',
      since: '2026-03-15',
    })
    expect(connector.pulls).toBe(1)
    // The next night it is tried again, fails again: no second e-mail.
    h.at('2026-03-16T02:30:00Z')
    expect(await outcomeOf(h, connector)).toMatchObject({ _tag: 'PullFailed', reauthenticationSent: false })
    expect(h.sent).toHaveLength(1)
    // The client re-authenticated: the pull succeeds, the problem and the episode are over.
    h.at('2026-03-17T02:30:00Z')
    expect((await outcomeOf(h, connector))._tag).toBe('Collected')
    expect(h.states.state('item-1')).toMatchObject({
      status: { problem: null },
      reauth: { emailedOn: null },
      lastCollectedOn: '2026-03-17',
    })
  })

  it('does not record an e-mail that could not go out, and never logs the link', async () => {
    const h = harness({ notifierDown: true })
    const report = await runCollection(h.deps, {
      dossiers: [dossier()],
      targets: [target(scripted([E.left(authExpired)]))],
    })()
    expect(report.connections[0]).toMatchObject({
      outcome: { _tag: 'PullFailed', reauthenticationSent: false },
      notificationErrors: [{ _tag: 'NotifierError', message: 'smtp down' }],
    })
    expect(h.states.state('item-1')?.reauth.emailedOn).toBeNull()
    expect(h.logs.join('\n')).not.toMatch(/secret/)
  })

  it('warns once per consent end, within the warning days', async () => {
    const h = harness({ initial: firstConnectionState(day('2026-03-20')) })
    const connector = scripted([])
    await outcomeOf(h, connector)
    expect(h.sent.map((n) => n._tag)).toEqual(['ExpiryWarning'])
    expect(h.states.state('item-1')?.warnedFor).toBe('2026-03-20')
    h.at('2026-03-16T02:30:00Z')
    await outcomeOf(h, connector)
    expect(h.sent).toHaveLength(1)
  })

  it('takes the consent end the connector reports, and warns about it in time', async () => {
    const h = harness({ initial: firstConnectionState(day('2026-06-30')) })
    const connector = scripted([E.right({ ...statement, consentExpiresOn: day('2026-03-19') })])
    expect((await outcomeOf(h, connector))._tag).toBe('Collected')
    expect(h.states.state('item-1')?.status.consentExpiresOn).toBe('2026-03-19')
    expect(h.sent).toEqual([
      {
        _tag: 'ExpiryWarning',
        to: { name: 'Lucile B', email: 'lucile@example.fr' },
        cc: [],
        dossierCode: 'CCH001',
        bankAccountId: 'ba1',
        expiresOn: '2026-03-19',
      },
    ])
  })

  it('leaves a detached connection alone, and reports a store or set-up failure without saving', async () => {
    const detached: ConnectionState = {
      ...firstConnectionState(),
      status: { attachment: 'detached', problem: null, consentExpiresOn: null },
    }
    const h = harness({ initial: detached })
    const connector = scripted([E.right(statement)])
    expect(await outcomeOf(h, connector)).toEqual({ _tag: 'NotAttached' })
    expect(connector.pulls).toBe(0)

    const h2 = harness()
    const noAccounts = { ...dossier(), bankAccounts: [] }
    expect(await outcomeOf(h2, connector, noAccounts)).toEqual({
      _tag: 'Failed',
      error: { _tag: 'UnknownBankAccount', dossierCode: 'CCH001', bankAccountId: 'ba1' },
    })
    expect(h2.states.state('item-1')).toBeUndefined()
  })
})

const misconfigured: ConnectorError = {
  _tag: 'ConfigurationError',
  message: 'Bridge refused the application credentials (401 on /v2/authenticate)',
  retryable: false,
  setting: 'clientSecret',
}

/** Connection `item-N` feeds ba1 of dossier `CCH00N`, bound by provider account id `acc-N`. */
const dossierN = (n: number, d: Dossier = dossier()): Dossier => ({ ...d, code: `CCH00${n}` })
const refN = (n: number) => ({ ...bnpRef, providerAccountId: `acc-${n}` })
const batchN = (n: number, cursor = `c${n}`): FeedBatch => ({
  items: [
    {
      ...(statement.items[0] as Extract<FeedBatch['items'][number], { _tag: 'Statement' }>),
      account: refN(n),
    },
  ],
  cursor: { value: cursor },
})
const bindings = [1, 2, 3].map((n) => ({
  providerAccountId: `acc-${n}`,
  dossierCode: `CCH00${n}`,
  bankAccountId: 'ba1',
}))
const targetN = (
  n: number,
  connector: BankConnector,
  extra: Partial<CollectionTarget> = {},
): CollectionTarget => ({
  connection: { id: `item-${n}`, protocol: 'bankin' },
  connector,
  accounts: [{ dossierCode: `CCH00${n}`, bankAccountId: 'ba1' }],
  reauthenticationLink: () => `https://cabinet.example/reauth?token=secret-${n}`,
  ...extra,
})
const firm = { to: { name: 'Cabinet — administrateur', email: 'admin@cabinet.example' }, cc: [] }

describe('runCollection and the firm’s configuration', () => {
  const run = (h: ReturnType<typeof harness>, targets: ReadonlyArray<CollectionTarget>, withFirm = true) =>
    runCollection(h.deps, {
      dossiers: [1, 2, 3].map((n) => dossierN(n)),
      bindings,
      targets,
      ...(withFirm ? { firmRecipients: firm } : {}),
    })()

  it('e-mails no client, records the setting, tells the firm once for all connections, and waits for a new configuration', async () => {
    const h = harness()
    const c1 = scripted([E.left(misconfigured), E.right(batchN(1))])
    const c2 = scripted([E.left(misconfigured), E.left(misconfigured)])
    const targets = (version: string) => [
      targetN(1, c1, { configurationVersion: version }),
      targetN(2, c2, { configurationVersion: version }),
    ]
    const night1 = await run(h, targets('v1'))
    expect(night1.connections.map((c) => c.outcome)).toEqual([
      { _tag: 'PullFailed', error: misconfigured, reauthenticationSent: false },
      { _tag: 'PullFailed', error: misconfigured, reauthenticationSent: false },
    ])
    expect(night1.connections.flatMap((c) => c.notificationErrors)).toEqual([])
    expect(h.states.state('item-1')?.status.problem).toEqual({
      _tag: 'ConfigurationError',
      since: '2026-03-15',
      action: null,
      retryAfterSeconds: null,
      setting: 'clientSecret',
      configurationVersion: 'v1',
    })
    // One notice to the firm, naming both connections; nothing to Lucile, the client.
    const notice = {
      protocol: 'bankin',
      setting: 'clientSecret',
      since: '2026-03-15',
      connections: [
        { connectionId: 'item-1', accounts: [{ dossierCode: 'CCH001', bankAccountId: 'ba1' }] },
        { connectionId: 'item-2', accounts: [{ dossierCode: 'CCH002', bankAccountId: 'ba1' }] },
      ],
    }
    expect(h.sent).toEqual([{ _tag: 'FirmConfigurationError', to: firm.to, cc: [], ...notice }])
    expect(night1.firmNotices).toEqual([{ problem: notice, sent: true, error: null }])
    expect(h.states.state('item-1')?.reauth.emailedOn).toBe('2026-03-15')

    // Next night, same configuration: not pulled, nothing sent again.
    h.at('2026-03-16T02:30:00Z')
    const night2 = await run(h, targets('v1'))
    expect(night2.connections.map((c) => c.outcome)).toEqual([
      { _tag: 'AwaitingConfiguration', setting: 'clientSecret', since: '2026-03-15' },
      { _tag: 'AwaitingConfiguration', setting: 'clientSecret', since: '2026-03-15' },
    ])
    expect([c1.pulls, c2.pulls, h.sent.length, night2.firmNotices.length]).toEqual([1, 1, 1, 0])

    // The firm fixed its secret (v2): both are pulled; one works, the other still fails: a new notice.
    h.at('2026-03-17T02:30:00Z')
    const night3 = await run(h, targets('v2'))
    expect(night3.connections.map((c) => c.outcome._tag)).toEqual(['Collected', 'PullFailed'])
    expect(h.states.state('item-1')?.status.problem).toBeNull()
    expect(night3.firmNotices.map((n) => [n.problem.since, n.problem.connections.length])).toEqual([
      ['2026-03-17', 1],
    ])
    expect(h.sent.map((n) => n._tag)).toEqual(['FirmConfigurationError', 'FirmConfigurationError'])
  })

  it('tries a firm notice again the next night when it could not go out', async () => {
    const h = harness({ notifierDown: true })
    const first = await run(h, [targetN(1, scripted([E.left(misconfigured)]))])
    expect(first.firmNotices).toMatchObject([{ sent: false, error: { _tag: 'NotifierError' } }])
    expect(h.states.state('item-1')?.reauth.emailedOn).toBeNull()
    h.at('2026-03-16T02:30:00Z')
    const second = await run(h, [targetN(1, scripted([]))])
    expect(second.connections[0]?.outcome._tag).toBe('AwaitingConfiguration')
    expect(second.firmNotices).toHaveLength(1)
  })

  it('without a firm address, hands the notice over in the report once per episode', async () => {
    const h = harness()
    const first = await run(h, [targetN(1, scripted([E.left(misconfigured)]))], false)
    expect(first.firmNotices).toMatchObject([{ sent: false, error: null }])
    h.at('2026-03-16T02:30:00Z')
    const second = await run(h, [targetN(1, scripted([]))], false)
    expect(second.firmNotices).toEqual([])
    expect(h.sent).toEqual([])
  })

  it('tells the firm even when the client was e-mailed in the episode before', async () => {
    const h = harness()
    const c = scripted([E.left(authExpired), E.left(misconfigured)])
    await run(h, [targetN(1, c)])
    expect(h.sent.map((n) => n._tag)).toEqual(['ReauthenticationLink'])
    h.at('2026-03-16T02:30:00Z')
    await run(h, [targetN(1, c)])
    expect(h.sent.map((n) => n._tag)).toEqual(['ReauthenticationLink', 'FirmConfigurationError'])
  })
})

describe('runCollection: NoRecipient only when an e-mail is due, on protocols that e-mail the client', () => {
  const withoutContact = (feed: Partial<FeedSettings> = {}): Dossier => {
    const d = seedDossierOnBnp(feed)
    return { ...d, bankAccounts: d.bankAccounts.map((a) => ({ ...a, attachedContactId: null })) }
  }
  const errorsOf = async (h: ReturnType<typeof harness>, d: Dossier, t: CollectionTarget) =>
    (await runCollection(h.deps, { dossiers: [d], targets: [t] })()).connections[0]?.notificationErrors

  it('says nothing about a CFONB account without a client, night after night', async () => {
    const h = harness({ initial: firstConnectionState(day('2026-03-20')) })
    const cfonb = {
      ...target(scripted([E.right(statement)])),
      connection: { id: 'item-1', protocol: 'cfonb' },
    }
    expect(await errorsOf(h, withoutContact({ protocol: 'cfonb' }), cfonb)).toEqual([])
    h.at('2026-03-16T02:30:00Z')
    expect(await errorsOf(h, withoutContact({ protocol: 'cfonb' }), cfonb)).toEqual([])
    expect(h.sent).toEqual([])
  })

  it('says nothing for a Bankin’ account without a client while there is nothing to send', async () => {
    const h = harness()
    expect(await errorsOf(h, withoutContact(), target(scripted([E.right(statement)])))).toEqual([])
  })

  it('reports NoRecipient when a re-authentication link or an expiry warning is due', async () => {
    const h = harness()
    expect(await errorsOf(h, withoutContact(), target(scripted([E.left(authExpired)])))).toEqual([
      { _tag: 'NoRecipient', message: 'CCH001/ba1: ContactMissing' },
    ])
    const h2 = harness({ initial: firstConnectionState(day('2026-03-20')) })
    expect(await errorsOf(h2, withoutContact(), target(scripted([E.right(statement)])))).toEqual([
      { _tag: 'NoRecipient', message: 'CCH001/ba1: ContactMissing' },
    ])
  })
})

describe('runCollection: one connection’s failure never stops the others', () => {
  const secret = new Error('password=s3cr3t')
  const ok = (n: number) => scripted([E.right(batchN(n))])
  type Break = (h: ReturnType<typeof harness>) => {
    readonly middle: BankConnector
    readonly deps?: Partial<RunCollectionDeps>
    readonly target?: Partial<CollectionTarget>
  }
  const breaks: ReadonlyArray<readonly [string, Break]> = [
    ['a rejected pull', () => ({ middle: { ...ok(2), pull: () => () => Promise.reject(secret) } })],
    [
      'a pull that throws',
      () => ({
        middle: {
          ...ok(2),
          pull: () => {
            throw secret
          },
        },
      }),
    ],
    [
      'a rejected acknowledge',
      () => ({ middle: { ...ok(2), acknowledge: () => () => Promise.reject(secret) } }),
    ],
    [
      'an acknowledge that throws',
      () => ({
        middle: {
          ...ok(2),
          acknowledge: () => {
            throw secret
          },
        },
      }),
    ],
    [
      'an acknowledge Left',
      () => ({
        middle: {
          ...ok(2),
          acknowledge: () =>
            TE.left({ _tag: 'Unavailable', message: 'disk full', retryable: true, retryAfterSeconds: null }),
        },
      }),
    ],
    [
      'a store commit that rejects',
      (h) => ({
        middle: ok(2),
        deps: {
          store: {
            ...h.store,
            commit: (c) => (c.connectionId === 'item-2' ? () => Promise.reject(secret) : h.store.commit(c)),
          },
        },
      }),
    ],
    [
      'a state store that throws',
      (h) => ({
        middle: ok(2),
        deps: {
          states: {
            ...h.states,
            load: (id) => {
              if (id === 'item-2') throw secret
              return h.states.load(id)
            },
          },
        },
      }),
    ],
    [
      'a state save that rejects',
      (h) => ({
        middle: ok(2),
        deps: {
          states: {
            ...h.states,
            save: (id, s, v) => (id === 'item-2' ? () => Promise.reject(secret) : h.states.save(id, s, v)),
          },
        },
      }),
    ],
    [
      'a link maker that throws',
      () => ({
        middle: scripted([E.left(authExpired)]),
        target: {
          reauthenticationLink: () => {
            throw secret
          },
        },
      }),
    ],
    [
      'a notifier that rejects',
      () => ({
        middle: scripted([E.left(authExpired)]),
        deps: { notifier: { send: () => () => Promise.reject(secret) } },
      }),
    ],
  ]

  it.each(breaks)('%s', async (_name, make) => {
    const h = harness()
    const broken = make(h)
    const report = await runCollection(
      { ...h.deps, ...broken.deps },
      {
        dossiers: [1, 2, 3].map((n) => dossierN(n)),
        bindings,
        targets: [targetN(1, ok(1)), targetN(2, broken.middle, broken.target), targetN(3, ok(3))],
      },
    )()
    expect(report.connections.map((c) => c.connectionId)).toEqual(['item-1', 'item-2', 'item-3'])
    expect([report.connections[0]?.outcome._tag, report.connections[2]?.outcome._tag]).toEqual([
      'Collected',
      'Collected',
    ])
    expect(h.store.ledger({ dossierCode: 'CCH003', bankAccountId: 'ba1' })?.movements.size).toBe(1)
    expect(JSON.stringify(report)).not.toMatch(/s3cr3t/)
  })
})
