import pg from 'pg'
import { afterAll, beforeAll, describe } from 'vitest'
import { fromPg } from '../src/index.js'
import type { SqlClient } from '../src/index.js'
import { serverTestUrl, uniqueSchema } from './support/pglite-template.js'
import {
  explainAll,
  fillLedgers,
  maybeWritePlans,
  plansDocument,
  recordSyncQueries,
  testPlans,
} from './query-plans-suite.js'
import type { ExplainedQuery } from './query-plans-suite.js'
import { migrated } from './support/migrated.js'

// The same proof as query-plans.pglite.test.ts on a PostgreSQL server, in a schema of its own.
// `BANKFEED_WRITE_QUERY_PLANS=1` writes the plans to docs/query-plans.pg.md.
const SIZE =
  process.env['CI'] === undefined
    ? { ledgers: 1500, movementsPerLedger: 30 }
    : { ledgers: 3000, movementsPerLedger: 40 }
const url = serverTestUrl()

let pool: pg.Pool
let client: SqlClient
let schema: string
let explained: ReadonlyArray<ExplainedQuery>
beforeAll(async () => {
  pool = new pg.Pool({ connectionString: url, max: 2 })
  schema = uniqueSchema('plans')
  client = await migrated(fromPg(pool, { schema }), schema)
  await fillLedgers(client, SIZE)
  explained = await explainAll(client, await recordSyncQueries(client, SIZE))
  maybeWritePlans(
    new URL('../docs/query-plans.pg.md', import.meta.url),
    plansDocument('PostgreSQL', SIZE, explained),
  )
}, 240_000)
afterAll(async () => {
  await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
  await pool.end()
})

describe('query plans of the SQL ledger store on PostgreSQL', () => {
  testPlans(() => explained)
})
