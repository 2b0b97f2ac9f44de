import {
  activeMovements,
  applyLedgerChanges,
  concatChanges,
  ingest,
  proveBalances,
} from '@bankfeed/core/reconcile'
import { generateEntries } from '@bankfeed/core'
import type { AccountLedger, IngestionSettings, MovementSource } from '@bankfeed/core/reconcile'
import type { CompiledRules, Dossier, FeedItem, Movement } from '@bankfeed/core'
import type { MixedSourcesHistory, RecreateHistory, StatementHistory } from '../histories.js'
import { ingestAll } from './law-checks.js'
import type { LawViolation } from './law-checks.js'

/** A movement as the laws compare them when ids may differ: its day, amount and label. */
const contentOf = (m: Movement): string =>
  `${m.status}|${m.bookingDate}|${m.amount.amount.toFixed()}|${m.label}`

/** The active movements of a ledger by content, sorted: equal for the same movements under any ids. */
export const contentFingerprint = (ledger: AccountLedger): ReadonlyArray<string> =>
  activeMovements(ledger).map(contentOf).sort()

const difference = (expected: ReadonlyArray<string>, actual: ReadonlyArray<string>): string | null => {
  const left = new Map<string, number>()
  for (const x of expected) left.set(x, (left.get(x) ?? 0) + 1)
  const extra: string[] = []
  for (const x of actual) {
    const n = left.get(x) ?? 0
    if (n === 0) extra.push(x)
    else left.set(x, n - 1)
  }
  const missing = [...left].flatMap(([x, n]) => Array<string>(n).fill(x))
  return missing.length + extra.length === 0
    ? null
    : `missing ${missing.join('; ') || 'none'}; extra ${extra.join('; ') || 'none'}`
}

/**
 * Any split of an account's lines into chained statements, delivered in any order, once or several
 * times, with or without overlapping re-cuts, gives the same ledger as one delivery of the chain:
 * every line once, and balance proofs with nothing to say.
 */
export const checkStatementHistory = (
  ledger: AccountLedger,
  source: MovementSource,
  history: StatementHistory,
  settings: IngestionSettings,
): ReadonlyArray<LawViolation> => {
  const delivered = ingestAll(ledger, source, history.batches, settings)
  const account = history.batches.flat()[0]?.account
  const whole =
    account === undefined
      ? ledger
      : ingestAll(
          ledger,
          source,
          [history.chain.map((statement): FeedItem => ({ _tag: 'Statement', account, statement }))],
          settings,
        )
  const found: LawViolation[] = []
  const real = history.real.map(contentOf).sort()
  const vsReal = difference(real, contentFingerprint(delivered))
  if (vsReal !== null) found.push({ law: 'statementChain', message: `delivered in pieces: ${vsReal}` })
  const vsWhole = difference(real, contentFingerprint(whole))
  if (vsWhole !== null) found.push({ law: 'statementChain', message: `delivered whole: ${vsWhole}` })
  const issues = proveBalances(delivered).issues
  if (issues.length > 0)
    found.push({
      law: 'statementChain',
      message: `balance proofs: ${issues.map((i) => (i._tag === 'BalanceDiscrepancy' ? `${i._tag}:${i.kind}:${i.difference.amount.toFixed()}` : i._tag)).join(', ')}`,
    })
  return found
}

/** Syncs batches one after the other, booking entries after each, as `syncConnection` does. */
export const syncAll = (
  ledger: AccountLedger,
  source: MovementSource,
  batches: ReadonlyArray<ReadonlyArray<FeedItem>>,
  settings: IngestionSettings,
  dossier: Dossier,
  rules: CompiledRules,
): AccountLedger | string =>
  batches.reduce<AccountLedger | string>((l, batch) => {
    if (typeof l === 'string') return l
    const ingested = ingest(l, source, batch, settings)
    const generated = generateEntries(dossier, l, { rules }, ingested.changes)
    if (generated._tag === 'Left') return `no entries: ${generated.left._tag}`
    return applyLedgerChanges(l, concatChanges(ingested.changes, generated.right.changes))
  }, ledger)

/** Every line of a journal, as the laws compare journals: date, account, label and amounts. */
export const journalFingerprint = (ledger: AccountLedger): ReadonlyArray<string> =>
  ledger.entries
    .flatMap((e) =>
      e.lines.map(
        (l) =>
          `${e.date}|${l.account}|${l.auxiliary ?? ''}|${l.label}|${l.debit.toFixed()}|${l.credit.toFixed()}`,
      ),
    )
    .sort()

/**
 * Which booked movement claimed which pending copy, by the pending's id and the booked one's content:
 * equal contents do not tell a booked copy from a movement of its own that merely took its pending.
 */
const claimsFingerprint = (ledger: AccountLedger): ReadonlyArray<string> =>
  activeMovements(ledger)
    .flatMap((m) => (m.replacedPendingId === null ? [] : [`${m.replacedPendingId} by ${contentOf(m)}`]))
    .sort()

/**
 * Deleting booked movements and re-creating them under new ids, in one batch (either order) or
 * across two, gives the same journal as the history without it, and the same movements; a pending
 * deleted and sent again under its id with another amount is claimed by its booked copy alone, as if
 * sent once with that amount — never by a booked movement of its old amount.
 */
export const checkRecreatedOnce = (
  ledger: AccountLedger,
  source: MovementSource,
  history: RecreateHistory,
  settings: IngestionSettings,
  dossier: Dossier,
  rules: CompiledRules,
): ReadonlyArray<LawViolation> => {
  const withRecreations = syncAll(ledger, source, history.batches, settings, dossier, rules)
  const plain = syncAll(ledger, source, history.plain, settings, dossier, rules)
  if (typeof withRecreations === 'string') return [{ law: 'recreatedOnce', message: withRecreations }]
  if (typeof plain === 'string') return [{ law: 'recreatedOnce', message: plain }]
  const found: LawViolation[] = []
  const journal = difference(journalFingerprint(plain), journalFingerprint(withRecreations))
  if (journal !== null) found.push({ law: 'recreatedOnce', message: `journal: ${journal}` })
  const movements = difference(contentFingerprint(plain), contentFingerprint(withRecreations))
  if (movements !== null) found.push({ law: 'recreatedOnce', message: `movements: ${movements}` })
  const claims = difference(claimsFingerprint(plain), claimsFingerprint(withRecreations))
  if (claims !== null) found.push({ law: 'recreatedOnce', message: `pending claimed: ${claims}` })
  return found
}

/**
 * One account fed by an API connection and by statement files that see the same movements, in any
 * interleaving of their batches: each real movement is counted once, and the files' proofs hold.
 */
export const checkTwoConnections = (
  ledger: AccountLedger,
  sources: { readonly api: MovementSource; readonly files: MovementSource },
  history: MixedSourcesHistory,
  settings: IngestionSettings,
): ReadonlyArray<LawViolation> => {
  const after = history.batches.reduce(
    (l, b) => ingestAll(l, sources[b.connection], [b.items], settings),
    ledger,
  )
  const amounts = (ms: ReadonlyArray<Movement>) => ms.map((m) => m.amount.amount.toFixed()).sort()
  const booked = activeMovements(after).filter((m) => m.status === 'booked')
  const found: LawViolation[] = []
  const counted = difference(amounts(history.real), amounts(booked))
  if (counted !== null) found.push({ law: 'twoConnections', message: `booked amounts: ${counted}` })
  const pending = activeMovements(after).filter((m) => m.status === 'pending')
  if (pending.length > 0)
    found.push({
      law: 'twoConnections',
      message: `pending copies left beside their booked twins: ${pending.map(contentOf).join('; ')}`,
    })
  return found
}
