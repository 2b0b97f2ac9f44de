// The store benchmark (`pnpm bench`): for each engine and each size of existing history, a child
// process seeds a fresh database (not measured), another syncs the new movements through
// `syncConnection` and then inserts the same rows raw (the floor), so that each process's memory is
// its own. Prints a summary per run and the JSON of every run. See the package README, "Benchmark".
//
//   pnpm bench                                   # small: 1,000 accounts, 20 k new into 100 k and 400 k
//   pnpm bench -- --engine pg --existing 100000,10000000 --new 1000000 --accounts 10000
//
// Options: --engine pglite,pg (default both; pg needs the server of BANKFEED_BENCH_DATABASE_URL, else
// BANKFEED_TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test), --existing N[,N…],
// --new N, --accounts N, --accounts-per-sync N, --per-day N, --floor-runs N, --keep (keep databases).
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { arg, argsOfLocation, argsOfScale } from './args.js'
import type { Scale } from './args.js'
import type { Location } from './engine.js'

const here = fileURLToPath(new URL('.', import.meta.url))
const tsconfig = fileURLToPath(new URL('../../../tsconfig.json', import.meta.url))
const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url))
const url =
  process.env['BANKFEED_BENCH_DATABASE_URL'] ??
  process.env['BANKFEED_TEST_DATABASE_URL'] ??
  'postgres://postgres@127.0.0.1:5432/test'

const engines = arg('engine', 'pglite,pg').split(',')
const existings = arg('existing', '100000,400000').split(',').map(Number)
const base = {
  accounts: Number(arg('accounts', '1000')),
  newMovements: Number(arg('new', '20000')),
  accountsPerSync: Number(arg('accounts-per-sync', '100')),
  perDay: Number(arg('per-day', '10')),
}
const floorRuns = arg('floor-runs', '2')
const keep = process.argv.includes('--keep')

const child = (script: string, args: ReadonlyArray<string>): Record<string, unknown> => {
  const r = spawnSync(tsx, ['--tsconfig', tsconfig, join(here, script), ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NODE_OPTIONS: `${process.env['NODE_OPTIONS'] ?? ''} --expose-gc` },
  })
  if (r.status !== 0) {
    process.stderr.write(r.stdout)
    process.stderr.write(r.stderr)
    throw new Error(`${script} failed (${r.status ?? r.signal ?? '?'})`)
  }
  const last = r.stdout.trim().split('\n').at(-1) ?? '{}'
  const parsed: unknown = JSON.parse(last)
  if (typeof parsed !== 'object' || parsed === null) throw new Error(`${script} printed no JSON`)
  return Object.fromEntries(Object.entries(parsed))
}

const serverReachable = async (): Promise<boolean> => {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 })
  try {
    await c.connect()
    await c.end()
    return true
  } catch {
    return false
  }
}

const dropSchema = async (schema: string): Promise<void> => {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  await c.query(`drop schema if exists ${schema} cascade`)
  await c.end()
}

const results: Array<Record<string, unknown>> = []
console.log(
  `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
)
for (const engine of engines) {
  if (engine === 'pg' && !(await serverReachable())) {
    console.log(`pg: no server at ${url.replace(/:[^:@/]*@/, ':***@')}, skipped`)
    continue
  }
  for (const existing of existings) {
    const scale: Scale = { ...base, existing }
    const id = `${process.pid}_${existing}`
    const at: Location =
      engine === 'pglite'
        ? { engine, dataDir: join(tmpdir(), `bankfeed-bench-${id}`) }
        : { engine: 'pg', url, schema: `bench_${id}` }
    try {
      const seeded = child('seed.ts', [...argsOfScale(scale), ...argsOfLocation(at)])
      const r = child('sync.ts', [...argsOfScale(scale), ...argsOfLocation(at), '--floor-runs', floorRuns])
      const run = { ...r, seed: seeded['seeded'], loadAfter: loadavg()[0] }
      results.push(run)
      console.log(
        `${engine.padEnd(6)} ${String(r['existing']).padStart(9)} existing, ${String(r['newMovements']).padStart(8)} new: ` +
          `${String(r['movementsPerSecond']).padStart(6)} movements/s (sync ${String(r['syncSeconds'])} s), ` +
          `floor ${String(r['floorMovementsRowsPerSecond'])} rows/s (movements ${JSON.stringify(r['floorMovementsSeconds'])} s, all rows ${JSON.stringify(r['floorAllSeconds'])} s), ` +
          `sync/floor ${String(r['syncOverFloorMovements'])}× movements, ${String(r['syncOverFloorAll'])}× all rows, ` +
          `${String(r['syncOverOwnTablesAll'])}× all rows into the store's own tables; ` +
          `peak RSS ${String(r['peakRssMB'])} MB (heap ${String(r['peakHeapMB'])} MB, PGlite wasm ${String(r['pgliteWasmMB'])} MB), database ${String(r['databaseMB'])} MB`,
      )
    } finally {
      if (!keep) {
        if (at.engine === 'pglite') rmSync(at.dataDir, { recursive: true, force: true })
        else await dropSchema(at.schema)
      }
    }
  }
}
console.log(JSON.stringify(results))
