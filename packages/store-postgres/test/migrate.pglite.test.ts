import * as E from 'fp-ts/lib/Either.js'
import { localDate } from '@bankfeed/core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { PGlite } from '@electric-sql/pglite'
import type { ConnectionState } from '@bankfeed/core'
import {
  MIGRATIONS,
  SCHEMA_VERSION,
  fromPglite,
  latestSchemaVersion,
  migrate,
  openSqlStore,
} from '../src/index.js'
import type { Migration } from '../src/index.js'
import { newPglite, uniqueSchema } from './support/pglite-template.js'

let db: PGlite
beforeAll(async () => {
  db = await newPglite()
})
afterAll(async () => {
  await db.close()
})

const STATE: ConnectionState = {
  status: { attachment: 'attached', problem: null, consentExpiresOn: null },
  reauth: { emailedOn: null },
  lastCollectedOn: localDate('2026-03-14'),
  lastFailedOn: null,
  warnedFor: null,
}

const versions = async (schema: string): Promise<ReadonlyArray<unknown>> =>
  (await db.query(`SELECT version, name FROM ${schema}.schema_version ORDER BY version`)).rows

describe('migrations (PGlite)', () => {
  test('the list runs 1, 2, 3…; a list out of order is a bug, thrown', () => {
    expect(latestSchemaVersion()).toBe(MIGRATIONS.length)
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length)
    expect(MIGRATIONS[0]?.version).toBe(1)
    const m = (version: number): Migration => ({ version, name: `m${version}`, sql: 'SELECT 1' })
    expect(() => latestSchemaVersion([m(1), m(3)])).toThrow('has version 3; expected 2')
    expect(() => latestSchemaVersion([m(2)])).toThrow('expected 1')
  })

  test('a new schema gets every migration, recorded once; opening again applies nothing', async () => {
    const schema = uniqueSchema()
    const client = fromPglite(db, { schema })
    expect(await migrate(client, { schema })()).toEqual(
      E.right({ from: 0, to: SCHEMA_VERSION, applied: MIGRATIONS.map((m) => m.version) }),
    )
    expect(await versions(schema)).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })))
    expect(await migrate(client, { schema })()).toEqual(
      E.right({ from: SCHEMA_VERSION, to: SCHEMA_VERSION, applied: [] }),
    )
  })

  test('a database of a newer schema is refused with SchemaTooNew and left untouched', async () => {
    const schema = uniqueSchema()
    const client = fromPglite(db, { schema })
    await migrate(client, { schema })()
    await db.query(`INSERT INTO ${schema}.schema_version (version, name) VALUES ($1, 'from the future')`, [
      SCHEMA_VERSION + 5,
    ])
    const before = await versions(schema)
    const opened = await openSqlStore(client, { schema })()
    expect(opened).toEqual(
      E.left({
        _tag: 'SchemaTooNew',
        found: SCHEMA_VERSION + 5,
        supported: SCHEMA_VERSION,
        message: `the database has schema version ${SCHEMA_VERSION + 5}; this bankfeed supports up to ${SCHEMA_VERSION}: upgrade bankfeed`,
      }),
    )
    expect(await versions(schema)).toEqual(before)
  })

  test('a failing migration is rolled back whole, and applies once fixed', async () => {
    const schema = uniqueSchema()
    const client = fromPglite(db, { schema })
    const first = MIGRATIONS.slice(0, 1)
    const broken: Migration = { version: 2, name: 'broken', sql: 'CREATE TABLE half (x int); SELECT 1/0;' }
    const failed = await migrate(client, { schema, migrations: [...first, broken] })()
    expect(failed).toEqual(
      E.left(
        expect.objectContaining({
          _tag: 'StoreUnavailable',
          reason: 'failed',
          message: expect.stringContaining(
            `apply migration 2 (broken) to ${schema}: the database refused the operation: division by zero (22012)`,
          ),
        }),
      ),
    )
    expect((await db.query(`SELECT to_regclass('${schema}.half') AS t`)).rows).toEqual([{ t: null }])
    expect(await versions(schema)).toEqual([{ version: 1, name: first[0]?.name }])
    const fixed: Migration = { ...broken, name: 'fixed', sql: 'CREATE TABLE half (x int);' }
    expect(await migrate(client, { schema, migrations: [...first, fixed] })()).toEqual(
      E.right({ from: 1, to: 2, applied: [2] }),
    )
  })

  test('a read-only database up to date opens and reads; writes are readOnly; pending migrations are readOnly', async () => {
    const schema = uniqueSchema()
    const opened = await openSqlStore(fromPglite(db, { schema }), { schema })()
    if (E.isLeft(opened)) throw new Error(opened.left.message)
    await opened.right.connectionStates.save('c1', STATE, 0)()
    await db.exec('SET default_transaction_read_only = on')
    try {
      const again = await openSqlStore(fromPglite(db, { schema }), { schema })()
      if (E.isLeft(again)) throw new Error(again.left.message)
      expect(await again.right.connectionStates.load('c1')()).toEqual(E.right({ state: STATE, version: 1 }))
      expect(await again.right.connectionStates.save('c1', STATE, 1)()).toEqual(
        E.left(expect.objectContaining({ _tag: 'StoreUnavailable', reason: 'readOnly' })),
      )
      expect(await again.right.dossiers.list()()).toEqual(E.right([]))
      const fresh = uniqueSchema()
      expect(await openSqlStore(fromPglite(db, { schema: fresh }), { schema: fresh })()).toEqual(
        E.left(expect.objectContaining({ _tag: 'StoreUnavailable', reason: 'readOnly' })),
      )
    } finally {
      await db.exec('SET default_transaction_read_only = off')
    }
    expect(await opened.right.connectionStates.load('c1')()).toEqual(E.right({ state: STATE, version: 1 }))
  })
})
