import { describe, expect, it } from 'vitest'
import { bnpRef, day, eur, mv, stmt } from '../../test/builders.js'
import type { FeedItem } from '../domain/feed.js'
import { proveBalances } from './balance-proofs.js'
import { defaultIngestionSettings, ingest } from './ingest.js'
import { applyLedgerChanges, emptyLedger } from './ledger.js'
import { currencyCode } from '../domain/literals.js'

const ledgerOf = (items: ReadonlyArray<FeedItem>, connectionId = 'inbox') => {
  const empty = emptyLedger('CCH001', 'ba1', currencyCode('EUR'))
  return applyLedgerChanges(
    empty,
    ingest(empty, { protocol: 'x', connectionId }, items, defaultIngestionSettings(null)).changes,
  )
}
const st = (s: ReturnType<typeof stmt>): FeedItem => ({ _tag: 'Statement', account: bnpRef, statement: s })

describe('proveBalances', () => {
  it('proves statements that add up and chain day after day', () => {
    const p = proveBalances(
      ledgerOf([
        st(stmt({ date: '2026-03-01', amount: '100.00' }, [mv('2026-03-02', '-30.10', 'A')])),
        st(stmt({ date: '2026-03-02', amount: '69.90' }, [mv('2026-03-03', '0.10', 'B')])),
      ]),
    )
    expect(p).toEqual({
      statementsBalanced: 2,
      chainLinksProven: 1,
      ledgerDaysProven: 2,
      snapshotsProven: 0,
      issues: [],
    })
  })

  it('reports a statement whose closing is not opening + movements, with both figures and the difference', () => {
    const p = proveBalances(
      ledgerOf([
        st(
          stmt({ date: '2026-03-01', amount: '100.00' }, [mv('2026-03-02', '-30.10', 'A')], {
            date: '2026-03-02',
            amount: '70.00',
          }),
        ),
      ]),
    )
    expect(p.issues).toHaveLength(1)
    const d = p.issues[0]
    expect(
      d?._tag === 'BalanceDiscrepancy' && [
        d.kind,
        d.expected.amount.toFixed(2),
        d.actual.amount.toFixed(2),
        d.difference.amount.toFixed(2),
        d.fromDate,
        d.toDate,
      ],
    ).toEqual(['statement', '69.90', '70.00', '0.10', '2026-03-01', '2026-03-02'])
  })

  it('reports gaps, overlaps and broken chains between statements', () => {
    const p = proveBalances(
      ledgerOf([
        st(stmt({ date: '2026-03-01', amount: '100.00' }, [mv('2026-03-02', '-30.00', 'A')])),
        st(stmt({ date: '2026-03-05', amount: '70.00' }, [mv('2026-03-06', '1.00', 'B')])),
        st(stmt({ date: '2026-03-04', amount: '75.00' }, [mv('2026-03-07', '1.00', 'C')])),
      ]),
    )
    expect(
      p.issues.map(
        (i) =>
          i._tag + (i._tag === 'BalanceDiscrepancy' ? `:${i.kind}:${i.difference.amount.toFixed(2)}` : ''),
      ),
    ).toEqual([
      // Walked by opening day: A, then C (a gap, and a balance that jumps), then B, which opens
      // inside C's days on another balance.
      'StatementGap',
      'BalanceDiscrepancy:chain:5.00',
      'StatementOverlap',
      'BalanceDiscrepancy:chain:-6.00',
      // The movements received do not reach B's closing either, beyond the jumps already reported.
      'BalanceDiscrepancy:ledger:1.00',
    ])
  })

  it('explains an API balance by the previous one and the booked movements between, pending left out', () => {
    const bal = (date: string, amount: string): FeedItem => ({
      _tag: 'Balance',
      account: bnpRef,
      balance: { kind: 'booked', date: day(date), amount: eur(amount) },
    })
    const mvt = (
      date: string,
      amount: string,
      id: string,
      status: 'booked' | 'pending' = 'booked',
    ): FeedItem => ({
      _tag: 'Movement',
      account: bnpRef,
      movement: mv(date, amount, 'X', { providerId: id, status }),
    })
    const good = proveBalances(
      ledgerOf(
        [
          bal('2026-03-01', '100.00'),
          mvt('2026-03-02', '-20.00', 'a'),
          mvt('2026-03-02', '-5.00', 'p', 'pending'),
          bal('2026-03-02', '80.00'),
        ],
        'api',
      ),
    )
    expect(good.snapshotsProven).toBe(1)
    const bad = proveBalances(
      ledgerOf(
        [bal('2026-03-01', '100.00'), mvt('2026-03-02', '-20.00', 'a'), bal('2026-03-03', '79.99')],
        'api',
      ),
    )
    expect(bad.issues).toMatchObject([
      { _tag: 'BalanceDiscrepancy', kind: 'snapshot', fromDate: '2026-03-01', toDate: '2026-03-03' },
    ])
  })
})
