import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { classifySqlError, fromPg, sqlTransaction } from '../src/index.js'
import type { SqlClient } from '../src/index.js'
import { runSqlClientSuite } from './support/sql-client-suite.js'
import { serverTestUrl, uniqueSchema } from './support/pglite-template.js'

const url = serverTestUrl()

let pool: pg.Pool
let admin: pg.Pool
beforeAll(() => {
  pool = new pg.Pool({ connectionString: url, max: 4 })
  admin = new pg.Pool({ connectionString: url, max: 2 })
})
afterAll(async () => {
  await pool.end()
  await admin.end()
})
const inSchema = async (make: (schema: string) => Promise<SqlClient> | SqlClient) => {
  const schema = uniqueSchema()
  await admin.query(`CREATE SCHEMA ${schema}`)
  const client = await make(schema)
  return {
    client,
    close: async () => {
      await client.close()
      await admin.query(`DROP SCHEMA ${schema} CASCADE`)
    },
  }
}

runSqlClientSuite('pg (an application’s Pool)', () => inSchema((schema) => fromPg(pool, { schema })))

runSqlClientSuite('pg (one Client)', () =>
  inSchema(async (schema) => {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    return fromPg(client, { schema, closeConnection: true })
  }),
)

runSqlClientSuite('pg (a pool whose connections have the schema as search_path)', () =>
  inSchema((schema) => {
    const own = new pg.Pool({ connectionString: url, max: 3, options: `-c search_path=${schema}` })
    return fromPg(own, { closeConnection: true })
  }),
)

describe('pg driver', () => {
  test('the application’s global type parsers change nothing in the rows', async () => {
    const before = pg.types.getTypeParser(1700)
    pg.types.setTypeParser(1700, (v: string) => parseFloat(v))
    pg.types.setTypeParser(1082, (v: string) => new Date(v))
    try {
      const { rows } = await fromPg(pool).query("SELECT '0.10'::numeric AS n, '2024-01-02'::date AS d")
      expect(rows).toEqual([{ n: '0.10', d: '2024-01-02' }])
      expect((await pool.query("SELECT '0.10'::numeric AS n")).rows).toEqual([{ n: 0.1 }])
    } finally {
      pg.types.setTypeParser(1700, before)
      pg.types.setTypeParser(1082, (v: string) => v)
    }
  })

  test('the pool’s connections keep their own search_path', async () => {
    const { client, close } = await inSchema((schema) => fromPg(pool, { schema }))
    try {
      await client.query('SELECT 1')
      await client.transaction((tx) => tx.query('SELECT 1'))
      const seen = await Promise.all(
        Array.from({ length: 4 }, () =>
          pool.query<{ p: string }>("SELECT current_setting('search_path') AS p"),
        ),
      )
      expect(seen.map((r) => r.rows[0]?.p)).toEqual(Array(4).fill('"$user", public'))
    } finally {
      await close()
    }
  })

  test('transactions run without JIT compilation, and leave the connection’s setting as it was', async () => {
    const before = (await pool.query<{ jit: string }>("SELECT current_setting('jit') AS jit")).rows[0]?.jit
    for (const options of [{}, { schema: 'public' }]) {
      const client = fromPg(pool, options)
      const inside = await client.transaction((tx) =>
        tx.query<{ jit: string }>("SELECT current_setting('jit') AS jit"),
      )
      expect(inside.rows[0]?.jit).toBe('off')
    }
    const seen = await Promise.all(
      Array.from({ length: 4 }, () => pool.query<{ jit: string }>("SELECT current_setting('jit') AS jit")),
    )
    expect(seen.map((r) => r.rows[0]?.jit)).toEqual(Array(4).fill(before))
  })

  const terminateInTransaction = async (client: SqlClient, during: 'between statements' | 'a statement') =>
    sqlTransaction(client, 'write while the connection is cut', async (tx) => {
      await tx.query('INSERT INTO a VALUES (1)')
      const { rows } = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')
      const cut = admin.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid])
      if (during === 'between statements') {
        await cut
        await new Promise((resolve) => setTimeout(resolve, 50))
        await tx.query('INSERT INTO a VALUES (2)')
      } else await tx.query('SELECT pg_sleep(5)')
      return { _tag: 'Right', right: undefined } as const
    })()

  for (const during of ['between statements', 'a statement'] as const)
    test(`a connection cut during ${during} of a transaction: connectionLost, nothing kept, the pool goes on`, async () => {
      const own = new pg.Pool({ connectionString: url, max: 1 })
      own.on('error', () => undefined)
      const { client, close } = await inSchema((schema) => fromPg(own, { schema, closeConnection: true }))
      try {
        await client.exec('CREATE TABLE a (x int)')
        const outcome = await terminateInTransaction(client, during)
        expect(outcome).toMatchObject({
          _tag: 'Left',
          left: { _tag: 'StoreUnavailable', reason: 'connectionLost' },
        })
        expect((await client.query('SELECT count(*) AS n FROM a')).rows).toEqual([{ n: '0' }])
        expect(own.totalCount).toBe(1) // a new connection: the dead one was discarded
      } finally {
        await close()
      }
    })

  test('a connection cut with one Client: connectionLost, then every operation is connectionLost', async () => {
    const single = new pg.Client({ connectionString: url })
    single.on('error', () => undefined)
    await single.connect()
    const { client, close } = await inSchema((schema) => fromPg(single, { schema }))
    try {
      await client.exec('CREATE TABLE a (x int)')
      const outcome = await terminateInTransaction(client, 'between statements')
      expect(outcome).toMatchObject({ _tag: 'Left', left: { reason: 'connectionLost' } })
      const next = await client.query('SELECT 1').then(
        () => 'answered',
        (e: unknown) => classifySqlError(e),
      )
      expect(next).toBe('connectionLost')
    } finally {
      await close()
      await single.end().catch(() => undefined)
    }
  })
})
