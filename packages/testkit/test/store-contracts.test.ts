import { describe, test } from 'vitest'
import {
  makeInMemoryDossierStore,
  runConnectionStateStoreContract,
  runDossierStoreContract,
} from '../src/index.js'
import { makeInMemoryConnectionStateStore } from '@bankfeed/core/memory'

// The in-memory adapters are the reference the SQL stores are held to.
runConnectionStateStoreContract({
  name: 'in-memory connection state store',
  describe,
  test,
  makeStore: () => Promise.resolve({ store: makeInMemoryConnectionStateStore() }),
})

runDossierStoreContract({
  name: 'in-memory dossier store',
  describe,
  test,
  makeStore: () => Promise.resolve({ store: makeInMemoryDossierStore() }),
})
