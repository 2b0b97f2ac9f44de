import { migrate } from '../../src/migrate.js'
import type { SqlClient } from '../../src/sql-client.js'

/** `client` with the store's schema `schema` migrated to the latest version, or a thrown test error. */
export const migrated = async (client: SqlClient, schema: string): Promise<SqlClient> => {
  const done = await migrate(client, { schema })()
  if (done._tag === 'Left') throw new Error(done.left.message)
  return client
}
