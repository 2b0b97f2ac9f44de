import pg from 'pg'
import { checkSchemaName, PIN_TRANSACTION_SETTINGS } from '../schema-name.js'
import { sqlConnectFailed, sqlConnectionLost } from '../sql-client.js'
import type { SqlClient, SqlResult, SqlValue } from '../sql-client.js'
import { TYPE_PARSERS } from '../type-parsers.js'
import { withSavepoint } from './savepoint.js'

// Structural types of the little of node-postgres used here, so that the package's declarations do
// not require @types/pg: a `pg.Pool`, `pg.Client` or checked-out `pg.PoolClient` fits them.

/** A query as node-postgres takes it. */
export interface PgQueryConfig {
  readonly text: string
  readonly values?: unknown[]
  readonly types?: { readonly getTypeParser: (oid: number, format?: 'text' | 'binary') => unknown }
  readonly queryMode?: 'extended'
}

/** One connection of node-postgres: a `pg.Client` or a `pg.PoolClient`. */
export interface PgClientLike {
  query(config: PgQueryConfig): Promise<unknown>
  on(event: 'error', listener: (error: Error) => void): unknown
  on(event: 'end', listener: () => void): unknown
  removeListener(event: 'error' | 'end', listener: (error: Error) => void): unknown
}

/** A connection checked out of a pool. */
export interface PgPoolClientLike extends PgClientLike {
  release(error?: Error | boolean): void
}

/** A node-postgres `pg.Pool`. */
export interface PgPoolLike {
  connect(): Promise<PgPoolClientLike>
  end(): Promise<void>
  readonly totalCount: number
}

/** Options of {@link fromPg}. */
export interface FromPgOptions {
  /**
   * The schema every statement runs in, pinned with `SET LOCAL` at the start of each transaction (a
   * query outside one runs in its own), so that the pool's connections are left as they were for the
   * application's other work. Without it, statements use the connection's own `search_path`.
   */
  readonly schema?: string
  /** Whether `close()` ends the pool (or the client) too. Default `false`: it stays the caller's. */
  readonly closeConnection?: boolean
}

/**
 * JIT compilation off, for the transaction only (`SET LOCAL`). The server compiles a query to machine
 * code once its estimated cost passes `jit_above_cost`; the store's statements are batches of index
 * probes whose estimates grow with the tables' statistics, and at 10 M movements a slice read passed
 * it: each `SLICE_MOVEMENTS` of the benchmark spent about 0.6 s compiling (`auto_explain`: JIT total
 * 594 ms) to run in milliseconds, and the sync slowed with the history for that alone.
 */
const JIT_OFF = "set_config('jit', 'off', true)"
const NO_JIT = `SELECT ${JIT_OFF}`

const TYPES = {
  getTypeParser: (oid: number, format: 'text' | 'binary' = 'text'): unknown =>
    (format === 'text' ? TYPE_PARSERS[oid] : undefined) ?? pg.types.getTypeParser(oid, format),
}

interface QueryResultLike {
  readonly rows: ReadonlyArray<unknown>
  readonly rowCount: number | null
}

/** A connection lent for one operation, watching for its loss. */
interface Session {
  readonly client: PgClientLike
  /** The error that killed the connection, once it died. */
  readonly lost: () => Error | null
  readonly release: (error?: Error) => void
}

const isPool = (x: PgPoolLike | PgClientLike): x is PgPoolLike =>
  typeof (x as Partial<PgPoolLike>).totalCount === 'number'

const hasCode = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string'

const asError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)))

/** A session source over a pool: each operation checks a client out, and gives it back. */
const poolSessions = (pool: PgPoolLike): (() => Promise<Session>) => {
  return async () => {
    let client: PgPoolClientLike
    try {
      client = await pool.connect()
    } catch (error) {
      throw sqlConnectFailed(error)
    }
    let lost: Error | null = null
    // A checked-out client has no error listener of the pool's: without one, a connection dying
    // between two statements would crash the process.
    const onError = (error: Error): void => {
      lost ??= error
    }
    const onEnd = (): void => {
      lost ??= new Error('connection ended')
    }
    client.on('error', onError)
    client.on('end', onEnd)
    return {
      client,
      lost: () => lost,
      release: (error) => {
        client.removeListener('error', onError)
        client.removeListener('end', onEnd)
        // An error makes the pool discard the client instead of lending it again.
        client.release(lost ?? error)
      },
    }
  }
}

/** A session source over one client: operations wait for each other, as PGlite's do. */
const clientSessions = (client: PgClientLike): { open: () => Promise<Session>; stop: () => void } => {
  let lost: Error | null = null
  const onError = (error: Error): void => {
    lost ??= error
  }
  const onEnd = (): void => {
    lost ??= new Error('connection ended')
  }
  client.on('error', onError)
  client.on('end', onEnd)
  let queue: Promise<void> = Promise.resolve()
  return {
    open: async () => {
      let release!: () => void
      const turn = new Promise<void>((resolve) => {
        release = resolve
      })
      const previous = queue
      queue = previous.then(() => turn)
      await previous
      return { client, lost: () => lost, release: () => release() }
    },
    stop: () => {
      client.removeListener('error', onError)
      client.removeListener('end', onEnd)
    },
  }
}

const run = async (session: Session, config: PgQueryConfig): Promise<unknown> => {
  try {
    return await session.client.query(config)
  } catch (error) {
    if (hasCode(error)) throw error
    // pg reports a dead socket by events and by errors without a code ("Connection terminated
    // unexpectedly", "…not queryable"); the events have fired by the next turn.
    await new Promise((resolve) => setImmediate(resolve))
    throw session.lost() === null ? error : sqlConnectionLost(error)
  }
}

const runQuery = async <R>(
  session: Session,
  text: string,
  params: ReadonlyArray<SqlValue> | undefined,
): Promise<SqlResult<R>> => {
  const result = (await run(session, {
    text,
    values: params === undefined ? [] : [...params],
    types: TYPES,
    // The extended protocol refuses several statements in one text, as PGlite's query does.
    queryMode: 'extended',
  })) as QueryResultLike
  return { rows: result.rows as ReadonlyArray<R>, rowCount: result.rowCount ?? result.rows.length }
}

const sessionClient = (session: Session): SqlClient => {
  const self: SqlClient = {
    driver: 'pg',
    query: (text, params) => runQuery(session, text, params),
    transaction: (fn) => withSavepoint(self, fn),
    exec: async (script) => {
      await run(session, { text: script })
    },
    close: () => Promise.resolve(),
  }
  return self
}

/**
 * A {@link SqlClient} over node-postgres: a `pg.Pool` (each transaction checks a client out, runs
 * `BEGIN` … `COMMIT` or `ROLLBACK` on it and releases it; a client whose connection broke is released
 * with the error, so the pool discards it) or one connected `pg.Client` (operations then wait for
 * each other). Type parsers are given per query: pg's global `setTypeParser` settings of the
 * application are neither needed nor changed.
 */
export const fromPg = (poolOrClient: PgPoolLike | PgClientLike, options: FromPgOptions = {}): SqlClient => {
  const schema = options.schema === undefined ? undefined : checkSchemaName(options.schema)
  const single = isPool(poolOrClient) ? null : clientSessions(poolOrClient)
  const open = single === null ? poolSessions(poolOrClient as PgPoolLike) : single.open

  const transaction = async <T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> => {
    const session = await open()
    let broken: Error | undefined
    const rollback = async (): Promise<void> => {
      try {
        await run(session, { text: 'ROLLBACK' })
      } catch (error) {
        broken = asError(error)
      }
    }
    try {
      await run(session, { text: 'BEGIN' })
      await run(
        session,
        schema === undefined
          ? { text: NO_JIT }
          : { text: `${PIN_TRANSACTION_SETTINGS}, ${JIT_OFF}`, values: [schema], queryMode: 'extended' },
      )
      let result: T
      try {
        result = await fn(sessionClient(session))
      } catch (error) {
        await rollback()
        throw error
      }
      try {
        await run(session, { text: 'COMMIT' })
      } catch (error) {
        // A failed COMMIT has ended the transaction already; the ROLLBACK only tells whether the
        // connection still works.
        await rollback()
        throw error
      }
      return result
    } finally {
      session.release(broken)
    }
  }

  return {
    driver: 'pg',
    query: async (text, params) => {
      if (schema !== undefined) return transaction((tx) => tx.query(text, params))
      const session = await open()
      try {
        return await runQuery(session, text, params)
      } finally {
        session.release()
      }
    },
    transaction,
    exec: async (script) => {
      if (schema !== undefined) return transaction((tx) => tx.exec(script))
      const session = await open()
      try {
        await run(session, { text: script })
      } finally {
        session.release()
      }
    },
    close: async () => {
      single?.stop()
      if (options.closeConnection === true) {
        if (isPool(poolOrClient)) await poolOrClient.end()
        else await (poolOrClient as PgClientLike & { end?: () => Promise<void> }).end?.()
      }
    },
  }
}
