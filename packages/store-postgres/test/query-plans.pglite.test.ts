import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { PGlite } from '@electric-sql/pglite'
import { fromPglite, migrate } from '../src/index.js'
import type { SqlClient } from '../src/index.js'
import { newPglite, uniqueSchema } from './support/pglite-template.js'
import {
  explainAll,
  fillLedgers,
  maybeWritePlans,
  plansDocument,
  recordSyncQueries,
} from './query-plans-suite.js'
import type { ExplainedQuery } from './query-plans-suite.js'

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
  client = fromPglite(db, { schema })
  const migrated = await migrate(client, { schema })()
  if (migrated._tag === 'Left') throw new Error(migrated.left.message)
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
