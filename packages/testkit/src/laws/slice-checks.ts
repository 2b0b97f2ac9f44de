import {
  applyLedgerChanges,
  concatChanges,
  followUpRequest,
  ingest,
  ledgerOfSlice,
  mergeSlices,
  recordsOfLedger,
  sliceOfRecords,
  sliceRequestOf,
} from '@bankfeed/core/reconcile'
import { generateEntries } from '@bankfeed/core'
import type {
  AccountLedger,
  IngestionSettings,
  LedgerSlice,
  LedgerSliceRequest,
  MovementSource,
} from '@bankfeed/core/reconcile'
import type { CompiledRules, Dossier, FeedItem } from '@bankfeed/core'
import type { LawViolation } from './law-checks.js'

/** One batch of a history, from one connection. */
export interface SourcedBatch {
  readonly source: MovementSource
  readonly items: ReadonlyArray<FeedItem>
}

/** A value as the law compares it: amounts by their decimal text, every field, in order. */
const canonical = (value: unknown): string => JSON.stringify(value)

/**
 * The working ledger of a batch read through slices, as a store would serve it: the first request,
 * then the follow-up, each answered from the whole ledger by `answer`.
 */
export const workingLedgerThroughSlices = (
  full: AccountLedger,
  source: MovementSource,
  items: ReadonlyArray<FeedItem>,
  settings: IngestionSettings,
  answer: (request: LedgerSliceRequest) => LedgerSlice = (r) => sliceOfRecords(recordsOfLedger(full), r),
): AccountLedger => {
  const key = { dossierCode: full.dossierCode, bankAccountId: full.bankAccountId }
  const first = answer(sliceRequestOf(key, full.currency, source, items, settings))
  const next = followUpRequest(first, source, items, settings)
  return ledgerOfSlice(next === null ? first : mergeSlices(first, answer(next)))
}

/**
 * Deciding each batch against the slice its items name gives exactly the decisions and changes
 * (hence the ledger and the entries) that deciding it against the whole ledger gives: a store that
 * reads only what a batch needs loses nothing.
 */
export const checkSliceEquivalence = (
  ledger: AccountLedger,
  batches: ReadonlyArray<SourcedBatch>,
  settings: IngestionSettings,
  dossier: Dossier,
  rules: CompiledRules,
  /** Whether entries are generated after batch `n` (automatic entries on or off). Default: always. */
  generatesAfter: (n: number) => boolean = () => true,
): ReadonlyArray<LawViolation> => {
  let full = ledger
  for (const [n, { source, items }] of batches.entries()) {
    const sliced = workingLedgerThroughSlices(full, source, items, settings)
    const decide = (l: AccountLedger) => {
      const ingested = ingest(l, source, items, settings)
      if (!generatesAfter(n)) return { decisions: ingested.decisions, changes: ingested.changes }
      const generated = generateEntries(dossier, l, { rules }, ingested.changes)
      return {
        decisions: ingested.decisions,
        changes:
          generated._tag === 'Left'
            ? ingested.changes
            : concatChanges(ingested.changes, generated.right.changes),
      }
    }
    const whole = decide(full)
    const slice = decide(sliced)
    if (canonical(slice.decisions) !== canonical(whole.decisions))
      return [
        {
          law: 'sliceEquivalence',
          message: `batch ${n + 1}: decisions differ: whole ${canonical(whole.decisions)} / slice ${canonical(slice.decisions)}`,
        },
      ]
    if (canonical(slice.changes) !== canonical(whole.changes))
      return [
        {
          law: 'sliceEquivalence',
          message: `batch ${n + 1}: changes differ: whole ${canonical(whole.changes)} / slice ${canonical(slice.changes)}`,
        },
      ]
    full = applyLedgerChanges(full, whole.changes)
  }
  return []
}
