import type { PGliteInterface, Transaction } from '@electric-sql/pglite'
import { checkSchemaName, PIN_TRANSACTION_SETTINGS } from '../schema-name.js'
import type { SqlClient, SqlResult, SqlValue } from '../sql-client.js'
import { TYPE_PARSERS } from '../type-parsers.js'
import { withSavepoint } from './savepoint.js'

/** Options of {@link fromPglite}. */
export interface FromPgliteOptions {
  /**
   * The schema every statement runs in, pinned at the start of each transaction (a query outside one
   * runs in its own): several stores, or pg-boss, can then share one PGlite instance. Without it,
   * statements use the instance's own `search_path`.
   */
  readonly schema?: string
  /** Whether `close()` closes the instance too. Default `false`: the instance stays the caller's. */
  readonly closeInstance?: boolean
}

const OPTIONS = { parsers: TYPE_PARSERS }

type Queryable = Pick<Transaction, 'query' | 'exec'>

const runQuery = async <R>(
  on: Queryable,
  text: string,
  params: ReadonlyArray<SqlValue> | undefined,
): Promise<SqlResult<R>> => {
  const result = await on.query<R>(text, params === undefined ? [] : [...params], OPTIONS)
  return { rows: result.rows, rowCount: result.rowCount ?? result.affectedRows ?? result.rows.length }
}

const txClient = (tx: Transaction): SqlClient => {
  const self: SqlClient = {
    driver: 'pglite',
    query: (text, params) => runQuery(tx, text, params),
    transaction: (fn) => withSavepoint(self, fn),
    exec: async (script) => {
      await tx.exec(script)
    },
    close: () => Promise.resolve(),
  }
  return self
}

/**
 * A {@link SqlClient} over a PGlite instance (embedded PostgreSQL in WebAssembly). Transactions use
 * PGlite's own, which serialises everything through its single backend; inside one, only the `tx`
 * handle is used (a query on the instance itself would wait forever for the transaction to end).
 */
export const fromPglite = (pglite: PGliteInterface, options: FromPgliteOptions = {}): SqlClient => {
  const schema = options.schema === undefined ? undefined : checkSchemaName(options.schema)
  const transaction = <T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> =>
    pglite.transaction(async (tx) => {
      if (schema !== undefined) await tx.query(PIN_TRANSACTION_SETTINGS, [schema])
      return fn(txClient(tx))
    })
  return {
    driver: 'pglite',
    query: (text, params) =>
      schema === undefined ? runQuery(pglite, text, params) : transaction((tx) => tx.query(text, params)),
    transaction,
    exec: async (script) => {
      if (schema === undefined) await pglite.exec(script)
      else await transaction((tx) => tx.exec(script))
    },
    close: async () => {
      if (options.closeInstance === true && !pglite.closed) await pglite.close()
    },
  }
}
