import * as E from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import { schemaTooNew } from '@bankfeed/core/store'
import type { StoreError } from '@bankfeed/core'
import { MIGRATIONS } from './migrations/index.js'
import type { Migration } from './migrations/index.js'
import { checkSchemaName } from './schema-name.js'
import type { SqlClient } from './sql-client.js'
import { sqlTask, sqlTransaction } from './sql-task.js'

/** What {@link migrate} did: the schema version found, the one left, and the versions applied. */
export interface MigrationOutcome {
  readonly from: number
  readonly to: number
  readonly applied: ReadonlyArray<number>
}

/** Options of {@link migrate}. */
export interface MigrateOptions {
  /** The schema the client's statements run in (where `schema_version` lives). */
  readonly schema: string
  /** Default: every migration of this package ({@link MIGRATIONS}). */
  readonly migrations?: ReadonlyArray<Migration>
}

/**
 * The last version of `migrations`, after checking they run 1, 2, 3… A list out of order is a bug
 * of the package: it throws.
 */
export const latestSchemaVersion = (migrations: ReadonlyArray<Migration> = MIGRATIONS): number => {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`migration ${JSON.stringify(m.name)} has version ${m.version}; expected ${i + 1}`)
  })
  return migrations.length
}

/** The schema version this package writes: the last of its migrations. */
export const SCHEMA_VERSION: number = latestSchemaVersion(MIGRATIONS)

// Any constant: it only has to be the same for every bankfeed process (the second key is the schema).
const LOCK_CLASS = 0x62616e6b // "bank"

const readVersion = async (client: SqlClient, schema: string): Promise<number> => {
  const table = await client.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [
    `${schema}.schema_version`,
  ])
  if (table.rows[0]?.present !== true) return 0
  const found = await client.query<{ version: number }>(
    `SELECT coalesce(max(version), 0)::int4 AS version FROM ${schema}.schema_version`,
  )
  return found.rows[0]?.version ?? 0
}

/**
 * Brings the schema up to the last of `migrations`: each pending one is applied in its own
 * transaction and recorded in `schema_version`, under a transaction-scoped advisory lock, so that
 * processes opening the same database at once apply each migration exactly once (the others wait,
 * then find it applied). A database already up to date is only read (a read-only replica opens). A
 * database whose version is newer than `migrations` know is refused with `SchemaTooNew` and left
 * untouched.
 */
export const migrate = (
  client: SqlClient,
  options: MigrateOptions,
): TaskEither<StoreError, MigrationOutcome> => {
  const schema = checkSchemaName(options.schema)
  const migrations = options.migrations ?? MIGRATIONS
  const latest = latestSchemaVersion(migrations)
  return async () => {
    const found = await sqlTask(`read the schema version of ${schema}`, () => readVersion(client, schema))()
    if (E.isLeft(found)) return found
    const from = found.right
    if (from > latest) return E.left(schemaTooNew(from, latest))
    const applied: number[] = []
    for (const migration of migrations) {
      if (migration.version <= from) continue
      const step = await sqlTransaction(
        client,
        `apply migration ${migration.version} (${migration.name}) to ${schema}`,
        async (tx) => {
          await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CLASS, schema])
          const exists = await tx.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])
          if (exists.rowCount === 0) await tx.query(`CREATE SCHEMA ${schema}`)
          await tx.query(
            `CREATE TABLE IF NOT EXISTS ${schema}.schema_version (
               version integer PRIMARY KEY,
               name text NOT NULL,
               applied_at timestamptz NOT NULL DEFAULT now()
             )`,
          )
          // Another process may have gone first while this one waited for the lock.
          const current = await readVersion(tx, schema)
          if (current > latest) return E.left(schemaTooNew(current, latest))
          if (current >= migration.version) return E.right(false)
          await tx.exec(migration.sql)
          await tx.query(`INSERT INTO ${schema}.schema_version (version, name) VALUES ($1, $2)`, [
            migration.version,
            migration.name,
          ])
          return E.right(true)
        },
      )()
      if (E.isLeft(step)) return step
      if (step.right) applied.push(migration.version)
    }
    return E.right({ from, to: Math.max(from, latest), applied })
  }
}
