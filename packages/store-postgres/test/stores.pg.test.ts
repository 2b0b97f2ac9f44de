import * as E from 'fp-ts/lib/Either.js'
import pg from 'pg'
import { afterAll, beforeAll, describe, test } from 'vitest'
import {
  runConnectionStateStoreContract,
  runDossierStoreContract,
  runLedgerStoreContract,
} from '@bankfeed/testkit'
import { openServerStore } from '../src/index.js'
import type { ServerSource, SqlStore } from '../src/index.js'
import { serverTestUrl, uniqueSchema } from './support/pglite-template.js'

const url = serverTestUrl()

let appPool: pg.Pool
let admin: pg.Pool
beforeAll(() => {
  appPool = new pg.Pool({ connectionString: url, max: 4 })
  admin = new pg.Pool({ connectionString: url, max: 1 })
})
afterAll(async () => {
  await appPool.end()
  await admin.end()
})

// Each test opens a new schema (created and migrated by the open), dropped after.
const openFresh = async (
  source: () => ServerSource,
): Promise<{ store: SqlStore; close: () => Promise<void> }> => {
  const schema = uniqueSchema()
  const opened = await openServerStore(source(), { schema })()
  if (E.isLeft(opened)) throw new Error(opened.left.message)
  return {
    store: opened.right,
    close: async () => {
      await opened.right.close()
      await admin.query(`DROP SCHEMA ${schema} CASCADE`)
    },
  }
}

for (const [mode, source] of [
  ['a URL (the store’s own pool)', () => ({ url, max: 3 })],
  ['the application’s pool', () => ({ pool: appPool })],
] as const) {
  runConnectionStateStoreContract({
    name: `SQL connection state store on PostgreSQL, from ${mode}`,
    describe,
    test,
    makeStore: async () => {
      const { store, close } = await openFresh(source)
      return { store: store.connectionStates, close }
    },
  })
  runDossierStoreContract({
    name: `SQL dossier store on PostgreSQL, from ${mode}`,
    describe,
    test,
    makeStore: async () => {
      const { store, close } = await openFresh(source)
      return { store: store.dossiers, close }
    },
  })
  runLedgerStoreContract({
    name: `SQL ledger store on PostgreSQL, from ${mode}`,
    describe,
    test,
    numRuns: process.env.CI === undefined ? 25 : 100,
    makeStore: async () => {
      const { store, close } = await openFresh(source)
      return { store: store.ledgers, outbox: store.ledgers.outbox, notices: store.ledgers.notices, close }
    },
  })
}
