// The kill campaign: runs a scenario's child process again and again into one store, killing it
// with SIGKILL at random points (timed, or frozen exactly at a marker), and after every restart
// compares what survived with the oracle for what the stored cursor says was consumed. A run ends
// when a child delivers the whole scenario unkilled; a new run (new data, new store) starts while
// kills remain to be landed. The figures say where the kills landed and what was found.
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { ChildConfig } from './child-sync.js'
import type { Scenario } from './fixtures.js'
import type { StoreLocation } from './open-store.js'
import {
  compareWithOracle,
  consumedDeliveries,
  consumedFiles,
  expectedOf,
  keptCommitted,
} from './oracle-check.js'
import { runChild } from './run-child.js'
import type { ChildOutcome, KillPlan, Snapshot } from './run-child.js'
import { makeApiScript, makeCfonbDeliveries, makeRng } from './scenarios.js'
import type { ApiScript, CfonbFile, Rng } from './scenarios.js'

/** What a campaign is asked to do. */
export interface CampaignOptions {
  readonly engine: 'pglite' | 'pg'
  readonly scenario: Scenario
  /** Kills to land in all. */
  readonly kills: number
  /** At most this many kills in one run (one store, one scenario's data). */
  readonly killsPerRun: number
  /** Deliveries per run: API nights, or CFONB days. */
  readonly deliveries: number
  readonly seed: number
  /** A folder of the campaign's own (scenario data, inboxes, data directories). */
  readonly workDir: string
  /** A new, empty store for run `r`. */
  readonly newLocation: (run: number) => StoreLocation
  /** Lets go of a run's store once it was checked (drops its schema, removes its directory). */
  readonly dropLocation?: (location: StoreLocation) => Promise<void>
  /** PGlite: amcheck on every k-th restart after a kill (and always at the end of a run). */
  readonly amcheckEvery?: number
}

/** What a campaign found. */
export interface CampaignFigures {
  readonly engine: 'pglite' | 'pg'
  readonly scenario: Scenario
  readonly runs: number
  readonly kills: number
  /** How many child processes were started in all (including the unkilled last one of each run). */
  readonly children: number
  /** Kills by where they landed. */
  readonly landings: Readonly<Record<string, number>>
  /** Snapshots compared with the oracle (one after each kill, one at the end of each run). */
  readonly checks: number
  readonly lost: number
  readonly doubled: number
  /** Checks whose entries were not exactly one line per booked movement, or whose sums differ. */
  readonly entryProblems: number
  /** Commits a child saw succeed that were not in the store after its kill. */
  readonly committedLost: number
  /** Movements, entries and unmatched items in the final ledgers, summed over the runs. */
  readonly finalMovements: number
  readonly finalEntries: number
  readonly finalUnmatched: number
  readonly amchecks: number
  readonly amcheckProblems: number
  readonly problems: ReadonlyArray<string>
  readonly ms: number
}

type Data =
  | { readonly scenario: 'api'; readonly script: ApiScript }
  | { readonly scenario: 'cfonb'; readonly files: ReadonlyArray<CfonbFile> }

/** How long a child takes, as last seen: timed kills are drawn within these. */
interface Pace {
  readonly msToSnapshot: number
  readonly msPerSync: number
}

/** A kill plan, drawn so that a run's kills spread over it: `span` commits apart on average. */
const drawPlan = (rng: Rng, scenario: Scenario, pace: Pace, span: number): KillPlan => {
  const x = rng.next()
  const n = 1 + Math.floor(rng.next() * span)
  if (x < 0.08) return { at: 'open', afterMs: rng.int(0, Math.round(pace.msToSnapshot)) }
  if (x < 0.18) return { at: 'anywhere', afterMs: rng.int(0, Math.round(pace.msPerSync * span)) }
  if (x < 0.33) return { at: 'in-commit', n, afterMs: rng.int(0, 25) }
  if (x < 0.63) return { at: 'freeze', point: { marker: 'Q', n, i: rng.int(1, 12) } }
  if (x < 0.71) return { at: 'freeze', point: { marker: 'W', n } }
  if (x < 0.81) return { at: 'freeze', point: { marker: 'E', n } }
  if (x < 0.86) return { at: 'freeze', point: { marker: 'B', n } }
  if (x < 0.91 || scenario === 'api') return { at: 'freeze', point: { marker: 'N', n } }
  if (x < 0.97) return { at: 'freeze', point: { marker: 'K', n } }
  return { at: 'freeze', point: { marker: 'D', n } }
}

const FROZEN: Readonly<Record<string, string>> = {
  B: 'frozen before a commit’s BEGIN',
  Q: 'frozen between two statements of a commit',
  W: 'frozen after a commit’s writes, before COMMIT',
  E: 'frozen after COMMIT returned, before the acknowledgement',
  K: 'frozen before a file moves to processed/',
  N: 'frozen after a sync and its acknowledgement',
  D: 'frozen while a file is dropped into the inbox',
}

/** A readable name for where a kill landed. */
const landingOf = (landing: string): string => {
  if (landing.startsWith('F ')) return FROZEN[landing.split(' ')[1] ?? ''] ?? landing
  const marker = landing.split(' ')[0] ?? ''
  if (marker === '-') return 'timed, while the child starts or opens the store (PGlite: WAL recovery)'
  if (marker === 'B' || marker === 'Q' || marker === 'W') return 'timed, inside a commit'
  if (marker === 'E' || marker === 'K') return 'timed, after a commit, during its acknowledgement'
  return 'timed, while pulling, reading slices or deciding'
}

const isComplete = (data: Data, snapshot: Snapshot): boolean =>
  data.scenario === 'api'
    ? consumedDeliveries(snapshot) === data.script.script.length
    : data.files.every((f) => snapshot.processed.includes(f.name)) &&
      consumedFiles(snapshot).size === data.files.length

const remainingOf = (data: Data, snapshot: Snapshot | null): number => {
  if (snapshot === null) return data.scenario === 'api' ? data.script.script.length : data.files.length
  return data.scenario === 'api'
    ? data.script.script.length - consumedDeliveries(snapshot)
    : data.files.length - consumedFiles(snapshot).size
}

/** Runs a kill campaign; throws only when a child fails for another reason than its kill. */
export const runCampaign = async (o: CampaignOptions): Promise<CampaignFigures> => {
  const started = Date.now()
  const rng = makeRng(o.seed)
  const landings: Record<string, number> = {}
  const problems: string[] = []
  let runs = 0
  let kills = 0
  let children = 0
  let checks = 0
  let lost = 0
  let doubled = 0
  let entryProblems = 0
  let committedLost = 0
  let finalMovements = 0
  let finalEntries = 0
  let finalUnmatched = 0
  let amchecks = 0
  let amcheckProblems = 0
  let restarts = 0
  let pace: Pace = { msToSnapshot: o.engine === 'pglite' ? 1500 : 700, msPerSync: 40 }

  const child = async (config: ChildConfig, plan: KillPlan): Promise<ChildOutcome> => {
    children++
    const out = await runChild(config, plan)
    pace = {
      msToSnapshot: out.msToSnapshot ?? pace.msToSnapshot,
      msPerSync: out.msPerSync ?? pace.msPerSync,
    }
    if (out.amcheck !== null) {
      amchecks++
      if (out.amcheck.problems.length > 0) {
        amcheckProblems += out.amcheck.problems.length
        problems.push(`amcheck: ${out.amcheck.problems.slice(0, 3).join('; ')}`)
      }
    }
    if (out.timedOut) throw new Error(`a child neither finished nor froze: ${out.landing}\n${out.stderr}`)
    if (!out.killed && out.exitCode !== 0)
      throw new Error(`a child failed (exit ${String(out.exitCode)}):\n${out.stderr}`)
    return out
  }

  const check = (data: Data, snapshot: Snapshot, committed: string | null, when: string): void => {
    checks++
    const r = compareWithOracle(snapshot, expectedOf(data, snapshot))
    lost += r.lost
    doubled += r.doubled
    const entriesWrong = r.problems.length - (r.lost > 0 ? 1 : 0) - (r.doubled > 0 ? 1 : 0)
    if (entriesWrong > 0) entryProblems++
    if (!keptCommitted(data.scenario, committed, snapshot)) {
      committedLost++
      problems.push(`${when}: the last commit the child saw succeed is not in the store`)
    }
    for (const p of r.problems) problems.push(`${when}: ${p}`)
  }

  // Each run lands a kill or more as a rule; the bound only keeps a mistake from looping for ever.
  while (kills < o.kills && runs < 2 * o.kills + 2) {
    const run = runs++
    const dir = join(o.workDir, `run-${run}`)
    mkdirSync(dir, { recursive: true })
    const seed = o.seed * 1000 + run
    let data: Data
    const config: Omit<ChildConfig, 'mode' | 'location'> =
      o.scenario === 'api'
        ? { scenario: 'api', scriptPath: join(dir, 'script.json') }
        : { scenario: 'cfonb', deliveriesDir: join(dir, 'deliveries'), inboxDir: join(dir, 'inbox') }
    if (o.scenario === 'api')
      data = { scenario: 'api', script: makeApiScript(seed, o.deliveries, join(dir, 'script.json')) }
    else {
      mkdirSync(join(dir, 'deliveries'))
      data = { scenario: 'cfonb', files: makeCfonbDeliveries(seed, o.deliveries, join(dir, 'deliveries')) }
    }
    // A new store: an empty schema, or a PGlite directory holding a migrated empty database. The
    // first child of a run creates or opens it unkilled at its start, as an application's first
    // start would (a kill while PGlite restores a template is not a crash the store must survive).
    const location = o.newLocation(run)
    let killsLeft = Math.min(o.killsPerRun, o.kills - kills)
    let committed: string | null = null
    let last: Snapshot | null = null
    let amcheckNext = false
    for (let first = true; ; first = false) {
      // The next kill lands within `span` commits: spread so that the run's other kills still fit.
      const remaining = Math.max(1, remainingOf(data, last))
      const span = Math.max(1, Math.min(remaining, Math.round((2 * remaining) / (killsLeft + 1))))
      let plan: KillPlan = killsLeft > 0 ? drawPlan(rng, o.scenario, pace, span) : { at: 'never' }
      if (first && plan.at === 'open') plan = { at: 'anywhere', afterMs: plan.afterMs }
      const out = await child(
        { ...config, location, mode: 'run', ...(amcheckNext ? { amcheck: true } : {}) },
        plan,
      )
      amcheckNext = false
      if (out.snapshot !== null) {
        check(data, out.snapshot, committed, `run ${run}, restart ${restarts}`)
        last = out.snapshot
      }
      committed = out.committedCursors.at(-1) ?? committed
      if (out.killed) {
        kills++
        killsLeft--
        restarts++
        const where = landingOf(out.landing)
        landings[where] = (landings[where] ?? 0) + 1
        amcheckNext = o.engine === 'pglite' && o.amcheckEvery !== undefined && restarts % o.amcheckEvery === 0
        continue
      }
      if (out.done) break
      throw new Error(`a child ended without finishing: ${out.stderr}`)
    }
    // The end of the run: what the store holds must be the whole scenario, exactly.
    const final = await child(
      { ...config, location, mode: 'check', ...(o.engine === 'pglite' ? { amcheck: true } : {}) },
      { at: 'never' },
    )
    if (final.snapshot === null) throw new Error('the final check printed no snapshot')
    check(data, final.snapshot, committed, `run ${run}, final`)
    if (!isComplete(data, final.snapshot)) problems.push(`run ${run}: the scenario was not fully consumed`)
    for (const id of ['ba1', 'ba2'] as const) {
      finalMovements += final.snapshot.ledgers[id].movements.length
      finalEntries += final.snapshot.ledgers[id].entries
    }
    finalUnmatched += final.snapshot.unmatched
    await o.dropLocation?.(location)
    rmSync(dir, { recursive: true, force: true })
  }
  return {
    engine: o.engine,
    scenario: o.scenario,
    runs,
    kills,
    children,
    landings,
    checks,
    lost,
    doubled,
    entryProblems,
    committedLost,
    finalMovements,
    finalEntries,
    finalUnmatched,
    amchecks,
    amcheckProblems,
    problems,
    ms: Date.now() - started,
  }
}
