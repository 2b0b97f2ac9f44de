import type { LocalDate } from '../domain/local-date.js'
import type { Money } from '../domain/money.js'
import type { Dec } from '../domain/money.js'
import type { AccountLedger, LedgerStatement } from './ledger.js'

/**
 * Figures that should be equal and are not: a statement whose opening + movements ≠ closing, a
 * statement that does not open at the previous one's closing, or an API balance that the movements do
 * not explain.
 */
export interface BalanceDiscrepancy {
  readonly _tag: 'BalanceDiscrepancy'
  readonly kind: 'statement' | 'chain' | 'snapshot'
  /** The statement concerned (the later one for `chain`), or `null` for `snapshot`. */
  readonly statementId: string | null
  readonly fromDate: LocalDate
  readonly toDate: LocalDate
  /** What the figures say it should be (closing computed, previous closing, balance explained by movements). */
  readonly expected: Money
  /** What the bank says. */
  readonly actual: Money
  /** `actual − expected`. */
  readonly difference: Money
}

/** Statements missing between two received ones: the next one opens after the previous closing date. */
export interface StatementGap {
  readonly _tag: 'StatementGap'
  readonly previousStatementId: string
  readonly statementId: string
  readonly previousClosingDate: LocalDate
  readonly openingDate: LocalDate
}

/** Two statements cover the same days: the next one opens before the previous closing date. */
export interface StatementOverlap {
  readonly _tag: 'StatementOverlap'
  readonly previousStatementId: string
  readonly statementId: string
  readonly previousClosingDate: LocalDate
  readonly openingDate: LocalDate
}

/** Something the balance proofs found. */
export type BalanceIssue = BalanceDiscrepancy | StatementGap | StatementOverlap

/** What was proven and what was not. */
export interface BalanceProofs {
  /** Statements whose opening + Σ movements = closing exactly. */
  readonly statementsBalanced: number
  /** Consecutive statement pairs that chain (opening = previous closing). */
  readonly chainLinksProven: number
  /** API balances explained exactly by the previous one and the booked movements between. */
  readonly snapshotsProven: number
  readonly issues: ReadonlyArray<BalanceIssue>
}

const money = (amount: Dec, like: Money): Money => ({ amount, currency: like.currency })

const discrepancy = (
  kind: BalanceDiscrepancy['kind'],
  statementId: string | null,
  fromDate: LocalDate,
  toDate: LocalDate,
  expected: Money,
  actual: Money,
): BalanceDiscrepancy => ({
  _tag: 'BalanceDiscrepancy',
  kind,
  statementId,
  fromDate,
  toDate,
  expected,
  actual,
  difference: money(actual.amount.minus(expected.amount), actual),
})

/** Opening + Σ movements = closing, exactly, for one statement as delivered. */
export const proveStatement = (s: LedgerStatement): BalanceDiscrepancy | null => {
  let total = s.statement.openingBalance.amount.amount
  for (const m of s.statement.movements) total = total.plus(m.amount.amount)
  const closing = s.statement.closingBalance
  return total.equals(closing.amount.amount)
    ? null
    : discrepancy(
        'statement',
        s.id,
        s.statement.openingBalance.date,
        closing.date,
        money(total, closing.amount),
        closing.amount,
      )
}

/**
 * Proves the balances of one account: each statement on its own, each connection's statements chained
 * day after day (opening = previous closing, no gap, no overlap), and each API balance against the
 * previous one plus the booked movements between them.
 */
export const proveBalances = (ledger: AccountLedger): BalanceProofs => {
  const issues: BalanceIssue[] = []
  let statementsBalanced = 0
  let chainLinksProven = 0
  let snapshotsProven = 0

  for (const s of ledger.statements) {
    const d = proveStatement(s)
    if (d === null) statementsBalanced++
    else issues.push(d)
  }

  const bySource = new Map<string, LedgerStatement[]>()
  for (const s of ledger.statements) {
    const list = bySource.get(s.source.connectionId) ?? []
    list.push(s)
    bySource.set(s.source.connectionId, list)
  }
  for (const list of bySource.values()) {
    const sorted = [...list].sort(
      (a, b) =>
        a.statement.closingBalance.date.localeCompare(b.statement.closingBalance.date) ||
        a.statement.openingBalance.date.localeCompare(b.statement.openingBalance.date),
    )
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1] as LedgerStatement
      const next = sorted[i] as LedgerStatement
      const prevClosing = prev.statement.closingBalance
      const opening = next.statement.openingBalance
      let linked = true
      if (opening.date > prevClosing.date) {
        linked = false
        issues.push({
          _tag: 'StatementGap',
          previousStatementId: prev.id,
          statementId: next.id,
          previousClosingDate: prevClosing.date,
          openingDate: opening.date,
        })
      } else if (opening.date < prevClosing.date) {
        linked = false
        issues.push({
          _tag: 'StatementOverlap',
          previousStatementId: prev.id,
          statementId: next.id,
          previousClosingDate: prevClosing.date,
          openingDate: opening.date,
        })
      }
      if (!opening.amount.amount.equals(prevClosing.amount.amount)) {
        linked = false
        issues.push(
          discrepancy('chain', next.id, prevClosing.date, opening.date, prevClosing.amount, opening.amount),
        )
      }
      if (linked) chainLinksProven++
    }
  }

  const snapshots = ledger.balances
    .filter((b) => b.balance.kind !== 'available')
    .map((b) => b.balance)
    .sort((a, b) => a.date.localeCompare(b.date))
  if (snapshots.length > 1) {
    const booked = [...ledger.movements.values()]
      .filter((m) => m.state === 'active' && m.status === 'booked')
      .sort((a, b) => a.bookingDate.localeCompare(b.bookingDate))
    for (let i = 1; i < snapshots.length; i++) {
      const prev = snapshots[i - 1] as (typeof snapshots)[number]
      const next = snapshots[i] as (typeof snapshots)[number]
      if (prev.date === next.date && prev.kind !== next.kind) continue
      let expected = prev.amount.amount
      for (const m of booked)
        if (m.bookingDate > prev.date && m.bookingDate <= next.date) expected = expected.plus(m.amount.amount)
      if (expected.equals(next.amount.amount)) snapshotsProven++
      else
        issues.push(
          discrepancy('snapshot', null, prev.date, next.date, money(expected, next.amount), next.amount),
        )
    }
  }
  return { statementsBalanced, chainLinksProven, snapshotsProven, issues }
}
