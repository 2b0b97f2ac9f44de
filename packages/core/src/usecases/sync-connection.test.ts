import { describe, expect, it } from 'vitest'
import { bnpRef, mv, stmt } from '../../test/builders.js'
import { seedDossierOnBnp } from '../../test/seed.js'
import { E, TE } from '../fp.js'
import type { Dossier } from '../domain/dossier.js'
import { makeContext } from '../adapters/context.js'
import { makeInMemoryLedgerStore } from '../memory/in-memory-ledger-store.js'
import type { BankConnector } from '../ports/connector.js'
import type { ConnectorError } from '../domain/connector-error.js'
import type { FeedBatch, PullRequest } from '../domain/feed.js'
import type { EventPublisher } from '../ports/event-publisher.js'
import type { DomainEvent } from '../domain/domain-event.js'
import type { LedgerStore } from '../ports/stores.js'
import { activeMovements } from '../reconcile/ledger.js'
import { generateEntriesOnDemand } from './generate-entries-on-demand.js'
import { syncAccount, syncConnection } from './sync-connection.js'
import type { SyncDeps } from './sync-connection.js'

// The seed dossier with the quickstart's valid BNP account as ba1.
const dossier = (autoGenerateEntries: boolean): Dossier =>
  seedDossierOnBnp({ protocol: 'cfonb', autoGenerateEntries })

const statementOfMarch2 = stmt({ date: '2026-03-01', amount: '100.00' }, [
  mv('2026-03-02', '-30.00', 'PRLV EDF'),
  mv('2026-03-02', '50.00', 'VIR CLIENT'),
])
const unknownRef = {
  ...bnpRef,
  iban: 'FR7630006000011234567890189',
  bankCode: '30006',
  branchCode: '00001',
  accountNumber: '12345678901',
}

/** A connector replaying scripted answers, recording the requests it got. */
const scripted = (answers: Array<E.Either<ConnectorError, FeedBatch>>) => {
  const requests: PullRequest[] = []
  const connector: BankConnector = {
    protocol: 'cfonb',
    capabilities: {
      statements: true,
      balances: false,
      pending: false,
      stableIds: false,
      deletions: false,
      historyDays: null,
      push: false,
    },
    pull: (request) => {
      requests.push(request)
      const next = answers.shift()
      return next === undefined
        ? TE.right({ items: [], cursor: request.cursor ?? { value: '0' } })
        : TE.fromEither(next)
    },
  }
  return { connector, requests }
}

const harness = (
  connector: BankConnector,
  store: LedgerStore = makeInMemoryLedgerStore(),
  failPublish = false,
) => {
  const events: DomainEvent[] = []
  const logs: string[] = []
  const deps = {
    connector,
    store,
    clock: { now: () => '2026-03-15T08:00:00Z' },
    events: {
      publish: (e: ReadonlyArray<DomainEvent>) =>
        failPublish
          ? TE.left({ _tag: 'PublishError' as const, message: 'down' })
          : (events.push(...e), TE.right(undefined)),
    },
    logger: { debug: () => {}, info: () => {}, warn: (m: string) => void logs.push(m), error: () => {} },
  }
  return { deps, events, logs }
}
const connection = { id: 'inbox-1', protocol: 'cfonb' }

describe('syncAccount', () => {
  it('pulls from the stored cursor, ingests, generates entries and commits ledger and cursor together', async () => {
    const store = makeInMemoryLedgerStore()
    const { connector, requests } = scripted([
      E.right({
        items: [
          { _tag: 'Statement', account: bnpRef, statement: statementOfMarch2 },
          { _tag: 'Statement', account: unknownRef, statement: statementOfMarch2 },
        ],
        cursor: { value: 'f1' },
      }),
    ])
    const { deps, events } = harness(connector, store)
    const r = await syncAccount(deps, { connection, dossier: dossier(true), bankAccountId: 'ba1' })()
    if (E.isLeft(r)) throw new Error(r.left._tag)
    expect(requests[0]).toMatchObject({
      cursor: null,
      since: '2026-01-01',
      accounts: [{ iban: bnpRef.iban, bankCode: '30004' }],
    })
    expect(r.right.accounts[0]).toMatchObject({ entriesGenerated: 1, entryError: null })
    expect(r.right.unmatched).toMatchObject([
      { reason: 'UNKNOWN_ACCOUNT', account: { iban: unknownRef.iban } },
    ])
    expect(store.cursor('inbox-1')).toEqual({ cursor: { value: 'f1' }, version: 1 })
    const ledger = store.ledger({ dossierCode: 'CCH001', bankAccountId: 'ba1' })
    expect(ledger?.entries).toHaveLength(1)
    expect(activeMovements(ledger!).every((m) => m.entryId !== null)).toBe(true)
    expect(events.map((e) => e.type)).toEqual(['movements.ingested', 'entries.generated'])
    // Next pull starts from the committed cursor.
    await syncAccount(deps, { connection, dossier: dossier(true), bankAccountId: 'ba1' })()
    expect(requests[1]?.cursor).toEqual({ value: 'f1' })
  })

  it('commits nothing and keeps the cursor when the pull fails', async () => {
    const store = makeInMemoryLedgerStore()
    const error: ConnectorError = {
      _tag: 'RateLimited',
      message: 'slow down',
      retryable: true,
      retryAfterSeconds: 60,
    }
    const { deps } = harness(scripted([E.left(error)]).connector, store)
    expect(await syncAccount(deps, { connection, dossier: dossier(true), bankAccountId: 'ba1' })()).toEqual(
      E.left({ _tag: 'PullFailed', error }),
    )
    expect(store.commits()).toBe(0)
    expect(store.cursor('inbox-1')).toEqual({ cursor: null, version: 0 })
  })

  it('keeps the cursor when the commit fails', async () => {
    const inner = makeInMemoryLedgerStore()
    const failing: LedgerStore = {
      ...inner,
      commit: () => TE.left({ _tag: 'StoreUnavailable', reason: 'unreachable', message: 'db down' }),
    }
    const { connector } = scripted([
      E.right({
        items: [{ _tag: 'Statement', account: bnpRef, statement: statementOfMarch2 }],
        cursor: { value: 'f1' },
      }),
    ])
    const { deps, events } = harness(connector, failing)
    const r = await syncAccount(deps, { connection, dossier: dossier(true), bankAccountId: 'ba1' })()
    expect(r).toEqual(
      E.left({
        _tag: 'StoreFailed',
        error: { _tag: 'StoreUnavailable', reason: 'unreachable', message: 'db down' },
      }),
    )
    expect(inner.cursor('inbox-1').cursor).toBeNull()
    expect(inner.ledgers()).toEqual([])
    expect(events).toEqual([])
  })

  it('refuses a commit made from a stale cursor version: another sync got there first', async () => {
    const store = makeInMemoryLedgerStore()
    await store.commit({
      connectionId: 'inbox-1',
      expectedCursorVersion: 0,
      cursor: { value: 'other' },
      ledgers: [],
    })()
    const r = await store.commit({
      connectionId: 'inbox-1',
      expectedCursorVersion: 0,
      cursor: { value: 'f1' },
      ledgers: [],
    })()
    expect(E.isLeft(r) && r.left._tag).toBe('ConcurrentUpdate')
    expect(store.cursor('inbox-1')).toEqual({ cursor: { value: 'other' }, version: 1 })
  })

  it('leaves movements waiting when automatic generation is off, until generated on demand, once', async () => {
    const store = makeInMemoryLedgerStore()
    const { connector } = scripted([
      E.right({
        items: [{ _tag: 'Statement', account: bnpRef, statement: statementOfMarch2 }],
        cursor: { value: 'f1' },
      }),
    ])
    const { deps, events } = harness(connector, store)
    const r = await syncAccount(deps, { connection, dossier: dossier(false), bankAccountId: 'ba1' })()
    expect(E.isRight(r) && r.right.accounts[0]?.entriesGenerated).toBe(0)
    expect(store.ledger({ dossierCode: 'CCH001', bankAccountId: 'ba1' })?.entries).toEqual([])
    const onDemand = await generateEntriesOnDemand(deps, { dossier: dossier(false), bankAccountId: 'ba1' })()
    expect(E.isRight(onDemand) && onDemand.right.entries.length).toBe(1)
    const twice = await generateEntriesOnDemand(deps, { dossier: dossier(false), bankAccountId: 'ba1' })()
    expect(E.isRight(twice) && twice.right.entries.length).toBe(0)
    expect(store.ledger({ dossierCode: 'CCH001', bankAccountId: 'ba1' })?.entries).toHaveLength(1)
    expect(events.map((e) => e.type)).toEqual(['movements.ingested', 'entries.generated'])
  })

  it('reports, without failing, events that could not be published after the commit', async () => {
    const store = makeInMemoryLedgerStore()
    const { connector } = scripted([
      E.right({
        items: [{ _tag: 'Statement', account: bnpRef, statement: statementOfMarch2 }],
        cursor: { value: 'f1' },
      }),
    ])
    const { deps, logs } = harness(connector, store, true)
    const r = await syncAccount(deps, { connection, dossier: dossier(true), bankAccountId: 'ba1' })()
    expect(E.isRight(r) && r.right.publishFailed).toBe(true)
    expect(store.cursor('inbox-1').cursor).toEqual({ value: 'f1' })
    expect(logs).toEqual(['events not published after commit'])
  })

  it('takes a context spread in and no event publisher: the events are committed, nothing is published', async () => {
    const store = makeInMemoryLedgerStore()
    const { connector } = scripted([
      E.right({
        items: [{ _tag: 'Statement', account: bnpRef, statement: statementOfMarch2 }],
        cursor: { value: 'f1' },
      }),
    ])
    const context = makeContext({ clock: { now: () => '2026-03-15T08:00:00Z' } })
    const r = await syncAccount(
      { ...context, connector, store },
      { connection, dossier: dossier(true), bankAccountId: 'ba1' },
    )()
    expect(E.isRight(r) && r.right.publishFailed).toBe(false)
    expect(store.outbox().map((e) => e.type)).toEqual(['movements.ingested', 'entries.generated'])
    const generated = await generateEntriesOnDemand(
      { ...context, store },
      { dossier: dossier(true), bankAccountId: 'ba1' },
    )()
    expect(E.isRight(generated)).toBe(true)
  })

  it('refuses an unknown bank account before pulling', async () => {
    const { connector, requests } = scripted([])
    const { deps } = harness(connector)
    expect(await syncAccount(deps, { connection, dossier: dossier(true), bankAccountId: 'nope' })()).toEqual(
      E.left({ _tag: 'UnknownBankAccount', dossierCode: 'CCH001', bankAccountId: 'nope' }),
    )
    expect(requests).toEqual([])
  })
})

describe('connector housekeeping after the commit', () => {
  const withAck = (answers: Array<E.Either<ConnectorError, FeedBatch>>, acks: string[]) => {
    const { connector } = scripted(answers)
    return {
      ...connector,
      acknowledge: (cursor: { readonly value: string }) => (acks.push(cursor.value), TE.right(undefined)),
    }
  }
  const batch: FeedBatch = {
    items: [{ _tag: 'Statement', account: bnpRef, statement: statementOfMarch2 }],
    cursor: { value: 'f1' },
    notices: [{ _tag: 'UnreadableFile', file: 'bad.txt', reason: 'CFONB240_UNSUPPORTED', line: 1 }],
  }

  it('acknowledges the cursor once committed, and passes the notices on', async () => {
    const acks: string[] = []
    const { deps } = harness(withAck([E.right(batch)], acks))
    const r = await syncAccount(deps, { connection, dossier: dossier(true), bankAccountId: 'ba1' })()
    expect(acks).toEqual(['f1'])
    expect(E.isRight(r) && r.right.notices).toEqual(batch.notices)
  })

  it('never acknowledges what was not committed', async () => {
    const acks: string[] = []
    const inner = makeInMemoryLedgerStore()
    const failing: LedgerStore = {
      ...inner,
      commit: () => TE.left({ _tag: 'StoreUnavailable', reason: 'unreachable', message: 'db down' }),
    }
    const { deps } = harness(withAck([E.right(batch)], acks), failing)
    await syncAccount(deps, { connection, dossier: dossier(true), bankAccountId: 'ba1' })()
    expect(acks).toEqual([])
  })
})

describe('adapters that throw or reject', () => {
  const batch: FeedBatch = {
    items: [{ _tag: 'Statement', account: bnpRef, statement: statementOfMarch2 }],
    cursor: { value: 'f1' },
  }
  const secret = new Error('GET https://api.example/v2?client_secret=s3cr3t failed')
  const withPull = (pull: BankConnector['pull']): BankConnector => ({ ...scripted([]).connector, pull })
  const sync = (deps: SyncDeps) =>
    syncAccount(deps, { connection, dossier: dossier(true), bankAccountId: 'ba1' })()

  it('turns a rejected pull, a synchronous throw or a non-Either answer into ConnectorThrew, free of secrets', async () => {
    const cases: ReadonlyArray<readonly [BankConnector['pull'], string]> = [
      [() => () => Promise.reject(secret), 'pull threw Error'],
      [
        () => {
          throw secret
        },
        'pull threw Error',
      ],
      [
        () => () => {
          throw new TypeError('token=s3cr3t')
        },
        'pull threw TypeError',
      ],
      [() => (async () => ({ items: [] })) as never, 'pull answered something that is not an Either'],
      [() => ({ then: 'x' }) as never, 'pull threw TypeError'],
      [() => TE.left({ reason: 's3cr3t' } as never), 'pull answered a Left that is not a ConnectorError'],
    ]
    for (const [pull, message] of cases) {
      const store = makeInMemoryLedgerStore()
      const { deps, logs } = harness(withPull(pull), store)
      const r = await sync(deps)
      expect(r).toEqual(E.left({ _tag: 'ConnectorThrew', message }))
      expect(store.commits()).toBe(0)
      expect(JSON.stringify(r) + logs.join('\n')).not.toMatch(/s3cr3t/)
    }
  })

  it('refuses a batch that is not shaped as the port says, committing nothing', async () => {
    for (const bad of [
      null,
      { items: 'x', cursor: { value: '1' } },
      { items: [] },
      { items: [{}], cursor: { value: '1' } },
    ]) {
      const store = makeInMemoryLedgerStore()
      const { deps } = harness(
        withPull(() => TE.right(bad as never)),
        store,
      )
      const r = await sync(deps)
      expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'PullFailed', error: { _tag: 'InvalidData' } })
      expect(store.commits()).toBe(0)
    }
  })

  it('turns a store that throws or rejects into StoreThrew, and commits nothing', async () => {
    const make = (patch: (inner: LedgerStore) => Partial<LedgerStore>) => {
      const inner = makeInMemoryLedgerStore()
      return { inner, store: { ...inner, ...patch(inner) } }
    }
    const cases: ReadonlyArray<readonly [(inner: LedgerStore) => Partial<LedgerStore>, string, string]> = [
      [() => ({ commit: () => () => Promise.reject(secret) }), 'commit', 'commit threw Error'],
      [
        (inner) => ({
          commit: (c) => {
            void inner.commit(c)
            throw secret
          },
        }),
        'commit',
        'commit threw Error',
      ],
      [() => ({ loadCursor: () => () => Promise.reject(secret) }), 'loadCursor', 'loadCursor threw Error'],
      [
        () => ({
          loadSlices: () => {
            throw new RangeError('x')
          },
        }),
        'loadSlices',
        'loadSlices threw RangeError',
      ],
    ]
    for (const [patch, operation, message] of cases) {
      const { inner, store } = make(patch)
      const { deps, events } = harness(scripted([E.right(batch)]).connector, store)
      const r = await sync(deps)
      expect(r).toEqual(E.left({ _tag: 'StoreThrew', operation, message }))
      expect(JSON.stringify(r)).not.toMatch(/s3cr3t/)
      expect(events).toEqual([])
      if (operation !== 'commit') expect(inner.commits()).toBe(0)
    }
  })

  it('keeps a committed sync when acknowledge or the event publisher throws or rejects, and logs it', async () => {
    const acks: ReadonlyArray<NonNullable<BankConnector['acknowledge']>> = [
      () => TE.left({ _tag: 'Unavailable', message: 'disk full', retryable: true, retryAfterSeconds: null }),
      () => () => Promise.reject(secret),
      () => {
        throw secret
      },
    ]
    for (const acknowledge of acks) {
      const store = makeInMemoryLedgerStore()
      const { deps, logs } = harness({ ...scripted([E.right(batch)]).connector, acknowledge }, store)
      const r = await sync(deps)
      expect(E.isRight(r) && r.right.publishFailed).toBe(false)
      expect(store.cursor('inbox-1').cursor).toEqual({ value: 'f1' })
      expect(logs).toEqual(['connector acknowledgement failed after commit'])
    }
    const store = makeInMemoryLedgerStore()
    const { deps, logs } = harness(scripted([E.right(batch)]).connector, store)
    const rejecting: EventPublisher = { publish: () => () => Promise.reject(secret) }
    const r = await sync({ ...deps, events: rejecting })
    expect(E.isRight(r) && r.right.publishFailed).toBe(true)
    expect(logs).toEqual(['events not published after commit'])
  })
})

describe('another process committing first', () => {
  const connection = { id: 'inbox', protocol: 'cfonb' }
  const batch: FeedBatch = {
    items: [{ _tag: 'Statement', account: bnpRef, statement: statementOfMarch2 }],
    cursor: { value: 'f1' },
  }

  it('syncs again from the stored cursor and a fresh read, and books each movement once', async () => {
    const inner = makeInMemoryLedgerStore()
    let raced = false
    // The first commit loses a race: another process committed the same batch just before.
    const racing: LedgerStore = {
      ...inner,
      commit: (c) => async () => {
        if (!raced) {
          raced = true
          await inner.commit(c)()
          return E.left({ _tag: 'ConcurrentUpdate', message: 'ledger moved since it was read' })
        }
        return inner.commit(c)()
      },
    }
    const { connector, requests } = scripted([E.right(batch), E.right({ ...batch, cursor: { value: 'f1' } })])
    const { deps } = harness(connector, racing)
    const r = await syncAccount(deps, { connection, dossier: dossier(true), bankAccountId: 'ba1' })()
    expect(E.isRight(r)).toBe(true)
    expect(requests.map((q) => q.cursor)).toEqual([null, { value: 'f1' }])
    const ledger = inner.ledger({ dossierCode: dossier(true).code, bankAccountId: 'ba1' })
    expect(ledger === undefined ? [] : activeMovements(ledger).map((m) => m.label)).toEqual([
      'PRLV EDF',
      'VIR CLIENT',
    ])
    expect(ledger?.entries).toHaveLength(1)
  })

  it('gives up with ConcurrentUpdate after maxAttempts', async () => {
    const inner = makeInMemoryLedgerStore()
    const always: LedgerStore = {
      ...inner,
      commit: () => TE.left({ _tag: 'ConcurrentUpdate', message: 'moved' }),
    }
    const { connector, requests } = scripted([E.right(batch), E.right(batch), E.right(batch)])
    const { deps } = harness(connector, always)
    const r = await syncAccount(deps, {
      connection,
      dossier: dossier(true),
      bankAccountId: 'ba1',
      maxAttempts: 2,
    })()
    expect(r).toEqual(E.left({ _tag: 'StoreFailed', error: { _tag: 'ConcurrentUpdate', message: 'moved' } }))
    expect(requests).toHaveLength(2)
  })
})

describe('items routed to no bank account', () => {
  const inbox = { id: 'inbox-9', protocol: 'cfonb' }
  const other = (d: Dossier): Dossier => {
    const a = d.bankAccounts[0] as Dossier['bankAccounts'][number]
    return {
      ...d,
      bankAccounts: [
        ...d.bankAccounts,
        {
          ...a,
          id: 'ba2',
          iban: unknownRef.iban,
          rib: { bankCode: '30006', branchCode: '00001', accountNumber: '12345678901', key: '89' },
        },
      ],
    }
  }

  it('are queued with their reason, then booked once when a dossier gains their account', async () => {
    const store = makeInMemoryLedgerStore()
    const { connector } = scripted([
      E.right({
        items: [
          { _tag: 'Statement', account: bnpRef, statement: statementOfMarch2 },
          { _tag: 'Statement', account: unknownRef, statement: statementOfMarch2 },
        ],
        cursor: { value: 'f1' },
      }),
    ])
    const { deps } = harness(connector, store)
    const first = await syncAccount(deps, {
      connection: inbox,
      dossier: dossier(true),
      bankAccountId: 'ba1',
    })()
    expect(E.isRight(first) && first.right.released).toBe(0)
    const queued = await store.loadUnmatched(null)()
    expect(E.isRight(queued) && queued.right.map((q) => [q.connectionId, q.reason, q.item._tag])).toEqual([
      ['inbox-9', 'UNKNOWN_ACCOUNT', 'Statement'],
    ])
    // The dossier gains the account; the next sync (nothing new from the bank) books the queued statement.
    const gained = other(dossier(true))
    const syncBoth = () =>
      syncConnection(deps, {
        connection: inbox,
        dossiers: [gained],
        accounts: [
          { dossierCode: gained.code, bankAccountId: 'ba1' },
          { dossierCode: gained.code, bankAccountId: 'ba2' },
        ],
      })()
    const second = await syncBoth()
    expect(E.isRight(second) && second.right.released).toBe(1)
    expect(await store.loadUnmatched('inbox-9')()).toEqual(E.right([]))
    const ba2 = store.ledger({ dossierCode: gained.code, bankAccountId: 'ba2' })
    expect(ba2 === undefined ? [] : activeMovements(ba2).map((m) => m.label)).toEqual([
      'PRLV EDF',
      'VIR CLIENT',
    ])
    // Once only.
    const third = await syncBoth()
    expect(E.isRight(third) && third.right.released).toBe(0)
    expect(store.ledger({ dossierCode: gained.code, bankAccountId: 'ba2' })?.version).toBe(ba2?.version)
  })
})
