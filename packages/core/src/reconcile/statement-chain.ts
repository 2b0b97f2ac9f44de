import type { LocalDate } from '../domain/local-date.js'
import type { Dec } from '../domain/money.js'
import type { BankStatement, Movement } from '../domain/statement.js'
import { contentHash } from './content-hash.js'
import type { LedgerStatement, MovementSource } from './ledger.js'

/**
 * A point of an account's balance chain: a day and the balance on it. A statement runs from its
 * opening point to its closing point, through one point after each of its lines.
 */
export interface ChainPoint {
  readonly date: LocalDate
  readonly balance: Dec
}

/** True when two points are the same day and the same balance. */
export const sameBalancePoint = (a: ChainPoint, b: ChainPoint): boolean =>
  a.date === b.date && a.balance.equals(b.balance)

/** The opening point of a statement. */
export const openingPoint = (s: BankStatement): ChainPoint => ({
  date: s.openingBalance.date,
  balance: s.openingBalance.amount.amount,
})

/** The closing point of a statement. */
export const closingPoint = (s: BankStatement): ChainPoint => ({
  date: s.closingBalance.date,
  balance: s.closingBalance.amount.amount,
})

/**
 * The points a statement passes through, with the number of its lines before each (`cut`): the
 * opening (cut 0), the running balance after each line, dated by that line's booking date, and the
 * closing (cut n). A statement of several days, or a day delivered in one piece, passes through the
 * points where the pieces of another delivery of the same days start and end.
 */
export const pathPoints = (s: BankStatement): ReadonlyArray<ChainPoint & { readonly cut: number }> => {
  const points: Array<ChainPoint & { readonly cut: number }> = [{ ...openingPoint(s), cut: 0 }]
  let balance = s.openingBalance.amount.amount
  s.movements.forEach((m, i) => {
    balance = balance.plus(m.amount.amount)
    points.push({ date: m.bookingDate, balance, cut: i + 1 })
  })
  points.push({ ...closingPoint(s), cut: s.movements.length })
  return points
}

/**
 * A statement's identity: its connection, closing day and a hash of everything it says (account
 * currency, dates, balances and its ordered lines with all their fields). Two different statements
 * with the same figures are two statements; the same statement delivered again has the same id.
 */
export const statementId = (source: MovementSource, s: BankStatement): string =>
  `s:${source.connectionId}:${s.closingBalance.date}:${contentHash(statementText(s))}`

const movementText = (m: Movement): ReadonlyArray<unknown> => [
  m.providerId,
  m.status,
  m.bookingDate,
  m.valueDate,
  m.amount.amount.toFixed(),
  m.label,
  m.reference,
  m.counterpartyName,
  m.interbankCode,
  m.details.map((d) => [d.qualifier, d.text]),
]

const statementText = (s: BankStatement): string =>
  JSON.stringify([
    s.currency,
    s.openingBalance.date,
    s.openingBalance.amount.amount.toFixed(),
    s.closingBalance.date,
    s.closingBalance.amount.amount.toFixed(),
    s.movements.map(movementText),
  ])

/** Where an incoming statement sits in its connection's chain of statements already held. */
export type StatementPlacement =
  /**
   * It covers a span no held statement covers: every line is new, even one identical to an earlier
   * line (two real payments). `continues` / `precedes`: it opens on a held closing / closes on a held
   * opening; neither means a gap before or after it, which the balance proofs report.
   */
  | { readonly _tag: 'Fresh'; readonly continues: boolean; readonly precedes: boolean }
  /**
   * It covers, in part or whole, the span of held statements (another cut of the same days: a full
   * day after its parts, a week after its days, a re-sent file that overlaps the last one): the lines
   * of that span are already held; only what the span lacks is new.
   */
  | {
      readonly _tag: 'Overlap'
      /** The held statements it overlaps. */
      readonly statementIds: ReadonlyArray<string>
      /** The held lines of the overlapped span: their content key and ledger id, each once. */
      readonly heldLines: ReadonlyArray<{ readonly key: string; readonly movementId: string }>
    }

/** A range of line indexes of a statement: `from` included, `to` excluded. */
export interface Cuts {
  readonly from: number
  readonly to: number
}

/**
 * The lines of `held` inside the span of `s`, as a range of line indexes, or `null` when the two do
 * not overlap. They overlap when `s` starts inside `held` (at its opening or at a point after one of
 * its lines), ends inside it, or contains it whole. A statement that opens exactly on `held`'s
 * closing continues it (and one that closes on its opening precedes it): a balance that comes back
 * to the same figure on the same day must not make a continuation look like a re-cut.
 */
export const overlapCuts = (held: BankStatement, s: BankStatement): Cuts | null => {
  const open = openingPoint(s)
  const close = closingPoint(s)
  const n = held.movements.length
  if (sameBalancePoint(open, closingPoint(held)) || sameBalancePoint(close, openingPoint(held))) return null
  const points = pathPoints(held)
  let startCut: number | null = null
  let endCut: number | null = null
  for (const p of points) {
    if (startCut === null && p.cut < n && sameBalancePoint(p, open)) startCut = p.cut
    if (p.cut > 0 && sameBalancePoint(p, close)) endCut = p.cut
  }
  if (startCut !== null || endCut !== null) {
    const from = startCut ?? 0
    const to = endCut ?? n
    return from <= to ? { from, to } : { from: to, to: from }
  }
  // Contains it whole: `held`'s opening then its closing lie on the path of `s`.
  const sPoints = pathPoints(s)
  const ns = s.movements.length
  const a = sPoints.find((p) => p.cut < ns && sameBalancePoint(p, openingPoint(held)))
  if (a === undefined) return null
  const b = sPoints.find((p) => p.cut > 0 && p.cut >= a.cut && sameBalancePoint(p, closingPoint(held)))
  return b === undefined ? null : { from: 0, to: n }
}

/**
 * Places an incoming statement in its connection's chain: against the held statements of the same
 * connection whose days meet its days, it is fresh or overlaps some of them (identical re-deliveries
 * are found earlier, by id). `lineKey` gives a line's content key, as ingestion matches lines.
 */
export const placeStatement = (
  held: ReadonlyArray<LedgerStatement>,
  source: MovementSource,
  s: BankStatement,
  lineKey: (m: Movement) => string,
): StatementPlacement => {
  const open = openingPoint(s)
  const close = closingPoint(s)
  const overlapped: string[] = []
  const heldLines: Array<{ key: string; movementId: string }> = []
  const seen = new Set<string>()
  let continues = false
  let precedes = false
  for (const x of held) {
    if (x.source.connectionId !== source.connectionId) continue
    if (sameBalancePoint(open, closingPoint(x.statement))) continues = true
    if (sameBalancePoint(close, openingPoint(x.statement))) precedes = true
    if (x.statement.openingBalance.date > close.date || x.statement.closingBalance.date < open.date) continue
    const cuts = overlapCuts(x.statement, s)
    if (cuts === null) continue
    overlapped.push(x.id)
    for (let i = cuts.from; i < cuts.to; i++) {
      const id = x.movementIds[i]
      const line = x.statement.movements[i]
      if (id === undefined || id === null || line === undefined || seen.has(id)) continue
      seen.add(id)
      heldLines.push({ key: lineKey(line), movementId: id })
    }
  }
  return overlapped.length === 0
    ? { _tag: 'Fresh', continues, precedes }
    : { _tag: 'Overlap', statementIds: overlapped, heldLines }
}

/**
 * A connection's statements in chain order: by closing day, then opening day, except that a
 * statement opening exactly on the previous one's closing comes next, so the parts of a day line up
 * whatever order they came in.
 */
export const chainOrder = (statements: ReadonlyArray<LedgerStatement>): ReadonlyArray<LedgerStatement> => {
  const sorted = [...statements].sort(
    (a, b) =>
      a.statement.closingBalance.date.localeCompare(b.statement.closingBalance.date) ||
      a.statement.openingBalance.date.localeCompare(b.statement.openingBalance.date),
  )
  const key = (p: ChainPoint): string => `${p.date}|${p.balance.toFixed()}`
  const byOpening = new Map<string, LedgerStatement[]>()
  for (const x of sorted) {
    const k = key(openingPoint(x.statement))
    const list = byOpening.get(k)
    if (list === undefined) byOpening.set(k, [x])
    else list.push(x)
  }
  const used = new Set<LedgerStatement>()
  const ordered: LedgerStatement[] = []
  let next = 0
  const take = (x: LedgerStatement): void => {
    used.add(x)
    ordered.push(x)
  }
  while (ordered.length < sorted.length) {
    const previous = ordered[ordered.length - 1]
    const linked =
      previous === undefined
        ? undefined
        : byOpening.get(key(closingPoint(previous.statement)))?.find((x) => !used.has(x))
    if (linked !== undefined) take(linked)
    else {
      while (used.has(sorted[next] as LedgerStatement)) next++
      take(sorted[next] as LedgerStatement)
    }
  }
  return ordered
}
