// Child process: the measured part. Syncs every connection once (each a CFONB file of daily statements
// for its accounts) through `syncConnection` into the seeded store, then inserts the same rows again,
// raw, into copies of the tables on the same engine (the floor). Prints one JSON line.
import { performance } from 'node:perf_hooks'
import { EUR, syncConnection } from '@bankfeed/core'
import type { SqlClient, SqlValue } from '../src/index.js'
import { makeSqlLedgerStore, toStoreError } from '../src/index.js'
import * as Q from '../src/ledger/ledger-queries.js'
import { MOVEMENT_COLUMNS, MOVEMENT_TYPES, movementColumns, movementOfRow } from '../src/ledger/rows.js'
import type { MovementRow } from '../src/ledger/rows.js'
import { arg, connectionOf, daysOf, locationOfArgs, scaleOfArgs, templateOf } from './args.js'
import { openAt } from './engine.js'
import {
  START_UNITS,
  accountKey,
  clockAt,
  itemsOfFile,
  noEvents,
  preparedConnector,
  quietLogger,
  statementsOf,
  syncRequestOf,
} from './fixtures.js'
import type { FeedItem, LedgerStore } from '@bankfeed/core'

const MB = 1024 * 1024

/** A column read back, as a parameter again (the drivers give text, numbers, null, or a Date). */
const paramOf = (v: unknown): string | number | null => {
  if (typeof v === 'string' || typeof v === 'number') return v
  if (v instanceof Date) return v.toISOString()
  if (v === null || v === undefined) return null
  return JSON.stringify(v)
}

/** Statement texts and the time spent in each (by name in `ledger-queries.ts`, or their first words). */
const timings = new Map<string, { calls: number; ms: number; rows: number }>()
const nameOf = (text: string): string =>
  Object.entries(Q).find(([, v]) => v === text)?.[0] ??
  (/^insert into movement \(/.test(text)
    ? /on conflict/.test(text)
      ? 'UPSERT_MOVEMENTS'
      : 'INSERT_MOVEMENTS'
    : text.trim().slice(0, 40))
/** With `--explain`: the first call of each statement, explained with its parameters after the run. */
const firstCalls = new Map<string, { text: string; params: ReadonlyArray<unknown> }>()
const timed = (client: SqlClient): SqlClient => ({
  driver: client.driver,
  query: async <R>(text: string, params?: ReadonlyArray<SqlValue>) => {
    if (explain && !firstCalls.has(text) && /^(select|with)\b/.test(text.trim()) && timings.has(nameOf(text)))
      firstCalls.set(text, { text, params: params ?? [] })
    const t = performance.now()
    const r = await client.query<R>(text, params)
    const k = nameOf(text)
    const s = timings.get(k) ?? { calls: 0, ms: 0, rows: 0 }
    timings.set(k, { calls: s.calls + 1, ms: s.ms + performance.now() - t, rows: s.rows + r.rowCount })
    return r
  },
  transaction: (fn) => client.transaction((tx) => fn(timed(tx))),
  exec: (script) => client.exec(script),
  close: () => client.close(),
})

/** Milliseconds spent in each store call (reading slices, committing), the rest being core's work. */
const phases = { loadSlices: 0, commit: 0, other: 0 }
const phased = (store: LedgerStore): LedgerStore => {
  const timedTask =
    <A extends ReadonlyArray<unknown>, R>(
      name: 'loadSlices' | 'commit' | 'other',
      f: (...a: A) => () => Promise<R>,
    ) =>
    (...a: A) =>
    async () => {
      const t = performance.now()
      const r = await f(...a)()
      phases[name] += performance.now() - t
      return r
    }
  return {
    loadSlices: timedTask('loadSlices', store.loadSlices),
    commit: timedTask('commit', store.commit),
    readLedger: timedTask('other', store.readLedger),
    loadCursor: timedTask('other', store.loadCursor),
    loadUnmatched: timedTask('other', store.loadUnmatched),
  }
}

/** The insert parameters of the floor, in the order of the store's statements. */
const STATEMENT_PARAMS = [
  'ledger_id',
  'id',
  'seq',
  'protocol',
  'connection_id',
  'opening_date',
  'closing_date',
  'currency',
  'body',
  'movement_ids',
]
const ENTRY_PARAMS = [
  'ledger_id',
  'id',
  'journal_code',
  'journal_label',
  'date',
  'piece_ref',
  'piece_date',
  'label',
  'validated_on',
]
const LINE_PARAMS = [
  'ledger_id',
  'entry_id',
  'line_no',
  'account',
  'auxiliary',
  'label',
  'debit',
  'credit',
  'movement_id',
  'statement_id',
]

const explain = process.argv.includes('--explain')
let peakRss = 0
let peakHeap = 0
const sample = (): void => {
  const m = process.memoryUsage()
  peakRss = Math.max(peakRss, m.rss)
  peakHeap = Math.max(peakHeap, m.heapUsed)
}

const paramOrArray = (v: unknown): string | number | null | ReadonlyArray<string | number | null> =>
  Array.isArray(v) ? v.map(paramOf) : paramOf(v)

const main = async (): Promise<void> => {
  const scale = scaleOfArgs()
  const at = locationOfArgs()
  const floorRuns = Number(arg('floor-runs', '2'))
  const { perDay, historyDays, newDays } = daysOf(scale)
  const t0 = performance.now()
  const opened = await openAt(at)
  const openSeconds = (performance.now() - t0) / 1000
  const client = opened.store.client
  const ledgers = phased(makeSqlLedgerStore(timed(client), (op, e) => toStoreError(op)(e)))
  const before = await client.query<{
    id: string
    next_seq: string
    dossier_code: string
    bank_account_id: string
  }>('select id, next_seq::text, dossier_code, bank_account_id from ledger')
  const ledgerOf = new Map(before.rows.map((r) => [`${r.dossier_code}|${r.bank_account_id}`, r]))
  const entrySeq =
    (await client.query<{ s: string }>('select coalesce(max(seq), 0)::text as s from entry')).rows[0]?.s ??
    '0'
  const existing = Number(
    (await client.query<{ n: string }>('select count(*)::text as n from movement')).rows[0]?.n ?? 0,
  )
  const chains = new Map<number, ReturnType<typeof statementsOf>['chain']>()
  const chainOf = (t: number) => {
    const known = chains.get(t)
    if (known !== undefined) return known
    const c = statementsOf(t, { nextDay: 1, units: START_UNITS }, historyDays, perDay).chain
    chains.set(t, c)
    return c
  }
  const groups: number[][] = []
  for (let from = 0; from < scale.accounts; from += scale.accountsPerSync)
    groups.push(
      Array.from({ length: Math.min(scale.accountsPerSync, scale.accounts - from) }, (_, i) => from + i),
    )

  global.gc?.()
  sample()
  const rssAfterOpen = process.memoryUsage().rss
  const sampler = setInterval(sample, 20)
  let syncMs = 0
  let parseMs = 0
  let fileBytes = 0
  let entries = 0
  const syncSeconds: number[] = []
  for (const group of groups) {
    const tp = performance.now()
    const file = itemsOfFile(
      group.flatMap((a) => statementsOf(a, chainOf(templateOf(a, scale)), newDays, perDay).statements),
    )
    let items: ReadonlyArray<FeedItem> | null = file.items
    fileBytes += file.bytes
    parseMs += performance.now() - tp
    const ts = performance.now()
    const synced = await syncConnection(
      {
        connector: preparedConnector(() => {
          const given = items ?? []
          items = null
          return given
        }),
        store: ledgers,
        clock: clockAt(historyDays + newDays + 1),
        events: noEvents,
        logger: quietLogger,
      },
      syncRequestOf(connectionOf(group[0] ?? 0, scale), group),
    )()
    const ms = performance.now() - ts
    syncMs += ms
    syncSeconds.push(Number((ms / 1000).toFixed(2)))
    if (synced._tag === 'Left') throw new Error(`sync: ${JSON.stringify(synced.left).slice(0, 500)}`)
    const report = synced.right
    if (
      report.unmatched.length > 0 ||
      report.accounts.some((a) => a.entryError !== null || a.refused.length > 0)
    )
      throw new Error(`sync of ${report.connectionId}: unmatched or refused movements`)
    entries += report.accounts.reduce((s, a) => s + a.entriesGenerated, 0)
  }
  clearInterval(sampler)
  sample()
  const wasmBytes = opened.wasmBytes()
  const after = Number(
    (await client.query<{ n: string }>('select count(*)::text as n from movement')).rows[0]?.n ?? 0,
  )
  const added = after - existing
  const databaseBytes = await opened.databaseBytes()
  const syncTimings = Object.fromEntries(
    [...timings.entries()]
      .sort((a, b) => b[1].ms - a[1].ms)
      .map(([k, v]) => [k, { calls: v.calls, rows: v.rows, seconds: Number((v.ms / 1000).toFixed(2)) }]),
  )

  for (const q of firstCalls.values()) {
    const plan = await client.query<Record<string, unknown>>(
      `explain (analyze, buffers) ${q.text}`,
      q.params.map(paramOrArray),
    )
    process.stderr.write(
      `--- ${nameOf(q.text)}\n${plan.rows.map((r) => String(r['QUERY PLAN'])).join('\n')}\n`,
    )
  }

  // The floor: the same rows, read back (not timed), inserted again raw with the store's own bulk
  // statements, one transaction per sync, two ways:
  // - `copies`: into empty copies of the tables (same indexes, no foreign keys);
  // - `own`: into the store's own tables under fresh ids (`~f` appended: movements, statements,
  //   entries and the lines' entry ids), next to the whole history, with its indexes and foreign
  //   keys, then rolled back — what writing these rows where they belong costs the engine.
  const floorTables = ['movement', 'statement', 'entry', 'entry_line']
  for (const t of floorTables) await client.query(`create table floor_${t} (like ${t} including all)`)
  const movementInsert = (table: string) => `insert into ${table} (ledger_id, ${MOVEMENT_COLUMNS.join(', ')})
select * from unnest($1::int8[], ${MOVEMENT_COLUMNS.map((c, i) => `$${i + 2}::${MOVEMENT_TYPES[c]}[]`).join(', ')})`
  const floorText = (sql: string, table: string): string =>
    sql.replace(`insert into ${table} (`, `insert into floor_${table} (`)
  const fresh = (xs: ReadonlyArray<string | number | null>) =>
    xs.map((x) => (x === null ? null : `${String(x)}~f`))
  /** The rows one sync wrote, as the store's insert parameters (read back, not timed). */
  type Params = ReadonlyArray<ReadonlyArray<string | number | null>>
  interface Rows {
    readonly movements: Params
    readonly statements: Params
    readonly entries: Params
    readonly lines: Params
  }
  const rowsOf = async (group: ReadonlyArray<number>): Promise<Rows> => {
    const ids = group.map((a) => ledgerOf.get(`${accountKey(a).dossierCode}|${accountKey(a).bankAccountId}`))
    const l = ids.map((r) => r?.id ?? null)
    const s = ids.map((r) => r?.next_seq ?? null)
    const ms = await client.query<MovementRow & { ledger_id: string }>(
      'select m.* from movement m join unnest($1::int8[], $2::int8[]) as u (l, s) on m.ledger_id = u.l and m.seq >= u.s order by m.ledger_id, m.seq',
      [l, s],
    )
    const sts = await client.query<Record<string, unknown>>(
      `select s.ledger_id, s.id, s.seq, s.protocol, s.connection_id, s.opening_date, s.closing_date, s.currency, s.body::text as body, s.movement_ids::text as movement_ids
         from statement s join unnest($1::int8[], $2::int8[]) as u (l, s) on s.ledger_id = u.l and s.seq >= u.s`,
      [l, s],
    )
    const es = await client.query<Record<string, unknown>>(
      'select e.* from entry e where e.ledger_id = any($1::int8[]) and e.seq > $2::int8 order by e.seq',
      [l, entrySeq],
    )
    const ls = await client.query<Record<string, unknown>>(
      'select x.* from entry_line x join entry e on e.ledger_id = x.ledger_id and e.id = x.entry_id where e.ledger_id = any($1::int8[]) and e.seq > $2::int8',
      [l, entrySeq],
    )
    const col = (rows: ReadonlyArray<Record<string, unknown>>, c: string) => rows.map((r) => paramOf(r[c]))
    const cols = (rows: ReadonlyArray<Record<string, unknown>>, names: ReadonlyArray<string>) =>
      names.map((c) => col(rows, c))
    return {
      movements: [
        ms.rows.map((r) => r.ledger_id),
        ...movementColumns(ms.rows.map((r) => movementOfRow(r, EUR))),
      ],
      statements: cols(sts.rows, STATEMENT_PARAMS),
      entries: cols(es.rows, ENTRY_PARAMS),
      lines: cols(ls.rows, LINE_PARAMS),
    }
  }
  /** The same rows under fresh ids: column 1 is the id of movements, statements and entries, the entry id of lines. */
  const freshRows = (r: Rows): Rows => {
    const at1 = (p: Params) => p.map((c, i) => (i === 1 ? fresh(c) : c))
    return {
      movements: at1(r.movements),
      statements: at1(r.statements),
      entries: at1(r.entries),
      lines: at1(r.lines),
    }
  }
  const rolledBack = new Error('floor rolled back')
  const floorRun = async (into: 'copies' | 'own') => {
    if (into === 'copies') for (const t of floorTables) await client.query(`truncate floor_${t}`)
    let movementsMs = 0
    let restMs = 0
    for (const group of groups) {
      const rows = into === 'own' ? freshRows(await rowsOf(group)) : await rowsOf(group)
      const text = (sql: string, table: string) => (into === 'own' ? sql : floorText(sql, table))
      let tb = 0
      let tc = 0
      const ta = performance.now()
      try {
        await client.transaction(async (tx) => {
          await tx.query(movementInsert(into === 'own' ? 'movement' : 'floor_movement'), rows.movements)
          tb = performance.now()
          await tx.query(text(Q.UPSERT_STATEMENTS, 'statement'), rows.statements)
          await tx.query(text(Q.INSERT_ENTRIES, 'entry'), rows.entries)
          await tx.query(text(Q.INSERT_ENTRY_LINES, 'entry_line'), rows.lines)
          tc = performance.now()
          if (into === 'own') throw rolledBack
        })
        // The commit is part of the floor, as it is of a sync (the own-table run has none).
        tc = performance.now()
      } catch (e) {
        if (e !== rolledBack) throw e
      }
      movementsMs += tb - ta
      restMs += tc - tb
    }
    return { movementsMs, allMs: movementsMs + restMs }
  }
  const floorMovementsMs: number[] = []
  const floorAllMs: number[] = []
  const ownMovementsMs: number[] = []
  const ownAllMs: number[] = []
  for (let run = 0; run < floorRuns; run++) {
    const copies = await floorRun('copies')
    floorMovementsMs.push(copies.movementsMs)
    floorAllMs.push(copies.allMs)
    const own = await floorRun('own')
    ownMovementsMs.push(own.movementsMs)
    ownAllMs.push(own.allMs)
  }
  const floorRows = Number(
    (await client.query<{ n: string }>('select count(*)::text as n from floor_movement')).rows[0]?.n ?? 0,
  )
  for (const t of floorTables) await client.query(`drop table floor_${t}`)
  await opened.close()
  const best = (xs: ReadonlyArray<number>) => Math.min(...xs)
  const syncS = syncMs / 1000
  console.log(
    JSON.stringify({
      engine: at.engine,
      accounts: scale.accounts,
      existing,
      newMovements: added,
      floorRows,
      entriesGenerated: entries,
      syncs: groups.length,
      accountsPerSync: scale.accountsPerSync,
      movementsPerDay: perDay,
      newDaysPerAccount: newDays,
      openSeconds: Number(openSeconds.toFixed(1)),
      parseSeconds: Number((parseMs / 1000).toFixed(1)),
      cfonbMB: Number((fileBytes / MB).toFixed(1)),
      syncSeconds: Number(syncS.toFixed(2)),
      perSyncSeconds: syncSeconds,
      movementsPerSecond: Math.round(added / syncS),
      floorMovementsSeconds: floorMovementsMs.map((x) => Number((x / 1000).toFixed(2))),
      floorMovementsRowsPerSecond: Math.round(floorRows / (best(floorMovementsMs) / 1000)),
      floorAllSeconds: floorAllMs.map((x) => Number((x / 1000).toFixed(2))),
      syncOverFloorMovements: Number((syncMs / best(floorMovementsMs)).toFixed(2)),
      syncOverFloorAll: Number((syncMs / best(floorAllMs)).toFixed(2)),
      ownTablesMovementsSeconds: ownMovementsMs.map((x) => Number((x / 1000).toFixed(2))),
      ownTablesAllSeconds: ownAllMs.map((x) => Number((x / 1000).toFixed(2))),
      syncOverOwnTablesMovements: Number((syncMs / best(ownMovementsMs)).toFixed(2)),
      syncOverOwnTablesAll: Number((syncMs / best(ownAllMs)).toFixed(2)),
      rssAfterOpenMB: Math.round(rssAfterOpen / MB),
      peakRssMB: Math.round(peakRss / MB),
      peakHeapMB: Math.round(peakHeap / MB),
      pgliteWasmMB: wasmBytes === null ? null : Math.round(wasmBytes / MB),
      maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      databaseMB: Number((databaseBytes / MB).toFixed(1)),
      phaseSeconds: {
        loadSlices: Number((phases.loadSlices / 1000).toFixed(2)),
        commit: Number((phases.commit / 1000).toFixed(2)),
        otherStoreCalls: Number((phases.other / 1000).toFixed(2)),
        core: Number(((syncMs - phases.loadSlices - phases.commit - phases.other) / 1000).toFixed(2)),
      },
      statementSeconds: syncTimings,
    }),
  )
}

await main()
