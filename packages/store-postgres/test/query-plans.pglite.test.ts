import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { PGlite } from '@electric-sql/pglite'
import { fromPglite } from '../src/index.js'
import type { SqlClient } from '../src/index.js'
import { newPglite, uniqueSchema } from './support/pglite-template.js'
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

// Every statement of a sync, explained on a filled and analysed ledger schema: none reads a ledger
// table whole. `BANKFEED_WRITE_QUERY_PLANS=1` writes the plans to docs/query-plans.pglite.md.
const SIZE =
  process.env['CI'] === undefined
    ? { ledgers: 1500, movementsPerLedger: 30 }
    : { ledgers: 3000, movementsPerLedger: 40 }

let db: PGlite
let client: SqlClient
let explained: ReadonlyArray<ExplainedQuery>
beforeAll(async () => {
  db = await newPglite()
  const schema = uniqueSchema('plans')
  client = await migrated(fromPglite(db, { schema }), schema)
  await fillLedgers(client, SIZE)
  explained = await explainAll(client, await recordSyncQueries(client, SIZE))
  maybeWritePlans(
    new URL('../docs/query-plans.pglite.md', import.meta.url),
    plansDocument('PGlite', SIZE, explained),
  )
}, 240_000)
afterAll(async () => {
  await db.close()
})

describe('query plans of the SQL ledger store on PGlite', () => {
  test('a sync sends the slice, commit, full-read and queue statements', () => {
    const names = explained.map((e) => e.name)
    for (const n of [
      'LEDGER_ROWS',
      'SLICE_MOVEMENTS',
      'SLICE_STATEMENTS',
      'SLICE_BALANCES',
      'DELETE_MOVEMENTS',
      'INSERT_MOVEMENTS',
      'UPSERT_MOVEMENTS',
      'BUMP_LEDGERS',
      'UPDATE_CURSOR',
      'ALL_ENTRY_LINES',
    ])
      expect(names).toContain(n)
  })
  testPlans(() => explained)
})
