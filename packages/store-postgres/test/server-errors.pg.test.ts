import { createServer } from 'node:net'
import { localDate } from '@bankfeed/core'
import * as E from 'fp-ts/lib/Either.js'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { ConnectionState } from '@bankfeed/core'
import { MIGRATIONS, SCHEMA_VERSION, openServerStore } from '../src/index.js'
import type { SqlStore } from '../src/index.js'
import { serverTestUrl, uniqueSchema } from './support/pglite-template.js'

const url = serverTestUrl()

const STATE: ConnectionState = {
  status: { attachment: 'attached', problem: null, consentExpiresOn: localDate('2026-09-30') },
  reauth: { emailedOn: null },
  lastCollectedOn: localDate('2026-03-14'),
  lastFailedOn: null,
  warnedFor: null,
}

/** A port nothing listens on. */
const closedPort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

const withUrl = (base: string, change: (u: URL) => void): string => {
  const u = new URL(base)
  change(u)
  return u.toString()
}

let admin: pg.Pool
const schemas: string[] = []
const newSchema = (): string => {
  const s = uniqueSchema()
  schemas.push(s)
  return s
}
const open = async (
  schema: string,
  source: Parameters<typeof openServerStore>[0] = { url },
): Promise<SqlStore> => {
  const opened = await openServerStore(source, { schema })()
  if (E.isLeft(opened)) throw new Error(opened.left.message)
  return opened.right
}
beforeAll(() => {
  admin = new pg.Pool({ connectionString: url, max: 2 })
})
afterAll(async () => {
  for (const s of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`)
  await admin.end()
})

describe('a bad database gives a typed StoreError, never a throw', () => {
  test('an unreachable server (a closed port): unreachable, and no password in the message', async () => {
    const port = await closedPort()
    const target = withUrl(url, (u) => {
      u.port = String(port)
      u.username = 'app'
      u.password = 'Sup3r-Secret!'
    })
    const opened = await openServerStore({ url: target, connectionTimeoutMillis: 2000 })()
    expect(opened).toEqual(
      E.left(expect.objectContaining({ _tag: 'StoreUnavailable', reason: 'unreachable' })),
    )
    const message = E.isLeft(opened) ? opened.left.message : ''
    expect(message).not.toContain('Sup3r')
    expect(message).toContain(`postgres://app:***@127.0.0.1:${port}/`)
    expect(message).toContain('ECONNREFUSED')
  })

  test('an unknown database or role: unreachable', async () => {
    for (const target of [
      withUrl(url, (u) => (u.pathname = '/bankfeed_no_such_database')),
      withUrl(url, (u) => {
        u.username = 'bankfeed_no_such_role'
        u.password = 'whatever-pw'
      }),
    ]) {
      const opened = await openServerStore({ url: target })()
      expect(opened).toEqual(
        E.left(expect.objectContaining({ _tag: 'StoreUnavailable', reason: 'unreachable' })),
      )
      expect(E.isLeft(opened) ? opened.left.message : '').not.toContain('whatever-pw')
    }
  })

  test('a URL that is not one: failed, said so', async () => {
    expect(await openServerStore({ url: 'not a url' })()).toEqual(
      E.left(
        expect.objectContaining({
          reason: 'failed',
          message: 'open the database not a url: not a valid URL',
        }),
      ),
    )
  })

  test('a read-only session (default_transaction_read_only): reads work, writes are readOnly and write nothing', async () => {
    const schema = newSchema()
    const writable = await open(schema)
    await writable.connectionStates.save('c1', STATE, 0)()
    for (const source of [
      { url: withUrl(url, (u) => u.searchParams.set('options', '-c default_transaction_read_only=on')) },
      { pool: new pg.Pool({ connectionString: url, options: '-c default_transaction_read_only=on' }) },
    ]) {
      const readOnly = await open(schema, source)
      try {
        expect(await readOnly.connectionStates.load('c1')()).toEqual(E.right({ state: STATE, version: 1 }))
        expect(await readOnly.connectionStates.save('c1', { ...STATE, warnedFor: null }, 1)()).toEqual(
          E.left(expect.objectContaining({ _tag: 'StoreUnavailable', reason: 'readOnly' })),
        )
        expect(await readOnly.dossiers.get('NONE')()).toEqual(
          E.left(expect.objectContaining({ _tag: 'NotFound' })),
        )
      } finally {
        await readOnly.close()
        if ('pool' in source) await source.pool.end()
      }
    }
    expect(await writable.connectionStates.load('c1')()).toEqual(E.right({ state: STATE, version: 1 }))
    await writable.close()
    // A read-only database that still needs a migration cannot be opened.
    const pending = await openServerStore(
      { url: withUrl(url, (u) => u.searchParams.set('options', '-c default_transaction_read_only=on')) },
      { schema: newSchema() },
    )()
    expect(pending).toEqual(E.left(expect.objectContaining({ _tag: 'StoreUnavailable', reason: 'readOnly' })))
  })

  test('a newer schema: SchemaTooNew, untouched', async () => {
    const schema = newSchema()
    await (await open(schema)).close()
    await admin.query(`INSERT INTO ${schema}.schema_version (version, name) VALUES ($1, 'future')`, [
      SCHEMA_VERSION + 1,
    ])
    expect(await openServerStore({ url }, { schema })()).toEqual(
      E.left(
        expect.objectContaining({
          _tag: 'SchemaTooNew',
          found: SCHEMA_VERSION + 1,
          supported: SCHEMA_VERSION,
        }),
      ),
    )
    expect((await admin.query(`SELECT count(*)::int4 AS n FROM ${schema}.schema_version`)).rows).toEqual([
      { n: MIGRATIONS.length + 1 },
    ])
  })

  test('a connection the server ends while idle in the pool is replaced, not an error', async () => {
    const store = await open(newSchema(), { url, max: 1 })
    try {
      await store.connectionStates.save('c1', STATE, 0)()
      const { rows } = await store.client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')
      expect((await admin.query('SELECT pg_terminate_backend($1) AS done', [rows[0]?.pid])).rows).toEqual([
        { done: true },
      ])
      await new Promise((resolve) => setTimeout(resolve, 100))
      expect(await store.connectionStates.load('c1')()).toEqual(E.right({ state: STATE, version: 1 }))
    } finally {
      await store.close()
    }
  })
})

describe('migrations on a server', () => {
  test('processes opening a new schema at once apply each migration exactly once', async () => {
    const schema = newSchema()
    const opened = await Promise.all(
      Array.from({ length: 4 }, () => openServerStore({ url, max: 1 }, { schema })()),
    )
    expect(opened.map((o) => o._tag)).toEqual(['Right', 'Right', 'Right', 'Right'])
    for (const o of opened) if (E.isRight(o)) await o.right.close()
    expect((await admin.query(`SELECT version FROM ${schema}.schema_version ORDER BY version`)).rows).toEqual(
      MIGRATIONS.map((m) => ({ version: m.version })),
    )
  })

  test('the store’s own pool puts the schema on its connections; the application’s keep theirs', async () => {
    const schema = newSchema()
    const own = await open(schema)
    expect((await own.client.query("SELECT current_setting('search_path') AS p")).rows).toEqual([
      { p: schema },
    ])
    await own.close()
    const appPool = new pg.Pool({ connectionString: url, max: 1 })
    const shared = await open(schema, { pool: appPool })
    await shared.connectionStates.save('c9', STATE, 0)()
    expect((await appPool.query("SELECT current_setting('search_path') AS p")).rows).toEqual([
      { p: '"$user", public' },
    ])
    await shared.close()
    expect((await appPool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]) // still open
    await appPool.end()
  })
})
