// The child process of the crash and concurrency tests (run with tsx). Its one argument is a JSON
// {@link ChildConfig}. It opens the store, prints what the store holds (`S <facts>`: after a kill,
// this is what survived), then, in `run` mode, syncs batch after batch until the scenario is fully
// delivered (`DONE`), printing markers (see open-store.ts; `M P` a sync starts, `M K` a file of the
// inbox is about to move to processed/, `M N` a sync and its acknowledgement are done, `M D` a
// delivered file is written but not yet renamed into the inbox) for the parent to aim at. Given a
// freeze point, it stops dead at that marker (`F <marker>`, the whole thread blocked, so nothing
// more reaches the database or the disk) and waits for the parent's SIGKILL. In `serve` mode it runs
// one sync per `go <startDelayMs> <beforeCommitMs>` line on stdin, two at once per `go2
// <beforeCommitMs>`, none per `look`, and answers `R <json>` (the retries, the facts: the
// concurrency test); in `check` mode it only prints the facts.
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { PGlite } from '@electric-sql/pglite'
import { amcheck } from '@electric-sql/pglite/contrib/amcheck'
import { makeContext, syncConnection } from '@bankfeed/core'
import type { BankConnector, SyncDeps } from '@bankfeed/core'
import { makeCfonbInboxConnector, makeNodeFileSource } from '@bankfeed/connector-cfonb/inbox'
import { readFacts } from './facts.js'
import { NOW, connectionOf, syncRequestOf } from './fixtures.js'
import type { Scenario } from './fixtures.js'
import { mark, onMark, openStore } from './open-store.js'
import type { StoreLocation } from './open-store.js'
import { consumedOf, makeScriptedConnector, readScript } from './scripted-connector.js'

/** What the child is told to do. */
export interface ChildConfig {
  readonly location: StoreLocation
  readonly scenario: Scenario
  readonly mode: 'run' | 'serve' | 'check'
  /** `api`: the script file. */
  readonly scriptPath?: string
  /** `cfonb`: the folder holding the files to deliver, in name order, and the inbox. */
  readonly deliveriesDir?: string
  readonly inboxDir?: string
  /** PGlite: check every index and table with amcheck before opening the store (prints `A <json>`). */
  readonly amcheck?: boolean
  /** Where to stop dead and wait for the parent's kill (`run` mode). */
  readonly freeze?: FreezePoint
}

/**
 * A marker to freeze at: the `n`-th of its kind in this process (`B`, `W`, `E`: commits; `K`: file
 * moves; `N`: syncs done; `D`: deliveries), or statement `i` of the `n`-th commit (`Q`; at its `W`
 * when that commit has fewer statements).
 */
export type FreezePoint =
  | { readonly marker: 'B' | 'W' | 'E' | 'K' | 'N' | 'D'; readonly n: number }
  | { readonly marker: 'Q'; readonly n: number; readonly i: number }

const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig
const connection = connectionOf(config.scenario)

/** Blocks the whole thread: no timer, no I/O, no WebAssembly runs until the kill (or a minute). */
const freezeHere = (line: string): void => {
  writeSync(1, `F ${line.slice(2)}\n`)
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000)
  // Never killed: the parent is gone; do not linger.
  process.exit(3)
}

const seen: Record<string, number> = {}
let commits = 0
onMark((line) => {
  const [kind, marker = '', arg] = line.split(' ')
  if (kind !== 'M') return
  if (marker === 'B') commits++
  seen[marker] = (seen[marker] ?? 0) + 1
  const f = config.freeze
  if (f === undefined) return
  const hit =
    f.marker === 'Q'
      ? commits === f.n && ((marker === 'Q' && Number(arg) === f.i) || marker === 'W')
      : marker === f.marker && seen[marker] === f.n
  if (hit) freezeHere(line)
})

/** Name of a processed file without the timestamp the inbox puts in front. */
const unprefixed = (name: string): string => name.replace(/^\d{8}T\d{6}Z-/, '')

const listNames = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir) : [])

/** The inbox's files waiting for a pull (not hidden, not partial, not folders). */
const waiting = (inbox: string): string[] =>
  readdirSync(inbox, { withFileTypes: true })
    .filter((d) => d.isFile() && !d.name.startsWith('.') && !d.name.endsWith('.part'))
    .map((d) => d.name)

/**
 * Drops the next file of the day into the inbox, as a sender does (written under `.part`, then
 * renamed), unless one is waiting already; `false` once every file was delivered.
 */
const dropNext = (deliveriesDir: string, inbox: string): boolean => {
  if (waiting(inbox).length > 0) return true
  const delivered = new Set([
    ...waiting(inbox),
    ...listNames(join(inbox, 'processed')).map(unprefixed),
    ...listNames(join(inbox, 'rejected')),
  ])
  const next = readdirSync(deliveriesDir)
    .sort()
    .find((n) => !delivered.has(n))
  if (next === undefined) return false
  copyFileSync(join(deliveriesDir, next), join(inbox, `${next}.part`))
  mark('M D')
  renameSync(join(inbox, `${next}.part`), join(inbox, next))
  return true
}

/**
 * amcheck over the data directory: `bt_index_check(index, heapallindexed => true)` on every B-tree
 * index and `verify_heapam` on every table, of the store's schema and of the catalog.
 */
const checkDataDir = async (dataDir: string): Promise<void> => {
  const db = await PGlite.create({ dataDir, extensions: { amcheck } })
  const problems: string[] = []
  try {
    await db.exec('create extension if not exists amcheck')
    const where = "n.nspname in ('bankfeed', 'pg_catalog') and c.relpersistence = 'p'"
    const indexes = await db.query<{ name: string }>(
      `select n.nspname || '.' || c.relname as name from pg_index i join pg_class c on c.oid = i.indexrelid
         join pg_am a on a.oid = c.relam join pg_namespace n on n.oid = c.relnamespace
        where a.amname = 'btree' and ${where}`,
    )
    for (const { name } of indexes.rows)
      await db.query('select bt_index_check($1::regclass, true)', [name]).catch((e: unknown) => {
        problems.push(`${name}: ${e instanceof Error ? e.message : String(e)}`)
      })
    const tables = await db.query<{ name: string }>(
      `select n.nspname || '.' || c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'm', 't') and ${where}`,
    )
    for (const { name } of tables.rows) {
      const bad = await db.query<{ msg: string }>('select msg from verify_heapam($1::regclass)', [name])
      for (const r of bad.rows) problems.push(`${name}: ${r.msg}`)
    }
    mark(`A ${JSON.stringify({ indexes: indexes.rows.length, tables: tables.rows.length, problems })}`)
  } finally {
    await db.close()
  }
}

const main = async (): Promise<void> => {
  if (
    config.amcheck === true &&
    config.location.engine === 'pglite' &&
    existsSync(join(config.location.dataDir, 'PG_VERSION'))
  )
    await checkDataDir(config.location.dataDir)
  let beforeCommit = 0
  const opened = await openStore(config.location, {
    markers: config.mode === 'run',
    beforeCommit: () => beforeCommit,
  })
  /** What the store holds now, and the inbox's processed files. */
  const snapshot = async () => ({
    ...(await readFacts(opened.ledgers, connection.id)),
    processed:
      config.inboxDir === undefined
        ? []
        : listNames(join(config.inboxDir, 'processed')).map(unprefixed).sort(),
  })
  mark(`S ${JSON.stringify(await snapshot())}`)
  if (config.mode === 'check') return opened.sql.close()

  const script = config.scenario === 'api' ? readScript(config.scriptPath as string) : []
  if (config.scenario === 'cfonb') mkdirSync(config.inboxDir as string, { recursive: true })
  /** A connector of its own for each sync of the process (two race in `go2`). */
  const makeConnector = (): BankConnector => {
    if (config.scenario === 'api') return makeScriptedConnector(script)
    const source = makeNodeFileSource(config.inboxDir as string)
    return makeCfonbInboxConnector({
      source:
        config.mode === 'run'
          ? {
              ...source,
              move: (name, folder, newName) => {
                if (folder === 'processed') mark('M K')
                return source.move(name, folder, newName)
              },
            }
          : source,
      context: makeContext({ clock: { now: () => NOW } }),
      // The files are written whole and renamed in: the settle look need not wait.
      wait: () => Promise.resolve(),
    })
  }
  /** The ports of one sync, counting the times it lost a race and synced again. */
  const makeDeps = (counter: { conflicts: number }): SyncDeps => ({
    connector: makeConnector(),
    store: opened.ledgers,
    clock: { now: () => NOW },
    events: { publish: () => () => Promise.resolve({ _tag: 'Right', right: undefined }) },
    logger: {
      debug: () => {},
      info: (message) => {
        if (message.startsWith('another process committed first')) counter.conflicts++
      },
      warn: () => {},
      error: () => {},
    },
  })
  // syncConnection's default attempts (3): one retry is all a race of two needs.
  const request = syncRequestOf(config.scenario)
  const syncWith = async (deps: SyncDeps) => {
    const r = await syncConnection(deps, request)()
    if (r._tag === 'Left') throw new Error(`sync failed: ${JSON.stringify(r.left)}`)
    return r.right
  }
  const own = { conflicts: 0 }
  const ownDeps = makeDeps(own)
  const syncOnce = () => syncWith(ownDeps)

  if (config.mode === 'serve') {
    const lines = createInterface({ input: process.stdin })
    for await (const line of lines) {
      const [verb, start = '0', pause = '0'] = line.trim().split(' ')
      if (verb === 'quit') break
      let conflicts: number[]
      if (verb === 'go') {
        // One sync, `start` ms from now, pausing `pause` ms before its commit.
        await new Promise((resolve) => setTimeout(resolve, Number(start)))
        beforeCommit = Number(pause)
        own.conflicts = 0
        await syncOnce()
        conflicts = [own.conflicts]
      } else if (verb === 'go2') {
        // Two syncs of the same connection at once in this process (one PGlite directory has one
        // process): both read, both pause `start` ms before committing, one commit wins.
        beforeCommit = Number(start)
        const counters = [{ conflicts: 0 }, { conflicts: 0 }]
        await Promise.all(counters.map((c) => syncWith(makeDeps(c))))
        conflicts = counters.map((c) => c.conflicts)
      } else if (verb === 'look') conflicts = []
      else continue
      mark(`R ${JSON.stringify({ conflicts, snapshot: await snapshot() })}`)
    }
    return opened.sql.close()
  }

  for (;;) {
    if (config.scenario === 'api') {
      const cursor = await opened.ledgers.loadCursor(connection.id)()
      if (cursor._tag === 'Left') throw new Error('loadCursor failed')
      if (consumedOf(cursor.right.cursor) >= script.length) break
    } else if (!dropNext(config.deliveriesDir as string, config.inboxDir as string)) break
    mark('M P')
    await syncOnce()
    mark('M N')
  }
  // A last sync tidies up after a kill between a commit and its acknowledgement.
  mark('M P')
  await syncOnce()
  mark('DONE')
  await opened.sql.close()
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `child failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    )
    process.exit(1)
  },
)
