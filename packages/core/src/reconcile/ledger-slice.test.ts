import { describe, expect, it } from 'vitest'
import { bnpRef, mv } from '../../test/builders.js'
import { seedDossierOnBnp } from '../../test/seed.js'
import { E } from '../fp.js'
import { Dec } from '../domain/money.js'
import type { FeedItem } from '../domain/feed.js'
import type { MovementSource } from '../domain/ledger-records.js'
import { compileCounterpartRules } from '../entries/counterpart-rules.js'
import { generateEntries } from '../entries/generate-entries.js'
import { makeInMemoryLedgerStore } from '../memory/in-memory-ledger-store.js'
import { defaultIngestionSettings, ingest } from './ingest.js'
import { applyLedgerChanges, concatChanges, emptyLedger } from './ledger.js'
import type { AccountLedger } from './ledger.js'
import {
  followUpRequest,
  ledgerOfSlice,
  mergeDayRanges,
  recordsOfLedger,
  sliceOfRecords,
  sliceRequestOf,
} from './ledger-slice.js'
import { currencyCode, localDate } from '../domain/literals.js'

const bridge: MovementSource = { protocol: 'bankin', connectionId: 'item-1' }
const dossier = seedDossierOnBnp()
const settings = defaultIngestionSettings(null)
const key = { dossierCode: dossier.code, bankAccountId: 'ba1' }
const EUR = currencyCode('EUR')
const empty = emptyLedger(dossier.code, 'ba1', EUR)
const booked = (id: string, date: string, label = 'VIR CLIENT A'): FeedItem => ({
  _tag: 'Movement',
  account: bnpRef,
  movement: mv(date, '2500.00', label, { providerId: id }),
})
const apply = (l: AccountLedger, items: ReadonlyArray<FeedItem>, withEntries: boolean): AccountLedger => {
  const ingested = ingest(l, bridge, items, settings)
  if (!withEntries) return applyLedgerChanges(l, ingested.changes)
  const rules = compileCounterpartRules([], '471000')
  if (E.isLeft(rules)) throw new Error('rules')
  const generated = generateEntries(dossier, l, { rules: rules.right }, ingested.changes)
  if (E.isLeft(generated)) throw new Error(generated.left._tag)
  return applyLedgerChanges(l, concatChanges(ingested.changes, generated.right.changes))
}

describe('reading a ledger through slices', () => {
  it('asks for the identities of the batch, and the days around its dates when it holds pending copies', () => {
    const items = [booked('t1', '2026-03-02'), booked('t2', '2026-03-20')]
    const request = sliceRequestOf(key, EUR, bridge, items, settings)
    expect(request.families).toEqual(['p:item-1:t1', 'p:item-1:t2'])
    // Booked movements meet their pending twins among the open pending movements of every slice.
    expect(request.days).toEqual([])
    const pending: FeedItem = {
      _tag: 'Movement',
      account: bnpRef,
      movement: mv('2026-03-20', '-12.00', 'CB BOULANGERIE', { providerId: 'p1', status: 'pending' }),
    }
    const withPending = sliceRequestOf(key, EUR, bridge, [booked('t1', '2026-03-02'), pending], settings)
    expect(withPending.days).toEqual([
      { from: '2026-02-23', to: '2026-03-09' },
      { from: '2026-03-13', to: '2026-03-27' },
    ])
    expect(
      mergeDayRanges([...withPending.days, { from: localDate('2026-03-10'), to: localDate('2026-03-12') }]),
    ).toEqual([{ from: '2026-02-23', to: '2026-03-27' }])
  })

  it('asks in a second request for the days around the incoming dates once the ledger shows another connection', () => {
    const items = [booked('t1', '2026-03-02')]
    const ours = sliceOfRecords(
      recordsOfLedger(apply(empty, items, true)),
      sliceRequestOf(key, EUR, bridge, items, settings),
    )
    expect(followUpRequest(ours, bridge, [booked('t9', '2026-03-05')], settings)).toBeNull()
    const files: MovementSource = { protocol: 'cfonb', connectionId: 'files' }
    const next = followUpRequest(ours, files, [booked('t9', '2026-03-05')], settings)
    expect(next?.days).toEqual([{ from: '2026-02-26', to: '2026-03-12' }])
  })

  it('needs no second request for a deletion: the re-creation it may meet awaits its entry, in every slice', () => {
    // Booked with its entry; re-created under a new id, before any entry (automatic entries off);
    // then the provider deletes the first: the batch names only its id.
    const first = apply(empty, [booked('t1', '2026-03-02')], true)
    const recreated = apply(first, [booked('t2', '2026-03-04', 'VIR CLIENT A REF')], false)
    const deletion: FeedItem[] = [{ _tag: 'Deleted', account: bnpRef, providerId: 't1' }]
    const whole = ingest(recreated, bridge, deletion, settings)
    expect(whole.decisions.map((d) => d._tag)).toEqual(['RecreatedByProvider'])
    const request = sliceRequestOf(key, EUR, bridge, deletion, settings)
    expect(request.days).toEqual([])
    const answer = sliceOfRecords(recordsOfLedger(recreated), request)
    expect(answer.movements.map((m) => m.id)).toEqual(['p:item-1:t1', 'p:item-1:t2'])
    expect(followUpRequest(answer, bridge, deletion, settings)).toBeNull()
    expect(JSON.stringify(ingest(ledgerOfSlice(answer), bridge, deletion, settings))).toBe(
      JSON.stringify(whole),
    )
  })

  it('asks in a second request for the lines of the held statements an incoming one meets', () => {
    const files: MovementSource = { protocol: 'cfonb', connectionId: 'files' }
    const statement = (
      open: string,
      close: string,
      from: string,
      lines: ReadonlyArray<[string, string]>,
    ): FeedItem => {
      let balance = Number(from)
      const movements = lines.map(([date, amount]) => {
        balance += Number(amount)
        return mv(date, amount, `LINE ${date} ${amount}`)
      })
      return {
        _tag: 'Statement',
        account: bnpRef,
        statement: {
          currency: EUR,
          openingBalance: { date: localDate(open), amount: { amount: new Dec(from), currency: EUR } },
          closingBalance: {
            date: localDate(close),
            amount: { amount: new Dec(balance.toFixed(2)), currency: EUR },
          },
          movements,
        },
      } as FeedItem
    }
    // A month delivered whole, then a day that opens on its closing.
    const month = statement('2026-03-01', '2026-03-31', '100.00', [
      ['2026-03-02', '10.00'],
      ['2026-03-30', '-5.00'],
    ])
    const held = applyLedgerChanges(empty, ingest(empty, files, [month], settings).changes)
    const day = statement('2026-03-31', '2026-04-01', '105.00', [['2026-04-01', '1.00']])
    const request = sliceRequestOf(key, EUR, files, [day], settings)
    const answer = sliceOfRecords(recordsOfLedger(held), request)
    expect(answer.statements).toHaveLength(1)
    const next = followUpRequest(answer, files, [day], settings)
    expect(next?.statements).toEqual([{ connectionId: 'files', from: '2026-03-01', to: '2026-03-31' }])
    // One connection, booked lines: no day of history is read.
    expect(next?.days).toEqual([])
    expect(next?.families).toHaveLength(2)
  })

  it('the in-memory store answers from its indexes exactly what reading every record gives', async () => {
    const store = makeInMemoryLedgerStore()
    let ledger: AccountLedger = empty
    const batches: FeedItem[][] = [
      [booked('t1', '2026-03-02'), booked('t2', '2026-03-05', 'PRLV EDF')],
      [booked('t3', '2026-03-20', 'CB CARREFOUR'), { _tag: 'Deleted', account: bnpRef, providerId: 't2' }],
    ]
    for (const items of batches) {
      const ingested = ingest(ledger, bridge, items, settings)
      const commit = await store.commit({
        connectionId: null,
        expectedCursorVersion: 0,
        cursor: null,
        ledgers: [{ key, currency: EUR, expectedVersion: ledger.version, changes: ingested.changes }],
      })()
      expect(E.isRight(commit)).toBe(true)
      ledger = applyLedgerChanges(ledger, ingested.changes)
    }
    for (const items of [[booked('t1', '2026-03-02')], [booked('x', '2026-03-27')], []]) {
      const request = sliceRequestOf(key, EUR, bridge, items, settings)
      const answered = await store.loadSlices([request])()
      expect(answered).toEqual(E.right([sliceOfRecords(recordsOfLedger(ledger), request)]))
    }
  })
})
