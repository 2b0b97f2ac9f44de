import type { SqlClient } from '../sql-client.js'

let next = 0

/**
 * A transaction inside a transaction: `fn`'s work is kept when it resolves and undone when it rejects,
 * leaving the enclosing transaction usable. Lets a function that opens a transaction be called from
 * inside another one.
 */
export const withSavepoint = async <T>(tx: SqlClient, fn: (tx: SqlClient) => Promise<T>): Promise<T> => {
  next += 1
  const name = `bankfeed_savepoint_${next}`
  await tx.query(`SAVEPOINT ${name}`)
  let result: T
  try {
    result = await fn(tx)
  } catch (error) {
    try {
      await tx.query(`ROLLBACK TO SAVEPOINT ${name}`)
    } catch {
      // The connection is gone or the transaction aborted: the enclosing rollback says so.
    }
    throw error
  }
  await tx.query(`RELEASE SAVEPOINT ${name}`)
  return result
}
