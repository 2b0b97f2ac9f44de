import pg from 'pg'
import { describe, test } from 'vitest'
import { storeUnavailable } from '@bankfeed/core'
import { runLedgerStoreContract } from '@bankfeed/testkit'
import { fromPg } from '../src/drivers/pg.js'
import { makeSqlLedgerStore } from '../src/ledger/sql-ledger-store.js'
import { LEDGERS_SQL } from '../src/migrations/0002-ledgers.js'

const url = process.env.BANKFEED_TEST_DATABASE_URL

if (url === undefined)
  describe.skip('SQL ledger store on a PostgreSQL server (BANKFEED_TEST_DATABASE_URL unset: skipped)', () => {
    test('needs a server', () => {})
  })
else
  runLedgerStoreContract({
    name: 'SQL ledger store on a PostgreSQL server',
    numRuns: process.env.CI === undefined ? 25 : 100,
    describe,
    test,
    makeStore: async () => {
      const pool = new pg.Pool({ connectionString: url, max: 4 })
      const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`
      await pool.query(`create schema ${schema}`)
      const client = fromPg(pool, { schema })
      await client.transaction((tx) => tx.exec(LEDGERS_SQL))
      const store = makeSqlLedgerStore(client, (op, e) => storeUnavailable('failed', `${op}: ${String(e)}`))
      return {
        store,
        outbox: store.outbox,
        notices: store.notices,
        close: async () => {
          await pool.query(`drop schema ${schema} cascade`)
          await pool.end()
        },
      }
    },
  })
