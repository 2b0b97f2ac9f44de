import { TE, pipe } from '../fp.js'
import type { TaskEither } from '../fp.js'
import type { CurrencyCode } from '../domain/currency.js'
import type { FeedItem } from '../domain/feed.js'
import type { MovementSource } from '../domain/ledger-records.js'
import type { LedgerSlice } from '../domain/ledger-slice.js'
import { concurrentUpdate } from '../domain/store-error.js'
import type { StoreError } from '../domain/store-error.js'
import type { LedgerKey } from '../domain/store-records.js'
import type { LedgerStore } from '../ports/stores.js'
import type { IngestionSettings } from '../reconcile/ingest.js'
import type { AccountLedger } from '../reconcile/ledger.js'
import { followUpRequest, ledgerOfSlice, mergeSlices, sliceRequestOf } from '../reconcile/ledger-slice.js'

/**
 * The working ledger a batch is decided against: the slice its items name, then the follow-up the
 * first answer calls for (if any), read from the store and put together. Two answers of different
 * versions mean another process committed in between: `ConcurrentUpdate`, to be retried from a
 * fresh read.
 */
export const loadWorkingLedger = (
  store: LedgerStore,
  key: LedgerKey,
  currency: CurrencyCode,
  source: MovementSource,
  items: ReadonlyArray<FeedItem>,
  settings: IngestionSettings,
): TaskEither<StoreError, AccountLedger> =>
  pipe(
    store.loadSlice(sliceRequestOf(key, currency, source, items, settings)),
    TE.chain((first): TaskEither<StoreError, LedgerSlice> => {
      const next = followUpRequest(first, source, items, settings)
      if (next === null) return TE.right(first)
      return pipe(
        store.loadSlice(next),
        TE.chain((second) =>
          second.version === first.version
            ? TE.right(mergeSlices(first, second))
            : TE.left(
                concurrentUpdate(`ledger ${key.dossierCode}|${key.bankAccountId} moved while it was read`),
              ),
        ),
      )
    }),
    TE.map(ledgerOfSlice),
  )
