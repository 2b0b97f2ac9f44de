/**
 * @bankfeed/store-postgres — bankfeed's store ports on PostgreSQL: embedded PGlite (a data
 * directory, or memory) by default, a PostgreSQL server through node-postgres in production.
 *
 * @module @bankfeed/store-postgres
 */

// Opening a store
export { backupEmbedded, openEmbeddedStore, openServerStore } from './open.js'
export type {
  EmbeddedLocation,
  EmbeddedSqlStore,
  EmbeddedStoreOptions,
  ServerSource,
  ServerStoreOptions,
} from './open.js'
export { makeSqlStore, openSqlStore } from './sql-store.js'
export type { OpenSqlStoreOptions, SqlStore } from './sql-store.js'

// The SQL client and its drivers
export { sqlConnectFailed, sqlConnectionLost } from './sql-client.js'
export type { SqlClient, SqlConnectFailed, SqlConnectionLost, SqlResult, SqlValue } from './sql-client.js'
export { fromPglite } from './drivers/pglite.js'
export type { FromPgliteOptions } from './drivers/pglite.js'
export { fromPg } from './drivers/pg.js'
export type {
  FromPgOptions,
  PgClientLike,
  PgPoolClientLike,
  PgPoolLike,
  PgQueryConfig,
} from './drivers/pg.js'
export { TYPE_PARSERS, parseArrayLiteral, parseTimestamptz } from './type-parsers.js'
export type { TextParser } from './type-parsers.js'
export { DEFAULT_SCHEMA, checkSchemaName, isSchemaName } from './schema-name.js'

// Errors and tasks
export { classifySqlError, redactSecrets, redactUrlCredentials, toStoreError } from './store-errors.js'
export type { SqlErrorKind } from './store-errors.js'
export { sqlTask, sqlTransaction } from './sql-task.js'

// Migrations
export { SCHEMA_VERSION, latestSchemaVersion, migrate } from './migrate.js'
export type { MigrateOptions, MigrationOutcome } from './migrate.js'
export { MIGRATIONS } from './migrations/index.js'
export type { Migration } from './migrations/index.js'

// The embedded lock
export { LOCK_FILE, acquireDataDirLock } from './pglite-lock.js'
export type { DataDirLock, LockHolder } from './pglite-lock.js'

// The stores
export { makeSqlConnectionStateStore } from './connection-state-store.js'
export { makeSqlDossierStore } from './dossier-store.js'
export { makeSqlLedgerStore } from './ledger/sql-ledger-store.js'
export type { ErrorMapper, SqlLedgerStore } from './ledger/sql-ledger-store.js'
