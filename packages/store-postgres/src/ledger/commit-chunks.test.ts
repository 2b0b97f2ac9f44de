import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { PGlite } from '@electric-sql/pglite'
import { EUR } from '@bankfeed/core'
import { noChanges } from '@bankfeed/core/store'
import type { JournalEntry, LedgerMovement, LedgerStatement } from '@bankfeed/core'
import { day } from '@bankfeed/testkit'
import { newPglite, uniqueSchema } from '../../test/support/pglite-template.js'
import { key, money, movement as held, source } from '../../test/support/ledger-records.js'
import { fromPglite } from '../drivers/pglite.js'
import { toStoreError } from '../store-errors.js'
import { makeSqlLedgerStore } from './sql-ledger-store.js'
import { migrated } from '../../test/support/migrated.js'

// A commit writes its rows a few thousand per statement (statement documents a few hundred): a
// batch larger than that is several statements of each kind in one transaction. Every row once, in
// its order, and a refused commit writes none of them.
let db: PGlite
beforeAll(async () => {
  db = await newPglite()
})
afterAll(async () => {
  await db.close()
})

const dayOf = (n: number) =>
  day(`2024-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`)
/** Movement `n` with a label of any script and an alias (written to its own table). */
const movement = (n: number, label = `LIBELLÉ ${n} — ✓`): LedgerMovement => ({
  ...held(n, label, dayOf(n)),
  amount: money(`${n}.${String(n % 100).padStart(2, '0')}`),
  aliases: [`c:alias${n}#1`],
})
const statement = (n: number): LedgerStatement => ({
  id: `s${n}`,
  seq: 10_000 + n,
  source,
  statement: {
    currency: EUR,
    openingBalance: { date: dayOf(n), amount: money(`${n}.00`) },
    closingBalance: { date: dayOf(n), amount: money(`${n}.00`) },
    movements: [],
  },
  movementIds: [],
})
const entry = (n: number): JournalEntry => ({
  id: `e${n}`,
  dossierCode: key.dossierCode,
  bankAccountId: key.bankAccountId,
  journalCode: 'BQ1',
  journalLabel: 'Banque',
  date: dayOf(n),
  pieceRef: `P${n}`,
  pieceDate: dayOf(n),
  label: `ÉCRITURE ${n}`,
  currency: EUR,
  lines: [
    {
      account: '512000',
      auxiliary: null,
      label: `L${n}`,
      debit: money(String(n)).amount,
      credit: money('0').amount,
      movement: { movementId: `p:c1:t${n}`, statementId: null },
    },
    {
      account: '471000',
      auxiliary: null,
      label: `L${n}`,
      debit: money('0').amount,
      credit: money(String(n)).amount,
      movement: null,
    },
  ],
  validatedOn: null,
})
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i)

describe('a commit larger than one bulk statement', () => {
  test('writes every movement, statement, alias, entry and line once, in order', async () => {
    const schema = uniqueSchema('chunks')
    const client = await migrated(fromPglite(db, { schema }), schema)
    const store = makeSqlLedgerStore(client, (op, e) => toStoreError(op)(e))
    const commit = (
      version: number,
      ch: Partial<Parameters<typeof store.commit>[0]['ledgers'][number]['changes']>,
    ) =>
      store.commit({
        connectionId: null,
        expectedCursorVersion: 0,
        cursor: null,
        ledgers: [
          {
            key,
            currency: EUR,
            expectedVersion: version,
            changes: { ...noChanges, ...ch },
          },
        ],
      })()
    const n = 4_321
    const first = await commit(0, {
      added: range(1, n).map((i) => movement(i)),
      statements: range(1, 1_234).map(statement),
      entries: range(1, 2_345).map(entry),
    })
    expect(first._tag).toBe('Right')
    // A stale version writes nothing, however many statements the batch would have taken.
    const stale = await commit(0, { added: range(n + 1, n + 4_500).map((i) => movement(i)) })
    expect(stale._tag === 'Left' && stale.left._tag).toBe('ConcurrentUpdate')
    // Updates span chunks too.
    const second = await commit(1, { updated: range(1, 2_500).map((i) => movement(i, `CHANGÉ ${i}`)) })
    expect(second._tag).toBe('Right')
    const read = await store.readLedger(key, EUR)()
    if (read._tag === 'Left') throw new Error(read.left.message)
    const l = read.right
    expect(l.movements.map((m) => m.seq)).toEqual(range(1, n))
    expect(l.movements).toEqual(
      range(1, n).map((i) => (i <= 2_500 ? movement(i, `CHANGÉ ${i}`) : movement(i))),
    )
    expect(l.statements).toEqual(range(1, 1_234).map(statement))
    expect(l.entries).toEqual(range(1, 2_345).map(entry))
    const aliases = await db.query<{ n: number }>(`select count(*)::int as n from ${schema}.movement_alias`)
    expect(aliases.rows[0]?.n).toBe(n)
    await db.exec(`drop schema ${schema} cascade`)
  })
})
