import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { concurrentUpdate } from '@bankfeed/core/store'
import { sqlTransaction } from '../../src/index.js'
import type { SqlClient } from '../../src/index.js'

/** A client in a schema of its own, and how to drop it. */
export interface ClientUnderTest {
  readonly client: SqlClient
  readonly close: () => Promise<void>
}

const withClient = async (make: () => Promise<ClientUnderTest>, body: (c: SqlClient) => Promise<void>) => {
  const { client, close } = await make()
  try {
    await body(client)
  } finally {
    await close()
  }
}

/** What every driver must do alike: the same rows, the same transactions. */
export const runSqlClientSuite = (name: string, make: () => Promise<ClientUnderTest>): void => {
  const run = (title: string, body: (c: SqlClient) => Promise<void>) =>
    test(title, () => withClient(make, body))

  describe(`${name} SQL client`, () => {
    run('reads every type the same way: exact decimals and int8 as strings, dates as days', async (c) => {
      const { rows } = await c.query(
        `SELECT '1.500'::numeric(18,3) AS n, '12345678901234567.891'::numeric AS big,
                '9007199254740993'::int8 AS i8, count(*) AS cnt, 42::int4 AS i4, 1.5::float8 AS f8,
                '2024-01-02'::date AS d, '2024-01-02 10:00:00.123456+01'::timestamptz AS ts,
                '{"a": [1, "é"], "b": null}'::jsonb AS j, true AS yes, 'x'::text AS t,
                ARRAY['2024-01-02', '2024-02-29']::date[] AS ds, ARRAY['1.10', '2']::numeric[] AS ns,
                ARRAY['9007199254740993']::int8[] AS i8s, ARRAY['a,b', 'c"d', NULL]::text[] AS ts2,
                NULL::date AS nothing
         FROM (VALUES (1)) v`,
      )
      expect(rows).toEqual([
        {
          n: '1.500',
          big: '12345678901234567.891',
          i8: '9007199254740993',
          cnt: '1',
          i4: 42,
          f8: 1.5,
          d: '2024-01-02',
          ts: new Date('2024-01-02T09:00:00.123Z'),
          j: { a: [1, 'é'], b: null },
          yes: true,
          t: 'x',
          ds: ['2024-01-02', '2024-02-29'],
          ns: ['1.10', '2'],
          i8s: ['9007199254740993'],
          ts2: ['a,b', 'c"d', null],
          nothing: null,
        },
      ])
    })

    run('an instant reads back the same in any session time zone', async (c) => {
      const at = new Date('2026-03-29T00:59:59.999Z') // an hour before Paris moves its clocks
      for (const zone of ['UTC', 'Europe/Paris', 'America/St_Johns', 'Asia/Kathmandu'])
        await c.transaction(async (tx) => {
          await tx.query(`SET LOCAL TimeZone = '${zone}'`)
          const { rows } = await tx.query<{ ts: Date; d: string }>(
            "SELECT $1::timestamptz AS ts, '2026-03-29'::date AS d",
            [at],
          )
          expect(rows).toEqual([{ ts: at, d: '2026-03-29' }])
        })
    })

    run('parameters: decimals as strings, dates as days, JSON as text, arrays for unnest', async (c) => {
      await c.exec('CREATE TABLE t (id int PRIMARY KEY, amount numeric(18,3), day date, doc jsonb)')
      const inserted = await c.query(
        'INSERT INTO t SELECT * FROM unnest($1::int[], $2::numeric[], $3::date[], $4::jsonb[])',
        [
          [1, 2],
          ['0.001', '-99999999999999.999'],
          ['2024-02-29', '1999-12-31'],
          [JSON.stringify({ label: 'Société 🧾' }), JSON.stringify([1, 2])],
        ],
      )
      expect(inserted.rowCount).toBe(2)
      const { rows, rowCount } = await c.query('SELECT * FROM t WHERE day > $1 ORDER BY id', ['1900-01-01'])
      expect(rowCount).toBe(2)
      expect(rows).toEqual([
        { id: 1, amount: '0.001', day: '2024-02-29', doc: { label: 'Société 🧾' } },
        { id: 2, amount: '-99999999999999.999', day: '1999-12-31', doc: [1, 2] },
      ])
      expect((await c.query('UPDATE t SET amount = amount + 1')).rowCount).toBe(2)
      expect((await c.query('DELETE FROM t WHERE id = 3')).rowCount).toBe(0)
    })

    run('one statement per query; exec runs a script', async (c) => {
      await expect(c.query('SELECT 1; SELECT 2')).rejects.toMatchObject({ code: '42601' })
      await c.exec('CREATE TABLE a (x int); INSERT INTO a VALUES (1); INSERT INTO a VALUES (2);')
      expect((await c.query('SELECT count(*)::int4 AS n FROM a')).rows).toEqual([{ n: 2 }])
    })

    run('a transaction commits when its function resolves, rolls back when it rejects', async (c) => {
      await c.exec('CREATE TABLE a (x int)')
      expect(
        await c.transaction(async (tx) => {
          await tx.query('INSERT INTO a VALUES (1)')
          return 'done'
        }),
      ).toBe('done')
      const boom = new Error('boom')
      await expect(
        c.transaction(async (tx) => {
          await tx.query('INSERT INTO a VALUES (2)')
          throw boom
        }),
      ).rejects.toBe(boom)
      await expect(
        c.transaction(async (tx) => {
          await tx.query('INSERT INTO a VALUES (3)')
          await tx.query('INSERT INTO a VALUES (1/0)')
        }),
      ).rejects.toMatchObject({ code: '22012' })
      expect((await c.query('SELECT x FROM a ORDER BY x')).rows).toEqual([{ x: 1 }])
    })

    run('a nested transaction is a savepoint', async (c) => {
      await c.exec('CREATE TABLE a (x int)')
      await c.transaction(async (tx) => {
        await tx.query('INSERT INTO a VALUES (1)')
        await expect(
          tx.transaction(async (inner) => {
            await inner.query('INSERT INTO a VALUES (2)')
            throw new Error('undo the inner part')
          }),
        ).rejects.toThrow('undo the inner part')
        await tx.transaction((inner) => inner.query('INSERT INTO a VALUES (3)'))
      })
      expect((await c.query('SELECT x FROM a ORDER BY x')).rows).toEqual([{ x: 1 }, { x: 3 }])
    })

    run('transactions started together both complete, one after the other', async (c) => {
      await c.exec('CREATE TABLE counter (n int); INSERT INTO counter VALUES (0)')
      await Promise.all(
        Array.from({ length: 5 }, () =>
          c.transaction(async (tx) => {
            const { rows } = await tx.query<{ n: number }>('SELECT n FROM counter FOR UPDATE')
            await tx.query('UPDATE counter SET n = $1', [(rows[0]?.n ?? 0) + 1])
          }),
        ),
      )
      expect((await c.query('SELECT n FROM counter')).rows).toEqual([{ n: 5 }])
    })

    run('sqlTransaction: a Left rolls back and is the answer; a driver error is a StoreError', async (c) => {
      await c.exec('CREATE TABLE a (x int PRIMARY KEY)')
      const refused = await sqlTransaction(c, 'refuse', async (tx) => {
        await tx.query('INSERT INTO a VALUES (1)')
        return E.left(concurrentUpdate('moved'))
      })()
      expect(refused).toEqual(E.left(concurrentUpdate('moved')))
      const failed = await sqlTransaction(c, 'insert twice', async (tx) => {
        await tx.query('INSERT INTO a VALUES (2)')
        await tx.query('INSERT INTO a VALUES (2)')
        return E.right(undefined)
      })()
      expect(failed).toMatchObject({
        _tag: 'Left',
        left: {
          _tag: 'StoreUnavailable',
          reason: 'failed',
          message: expect.stringMatching(/^insert twice: .*23505/),
        },
      })
      expect(
        await sqlTransaction(c, 'ok', async (tx) => E.right((await tx.query('SELECT 1 AS one')).rows))(),
      ).toEqual(E.right([{ one: 1 }]))
      expect((await c.query('SELECT * FROM a')).rows).toEqual([])
    })

    run('the schema is the client’s: tables land in it and are found in it only', async (c) => {
      await c.exec('CREATE TABLE mine (x int)')
      const { rows } = await c.query<{ schema: string }>(
        "SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = 'mine'",
      )
      expect(rows).toHaveLength(1)
      expect(rows[0]?.schema).toMatch(/^t_/)
      expect((await c.query<{ s: string }>("SELECT current_setting('search_path') AS s")).rows).toEqual([
        { s: rows[0]?.schema },
      ])
    })
  })
}
