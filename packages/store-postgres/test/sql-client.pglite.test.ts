import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { PGlite } from '@electric-sql/pglite'
import { fromPglite } from '../src/index.js'
import { runSqlClientSuite } from './support/sql-client-suite.js'
import { newPglite, uniqueSchema } from './support/pglite-template.js'

let db: PGlite
beforeAll(async () => {
  db = await newPglite()
})
afterAll(async () => {
  await db.close()
})

// One PGlite instance for the file (start-up is the slow part), one schema per test.
runSqlClientSuite('PGlite', async () => {
  const schema = uniqueSchema()
  await db.exec(`CREATE SCHEMA ${schema}`)
  return {
    client: fromPglite(db, { schema }),
    close: async () => {
      await db.exec(`DROP SCHEMA ${schema} CASCADE`)
    },
  }
})

describe('PGlite driver', () => {
  test('without a schema, statements use the instance’s own search_path; close leaves the instance open', async () => {
    const client = fromPglite(db)
    expect((await client.query("SELECT current_setting('search_path') AS p")).rows).toEqual([{ p: 'public' }])
    await client.close()
    expect(db.closed).toBe(false)
  })

  test('a schema pinned per transaction leaves the session as it was', async () => {
    const schema = uniqueSchema()
    await db.exec(`CREATE SCHEMA ${schema}`)
    await fromPglite(db, { schema }).query('SELECT 1')
    expect((await db.query("SELECT current_setting('search_path') AS p")).rows).toEqual([{ p: 'public' }])
    await db.exec(`DROP SCHEMA ${schema}`)
  })

  test('a bad schema name is a configuration mistake, thrown at once', () => {
    for (const bad of ['Bankfeed', 'a-b', '1a', 'pg_x', 'a'.repeat(64), 'x; DROP TABLE y', ''])
      expect(() => fromPglite(db, { schema: bad })).toThrow('invalid schema name')
  })
})
