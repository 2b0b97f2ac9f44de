import * as E from 'fp-ts/lib/Either.js'
import { afterAll, beforeAll, describe, test } from 'vitest'
import type { PGlite } from '@electric-sql/pglite'
import {
  runConnectionStateStoreContract,
  runDossierStoreContract,
  runLedgerStoreContract,
} from '@bankfeed/testkit'
import { fromPglite, openSqlStore } from '../src/index.js'
import type { SqlStore } from '../src/index.js'
import { newPglite, uniqueSchema } from './support/pglite-template.js'

// One in-memory PGlite for the file, started from the template; each test gets a fresh schema,
// migrated like a new database.
let db: PGlite
beforeAll(async () => {
  db = await newPglite()
})
afterAll(async () => {
  await db.close()
})

const openFresh = async (): Promise<{ store: SqlStore; close: () => Promise<void> }> => {
  const schema = uniqueSchema()
  const opened = await openSqlStore(fromPglite(db, { schema }), { schema })()
  if (E.isLeft(opened)) throw new Error(opened.left.message)
  return {
    store: opened.right,
    close: async () => {
      await opened.right.close()
      await db.exec(`DROP SCHEMA ${schema} CASCADE`)
    },
  }
}

runConnectionStateStoreContract({
  name: 'SQL connection state store on PGlite',
  describe,
  test,
  makeStore: async () => {
    const { store, close } = await openFresh()
    return { store: store.connectionStates, close }
  },
})

runDossierStoreContract({
  name: 'SQL dossier store on PGlite',
  describe,
  test,
  makeStore: async () => {
    const { store, close } = await openFresh()
    return { store: store.dossiers, close }
  },
})

runLedgerStoreContract({
  name: 'SQL ledger store on PGlite',
  describe,
  test,
  makeStore: async () => {
    const { store, close } = await openFresh()
    return { store: store.ledgers, outbox: store.ledgers.outbox, notices: store.ledgers.notices, close }
  },
})
