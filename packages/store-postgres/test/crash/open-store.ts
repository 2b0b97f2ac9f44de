// Opens the store a crash test child syncs into — the embedded store on a data directory, or a
// server schema — the way an application does (`openEmbeddedStore`, `openServerStore`), with the
// ledger store over its client. Commits print markers on stdout, written synchronously, so that the
// parent can aim its SIGKILL: `M B` a commit starts (before its BEGIN), `M Q <i>` statement i of the
// commit is about to be sent, `M W` its writes are done and COMMIT is about to run, `M E <outcome>
// <cursor>` it returned. Each marker is shown to a hook first, which may freeze the process right
// there (see child-sync.ts): a kill then lands exactly at that point.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { writeSync } from 'node:fs'
import type { LedgerStore } from '@bankfeed/core'
import { openEmbeddedStore, openServerStore } from '../../src/open.js'
import { makeSqlLedgerStore } from '../../src/ledger/sql-ledger-store.js'
import type { SqlClient } from '../../src/sql-client.js'
import type { SqlStore } from '../../src/sql-store.js'
import { toStoreError } from '../../src/store-errors.js'

/** Where a child's store is. */
export type StoreLocation =
  /** `loadFrom`: a dump of a fresh database, restored when the directory holds none yet (no initdb). */
  | { readonly engine: 'pglite'; readonly dataDir: string; readonly loadFrom?: string }
  | { readonly engine: 'pg'; readonly url: string; readonly schema: string }

/** An opened store, with its ledger store. */
export interface OpenedStore {
  readonly sql: SqlStore
  readonly ledgers: LedgerStore
}

let markHook: (line: string) => void = () => {}

/** Sets what sees each marker once it is printed (the child's freeze point). */
export const onMark = (hook: (line: string) => void): void => {
  markHook = hook
}

/** Prints one marker line on stdout, before anything else happens, then shows it to the hook. */
export const mark = (line: string): void => {
  writeSync(1, `${line}\n`)
  markHook(line)
}

/** Options of {@link openStore}. */
export interface OpenStoreOptions {
  /** Print commit markers. */
  readonly markers?: boolean
  /** Waits this long (ms) before each commit, once the slices are read: widens a race on purpose. */
  readonly beforeCommit?: () => number
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** A transaction's client that says `M Q <i>` before each of its statements. */
const markedTx = (tx: SqlClient, counter: { n: number }): SqlClient => ({
  ...tx,
  query: (text, params) => {
    counter.n++
    mark(`M Q ${counter.n}`)
    return tx.query(text, params)
  },
})

/**
 * A client whose commit transactions mark each statement, and `M W` once their work is done, while
 * COMMIT has not been sent yet.
 */
const markedClient = (client: SqlClient, inCommit: () => boolean): SqlClient => ({
  ...client,
  transaction: (fn) =>
    client.transaction(async (tx) => {
      if (!inCommit()) return fn(tx)
      const result = await fn(markedTx(tx, { n: 0 }))
      mark('M W')
      return result
    }),
})

/** Opens the store at `location`; throws when it cannot (the parent reads the child's exit). */
export const openStore = async (
  location: StoreLocation,
  options: OpenStoreOptions = {},
): Promise<OpenedStore> => {
  const restore =
    location.engine === 'pglite' &&
    location.loadFrom !== undefined &&
    !existsSync(join(location.dataDir, 'PG_VERSION'))
  const opened =
    location.engine === 'pglite'
      ? await openEmbeddedStore({
          dataDir: location.dataDir,
          ...(restore && location.loadFrom !== undefined ? { loadFrom: location.loadFrom } : {}),
        })()
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
        committing = false
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
