import fc from 'fast-check'
import { describe, expect, it, test } from 'vitest'
import { currencyCode, DomainEvent, localDate, syncConnection } from '@bankfeed/core'
import {
  accountRefOf,
  activeMovements,
  defaultIngestionSettings,
  emptyLedger,
  ingest,
} from '@bankfeed/core/reconcile'
import type { BankConnector, Dossier, LedgerCommit, Notification } from '@bankfeed/core'
import {
  dossierArb,
  makeInMemoryDossierStore,
  makeRecordingEventPublisher,
  makeRecordingLogger,
  makeRecordingNotifier,
  makeTestClock,
  withCommitFailures,
} from '../src/index.js'
import { makeInMemoryLedgerStore } from '@bankfeed/core/memory'
import { FIXTURE, movement } from './fixture-connector.js'

const EUR = currencyCode('EUR')

describe('test clock', () => {
  test('stands still, then moves as told', () => {
    const clock = makeTestClock('2026-03-15T23:30:00Z')
    expect(clock.now()).toBe('2026-03-15T23:30:00.000Z')
    expect(clock.now()).toBe('2026-03-15T23:30:00.000Z')
    clock.advance({ hours: 1, minutes: 15 })
    expect(clock.now()).toBe('2026-03-16T00:45:00.000Z')
    clock.advance({ days: -2 })
    expect(clock.now()).toBe('2026-03-14T00:45:00.000Z')
    clock.set('2026-01-01T00:00:00+01:00')
    expect(clock.now()).toBe('2025-12-31T23:00:00.000Z')
    expect(() => clock.set('yesterday')).toThrow('not an ISO-8601 instant: yesterday')
  })
})

describe('recording logger', () => {
  test('keeps lines with their level and fields, and forgets on request', () => {
    const logger = makeRecordingLogger()
    logger.info('pulled', { items: 3 })
    logger.error('failed')
    expect(logger.lines()).toEqual([
      { level: 'info', message: 'pulled', fields: { items: 3 } },
      { level: 'error', message: 'failed', fields: {} },
    ])
    expect(logger.text()).toBe('info pulled {"items":3}\nerror failed {}')
    logger.clear()
    expect(logger.lines()).toEqual([])
  })
})

describe('recording notifier and event publisher', () => {
  const link: Notification = {
    _tag: 'ReauthenticationLink',
    to: { name: 'Lucile B', email: 'lucile@example.fr' },
    cc: [],
    dossierCode: 'CCH001',
    bankAccountId: 'ba1',
    link: 'https://connect.example/abc',
  }

  test('a notification sent is recorded; a failed one is not', async () => {
    const notifier = makeRecordingNotifier()
    notifier.failNext()
    expect(await notifier.send(link)()).toEqual({
      _tag: 'Left',
      left: { _tag: 'NotifierError', message: 'relay unavailable (injected)', retryable: true },
    })
    expect(notifier.sent()).toEqual([])
    expect(await notifier.send(link)()).toEqual({ _tag: 'Right', right: undefined })
    expect(notifier.sent()).toEqual([link])
  })

  test('events are recorded by batch, a failed batch not at all', async () => {
    const events = makeRecordingEventPublisher()
    const e = (dossierCode: string) =>
      DomainEvent.entriesGenerated(
        { dossierCode, bankAccountId: null, occurredAt: '2026-03-15T08:00:00Z' },
        { count: 1 },
      )
    await events.publish([e('a'), e('b')])()
    events.failNext()
    expect((await events.publish([e('c')])())._tag).toBe('Left')
    await events.publish([e('d')])()
    expect(events.published().map((x) => x.dossierCode)).toEqual(['a', 'b', 'd'])
    expect(events.batches().map((b) => b.length)).toEqual([2, 1])
  })
})

describe('in-memory dossier store', () => {
  const dossier = (code: string) => ({ code, name: code }) as unknown as Dossier

  test('gets, lists, replaces, removes, and fails on request', async () => {
    const store = makeInMemoryDossierStore([dossier('A'), dossier('B')])
    expect(await store.get('A')()).toEqual({ _tag: 'Right', right: dossier('A') })
    expect(await store.get('Z')()).toEqual({
      _tag: 'Left',
      left: { _tag: 'NotFound', message: 'no dossier Z' },
    })
    store.put({ ...dossier('A'), name: 'renamed' })
    store.remove('B')
    const listed = await store.list()()
    expect(listed._tag === 'Right' && listed.right.map((d) => d.name)).toEqual(['renamed'])
    store.failNext()
    expect((await store.get('A')())._tag).toBe('Left')
    expect((await store.get('A')())._tag).toBe('Right')
  })
})

describe('ledger store with commit failures', () => {
  const key = { dossierCode: 'D', bankAccountId: 'ba1' }
  const changes = ingest(
    emptyLedger('D', 'ba1', EUR),
    { protocol: 'x', connectionId: 'c' },
    FIXTURE,
    defaultIngestionSettings(null),
  ).changes
  const commit: LedgerCommit = {
    connectionId: 'c',
    expectedCursorVersion: 0,
    cursor: { value: '5' },
    ledgers: [{ key, currency: EUR, expectedVersion: 0, changes }],
  }

  test('a refused commit applies nothing, ledgers and cursor alike; the next one applies', async () => {
    const store = withCommitFailures(makeInMemoryLedgerStore())
    store.failNextCommit()
    expect(await store.commit(commit)()).toEqual({
      _tag: 'Left',
      left: {
        _tag: 'StoreUnavailable',
        reason: 'unreachable',
        message: 'ledger store unavailable (injected)',
      },
    })
    expect(store.commits()).toBe(0)
    expect(store.ledger(key)).toBeUndefined()
    expect(store.cursor('c')).toEqual({ cursor: null, version: 0 })
    expect((await store.commit(commit)())._tag).toBe('Right')
    expect(activeMovements(store.ledger(key) ?? emptyLedger('D', 'ba1', EUR)).length).toBe(5)
    expect(store.cursor('c')).toEqual({ cursor: { value: '5' }, version: 1 })
    expect(store.attemptedCommits().length).toBe(2)
  })

  test('failWhen decides per attempt; the inner store still refuses stale versions', async () => {
    const store = withCommitFailures(makeInMemoryLedgerStore(), {
      failWhen: (_, attempt) => (attempt === 2 ? { _tag: 'ConcurrentUpdate', message: 'injected' } : null),
    })
    expect((await store.commit(commit)())._tag).toBe('Right')
    const second = await store.commit(commit)()
    expect(second._tag === 'Left' && second.left.message).toBe('injected')
    // Third attempt reaches the inner store, which sees versions that moved: refused there.
    const third = await store.commit(commit)()
    expect(third._tag === 'Left' && third.left._tag).toBe('ConcurrentUpdate')
    expect(store.commits()).toBe(1)
  })
})

describe('the adapters drive a real sync', () => {
  const today = localDate('2026-03-15')
  const [dossier] = fc.sample(dossierArb({ today, maxBankAccounts: 1 }), { numRuns: 1, seed: 3 })
  const account = dossier?.bankAccounts[0]
  if (dossier === undefined || account === undefined) throw new Error('no sample')
  const connector: BankConnector = {
    protocol: 'fixture',
    capabilities: {
      statements: false,
      balances: false,
      pending: false,
      stableIds: true,
      deletions: false,
      historyDays: null,
      push: false,
    },
    pull: (request) => () =>
      Promise.resolve({
        _tag: 'Right',
        right: {
          items: [
            {
              _tag: 'Movement',
              account: accountRefOf(account),
              movement: movement('m1', today, '-30.00', 'PRLV SEPA EDF'),
            },
          ],
          cursor: { value: request.cursor === null ? '1' : request.cursor.value },
        },
      }),
  }
  const request = {
    connection: { id: 'conn', protocol: 'fixture' },
    dossiers: [dossier],
    accounts: [{ dossierCode: dossier.code, bankAccountId: account.id }],
  }

  it('a refused commit leaves ledger and cursor untouched and publishes nothing; the retry commits once', async () => {
    const store = withCommitFailures(makeInMemoryLedgerStore())
    const events = makeRecordingEventPublisher()
    const logger = makeRecordingLogger()
    const deps = { connector, store, clock: makeTestClock('2026-03-15T08:00:00Z'), events, logger }
    store.failNextCommit()
    const failed = await syncConnection(deps, request)()
    expect(failed._tag === 'Left' && failed.left._tag).toBe('StoreFailed')
    expect(store.commits()).toBe(0)
    expect(store.cursor('conn')).toEqual({ cursor: null, version: 0 })
    expect(events.published()).toEqual([])
    const retried = await syncConnection(deps, request)()
    expect(retried._tag).toBe('Right')
    expect(store.cursor('conn')).toEqual({ cursor: { value: '1' }, version: 1 })
    const ledger = store.ledger({ dossierCode: dossier.code, bankAccountId: account.id })
    expect(ledger === undefined ? [] : activeMovements(ledger).map((m) => m.providerId)).toEqual(['m1'])
  })
})
