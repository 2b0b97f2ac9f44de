import { describe, test } from 'vitest'
import { makeInMemoryLedgerStore } from '@bankfeed/core/memory'
import { runLedgerStoreContract } from '../src/index.js'

// The reference adapter passes its own contract: every SQL store is held to the same.
runLedgerStoreContract({
  name: 'in-memory ledger store',
  describe,
  test,
  numRuns: process.env.CI === undefined ? 25 : 200,
  makeStore: () => {
    const store = makeInMemoryLedgerStore()
    return Promise.resolve({
      store,
      outbox: () => Promise.resolve(store.outbox()),
      notices: () => Promise.resolve(store.notices()),
    })
  },
})
