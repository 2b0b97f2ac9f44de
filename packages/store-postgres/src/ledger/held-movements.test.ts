import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { PGlite } from '@electric-sql/pglite'
import { EUR, makeCurrencyCode } from '@bankfeed/core'
import type { LedgerMovement } from '@bankfeed/core'
import type { LedgerSliceRequest } from '@bankfeed/core/store'
import { day } from '@bankfeed/testkit'
import { newPglite, uniqueSchema } from '../../test/support/pglite-template.js'
import { recording } from '../../test/query-plans-suite.js'
import { key, movement } from '../../test/support/ledger-records.js'
import type { RecordedQuery } from '../../test/query-plans-suite.js'
import { fromPglite } from '../drivers/pglite.js'
import { toStoreError } from '../store-errors.js'
import { SLICE_MOVEMENTS } from './ledger-queries.js'
import { makeSqlLedgerStore } from './sql-ledger-store.js'
import { migrated } from '../../test/support/migrated.js'

// A sync reads a ledger twice (its follow-up names what the first answer held): the second read
// reuses the movements held at the ledger's current version, and only those.
let db: PGlite
beforeAll(async () => {
  db = await newPglite()
})
afterAll(async () => {
  await db.close()
})

const request = (currency = EUR): LedgerSliceRequest => ({
  key,
  currency,
  families: ['p:c1:t1'],
  days: [{ from: day('2024-01-01'), to: day('2024-01-31') }],
  statements: [],
  balanceDays: [],
})
const changes = (added: LedgerMovement[], updated: LedgerMovement[] = []) => ({
  added,
  updated,
  removed: [],
  statements: [],
  balances: [],
  entries: [],
})

describe('movements held between two slice reads', () => {
  test('are reused at the same version, read again once the ledger moved, decoded per currency', async () => {
    const schema = uniqueSchema('held')
    const client = await migrated(fromPglite(db, { schema }), schema)
    const log: RecordedQuery[] = []
    const store = makeSqlLedgerStore(recording(client, log), (op, e) => toStoreError(op)(e))
    const commit = (version: number, ch: ReturnType<typeof changes>) =>
      store.commit({
        connectionId: null,
        expectedCursorVersion: 0,
        cursor: null,
        ledgers: [{ key, currency: EUR, expectedVersion: version, changes: ch }],
      })()
    expect((await commit(0, changes([1, 2, 3].map((n) => movement(n)))))._tag).toBe('Right')
    const reusedKeys = () => {
      const q = [...log].reverse().find((x) => x.text === SLICE_MOVEMENTS)
      const ids = q?.params[9]
      return Array.isArray(ids) ? ids.length : -1
    }
    const first = await store.loadSlices([request()])()
    expect(reusedKeys()).toBe(0)
    const second = await store.loadSlices([request()])()
    expect(reusedKeys()).toBe(3)
    expect(second).toEqual(first)
    // An update moves the version: nothing is reused, the new label is read.
    expect((await commit(1, changes([movement(4)], [movement(2, 'CHANGED')])))._tag).toBe('Right')
    const third = await store.loadSlices([request()])()
    expect(reusedKeys()).toBe(0)
    if (third._tag === 'Left') throw new Error(third.left.message)
    expect(third.right[0]?.movements.map((m) => m.label)).toEqual([
      'LABEL 1',
      'CHANGED',
      'LABEL 3',
      'LABEL 4',
    ])
    // Asked in another currency, movements are decoded again in it.
    const usd = makeCurrencyCode('USD')
    if (usd._tag === 'Left') throw new Error('USD')
    const fourth = await store.loadSlices([request(usd.right)])()
    expect(reusedKeys()).toBe(0)
    if (fourth._tag === 'Left') throw new Error(fourth.left.message)
    expect(fourth.right[0]?.movements.every((m) => m.amount.currency === 'USD')).toBe(true)
    await db.exec(`drop schema ${schema} cascade`)
  })
})
