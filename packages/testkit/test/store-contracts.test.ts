import { describe, test } from 'vitest'
import {
  makeInMemoryConnectionStateStore,
  makeInMemoryDossierStore,
  runConnectionStateStoreContract,
  runDossierStoreContract,
} from '../src/index.js'

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
