// Opens the store a crash test child syncs into — the embedded store on a data directory, or a
// server schema — the way an application does (`openEmbeddedStore`, `openServerStore`), with the
// ledger store over its client. Commits print markers on stdout, written synchronously, so that the
// parent can aim its SIGKILL: `M B` a commit starts, `M W` its writes are done and COMMIT is about
// to run, `M E <outcome>` it returned.
import { writeSync } from 'node:fs'
import type { LedgerStore } from '@bankfeed/core'
import { openEmbeddedStore, openServerStore } from '../../src/open.js'
import { makeSqlLedgerStore } from '../../src/ledger/sql-ledger-store.js'
import type { SqlClient } from '../../src/sql-client.js'
import type { SqlStore } from '../../src/sql-store.js'
import { toStoreError } from '../../src/store-errors.js'

/** Where a child's store is. */
export type StoreLocation =
  | { readonly engine: 'pglite'; readonly dataDir: string }
  | { readonly engine: 'pg'; readonly url: string; readonly schema: string }

/** An opened store, with its ledger store. */
export interface OpenedStore {
  readonly sql: SqlStore
  readonly ledgers: LedgerStore
}

/** Prints one marker line on stdout, before anything else happens. */
export const mark = (line: string): void => {
  writeSync(1, `${line}\n`)
}

/** Options of {@link openStore}. */
export interface OpenStoreOptions {
  /** Print commit markers. */
  readonly markers?: boolean
  /** Waits this long (ms) before each commit, once the slices are read: widens a race on purpose. */
  readonly beforeCommit?: () => number
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** A client whose transactions say `M W` once their work is done, while a commit is running. */
const markedClient = (client: SqlClient, inCommit: () => boolean): SqlClient => ({
  ...client,
  transaction: (fn) =>
    client.transaction(async (tx) => {
      const result = await fn(tx)
      if (inCommit()) mark('M W')
      return result
    }),
})

/** Opens the store at `location`; throws when it cannot (the parent reads the child's exit). */
export const openStore = async (
  location: StoreLocation,
  options: OpenStoreOptions = {},
): Promise<OpenedStore> => {
  const opened =
    location.engine === 'pglite'
      ? await openEmbeddedStore({ dataDir: location.dataDir })()
      : await openServerStore({ url: location.url, max: 2 }, { schema: location.schema })()
  if (opened._tag === 'Left')
    throw new Error(`open failed: ${opened.left._tag}: ${JSON.stringify(opened.left)}`)
  const sql = opened.right
  let committing = false
  const client = options.markers === true ? markedClient(sql.client, () => committing) : sql.client
  const inner = makeSqlLedgerStore(client, (operation, thrown) => toStoreError(operation)(thrown))
  const ledgers: LedgerStore = {
    ...inner,
    commit: (commit) => async () => {
      const pause = options.beforeCommit?.() ?? 0
      if (pause > 0) await sleep(pause)
      if (options.markers === true) mark('M B')
      committing = true
      try {
        const result = await inner.commit(commit)()
        if (options.markers === true)
          mark(
            `M E ${result._tag === 'Right' ? 'ok' : result.left._tag} ${JSON.stringify(commit.cursor?.value ?? null)}`,
          )
        return result
      } finally {
        committing = false
      }
    },
  }
  return { sql, ledgers }
}
