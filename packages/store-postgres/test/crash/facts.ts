// What a store holds, reduced to what the crash tests compare with their oracle: the cursor, each
// ledger's movements as `status|state|date|amount|label` lines, and what its entries book. Read by
// the child right after it opens a store (so after every kill), and at the end.
import { EUR } from '@bankfeed/core'
import { formatMoneyAmount, moneyFromMinorUnits } from '@bankfeed/core/domain'
import type { LedgerRecords, LedgerStore } from '@bankfeed/core'
import { BANK_GL, DOSSIER } from './fixtures.js'
import type { AccountId } from './fixtures.js'

/** One ledger, reduced. */
export interface LedgerFacts {
  readonly version: number
  /** `status|state|bookingDate|amount|label` of every movement, sorted. */
  readonly movements: ReadonlyArray<string>
  /** Σ (debit − credit) of the 512 lines. */
  readonly sum512: string
  /** Σ of the amounts of the movements that carry an entry. */
  readonly sumEntered: string
  readonly entries: number
  /**
   * Whatever breaks "each booked movement in exactly one entry line": a booked movement with no line
   * or two, a line for no movement, a pending movement with a line, an unbalanced entry.
   */
  readonly entryProblems: ReadonlyArray<string>
}

/** A store, reduced. */
export interface StoreFacts {
  readonly cursor: string | null
  readonly cursorVersion: number
  readonly ledgers: Readonly<Record<AccountId, LedgerFacts>>
  /** Items in the unmatched queue. */
  readonly unmatched: number
}

const ZERO = moneyFromMinorUnits(0n, EUR).amount

/** A movement as the tests compare it. */
export const movementLine = (
  status: string,
  state: string,
  date: string,
  amount: string,
  label: string,
): string => `${status}|${state}|${date}|${amount}|${label}`

/** The facts of one ledger's full records. */
export const ledgerFacts = (records: LedgerRecords, bankGl: string): LedgerFacts => {
  const problems: string[] = []
  const counterpartLines = new Map<string, number>()
  let sum512 = ZERO
  for (const e of records.entries) {
    let debit = ZERO
    let credit = ZERO
    for (const l of e.lines) {
      debit = debit.plus(l.debit)
      credit = credit.plus(l.credit)
      if (l.account === bankGl) sum512 = sum512.plus(l.debit).minus(l.credit)
      else if (l.movement === null) problems.push(`entry ${e.id}: a counterpart line books no movement`)
      else counterpartLines.set(l.movement.movementId, (counterpartLines.get(l.movement.movementId) ?? 0) + 1)
    }
    if (!debit.equals(credit)) problems.push(`entry ${e.id} is not balanced`)
  }
  const entryIds = new Set(records.entries.map((e) => e.id))
  let sumEntered = ZERO
  const ids = new Set<string>()
  for (const m of records.movements) {
    ids.add(m.id)
    const lines = counterpartLines.get(m.id) ?? 0
    const bookable = m.status === 'booked' && !m.amount.amount.isZero()
    if (bookable && lines !== 1)
      problems.push(`movement ${m.id} (${m.state}) is booked by ${lines} entry lines`)
    if (!bookable && lines !== 0) problems.push(`movement ${m.id} (${m.status}) has ${lines} entry lines`)
    if (bookable && (m.entryId === null || !entryIds.has(m.entryId)))
      problems.push(`movement ${m.id} names entry ${String(m.entryId)}, which is not stored`)
    if (m.entryId !== null) sumEntered = sumEntered.plus(m.amount.amount)
  }
  for (const id of counterpartLines.keys())
    if (!ids.has(id)) problems.push(`a line books movement ${id}, not stored`)
  return {
    version: records.version,
    movements: records.movements
      .map((m) => movementLine(m.status, m.state, m.bookingDate, formatMoneyAmount(m.amount), m.label))
      .sort(),
    sum512: formatMoneyAmount({ amount: sum512, currency: EUR }),
    sumEntered: formatMoneyAmount({ amount: sumEntered, currency: EUR }),
    entries: records.entries.length,
    entryProblems: problems,
  }
}

const run = async <A>(task: () => Promise<{ _tag: 'Left'; left: unknown } | { _tag: 'Right'; right: A }>) => {
  const r = await task()
  if (r._tag === 'Left') throw new Error(`store read failed: ${JSON.stringify(r.left)}`)
  return r.right
}

/** Reads the facts of a store for one connection. */
export const readFacts = async (store: LedgerStore, connectionId: string): Promise<StoreFacts> => {
  const cursor = await run(store.loadCursor(connectionId))
  const ledger = async (id: AccountId) =>
    ledgerFacts(await run(store.readLedger({ dossierCode: DOSSIER, bankAccountId: id }, EUR)), BANK_GL[id])
  return {
    cursor: cursor.cursor?.value ?? null,
    cursorVersion: cursor.version,
    ledgers: { ba1: await ledger('ba1'), ba2: await ledger('ba2') },
    unmatched: (await run(store.loadUnmatched(null))).length,
  }
}
