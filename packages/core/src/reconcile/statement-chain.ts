import type { LocalDate } from '../domain/local-date.js'
import type { Dec } from '../domain/money.js'
import type { BankStatement, Movement } from '../domain/statement.js'
import { contentHash } from './content-hash.js'
import type { LedgerStatement, MovementSource } from '../domain/ledger-records.js'

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
      /**
       * Its lines that are held lines at the same place of the span (same content, same position
       * among the span's lines): line index → ledger id. Position tells identical lines apart.
       */
      readonly byPosition: ReadonlyMap<number, string>
      /** The other held lines of the overlapped span, matched by content: key and ledger id, each once. */
      readonly heldLines: ReadonlyArray<{ readonly key: string; readonly movementId: string }>
    }

/** A range of line indexes of a statement: `from` included, `to` excluded. */
export interface Cuts {
  readonly from: number
  readonly to: number
  /**
   * Where those lines sit in the other statement: line `i` of `held` is its line `i + offset`, when
   * both list the span's lines in the same order (another cut of one bank's statement); `null` when
   * the two do not say.
   */
  readonly offset: number | null
  /** How the other statement lies over `held`: inside it, starting or ending inside it, or around it. */
  readonly kind: 'inside' | 'startsInside' | 'endsInside' | 'contains'
}

/**
 * The lines of `held` inside the span of `s`, as a range of line indexes, or `null` when the two do
 * not overlap. They overlap when `s` starts inside `held` (at its opening or at a point after one of
 * its lines), ends inside it, or contains it whole — each read so that both pass through the same
 * points line for line: a balance that comes back to a figure already seen that day (a payment and
 * its refund) must not make two pieces of a day look like re-cuts of each other. A statement that
 * opens exactly on `held`'s closing continues it (and one that closes on its opening precedes it).
 */
export const overlapCuts = (held: BankStatement, s: BankStatement): Cuts | null => {
  const open = openingPoint(s)
  const close = closingPoint(s)
  const n = held.movements.length
  const ns = s.movements.length
  if (sameBalancePoint(open, closingPoint(held)) || sameBalancePoint(close, openingPoint(held))) return null
  // Point after k lines (k = 0 … count), for both statements.
  const heldAt = pathPoints(held).slice(0, n + 1)
  const sAt = pathPoints(s).slice(0, ns + 1)
  const heldOpen = openingPoint(held)
  const heldClose = closingPoint(held)
  // Starts inside `held` after `a` of its lines: then ends inside it too, or runs past its closing.
  for (let a = 0; a < n; a++) {
    if (!sameBalancePoint(heldAt[a] as ChainPoint, open)) continue
    const b = a + ns
    if (b <= n && sameBalancePoint(heldAt[b] as ChainPoint, close))
      return { from: a, to: b, offset: -a, kind: 'inside' }
    const past = sAt[n - a]
    if (b > n && past !== undefined && sameBalancePoint(past, heldClose))
      return { from: a, to: n, offset: -a, kind: 'startsInside' }
  }
  // Starts before `held` and ends inside it, after `b` of its lines.
  for (let b = n; b > 0; b--) {
    if (!sameBalancePoint(heldAt[b] as ChainPoint, close) || ns < b) continue
    if (sameBalancePoint(sAt[ns - b] as ChainPoint, heldOpen))
      return { from: 0, to: b, offset: ns - b, kind: 'endsInside' }
  }
  // Contains it whole: `held`'s opening, then its closing n lines later, lie on the path of `s`.
  for (let a = 0; a + n <= ns; a++)
    if (
      sameBalancePoint(sAt[a] as ChainPoint, heldOpen) &&
      sameBalancePoint(sAt[a + n] as ChainPoint, heldClose)
    )
      return { from: 0, to: n, offset: a, kind: 'contains' }
  return null
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
  const inSpan: Array<{ key: string; movementId: string }> = []
  const byPosition = new Map<number, string>()
  const placed = new Set<string>()
  const seen = new Set<string>()
  const ours = held.filter((x) => x.source.connectionId === source.connectionId)
  // The held statements it continues (opens on their closing) and precedes (closes on their opening).
  const continued = ours.filter((x) => sameBalancePoint(open, closingPoint(x.statement)))
  const preceded = ours.filter((x) => sameBalancePoint(close, openingPoint(x.statement)))
  // Continuing a statement that lies outside `y` is not starting in the middle of `y`, whatever the
  // balances say (a payment and its refund bring a day's path back to a figure it passed before);
  // likewise for preceding. The continued statement itself lying over `y` keeps the overlap (a day's
  // second part after its first, both inside the whole day delivered earlier), and so does starting
  // where `y` starts.
  const contradicted = (y: LedgerStatement, cuts: Cuts): boolean =>
    ((cuts.kind === 'inside' || cuts.kind === 'startsInside') &&
      cuts.from > 0 &&
      continued.length > 0 &&
      !continued.some((x) => overlapCuts(y.statement, x.statement) !== null)) ||
    ((cuts.kind === 'inside' || cuts.kind === 'endsInside') &&
      cuts.to < y.statement.movements.length &&
      preceded.length > 0 &&
      !preceded.some((z) => overlapCuts(y.statement, z.statement) !== null))
  const continues = continued.length > 0
  const precedes = preceded.length > 0
  for (const x of ours) {
    if (x.statement.openingBalance.date > close.date || x.statement.closingBalance.date < open.date) continue
    const cuts = overlapCuts(x.statement, s)
    if (cuts === null || contradicted(x, cuts)) continue
    overlapped.push(x.id)
    for (let i = cuts.from; i < cuts.to; i++) {
      const id = x.movementIds[i]
      const line = x.statement.movements[i]
      if (id === undefined || id === null || line === undefined) continue
      const key = lineKey(line)
      if (cuts.offset !== null) {
        const j = i + cuts.offset
        const mine = s.movements[j]
        if (mine !== undefined && !byPosition.has(j) && !placed.has(id) && lineKey(mine) === key) {
          byPosition.set(j, id)
          placed.add(id)
        }
      }
      if (!seen.has(id)) {
        seen.add(id)
        inSpan.push({ key, movementId: id })
      }
    }
  }
  return overlapped.length === 0
    ? { _tag: 'Fresh', continues, precedes }
    : {
        _tag: 'Overlap',
        statementIds: overlapped,
        byPosition,
        heldLines: inSpan.filter((l) => !placed.has(l.movementId)),
      }
}

/** How a statement of the chain's frontier joins the one before it. */
export type FrontierLink = 'first' | 'linked' | 'overlap' | 'conflict' | 'broken'

/** A statement that moves its connection's chain forward, and how it joins the previous frontier. */
export interface FrontierStep {
  readonly statement: LedgerStatement
  /** The statement whose closing was the frontier before this one; `null` for the first. */
  readonly previous: LedgerStatement | null
  readonly link: FrontierLink
}

/**
 * A connection's statements walked along its balance chain, kept as the point after each of its
 * lines, keeping the statements that move it forward: each opens on the frontier's closing
 * (`linked`), lies on the chain line for line from a covered point and runs past its end (`overlap`:
 * another cut of held days with more after them), opens on a covered point but its lines say
 * otherwise (`conflict`: two statements of one span that cannot both be right, which the ledger proof
 * weighs), or none of these (`broken`: a gap, or a balance that jumps). A statement lying on the chain
 * line for line adds no span (a re-cut of days delivered in other pieces) and is left out. The walk
 * takes statements by opening day, then closing day, but prefers the one that opens on the frontier's
 * closing, then one that opens on a covered point, so the parts and re-cuts of a day line up whatever
 * order they came in.
 */
export const chainFrontier = (statements: ReadonlyArray<LedgerStatement>): ReadonlyArray<FrontierStep> => {
  const keyOf = (p: ChainPoint): string => `${p.date}|${p.balance.toFixed()}`
  const sorted = [...statements].sort(
    (a, b) =>
      a.statement.openingBalance.date.localeCompare(b.statement.openingBalance.date) ||
      a.statement.closingBalance.date.localeCompare(b.statement.closingBalance.date),
  )
  const openings = sorted.map((x) => keyOf(openingPoint(x.statement)))
  const byOpening = new Map<string, number[]>()
  openings.forEach((k, i) => {
    const list = byOpening.get(k)
    if (list === undefined) byOpening.set(k, [i])
    else list.push(i)
  })
  const used = new Set<number>()
  // The chain so far, line by line: `path[k]` is the point after its k-th line (0: the opening).
  const path: ChainPoint[] = []
  const at = new Map<string, number[]>()
  const append = (p: ChainPoint): void => {
    const k = keyOf(p)
    const list = at.get(k)
    if (list === undefined) at.set(k, [path.length])
    else list.push(path.length)
    path.push(p)
  }
  const truncate = (length: number): void => {
    path.length = length
    for (const [k, list] of at) {
      const kept = list.filter((i) => i < length)
      if (kept.length === 0) at.delete(k)
      else at.set(k, kept)
    }
  }
  const linePoints = (s: BankStatement): ReadonlyArray<ChainPoint> =>
    pathPoints(s).slice(1, s.movements.length + 1)
  // Where `s` lies on the chain, line for line: from position `p`, inside it or running past its end.
  // `conflict`: it opens on the chain but its lines say otherwise (two statements of one span that
  // cannot both be right).
  const fit = (
    s: BankStatement,
  ): { readonly p: number; readonly how: 'inside' | 'past' | 'conflict' } | null => {
    const points = linePoints(s)
    const starts = at.get(keyOf(openingPoint(s))) ?? []
    let past: number | null = null
    for (const p of starts) {
      let k = 0
      while (
        k < points.length &&
        p + k + 1 < path.length &&
        sameBalancePoint(path[p + k + 1] as ChainPoint, points[k] as ChainPoint)
      )
        k++
      if (k === points.length) return { p, how: 'inside' }
      if (p + k + 1 === path.length && past === null) past = p
    }
    if (past !== null) return { p: past, how: 'past' }
    const first = starts[0]
    return first === undefined ? null : { p: first, how: 'conflict' }
  }
  const steps: FrontierStep[] = []
  let reach: LedgerStatement | null = null
  let next = 0
  while (used.size < sorted.length) {
    let pick: number | undefined
    if (reach !== null) {
      pick = byOpening.get(keyOf(closingPoint(reach.statement)))?.find((i) => !used.has(i))
      // Rarely needed (a re-cut that starts inside the chain): a scan of what is left.
      if (pick === undefined)
        for (let i = next; i < sorted.length && pick === undefined; i++)
          if (!used.has(i) && at.has(openings[i] as string)) pick = i
    }
    if (pick === undefined) {
      while (used.has(next)) next++
      pick = next
    }
    used.add(pick)
    const s = sorted[pick] as LedgerStatement
    if (reach === null) {
      steps.push({ statement: s, previous: null, link: 'first' })
      append(openingPoint(s.statement))
    } else if (sameBalancePoint(openingPoint(s.statement), closingPoint(reach.statement)))
      steps.push({ statement: s, previous: reach, link: 'linked' })
    else {
      const found = fit(s.statement)
      // Another cut of lines the chain holds: it adds no span.
      if (found?.how === 'inside') continue
      if (found !== null) {
        // Starts on the chain and runs past its end (or contradicts it): its lines replace the
        // chain's from there, so the ledger proof weighs them against what the ledger holds.
        truncate(found.p + 1)
        steps.push({ statement: s, previous: reach, link: found.how === 'past' ? 'overlap' : 'conflict' })
      } else {
        steps.push({ statement: s, previous: reach, link: 'broken' })
        append(openingPoint(s.statement))
      }
    }
    for (const p of linePoints(s.statement)) append(p)
    reach = s
  }
  return steps
}
