// The feeds' projection (`bank_account_feed`) follows each saved dossier in the same transaction,
// and migration 3 fills it from the documents stored before it.
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { PGlite } from '@electric-sql/pglite'
import { readFileSync } from 'node:fs'
import { localDate, parseDossierJson } from '@bankfeed/core'
import type { Dossier } from '@bankfeed/core'
import { MIGRATIONS, fromPglite, migrate, openSqlStore } from '../src/index.js'
import { newPglite, uniqueSchema } from './support/pglite-template.js'

let db: PGlite
beforeAll(async () => {
  db = await newPglite()
})
afterAll(async () => {
  await db.close()
})

/** The quickstart's dossier: two bank accounts, each with feed settings. */
const seedDossier = (): Dossier => {
  const decoded = parseDossierJson(
    readFileSync(new URL('../../../examples/quickstart/dossier.json', import.meta.url), 'utf8'),
  )
  if (E.isLeft(decoded)) throw new Error('the quickstart dossier does not decode')
  return decoded.right
}

const feeds = async (schema: string): Promise<ReadonlyArray<unknown>> =>
  (
    await db.query(
      `SELECT dossier_code, bank_account_id, protocol, start_date::text AS start_date, start_date_locked,
              frequency, auto_generate_entries
       FROM ${schema}.bank_account_feed ORDER BY dossier_code, bank_account_id`,
    )
  ).rows

const locked = (d: Dossier): Dossier => ({
  ...d,
  bankAccounts: d.bankAccounts.map((a) =>
    a.feed === null
      ? a
      : { ...a, feed: { ...a.feed, startDate: localDate('2026-02-01'), startDateLocked: true } },
  ),
})

describe('bank_account_feed (PGlite)', () => {
  test('each save rewrites the dossier’s feeds with its document', async () => {
    const schema = uniqueSchema()
    const opened = await openSqlStore(fromPglite(db, { schema }), { schema })()
    if (E.isLeft(opened)) throw new Error(opened.left.message)
    const dossier = seedDossier()
    expect(E.isRight(await opened.right.dossiers.save(dossier)())).toBe(true)
    const expected = dossier.bankAccounts
      .filter((a) => a.feed !== null)
      .map((a) => ({
        dossier_code: dossier.code,
        bank_account_id: a.id,
        protocol: a.feed?.protocol ?? null,
        start_date: a.feed?.startDate ?? null,
        start_date_locked: a.feed?.startDateLocked,
        frequency: a.feed?.frequency,
        auto_generate_entries: a.feed?.autoGenerateEntries,
      }))
    expect(await feeds(schema)).toEqual(expected)
    await opened.right.dossiers.save(locked(dossier))()
    expect(await feeds(schema)).toEqual(
      expected.map((f) => ({ ...f, start_date: '2026-02-01', start_date_locked: true })),
    )
    // An account without feed settings has no row.
    await opened.right.dossiers.save({
      ...dossier,
      bankAccounts: dossier.bankAccounts.map((a) => ({ ...a, feed: null })),
    })()
    expect(await feeds(schema)).toEqual([])
  })

  test('migration 3 fills it from the dossiers stored before', async () => {
    const schema = uniqueSchema()
    const client = fromPglite(db, { schema })
    const upTo2 = await migrate(client, { schema, migrations: MIGRATIONS.slice(0, 2) })()
    expect(E.isRight(upTo2)).toBe(true)
    const dossier = locked(seedDossier())
    await db.query(`INSERT INTO ${schema}.dossier (code, document) VALUES ($1, $2::jsonb)`, [
      dossier.code,
      JSON.stringify(dossier),
    ])
    expect(await migrate(client, { schema })()).toEqual(E.right({ from: 2, to: 3, applied: [3] }))
    const rows = await feeds(schema)
    expect(rows).toHaveLength(dossier.bankAccounts.filter((a) => a.feed !== null).length)
    expect(rows[0]).toMatchObject({
      dossier_code: dossier.code,
      start_date: '2026-02-01',
      start_date_locked: true,
    })
  })
})
