// End to end, as a firm meets it: Bridge deletes a booked transaction that already produced its
// journal entry and re-creates it under a new id, the same night or the next. Real HTTP to the
// loopback simulator, the real client and connector, core's `syncConnection` with entries generated
// at ingest, and the in-memory ledger store. The journal must book the 2,500.00 credit once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Dec, decodeDossier, feedErrorReport, syncConnection } from '@bankfeed/core'
import { activeMovements } from '@bankfeed/core/reconcile'
import { formatMoneyAmount } from '@bankfeed/core/domain'
import { makeInMemoryLedgerStore } from '@bankfeed/core/memory'
import type { AccountLedger } from '@bankfeed/core/reconcile'
import type { Dossier, SyncDeps, SyncReport, SyncRequest } from '@bankfeed/core'
import { makeRecordingLogger } from '@bankfeed/testkit'
import type { BridgeSimulator } from '@bankfeed/connector-bankin/simulator'
import { USER, clientOf, connectorOf, fixedClock, startSim } from './fixtures.js'

/** Account A of the fixtures: RIB 30006 00001 12345678901 key 89. */
const IBAN = 'FR7630006000011234567890189'
const KEY = { dossierCode: 'CCH001', bankAccountId: 'ba1' }
const CONNECTION = { id: 'conn-cch001', protocol: 'bankin' }

const dossierJson = {
  version: 1,
  code: 'CCH001',
  name: 'Boulangerie Dupont',
  siren: '123456782',
  collaborative: false,
  fiscalYears: [{ start: '2026-01-01', end: '2026-12-31', closed: false }],
  contacts: [
    {
      id: 'c1',
      firstName: 'Lucile',
      lastName: 'B',
      email: 'lucile@example.fr',
      mobile: null,
      role: "Chef d'entreprise",
      subscriberType: 'client',
      consultationAccess: true,
    },
  ],
  bankAccounts: [
    {
      id: 'ba1',
      name: 'Compte courant',
      holder: 'Boulangerie Dupont SARL',
      holderComplement: null,
      rib: { bankCode: '30006', branchCode: '00001', accountNumber: '12345678901', key: '89' },
      iban: IBAN,
      bic: 'AGRIFRPP',
      currency: 'EUR',
      attachedContactId: 'c1',
      main: true,
      feed: {
        protocol: 'bankin',
        startDate: '2026-03-01',
        startDateLocked: true,
        frequency: 'daily',
        autoGenerateEntries: true,
      },
    },
  ],
  glAccounts: [
    { number: '512100', label: 'Banque', bankAccountId: 'ba1' },
    { number: '471000', label: "Compte d'attente", bankAccountId: null },
  ],
  journals: [
    { code: 'BQ1', label: 'Banque', type: 'bank', counterpartAccount: '512100', counterpartMode: 'footer' },
  ],
  waitingAccount: '471000',
}

const dossier = (): Dossier => {
  const d = decodeDossier(dossierJson)
  if (d._tag === 'Left') throw new Error('the test dossier does not decode')
  return d.right
}

// Nights: the nightly sync runs at 02:00 UTC.
const NIGHT = ['2026-03-03T02:00:00.000Z', '2026-03-04T02:00:00.000Z', '2026-03-05T02:00:00.000Z']
const CREDIT = {
  amount: '2500',
  date: '2026-03-02',
  description: 'VIR SEPA CLIENT DURAND FACT 2026-041',
  cleanDescription: 'Vir Client Durand',
}

const clock = fixedClock(NIGHT[0])

interface World {
  readonly sim: BridgeSimulator
  readonly accountId: string
  readonly sync: (night: number) => Promise<SyncReport>
  readonly ledger: () => AccountLedger
}

const worlds: BridgeSimulator[] = []
afterEach(async () => {
  await Promise.all(worlds.splice(0).map((s) => s.close()))
})
beforeEach(() => clock.set(NIGHT[0] as string))

/** A simulator with one user, item and checking account, and a sync of it into a fresh store. */
const world = async (): Promise<World> => {
  const sim = await startSim(clock)
  worlds.push(sim)
  sim.seedUser(USER)
  const itemId = sim.seedItem({ externalUserId: USER })
  const accountId = sim.seedAccount({ itemId, name: 'Compte courant', balance: '2500', iban: IBAN })
  const logger = makeRecordingLogger()
  const store = makeInMemoryLedgerStore()
  const deps: SyncDeps = {
    connector: connectorOf(clientOf(sim, logger, clock)),
    store,
    clock,
    events: { publish: () => () => Promise.resolve({ _tag: 'Right', right: undefined }) },
    logger,
  }
  const request: SyncRequest = { connection: CONNECTION, dossiers: [dossier()], accounts: [KEY] }
  return {
    sim,
    accountId,
    sync: async (night) => {
      clock.set(NIGHT[night] as string)
      const r = await syncConnection(deps, request)()
      if (r._tag === 'Left') throw new Error(`sync failed: ${JSON.stringify(r.left)}`)
      expect(r.right.unmatched).toEqual([])
      expect(r.right.accounts[0]?.entryError).toBeNull()
      return r.right
    },
    ledger: () => store.ledger(KEY) ?? expect.fail('no ledger'),
  }
}

const decisions = (report: SyncReport) => report.accounts[0]?.decisions ?? []
const tags = (report: SyncReport): string[] => decisions(report).map((d) => d._tag)

/** What the journal says of the bank account 512100: debit minus credit. */
const journalTotal = (ledger: AccountLedger): string =>
  ledger.entries
    .flatMap((e) => e.lines)
    .filter((l) => l.account === '512100')
    .reduce((t, l) => t.plus(l.debit).minus(l.credit), new Dec(0))
    .toFixed(2)

/** Journal lines that book a movement (the counterpart side), as `movementId amount`. */
const bookedMovementLines = (ledger: AccountLedger): string[] =>
  ledger.entries
    .flatMap((e) => e.lines)
    .filter((l) => l.movement !== null)
    .map((l) => `${l.movement?.movementId} ${l.credit.minus(l.debit).toFixed(2)}`)

/** The active movement an entry line's link leads to, directly or through an alias. */
const linkedMovement = (ledger: AccountLedger, movementId: string) =>
  ledger.movements.get(ledger.index.aliases.get(movementId) ?? movementId)

/** The changes-after-entries items of the firm's error report, after `report`. */
const changedAfterEntries = (ledger: AccountLedger, report: SyncReport) =>
  feedErrorReport({
    dossier: dossier(),
    today: report.today,
    accounts: [
      { bankAccountId: 'ba1', ledger, lastSync: report.accounts[0] ?? expect.fail('no account report') },
    ],
  }).items.filter((i) => i.code === 'CHANGED_AFTER_ENTRIES')

/**
 * The journal of the same credit with no deletion at all: booked on the first night, then nights
 * with nothing new. What every history of delete-and-recreate must come back to.
 */
const controlLedger = async (nights: number): Promise<AccountLedger> => {
  const w = await world()
  w.sim.seedTransaction({ accountId: w.accountId, ...CREDIT })
  for (let n = 0; n < nights; n++) await w.sync(n)
  return w.ledger()
}

/** The checks of every history: one active movement, one entry, 2,500.00 booked once. */
const expectBookedOnce = (ledger: AccountLedger, recreatedId: string, date: string): void => {
  const active = activeMovements(ledger)
  expect(active.map((m) => [m.providerId, m.bookingDate, formatMoneyAmount(m.amount)])).toEqual([
    [recreatedId, date, '2500.00'],
  ])
  expect(ledger.entries).toHaveLength(1)
  expect(journalTotal(ledger)).toBe('2500.00')
  expect(bookedMovementLines(ledger).map((l) => l.split(' ')[1])).toEqual(['2500.00'])
  expect(active[0]?.entryId).toBe(ledger.entries[0]?.id)
  // Nothing left waiting for an entry, nothing left as a deletion to review.
  expect(ledger.index.awaitingEntry.size).toBe(0)
  expect(ledger.index.deletedWithEntry.size).toBe(0)
  expect([...ledger.movements.values()].filter((m) => m.state !== 'active')).toEqual([])
  // The entry still leads to the bank line it books: the re-created movement.
  const link = ledger.entries[0]?.lines.find((l) => l.movement !== null)?.movement
  expect(linkedMovement(ledger, link?.movementId ?? '')?.providerId).toBe(recreatedId)
}

describe('a booked Bridge transaction deleted and re-created under a new id', () => {
  it('the first night books it with one entry', async () => {
    const w = await world()
    const original = w.sim.seedTransaction({ accountId: w.accountId, ...CREDIT })
    const first = await w.sync(0)
    expect(tags(first)).toContain('New')
    expect(first.accounts[0]?.entriesGenerated).toBe(1)
    expect(activeMovements(w.ledger()).map((m) => m.providerId)).toEqual([original])
    expect(journalTotal(w.ledger())).toBe('2500.00')
  })

  it('the same night (deletion and re-creation in one pull): booked once, nothing to review', async () => {
    const w = await world()
    const original = w.sim.seedTransaction({ accountId: w.accountId, ...CREDIT })
    await w.sync(0)
    const entryId = w.ledger().entries[0]?.id

    w.sim.deleteTransaction(original)
    const recreated = w.sim.seedTransaction({ accountId: w.accountId, ...CREDIT, id: '900001' })
    expect(recreated).toBe('900001')
    const second = await w.sync(1)
    expect(decisions(second)).toContainEqual(
      expect.objectContaining({
        _tag: 'RecreatedByProvider',
        replacedId: `p:${CONNECTION.id}:${original}`,
        entryId,
        dayGap: 0,
        needsReview: false,
      }),
    )
    expect(tags(second)).not.toContain('New')
    // (The batch decides the deletion first, then the re-creation that takes it over.)
    expect(second.accounts[0]?.entriesGenerated).toBe(0)
    expectBookedOnce(w.ledger(), recreated, '2026-03-02')
    expect(w.ledger().entries).toEqual((await controlLedger(2)).entries)

    // The next night brings nothing new.
    const third = await w.sync(2)
    expect(third.accounts[0]?.entriesGenerated).toBe(0)
    // (The connector reads back over its last page: a re-sent id is a no-op duplicate.)
    const quiet = ['BalanceRecorded', 'BalanceDuplicate', 'DuplicateProviderId', 'DeletionOfUnknown']
    expect(tags(third).filter((t) => !quiet.includes(t))).toEqual([])
    expectBookedOnce(w.ledger(), recreated, '2026-03-02')
  })

  it('across two nights (deleted one night, re-created the next): booked once, nothing to review', async () => {
    const w = await world()
    const original = w.sim.seedTransaction({ accountId: w.accountId, ...CREDIT })
    await w.sync(0)
    const entryId = w.ledger().entries[0]?.id

    w.sim.deleteTransaction(original)
    const second = await w.sync(1)
    // Deleted after its entry: kept aside for review while nothing replaces it.
    expect(tags(second)).toContain('DeletedNeedsReview')
    expect(activeMovements(w.ledger())).toEqual([])
    expect(w.ledger().entries).toHaveLength(1)
    expect(journalTotal(w.ledger())).toBe('2500.00')

    const recreated = w.sim.seedTransaction({ accountId: w.accountId, ...CREDIT, id: '900002' })
    const third = await w.sync(2)
    expect(decisions(third)).toContainEqual(
      expect.objectContaining({
        _tag: 'RecreatedByProvider',
        replacedId: `p:${CONNECTION.id}:${original}`,
        entryId,
        dayGap: 0,
        needsReview: false,
      }),
    )
    expect(tags(third)).not.toContain('New')
    expect(third.accounts[0]?.entriesGenerated).toBe(0)
    expectBookedOnce(w.ledger(), recreated, '2026-03-02')
    expect(w.ledger().entries).toEqual((await controlLedger(3)).entries)
    expect(changedAfterEntries(w.ledger(), third)).toEqual([])
  })

  for (const timing of ['same night', 'across two nights'] as const)
    it(`re-created a day later (${timing}): still booked once, and flagged for review`, async () => {
      const w = await world()
      const original = w.sim.seedTransaction({ accountId: w.accountId, ...CREDIT })
      await w.sync(0)
      const entryId = w.ledger().entries[0]?.id

      w.sim.deleteTransaction(original)
      if (timing === 'across two nights') await w.sync(1)
      const recreated = w.sim.seedTransaction({
        accountId: w.accountId,
        ...CREDIT,
        date: '2026-03-03',
        id: '900003',
      })
      const last = await w.sync(2)
      expect(decisions(last)).toContainEqual(
        expect.objectContaining({
          _tag: 'RecreatedByProvider',
          replacedId: `p:${CONNECTION.id}:${original}`,
          entryId,
          dayGap: 1,
          needsReview: true,
        }),
      )
      expect(tags(last)).not.toContain('New')
      expect(last.accounts[0]?.entriesGenerated).toBe(0)
      expectBookedOnce(w.ledger(), recreated, '2026-03-03')
      // The entry keeps the day it was booked on; the firm's report says a booked line changed.
      expect(w.ledger().entries[0]?.date).toBe('2026-03-02')
      const flagged = changedAfterEntries(w.ledger(), last)
      expect(flagged).toMatchObject([{ code: 'CHANGED_AFTER_ENTRIES', bankAccountId: 'ba1' }])
      expect(flagged[0]?.params).toMatchObject({ updated: 1 })
      if (timing === 'across two nights') expect(flagged[0]?.params).toEqual({ deleted: 0, updated: 1 })
    })

  // When the deletion and the re-creation come in one pull, the report counts one change at most:
  // none for an identical re-creation, one for a re-creation on another day.
  for (const [date, expected] of [
    ['2026-03-02', []],
    ['2026-03-03', [{ deleted: 0, updated: 1 }]],
  ] as const)
    it(`the same night, re-created on ${date}: the report flags only a real change, once`, async () => {
      const w = await world()
      const original = w.sim.seedTransaction({ accountId: w.accountId, ...CREDIT })
      await w.sync(0)
      w.sim.deleteTransaction(original)
      w.sim.seedTransaction({ accountId: w.accountId, ...CREDIT, date, id: '900004' })
      const second = await w.sync(1)
      expect(changedAfterEntries(w.ledger(), second).map((i) => i.params)).toEqual(expected)
    })
})
