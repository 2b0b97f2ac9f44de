import { describe, expect, it } from 'vitest'
import { bnpRef, day, mv, stmt } from '../../test/builders.js'
import { seedDossierOnBnp } from '../../test/seed.js'
import { E, TE } from '../fp.js'
import type { Dossier } from '../domain/dossier.js'
import { makeInMemoryConnectionStateStore } from '../memory/in-memory-connection-state-store.js'
import { makeInMemoryLedgerStore } from '../memory/in-memory-ledger-store.js'
import type { BankConnector, ConnectorError, FeedBatch } from '../ports/connector.js'
import type { Notification } from '../ports/notifier.js'
import type { ConnectionState } from '../ports/stores.js'
import { firstConnectionState, runCollection } from './run-collection.js'
import type { CollectionTarget, ConnectionOutcome } from './run-collection.js'

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
