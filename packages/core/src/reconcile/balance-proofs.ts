import type { LocalDate } from '../domain/local-date.js'
import type { Money } from '../domain/money.js'
import type { Dec } from '../domain/money.js'
import type { AccountLedger } from './ledger.js'
import type { LedgerMovement, LedgerStatement } from '../domain/ledger-records.js'
import { chainFrontier } from './statement-chain.js'
import type { FrontierStep } from './statement-chain.js'

/**
 * Figures that should be equal and are not: a statement whose opening + movements ≠ closing
 * (`statement`), a statement that does not open at the previous one's closing (`chain`), an API
 * balance that the movements do not explain (`snapshot`), or a day's closing balance that the
 * ledger's own movements do not reach (`ledger`: a line lost or counted twice on the way in).
 */
export interface BalanceDiscrepancy {
  readonly _tag: 'BalanceDiscrepancy'
  readonly kind: 'statement' | 'chain' | 'snapshot' | 'ledger'
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
  /** Days whose closing balance the ledger's movements reach exactly, from the first opening. */
  readonly ledgerDaysProven: number
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
  let ledgerDaysProven = 0
  for (const [connectionId, list] of bySource) {
    // Another cut of days already held lies on the chain line for line: the walk leaves it out.
    const frontier = chainFrontier(list)
    for (const step of frontier) {
      if (step.link === 'linked') chainLinksProven++
      // Another cut of held days that goes further: ingestion matched its lines, nothing to report.
      if (step.link !== 'broken' || step.previous === null) continue
      const prev = step.previous
      const next = step.statement
      const prevClosing = prev.statement.closingBalance
      const opening = next.statement.openingBalance
      if (opening.date > prevClosing.date)
        issues.push({
          _tag: 'StatementGap',
          previousStatementId: prev.id,
          statementId: next.id,
          previousClosingDate: prevClosing.date,
          openingDate: opening.date,
        })
      else if (opening.date < prevClosing.date)
        issues.push({
          _tag: 'StatementOverlap',
          previousStatementId: prev.id,
          statementId: next.id,
          previousClosingDate: prevClosing.date,
          openingDate: opening.date,
        })
      if (!opening.amount.amount.equals(prevClosing.amount.amount))
        issues.push(
          discrepancy('chain', next.id, prevClosing.date, opening.date, prevClosing.amount, opening.amount),
        )
    }
    const proof = proveLedgerDays(ledger, connectionId, frontier)
    ledgerDaysProven += proof.proven
    for (const d of proof.issues) issues.push(d)
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
  return { statementsBalanced, chainLinksProven, ledgerDaysProven, snapshotsProven, issues }
}

/** True when the movement came from the connection, directly or as a copy merged into another's. */
const deliveredBy = (m: LedgerMovement, connectionId: string): boolean =>
  m.source.connectionId === connectionId ||
  m.aliases.some((a) => a.startsWith(`p:${connectionId}:`) || a.startsWith(`c:${connectionId}:`))

/**
 * The ledger's own proof: from the first statement's opening balance, the connection's booked
 * movements in the ledger must reach the closing balance of each day the statements close (the last
 * closing of that day, in chain order). It catches what the per-statement proofs cannot: a line
 * dropped as a duplicate, or counted twice, on the way in. Only where the difference changes is it
 * reported, so one lost line is one discrepancy, not one per later day. The count starts again after
 * a statement some lines of which were not taken (before the feed's start date).
 */
const proveLedgerDays = (
  ledger: AccountLedger,
  connectionId: string,
  frontier: ReadonlyArray<FrontierStep>,
): { readonly proven: number; readonly issues: ReadonlyArray<BalanceDiscrepancy> } => {
  const chain = frontier.map((step) => step.statement)
  const first = chain[0]
  if (first === undefined) return { proven: 0, issues: [] }
  // The last statement of each closing day, and the earliest line of the statements after each one:
  // a day is checked only once no later statement has lines on it.
  const lastOfDay = new Map<LocalDate, number>()
  chain.forEach((s, i) => lastOfDay.set(s.statement.closingBalance.date, i))
  const earliestLineAfter: Array<LocalDate | null> = []
  let earliest: LocalDate | null = null
  for (let i = chain.length - 1; i >= 0; i--) {
    earliestLineAfter[i] = earliest
    for (const m of (chain[i] as LedgerStatement).statement.movements)
      if (earliest === null || m.bookingDate < earliest) earliest = m.bookingDate
  }
  const booked = [...ledger.movements.values()]
    .filter((m) => m.state === 'active' && m.status === 'booked' && deliveredBy(m, connectionId))
    .sort((a, b) => a.bookingDate.localeCompare(b.bookingDate))
  const issues: BalanceDiscrepancy[] = []
  let proven = 0
  const opening = first.statement.openingBalance
  let cursor = 0
  let running = opening.amount.amount
  let lastDifference = running.minus(running)
  let fromDate = opening.date
  // Skip movements before the first opening's day: they belong to no statement of this chain. (A
  // statement opening on a day may hold lines of that day: the later parts of a day cut in several.)
  while (cursor < booked.length && (booked[cursor] as LedgerMovement).bookingDate < opening.date) cursor++
  chain.forEach((s, i) => {
    const closing = s.statement.closingBalance
    // Where the bank's own figures jump (a statement that does not add up, one that does not open on
    // the previous closing), the statement and chain proofs report it: the ledger's proof takes the
    // jump as given and only reports what the movements received add to it.
    const own = proveStatement(s)
    if (own !== null) lastDifference = lastDifference.plus(own.difference.amount)
    const previous = frontier[i]?.previous ?? null
    if (previous !== null && frontier[i]?.link === 'broken')
      lastDifference = lastDifference.plus(
        s.statement.openingBalance.amount.amount.minus(previous.statement.closingBalance.amount.amount),
      )
    const later = earliestLineAfter[i] ?? null
    if (lastOfDay.get(closing.date) !== i || (later !== null && later <= closing.date)) return
    while (cursor < booked.length && (booked[cursor] as LedgerMovement).bookingDate <= closing.date) {
      running = running.plus((booked[cursor] as LedgerMovement).amount.amount)
      cursor++
    }
    if (s.movementIds.some((id) => id === null)) {
      // Lines before the start date are not in the ledger: count again from this closing.
      running = closing.amount.amount
      lastDifference = running.minus(running)
      fromDate = closing.date
      return
    }
    const difference = closing.amount.amount.minus(running)
    if (difference.equals(lastDifference)) {
      if (difference.isZero()) proven++
    } else
      issues.push(
        discrepancy(
          'ledger',
          s.id,
          fromDate,
          closing.date,
          money(running.plus(lastDifference), closing.amount),
          closing.amount,
        ),
      )
    lastDifference = difference
    fromDate = closing.date
  })
  return { proven, issues }
}
