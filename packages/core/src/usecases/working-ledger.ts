import { TE, pipe } from '../fp.js'
import type { TaskEither } from '../fp.js'
import type { CurrencyCode } from '../domain/currency.js'
import type { FeedItem } from '../domain/feed.js'
import type { MovementSource } from '../domain/ledger-records.js'
import type { LedgerSlice } from '../domain/ledger-slice.js'
import { concurrentUpdate, storeUnavailable } from '../domain/store-error.js'
import type { StoreError } from '../domain/store-error.js'
import type { LedgerKey } from '../domain/store-records.js'
import type { LedgerStore } from '../ports/stores.js'
import type { IngestionSettings } from '../reconcile/ingest.js'
import type { AccountLedger } from '../reconcile/ledger.js'
import { followUpRequest, ledgerOfSlice, mergeSlices, sliceRequestOf } from '../reconcile/ledger-slice.js'

/** One account of a sync: its ledger's key and currency, and the items routed to it. */
export interface WorkingLedgerRequest {
  readonly key: LedgerKey
  readonly currency: CurrencyCode
  readonly items: ReadonlyArray<FeedItem>
  readonly settings: IngestionSettings
}

/**
 * The working ledgers a batch is decided against, one per account, in the order asked: the slices
 * their items name, then the follow-ups the first answers call for (if any) — two store calls at
 * most, whatever the number of accounts. Two answers of one ledger at different versions mean
 * another process committed in between: `ConcurrentUpdate`, to be retried from a fresh read.
 */
export const loadWorkingLedgers = (
  store: LedgerStore,
  source: MovementSource,
  accounts: ReadonlyArray<WorkingLedgerRequest>,
): TaskEither<StoreError, ReadonlyArray<AccountLedger>> =>
  pipe(
    store.loadSlices(accounts.map((a) => sliceRequestOf(a.key, a.currency, source, a.items, a.settings))),
    TE.chain((firsts): TaskEither<StoreError, ReadonlyArray<LedgerSlice>> => {
      if (firsts.length !== accounts.length)
        return TE.left(
          storeUnavailable(
            'failed',
            `loadSlices answered ${firsts.length} slices for ${accounts.length} requests`,
          ),
        )
      const follow = accounts.flatMap((a, i) => {
        const next = followUpRequest(firsts[i] as LedgerSlice, source, a.items, a.settings)
        return next === null ? [] : [{ i, next }]
      })
      if (follow.length === 0) return TE.right(firsts)
      return pipe(
        store.loadSlices(follow.map((f) => f.next)),
        TE.chain((seconds) => {
          const merged = [...firsts]
          for (const [j, { i }] of follow.entries()) {
            const first = firsts[i] as LedgerSlice
            const second = seconds[j]
            if (second === undefined || second.version !== first.version)
              return TE.left(
                concurrentUpdate(
                  `ledger ${first.key.dossierCode}|${first.key.bankAccountId} moved while it was read`,
                ),
              )
            merged[i] = mergeSlices(first, second)
          }
          return TE.right(merged)
        }),
      )
    }),
    TE.map((slices) => slices.map(ledgerOfSlice)),
  )
