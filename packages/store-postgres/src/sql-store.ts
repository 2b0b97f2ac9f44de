import * as TE from 'fp-ts/lib/TaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import type { ConnectionStateStore, DossierStore, StoreError } from '@bankfeed/core'
import { makeSqlConnectionStateStore } from './connection-state-store.js'
import { makeSqlDossierStore } from './dossier-store.js'
import { makeSqlLedgerStore } from './ledger/sql-ledger-store.js'
import type { SqlLedgerStore } from './ledger/sql-ledger-store.js'
import { migrate } from './migrate.js'
import { toStoreError } from './store-errors.js'
import type { Migration } from './migrations/index.js'
import { checkSchemaName, DEFAULT_SCHEMA } from './schema-name.js'
import type { SqlClient } from './sql-client.js'

/** Every store of one database (one schema), and the client under them. */
export interface SqlStore {
  /** The client the stores use, for work of the application's own in the same database. */
  readonly client: SqlClient
  /** The schema the stores' tables are in. */
  readonly schema: string
  /** The schema version of the database once opened. */
  readonly schemaVersion: number
  readonly connectionStates: ConnectionStateStore
  readonly dossiers: DossierStore
  /** Ledgers, cursors, the outbox, notices and the unmatched queue (see `makeSqlLedgerStore`). */
  readonly ledgers: SqlLedgerStore
  /** Closes what the store opened (the PGlite instance and its lock, or the pool it created). Never rejects. */
  readonly close: () => Promise<void>
}

/** Options of {@link openSqlStore}. */
export interface OpenSqlStoreOptions {
  /** The schema the client's statements run in. Default `bankfeed`. */
  readonly schema?: string
  /** Called by `close()` after the client is closed (a lock to release). */
  readonly onClose?: () => void
  /** Default: this package's migrations. */
  readonly migrations?: ReadonlyArray<Migration>
}

/** The stores over `client`, built in this one place. */
export const makeSqlStore = (
  client: SqlClient,
  schema: string,
  schemaVersion: number,
  onClose: () => void = () => undefined,
): SqlStore => {
  let closed: Promise<void> | null = null
  return {
    client,
    schema,
    schemaVersion,
    connectionStates: makeSqlConnectionStateStore(client),
    dossiers: makeSqlDossierStore(client),
    ledgers: makeSqlLedgerStore(client, (operation, error) => toStoreError(operation)(error)),
    close: () => {
      closed ??= client
        .close()
        .catch(() => undefined)
        .finally(onClose)
      return closed
    },
  }
}

/**
 * Migrates the database behind `client` (see `migrate`) and gives its stores. The client's
 * statements must run in `schema` (a client from `fromPglite(db, { schema })` or `fromPg(pool, {
 * schema })` with the same name, or a connection whose `search_path` is it). On a failure the
 * client is closed.
 */
export const openSqlStore = (
  client: SqlClient,
  options: OpenSqlStoreOptions = {},
): TaskEither<StoreError, SqlStore> => {
  const schema = checkSchemaName(options.schema ?? DEFAULT_SCHEMA)
  return pipe(
    migrate(client, {
      schema,
      ...(options.migrations === undefined ? {} : { migrations: options.migrations }),
    }),
    TE.map((outcome) => makeSqlStore(client, schema, outcome.to, options.onClose)),
    TE.tapError(() =>
      TE.fromTask(async () => {
        await client.close().catch(() => undefined)
        options.onClose?.()
      }),
    ),
  )
}
