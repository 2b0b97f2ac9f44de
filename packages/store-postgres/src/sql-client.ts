/**
 * A value a query parameter may take. Decimals go as strings (`'1234.50'`, cast with `$1::numeric`),
 * calendar dates as `'YYYY-MM-DD'` strings, instants as `Date`, JSON as `JSON.stringify(value)`
 * (cast with `$1::jsonb`: the drivers disagree on how they send a JS object or an array of objects),
 * arrays of scalars for `unnest($1::text[])`-style bulk writes.
 */
export type SqlValue =
  string | number | boolean | null | Date | ReadonlyArray<string | number | boolean | null>

/** The rows a statement returned (or none), and how many rows it returned or changed. */
export interface SqlResult<R> {
  readonly rows: ReadonlyArray<R>
  /** Rows returned by a `SELECT` (or `RETURNING`), rows changed by `INSERT`/`UPDATE`/`DELETE`. */
  readonly rowCount: number
}

/**
 * The little of a PostgreSQL connection the SQL stores are written against, the same on PGlite and on
 * a server. Rows come back with the same JavaScript types on both drivers, whatever the driver's or
 * the application's global settings:
 *
 * | SQL type | JavaScript |
 * |---|---|
 * | `numeric` | `string`, exactly as stored (`'1.500'`), never through a JS number |
 * | `int8` (`bigint`, `count(*)`) | `string` |
 * | `int2`, `int4`, `float4`, `float8` | `number` |
 * | `date` | `'YYYY-MM-DD'` string |
 * | `timestamptz` | `Date` |
 * | `json`, `jsonb` | parsed value |
 * | `text`, `varchar`, `uuid` | `string` |
 * | `bool` | `boolean` |
 * | arrays of the above | arrays of the same |
 *
 * (`timestamp` without a time zone is not normalised: do not use it.) The methods reject with the
 * driver's error (or a {@link SqlConnectionLost} / {@link SqlConnectFailed} the drivers put in its
 * place); stores turn that into a `StoreError` with `toStoreError`.
 */
export interface SqlClient {
  /** Which driver is underneath, for the rare statement that differs (a `COPY` fast path). */
  readonly driver: 'pglite' | 'pg'
  /** One statement, with `$1`-style parameters. Several statements in one text are refused. */
  readonly query: <R = Record<string, unknown>>(
    text: string,
    params?: ReadonlyArray<SqlValue>,
  ) => Promise<SqlResult<R>>
  /**
   * Runs `fn` in a transaction: committed when its promise resolves, rolled back when it rejects (the
   * rejection is passed on). Inside, use only `tx` — on PGlite a query on the outer client waits for
   * the transaction to end, which never comes. `tx.transaction` nests with a savepoint.
   */
  readonly transaction: <T>(fn: (tx: SqlClient) => Promise<T>) => Promise<T>
  /** A script of several statements without parameters (migrations), in one transaction. */
  readonly exec: (script: string) => Promise<void>
  /**
   * Lets go of what the client owns (the PGlite instance or the pool it created); a pool or an
   * instance the application passed stays open. On a transaction's `tx`, does nothing.
   */
  readonly close: () => Promise<void>
}

/**
 * Thrown by a driver in place of an error without a SQLSTATE or a Node code when it knows the
 * connection under the operation was lost (`Connection terminated unexpectedly`, a client no longer
 * queryable): its reason is then certain without reading a message.
 */
export interface SqlConnectionLost {
  readonly _tag: 'SqlConnectionLost'
  readonly cause: unknown
}

/** Thrown by a driver in place of any error raised while it was getting a connection. */
export interface SqlConnectFailed {
  readonly _tag: 'SqlConnectFailed'
  readonly cause: unknown
}

/** Marks an error as the loss of the connection under the operation. */
export const sqlConnectionLost = (cause: unknown): SqlConnectionLost => ({ _tag: 'SqlConnectionLost', cause })

/** Marks an error as a failure to get a connection at all. */
export const sqlConnectFailed = (cause: unknown): SqlConnectFailed => ({ _tag: 'SqlConnectFailed', cause })
