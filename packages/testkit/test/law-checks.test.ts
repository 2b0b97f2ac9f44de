import { test } from '@fast-check/vitest'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { activeMovements, defaultIngestionSettings, emptyLedger } from '@bankfeed/core/reconcile'
import { currencyCode, Dec, isLocalDate, localDate } from '@bankfeed/core'
import type { AccountLedger } from '@bankfeed/core/reconcile'
import type { EntryGeneration, FeedItem, JournalEntry } from '@bankfeed/core'
import {
  apiFeedArb,
  checkBalanceProofs,
  checkBankLinesEqualMovements,
  checkEntriesBalance,
  checkNothingLostOrDoubled,
  checkSplitInvariance,
  fileFeedArb,
  ingestAll,
  statementArb,
} from '../src/index.js'
import { plusDays } from '../src/calendar.js'
import { ACCOUNT, FIXTURE, movement } from './fixture-connector.js'

const EUR = currencyCode('EUR')
const source = { protocol: 'dsp2', connectionId: 'api' }
const settings = defaultIngestionSettings(null)
const empty = (): AccountLedger => emptyLedger('D', 'ba1', EUR)

describe('feed arbitraries', () => {
  test.prop([apiFeedArb()])(
    'API feeds: unique ids, every pending copy paired with one booked twin',
    (feed) => {
      const ids = feed.real.map((m) => m.providerId)
      expect(new Set(ids).size).toBe(ids.length)
      for (const p of feed.pending) {
        expect(p._tag === 'Movement' && p.movement.status).toBe('pending')
        const amount = p._tag === 'Movement' ? p.movement.amount.amount : new Dec(0)
        expect(feed.real.filter((m) => m.amount.amount.equals(amount)).length).toBe(1)
      }
      expect(feed.items.slice(0, feed.pending.length)).toEqual(feed.pending)
    },
  )

  it('API feeds do generate identical twins, pending copies and re-deliveries', () => {
    const feeds = fc.sample(apiFeedArb(), { numRuns: 200, seed: 42 })
    expect(feeds.some((f) => f.real.some((m) => m.providerId?.endsWith('t')))).toBe(true)
    expect(feeds.some((f) => f.pending.length > 0)).toBe(true)
    expect(feeds.some((f) => f.items.length > f.pending.length + f.real.length)).toBe(true)
  })

  test.prop([fileFeedArb({ offBalances: true })])(
    'file feeds chain, and only the listed statements are off',
    (feed) => {
      feed.statements.forEach((s, i) => {
        const previous = feed.statements[i - 1]
        if (previous !== undefined) {
          expect(s.openingBalance.amount.amount.equals(previous.closingBalance.amount.amount)).toBe(true)
          expect(s.openingBalance.date).toBe(previous.closingBalance.date)
        }
        const computed = s.movements.reduce((a, m) => a.plus(m.amount.amount), s.openingBalance.amount.amount)
        expect(!computed.equals(s.closingBalance.amount.amount)).toBe(feed.offStatements.includes(i))
        for (const m of s.movements) expect(m.bookingDate).toBe(s.closingBalance.date)
      })
    },
  )

  test.prop([statementArb({ balance: 'off', date: localDate('2026-03-01') })])(
    'off statements are off',
    (s) => {
      expect(s.openingBalance.date).toBe('2026-02-28')
      const computed = s.movements.reduce((a, m) => a.plus(m.amount.amount), s.openingBalance.amount.amount)
      expect(computed.equals(s.closingBalance.amount.amount)).toBe(false)
    },
  )

  test.prop([fc.integer({ min: -40_000, max: 40_000 })])(
    'the generators’ day arithmetic is calendar arithmetic',
    (n) => {
      const d = plusDays(localDate('2026-03-29'), n)
      expect(isLocalDate(d)).toBe(true)
      expect(Math.round((Date.parse(d) - Date.parse('2026-03-29')) / 86_400_000)).toBe(n)
    },
  )
})

describe('law checks report what they exist for', () => {
  const whole = ingestAll(empty(), source, [FIXTURE], settings)

  it('a lost movement and a doubled one', () => {
    const real = FIXTURE.flatMap((i) => (i._tag === 'Movement' ? [i.movement] : []))
    expect(checkNothingLostOrDoubled(whole, real)).toEqual([])
    expect(checkNothingLostOrDoubled(whole, [...real, movement('t6', '2026-01-06', '1.00', 'X')])).toEqual([
      { law: 'nothingLostOrDoubled', message: 'lost t6|booked|2026-01-06|1|X; doubled or unexpected none' },
    ])
    expect(checkNothingLostOrDoubled(whole, real.slice(1))[0]?.message).toBe(
      'lost none; doubled or unexpected t1|booked|2026-01-02|-30|PRLV SEPA EDF',
    )
  })

  it('a split that does not give the same ledger', () => {
    const first = FIXTURE.slice(0, 2) as FeedItem[]
    expect(checkSplitInvariance(empty(), source, [FIXTURE], [FIXTURE.slice(2), first], settings)).toEqual([])
    expect(checkSplitInvariance(empty(), source, [FIXTURE], [first], settings).map((v) => v.law)).toEqual([
      'splitInvariance',
    ])
  })

  const entry = (lines: Array<[string, string, string]>): JournalEntry => ({
    id: 'e1',
    dossierCode: 'D',
    bankAccountId: 'ba1',
    journalCode: 'BQ1',
    journalLabel: 'Banque',
    date: localDate('2026-01-02'),
    pieceRef: 'R',
    pieceDate: localDate('2026-01-02'),
    label: 'L',
    currency: EUR,
    lines: lines.map(([account, debit, credit]) => ({
      account,
      auxiliary: null,
      label: 'L',
      debit: new Dec(debit),
      credit: new Dec(credit),
      movement: null,
    })),
    validatedOn: null,
  })
  const generation = (entries: JournalEntry[], booked: string[]): EntryGeneration => ({
    entries,
    refused: [],
    changes: {
      added: [],
      updated: activeMovements(whole)
        .filter((m) => booked.includes(m.providerId ?? ''))
        .map((m) => ({ ...m, entryId: 'e1' })),
      removed: [],
      statements: [],
      balances: [],
      entries,
    },
  })

  it('an unbalanced entry and a line with two sides', () => {
    expect(
      checkEntriesBalance(
        generation(
          [
            entry([
              ['512100', '30', '0'],
              ['606100', '0', '30'],
            ]),
          ],
          [],
        ),
      ),
    ).toEqual([])
    expect(
      checkEntriesBalance(
        generation(
          [
            entry([
              ['512100', '30', '0'],
              ['606100', '0', '29.99'],
            ]),
          ],
          [],
        ),
      ),
    ).toEqual([{ law: 'entriesBalance', message: 'entry e1: debit 30 ≠ credit 29.99' }])
    expect(
      checkEntriesBalance(
        generation(
          [
            entry([
              ['512100', '30', '30'],
              ['606100', '0', '0'],
            ]),
          ],
          [],
        ),
      ).length,
    ).toBe(2)
  })

  it('512 lines that do not add up to the movements, and movements left unbooked', () => {
    // t1 is -30.00: money out credits the 512.
    const ok = generation(
      [
        entry([
          ['606100', '30', '0'],
          ['512100', '0', '30'],
        ]),
      ],
      ['t1'],
    )
    expect(
      checkBankLinesEqualMovements(whole, ok, '512100').filter((v) => !v.message.startsWith('neither')),
    ).toEqual([])
    const wrongSign = generation(
      [
        entry([
          ['512100', '30', '0'],
          ['606100', '0', '30'],
        ]),
      ],
      ['t1'],
    )
    expect(checkBankLinesEqualMovements(whole, wrongSign, '512100')[0]?.message).toBe(
      'Σ 512100 lines = 30, Σ movements booked = -30',
    )
    expect(checkBankLinesEqualMovements(whole, ok, '512100').at(-1)?.message).toMatch(
      /^neither booked nor refused: /,
    )
  })

  it('balance proofs that miss an off statement', () => {
    const [s] = fc.sample(statementArb({ balance: 'off' }), { numRuns: 1, seed: 7 })
    if (s === undefined) throw new Error('no sample')
    const ledger = ingestAll(
      empty(),
      source,
      [[{ _tag: 'Statement', account: ACCOUNT, statement: s }]],
      settings,
    )
    expect(checkBalanceProofs(ledger, 1)).toEqual([])
    expect(checkBalanceProofs(ledger, 0).map((v) => v.message)).toEqual([
      '0 statements are off, the proofs flag 1',
      '0 statements proven, expected 1',
    ])
  })
})
