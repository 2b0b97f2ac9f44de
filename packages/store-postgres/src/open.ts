import { existsSync, readFileSync } from 'node:fs'
import { open as openFile, rename, unlink } from 'node:fs/promises'
import { resolve } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import * as E from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import pg from 'pg'
import { storeUnavailable } from '@bankfeed/core/store'
import type { StoreError } from '@bankfeed/core'
import { fromPg } from './drivers/pg.js'
import type { PgPoolLike } from './drivers/pg.js'
import { fromPglite } from './drivers/pglite.js'
import type { Migration } from './migrations/index.js'
import { acquireDataDirLock } from './pglite-lock.js'
import { checkSchemaName, DEFAULT_SCHEMA } from './schema-name.js'
import { openSqlStore } from './sql-store.js'
import type { SqlStore } from './sql-store.js'
import { redactSecrets, redactUrlCredentials, toStoreError } from './store-errors.js'

/** Where the embedded database lives: a data directory, or memory (tests, demos). */
export type EmbeddedLocation = { readonly dataDir: string } | { readonly memory: true }

/** Options of {@link openEmbeddedStore}. */
export type EmbeddedStoreOptions = EmbeddedLocation & {
  /**
   * A backup made by {@link backupEmbedded} (a `.tar.gz` of a data directory) to start from: the data
   * directory must not hold a database yet. With `memory`, a throwaway copy of it.
   */
  readonly loadFrom?: string
  /** The schema of the stores' tables. Default `bankfeed`. */
  readonly schema?: string
  /** Default: this package's migrations. */
  readonly migrations?: ReadonlyArray<Migration>
}

/** The embedded store: the stores, and the PGlite instance for work that needs it (a job queue). */
export interface EmbeddedSqlStore extends SqlStore {
  readonly pglite: PGlite
  /** The data directory (absolute), or `null` in memory. */
  readonly dataDir: string | null
}

const failed = (message: string): StoreError => storeUnavailable('failed', message)

/**
 * Opens the embedded database (PGlite: PostgreSQL in WebAssembly, in this process) and migrates it.
 * A data directory is locked for this process first (`StoreLocked` if another one holds it: PGlite
 * has no lock of its own and two processes corrupt it); the lock goes with `close()` or the
 * process's exit. PGlite issues no fsync: what is committed survives a killed process, not
 * necessarily a power cut; back up with {@link backupEmbedded}.
 */
export const openEmbeddedStore =
  (options: EmbeddedStoreOptions): TaskEither<StoreError, EmbeddedSqlStore> =>
  async () => {
    const schema = checkSchemaName(options.schema ?? DEFAULT_SCHEMA)
    const dataDir = 'dataDir' in options ? resolve(options.dataDir) : null
    const where = dataDir ?? 'memory'
    const lock = dataDir === null ? null : acquireDataDirLock(dataDir)
    if (lock !== null && E.isLeft(lock)) return lock
    const release = (): void => {
      if (lock !== null && E.isRight(lock)) lock.right.release()
    }
    let pglite: PGlite
    try {
      let loadDataDir: Blob | undefined
      if (options.loadFrom !== undefined) {
        if (dataDir !== null && existsSync(resolve(dataDir, 'PG_VERSION'))) {
          release()
          return E.left(
            failed(`restore into ${dataDir}: it already holds a database; restore into an empty directory`),
          )
        }
        loadDataDir = new Blob([readFileSync(options.loadFrom)])
      }
      pglite = await PGlite.create({
        ...(dataDir === null ? {} : { dataDir }),
        ...(loadDataDir === undefined ? {} : { loadDataDir }),
      })
      if (loadDataDir !== undefined && lock !== null && E.isRight(lock)) lock.right.reassert()
      // This instance is the store's own: its session settings are set once.
      await pglite.exec(`SET search_path TO ${schema}; SET datestyle TO 'ISO, MDY'`)
    } catch (error) {
      release()
      return E.left(toStoreError(`open the embedded database (${where})`)(error))
    }
    const opened = await openSqlStore(fromPglite(pglite, { closeInstance: true }), {
      schema,
      onClose: release,
      ...(options.migrations === undefined ? {} : { migrations: options.migrations }),
    })()
    return E.isLeft(opened) ? opened : E.right({ ...opened.right, pglite, dataDir })
  }

/**
 * Writes a backup of the embedded database to `file` (a gzipped tar of its data directory, written
 * to a temporary file, flushed to disk and renamed into place, so `file` is whole or absent). Other
 * work waits meanwhile. Restore it with `openEmbeddedStore({ dataDir, loadFrom: file })`.
 */
export const backupEmbedded =
  (
    store: EmbeddedSqlStore,
    file: string,
  ): TaskEither<StoreError, { readonly file: string; readonly bytes: number }> =>
  async () => {
    const target = resolve(file)
    const temporary = `${target}.${process.pid}.partial`
    try {
      await store.pglite.query('CHECKPOINT')
      // Inside a transaction of its own, so that no other transaction of the store is half done.
      const dump = await store.pglite.transaction(() => store.pglite.dumpDataDir('gzip'))
      const bytes = new Uint8Array(await dump.arrayBuffer())
      const handle = await openFile(temporary, 'w')
      try {
        await handle.writeFile(bytes)
        await handle.sync()
      } finally {
        await handle.close()
      }
      await rename(temporary, target)
      return E.right({ file: target, bytes: bytes.byteLength })
    } catch (error) {
      await unlink(temporary).catch(() => undefined)
      return E.left(toStoreError(`back up the embedded database to ${target}`)(error))
    }
  }

/** Where the server store connects: a URL (the store makes and owns a pool) or the application's pool. */
export type ServerSource =
  | {
      /** `postgres://user:password@host:5432/database` (the password is never shown in messages). */
      readonly url: string
      /** Pool size. Default 10. */
      readonly max?: number
      /** How long to wait for a connection before `unreachable`. Default 10 s. */
      readonly connectionTimeoutMillis?: number
    }
  | {
      /** A `pg.Pool` of the application's; the store never ends it. */
      readonly pool: PgPoolLike
    }

/** Options of {@link openServerStore}. */
export interface ServerStoreOptions {
  /** The schema of the stores' tables, created if missing. Default `bankfeed`. */
  readonly schema?: string
  /** Default: this package's migrations. */
  readonly migrations?: ReadonlyArray<Migration>
}

const passwordOf = (url: URL): string => {
  try {
    return decodeURIComponent(url.password)
  } catch {
    return url.password
  }
}

/**
 * Opens the stores on a PostgreSQL server (≥ 14) through node-postgres and migrates the schema. With
 * a URL, the store creates its pool, whose connections have the schema as their `search_path`, and
 * `close()` ends it. With the application's pool, every transaction pins the schema with `SET LOCAL`
 * (the pool's connections are left as they were) and `close()` leaves the pool open.
 */
export const openServerStore =
  (source: ServerSource, options: ServerStoreOptions = {}): TaskEither<StoreError, SqlStore> =>
  async () => {
    const schema = checkSchemaName(options.schema ?? DEFAULT_SCHEMA)
    const migrations = options.migrations === undefined ? {} : { migrations: options.migrations }
    if ('pool' in source) return openSqlStore(fromPg(source.pool, { schema }), { schema, ...migrations })()
    let url: URL
    try {
      url = new URL(source.url)
    } catch {
      return E.left(failed(`open the database ${redactUrlCredentials(source.url)}: not a valid URL`))
    }
    const password = passwordOf(url)
    // The URL's own `options` (`-c statement_timeout=…`) are kept, after the ones the store needs.
    const extra = url.searchParams.get('options')
    url.searchParams.delete('options')
    const pool = new pg.Pool({
      connectionString: url.toString(),
      options: [`-c search_path=${schema} -c DateStyle=ISO`, extra].filter((o) => o !== null).join(' '),
      max: source.max ?? 10,
      connectionTimeoutMillis: source.connectionTimeoutMillis ?? 10_000,
    })
    // An idle connection dying (a server restart) is an 'error' event on the pool: without a listener
    // it would end the process. The pool drops the connection; the next operation gets a new one.
    pool.on('error', () => undefined)
    const shown = redactUrlCredentials(url.toString())
    const opened = await openSqlStore(fromPg(pool, { closeConnection: true }), { schema, ...migrations })()
    if (E.isRight(opened)) return opened
    const error = opened.left
    return E.left(
      error._tag === 'StoreUnavailable'
        ? { ...error, message: redactSecrets(`open ${shown}: ${error.message}`, [password]) }
        : error,
    )
  }
