import { PGlite } from '@electric-sql/pglite'
import { describe, test } from 'vitest'
import { storeUnavailable } from '@bankfeed/core'
import { runLedgerStoreContract } from '@bankfeed/testkit'
import { fromPglite } from '../src/drivers/pglite.js'
import { makeSqlLedgerStore } from '../src/ledger/sql-ledger-store.js'
import { LEDGERS_SQL } from '../src/migrations/0002-ledgers.js'

runLedgerStoreContract({
  name: 'SQL ledger store on PGlite (in memory)',
  describe,
  test,
  makeStore: async () => {
    const pglite = await PGlite.create()
    const client = fromPglite(pglite, { closeInstance: true })
    await client.exec(LEDGERS_SQL)
    const store = makeSqlLedgerStore(client, (op, e) => storeUnavailable('failed', `${op}: ${String(e)}`))
    return { store, outbox: store.outbox, notices: store.notices, close: () => client.close() }
  },
})
