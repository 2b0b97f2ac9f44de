// The child process of the crash and concurrency tests (run with tsx). Its one argument is a JSON
// {@link ChildConfig}. It opens the store, prints what the store holds (`S <facts>`: after a kill,
// this is what survived), then, in `run` mode, syncs batch after batch until the scenario is fully
// delivered (`DONE`), printing commit markers (see open-store.ts) for the parent to aim at; in
// `serve` mode it runs one sync per `go <startDelayMs> <beforeCommitMs>` line on stdin and answers
// `R <json>` (the concurrency test); in `check` mode it only prints the facts.
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { PGlite } from '@electric-sql/pglite'
import { amcheck } from '@electric-sql/pglite/contrib/amcheck'
import { syncConnection } from '@bankfeed/core'
import type { BankConnector, SyncDeps } from '@bankfeed/core'
import { makeCfonbInboxConnector, makeNodeFileSource } from '@bankfeed/connector-cfonb/inbox'
import { readFacts } from './facts.js'
import { NOW, connectionOf, syncRequestOf } from './fixtures.js'
import type { Scenario } from './fixtures.js'
import { mark, openStore } from './open-store.js'
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
}

const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig
const connection = connectionOf(config.scenario)

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
  if (config.amcheck === true && config.location.engine === 'pglite')
    await checkDataDir(config.location.dataDir)
  let beforeCommit = 0
  const opened = await openStore(config.location, {
    markers: config.mode === 'run',
    beforeCommit: () => beforeCommit,
  })
  const facts = await readFacts(opened.ledgers, connection.id)
  const processed =
    config.inboxDir === undefined ? [] : listNames(join(config.inboxDir, 'processed')).map(unprefixed).sort()
  mark(`S ${JSON.stringify({ ...facts, processed })}`)
  if (config.mode === 'check') return opened.sql.close()

  const script = config.scenario === 'api' ? readScript(config.scriptPath as string) : []
  let connector: BankConnector
  if (config.scenario === 'api') connector = makeScriptedConnector(script)
  else {
    mkdirSync(config.inboxDir as string, { recursive: true })
    connector = makeCfonbInboxConnector({
      source: makeNodeFileSource(config.inboxDir as string),
      clock: () => NOW,
      wait: () => Promise.resolve(),
    })
  }
  let conflicts = 0
  const deps: SyncDeps = {
    connector,
    store: opened.ledgers,
    clock: { now: () => NOW },
    events: { publish: () => () => Promise.resolve({ _tag: 'Right', right: undefined }) },
    logger: {
      debug: () => {},
      info: (message) => {
        if (message.startsWith('another process committed first')) conflicts++
      },
      warn: () => {},
      error: () => {},
    },
  }
  const request = syncRequestOf(config.scenario, 6)
  const syncOnce = async () => {
    const r = await syncConnection(deps, request)()
    if (r._tag === 'Left') throw new Error(`sync failed: ${JSON.stringify(r.left)}`)
    return r.right
  }

  if (config.mode === 'serve') {
    const lines = createInterface({ input: process.stdin })
    for await (const line of lines) {
      const [verb, start = '0', pause = '0'] = line.trim().split(' ')
      if (verb === 'quit') break
      if (verb !== 'go') continue
      await new Promise((resolve) => setTimeout(resolve, Number(start)))
      beforeCommit = Number(pause)
      conflicts = 0
      await syncOnce()
      const cursor = await opened.ledgers.loadCursor(connection.id)()
      const consumed = cursor._tag === 'Right' ? consumedOf(cursor.right.cursor) : -1
      mark(`R ${JSON.stringify({ conflicts, consumed })}`)
    }
    return opened.sql.close()
  }

  for (;;) {
    if (config.scenario === 'api') {
      const cursor = await opened.ledgers.loadCursor(connection.id)()
      if (cursor._tag === 'Left') throw new Error('loadCursor failed')
      if (consumedOf(cursor.right.cursor) >= script.length) break
    } else if (!dropNext(config.deliveriesDir as string, config.inboxDir as string)) break
    await syncOnce()
    mark('M N')
  }
  // A last sync tidies up after a kill between a commit and its acknowledgement.
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
