import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { fromPg, migrate } from '../src/index.js'
import type { SqlClient } from '../src/index.js'
import { SKIPPED_WITHOUT_SERVER, TEST_DATABASE_URL, uniqueSchema } from './support/pglite-template.js'
import {
  explainAll,
  fillLedgers,
  maybeWritePlans,
  plansDocument,
  recordSyncQueries,
} from './query-plans-suite.js'
import type { ExplainedQuery } from './query-plans-suite.js'

// The same proof as query-plans.pglite.test.ts on a PostgreSQL server, in a schema of its own.
// `BANKFEED_WRITE_QUERY_PLANS=1` writes the plans to docs/query-plans.pg.md.
const SIZE =
  process.env['CI'] === undefined
    ? { ledgers: 1500, movementsPerLedger: 30 }
    : { ledgers: 3000, movementsPerLedger: 40 }
const url = TEST_DATABASE_URL

if (url === undefined) describe.skip(SKIPPED_WITHOUT_SERVER, () => test('needs a server', () => undefined))
else {
  let pool: pg.Pool
  let client: SqlClient
  let schema: string
  let explained: ReadonlyArray<ExplainedQuery>
  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: url, max: 2 })
    schema = uniqueSchema('plans')
    client = fromPg(pool, { schema })
    const migrated = await migrate(client, { schema })()
    if (migrated._tag === 'Left') throw new Error(migrated.left.message)
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
    test('no statement reads a ledger table whole', () => {
      expect(
        explained
          .filter((e) => e.seqScans.length > 0)
          .map((e) => `${e.name}: ${e.seqScans.join(', ')}\n${e.plan}`),
      ).toEqual([])
    })
    test('the slice reads use the indexes made for them', () => {
      const uses = (name: string) => explained.find((e) => e.name === name)?.indexes ?? []
      expect(uses('SLICE_MOVEMENTS')).toEqual(
        expect.arrayContaining(['movement_pkey', 'movement_alias_pkey', 'movement_day', 'movement_open']),
      )
      expect(uses('SLICE_STATEMENTS')).toEqual(expect.arrayContaining(['statement_span']))
      expect(uses('SLICE_BALANCES')).toEqual(expect.arrayContaining(['balance_day']))
    })
  })
}
