import { checkFec, Dec, toFec, validateEntries } from '@bankfeed/core'
import {
  activeMovements,
  applyLedgerChanges,
  awaitsEntry,
  ingest,
  isEmptyChanges,
  proveBalances,
} from '@bankfeed/core/reconcile'
import type { AccountLedger, IngestionSettings, MovementSource } from '@bankfeed/core/reconcile'
import type {
  Dossier,
  EntryGeneration,
  FecExportOptions,
  FeedItem,
  LocalDate,
  Movement,
} from '@bankfeed/core'

/** The reconciliation laws, by name. */
export type ReconciliationLawName =
  | 'ingestTwice'
  | 'splitInvariance'
  | 'nothingLostOrDoubled'
  | 'entriesBalance'
  | 'bankLinesEqualMovements'
  | 'fecPasses'
  | 'balanceProofs'
  | 'statementChain'
  | 'recreatedOnce'
  | 'twoConnections'
  | 'sliceEquivalence'

/** A law broken on one input, as data. */
export interface LawViolation {
  readonly law: ReconciliationLawName
  readonly message: string
}

/** Ingests batches one after the other into a ledger, applying each batch's changes. */
export const ingestAll = (
  ledger: AccountLedger,
  source: MovementSource,
  batches: ReadonlyArray<ReadonlyArray<FeedItem>>,
  settings: IngestionSettings,
): AccountLedger =>
  batches.reduce((l, batch) => applyLedgerChanges(l, ingest(l, source, batch, settings).changes), ledger)

/** What makes a ledger "the same" for the laws: its active movements, by id and content, sorted. */
export const ledgerFingerprint = (ledger: AccountLedger): ReadonlyArray<string> =>
  activeMovements(ledger)
    .map((m) => `${m.id}|${m.status}|${m.bookingDate}|${m.amount.amount.toFixed()}|${m.label}`)
    .sort()

/** Ingesting a batch a second time changes nothing. */
export const checkIngestTwice = (
  ledger: AccountLedger,
  source: MovementSource,
  items: ReadonlyArray<FeedItem>,
  settings: IngestionSettings,
): ReadonlyArray<LawViolation> => {
  const once = ingestAll(ledger, source, [items], settings)
  const again = ingest(once, source, items, settings)
  if (isEmptyChanges(again.changes)) return []
  const decisions = again.decisions
    .filter(
      (d) =>
        !['DuplicateProviderId', 'DuplicateContent', 'StatementDuplicate', 'BalanceDuplicate'].includes(
          d._tag,
        ),
    )
    .map((d) => d._tag)
  return [{ law: 'ingestTwice', message: `the second ingestion still decided: ${decisions.join(', ')}` }]
}

/** Any split of a batch into sub-batches, in any order, gives the same ledger as the whole batch. */
export const checkSplitInvariance = (
  ledger: AccountLedger,
  source: MovementSource,
  whole: ReadonlyArray<ReadonlyArray<FeedItem>>,
  split: ReadonlyArray<ReadonlyArray<FeedItem>>,
  settings: IngestionSettings,
): ReadonlyArray<LawViolation> => {
  const expected = ledgerFingerprint(ingestAll(ledger, source, whole, settings))
  const actual = ledgerFingerprint(ingestAll(ledger, source, split, settings))
  const missing = expected.filter((x) => !actual.includes(x))
  const extra = actual.filter((x) => !expected.includes(x))
  return missing.length + extra.length === 0 && expected.length === actual.length
    ? []
    : [
        {
          law: 'splitInvariance',
          message: `split into ${split.length}: missing ${missing.join('; ') || 'none'}; extra ${extra.join('; ') || 'none'}`,
        },
      ]
}

const realKey = (m: Movement): string =>
  `${m.providerId ?? '-'}|${m.status}|${m.bookingDate}|${m.amount.amount.toFixed()}|${m.label}`

/**
 * The ledger holds every real movement exactly once, identical twins included, and nothing else
 * (no pending copy left beside its booked twin, no re-delivered duplicate).
 */
export const checkNothingLostOrDoubled = (
  ledger: AccountLedger,
  real: ReadonlyArray<Movement>,
): ReadonlyArray<LawViolation> => {
  const wanted = new Map<string, number>()
  for (const m of real) wanted.set(realKey(m), (wanted.get(realKey(m)) ?? 0) + 1)
  const extra: string[] = []
  for (const m of activeMovements(ledger)) {
    const k = realKey(m)
    const n = wanted.get(k) ?? 0
    if (n === 0) extra.push(k)
    else wanted.set(k, n - 1)
  }
  const lost = [...wanted].flatMap(([k, n]) => Array<string>(n).fill(k))
  return lost.length + extra.length === 0
    ? []
    : [
        {
          law: 'nothingLostOrDoubled',
          message: `lost ${lost.join('; ') || 'none'}; doubled or unexpected ${extra.join('; ') || 'none'}`,
        },
      ]
}

/** Every entry balances, and every line has exactly one positive side and no negative one. */
export const checkEntriesBalance = (generation: EntryGeneration): ReadonlyArray<LawViolation> =>
  generation.entries.flatMap((e) => {
    const debit = e.lines.reduce((a, l) => a.plus(l.debit), new Dec(0))
    const credit = e.lines.reduce((a, l) => a.plus(l.credit), new Dec(0))
    const found: LawViolation[] = []
    if (!debit.equals(credit))
      found.push({
        law: 'entriesBalance',
        message: `entry ${e.id}: debit ${debit.toFixed()} ≠ credit ${credit.toFixed()}`,
      })
    e.lines.forEach((l, i) => {
      const sides = [l.debit, l.credit]
      if (
        sides.some((s) => s.isNegative()) ||
        sides.filter((s) => s.isPositive() && !s.isZero()).length !== 1
      )
        found.push({
          law: 'entriesBalance',
          message: `entry ${e.id} line ${i}: debit ${l.debit.toFixed()}, credit ${l.credit.toFixed()}`,
        })
    })
    return found
  })

/**
 * Σ of the 512 lines (debit − credit) equals Σ of the movements booked; every movement waiting for
 * an entry is booked exactly once or refused (closed or missing fiscal year), none silently skipped.
 */
export const checkBankLinesEqualMovements = (
  ledger: AccountLedger,
  generation: EntryGeneration,
  glAccount: string,
): ReadonlyArray<LawViolation> => {
  const found: LawViolation[] = []
  const bank = generation.entries
    .flatMap((e) => e.lines)
    .filter((l) => l.account === glAccount)
    .reduce((a, l) => a.plus(l.debit).minus(l.credit), new Dec(0))
  const bookedIds = generation.changes.updated.filter((m) => m.entryId !== null).map((m) => m.id)
  const movements = bookedIds.map((id) => ledger.movements.get(id))
  const total = movements.reduce((a, m) => a.plus(m?.amount.amount ?? 0), new Dec(0))
  if (!bank.equals(total))
    found.push({
      law: 'bankLinesEqualMovements',
      message: `Σ ${glAccount} lines = ${bank.toFixed()}, Σ movements booked = ${total.toFixed()}`,
    })
  if (new Set(bookedIds).size !== bookedIds.length)
    found.push({ law: 'bankLinesEqualMovements', message: 'a movement was booked twice' })
  const waiting = activeMovements(ledger)
    .filter(awaitsEntry)
    .map((m) => m.id)
  const accounted = new Set([...bookedIds, ...generation.refused.map((r) => r.movementId)])
  const skipped = waiting.filter((id) => !accounted.has(id))
  if (skipped.length > 0)
    found.push({
      law: 'bankLinesEqualMovements',
      message: `neither booked nor refused: ${skipped.join(', ')}`,
    })
  return found
}

/** Once validated, the entries make a FEC that `checkFec` accepts. No entries, nothing to check. */
export const checkFecPasses = (
  generation: EntryGeneration,
  dossier: Dossier,
  options: FecExportOptions,
  validatedOn: LocalDate,
): ReadonlyArray<LawViolation> => {
  if (generation.entries.length === 0) return []
  const fec = toFec(validateEntries(generation.entries, validatedOn), dossier, options)
  if (fec._tag === 'Left')
    return [{ law: 'fecPasses', message: `toFec refused: ${JSON.stringify(fec.left)}` }]
  return checkFec(fec.right.content).issues.map((i) => ({ law: 'fecPasses', message: JSON.stringify(i) }))
}

/**
 * The balance proofs flag exactly the statements whose closing balance is off, and nothing in a chain
 * of statements that each open on the previous closing.
 */
export const checkBalanceProofs = (
  ledger: AccountLedger,
  offStatements: number,
): ReadonlyArray<LawViolation> => {
  const proofs = proveBalances(ledger)
  const statementIssues = proofs.issues.filter(
    (i) => i._tag === 'BalanceDiscrepancy' && i.kind === 'statement',
  ).length
  const other = proofs.issues.filter((i) => !(i._tag === 'BalanceDiscrepancy' && i.kind === 'statement'))
  const found: LawViolation[] = []
  if (statementIssues !== offStatements)
    found.push({
      law: 'balanceProofs',
      message: `${offStatements} statements are off, the proofs flag ${statementIssues}`,
    })
  if (other.length > 0)
    found.push({ law: 'balanceProofs', message: `unexpected issues: ${other.map((i) => i._tag).join(', ')}` })
  if (proofs.statementsBalanced !== ledger.statements.length - offStatements)
    found.push({
      law: 'balanceProofs',
      message: `${proofs.statementsBalanced} statements proven, expected ${ledger.statements.length - offStatements}`,
    })
  return found
}
