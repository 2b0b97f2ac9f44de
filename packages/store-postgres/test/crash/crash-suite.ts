// The crash and concurrency tests of one engine, shared by crash.pglite.test.ts and
// crash.pg.test.ts: a kill campaign per scenario, then a race per scenario.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { runCampaign } from './campaign.js'
import type { Scenario } from './fixtures.js'
import type { StoreLocation } from './open-store.js'
import { runRace } from './race.js'
import {
  KILLS_PER_ENGINE,
  KILLS_PER_RUN,
  RACE_ROUNDS,
  SEED,
  deliveriesFor,
  report,
  timeoutFor,
} from './settings.js'

/** What a suite needs of its engine. */
export interface CrashSuiteOptions {
  readonly engine: 'pglite' | 'pg'
  readonly title: string
  /** Runs once before the tests (the PGlite template). */
  readonly prepare?: () => Promise<void>
  /** A new, empty store in `dir` (a PGlite directory there, or a new server schema). */
  readonly newLocation: (dir: string) => StoreLocation
  /** Lets go of a store once checked. */
  readonly dropLocation: (location: StoreLocation) => Promise<void>
  /** Two processes (a server) or two syncs in one process (PGlite: one process per directory). */
  readonly raceMode: 'processes' | 'in-process'
}

const SCENARIOS: ReadonlyArray<{ readonly scenario: Scenario; readonly what: string }> = [
  { scenario: 'api', what: 'API deliveries (stable ids, pending → booked, deletions, re-deliveries)' },
  { scenario: 'cfonb', what: 'CFONB files through the inbox (acknowledged into processed/)' },
]

/** Declares the suite. */
export const crashSuite = (o: CrashSuiteOptions): void => {
  const base = mkdtempSync(join(tmpdir(), `bankfeed-crash-${o.engine}-`))
  afterAll(() => rmSync(base, { recursive: true, force: true }))
  if (o.prepare !== undefined) beforeAll(o.prepare, 180_000)

  describe(o.title, () => {
    SCENARIOS.forEach(({ scenario, what }, k) => {
      const kills = Math.floor(KILLS_PER_ENGINE / 2) + (k === 0 ? KILLS_PER_ENGINE % 2 : 0)
      const perRun = Math.min(KILLS_PER_RUN, kills)
      test.skipIf(kills === 0)(
        `${what}: a syncing child SIGKILLed ${kills} times at random points loses nothing, doubles nothing, books each movement once, and its cursor is never ahead of its data`,
        async () => {
          const made: StoreLocation[] = []
          const dropped = new Set<StoreLocation>()
          const figures = await runCampaign({
            engine: o.engine,
            scenario,
            kills,
            killsPerRun: perRun,
            deliveries: deliveriesFor(perRun),
            seed: SEED + k,
            workDir: join(base, `${scenario}-work`),
            newLocation: (run) => {
              const l = o.newLocation(join(base, `${scenario}-${run}`))
              made.push(l)
              return l
            },
            dropLocation: async (l) => {
              dropped.add(l)
              await o.dropLocation(l)
            },
            amcheckEvery: 3,
          }).finally(async () => {
            // A failed campaign leaves its last store: it goes too.
            for (const l of made) if (!dropped.has(l)) await o.dropLocation(l)
          })
          report(figures)
          expect(figures.problems).toEqual([])
          expect(figures.kills).toBe(kills)
          expect(figures.lost).toBe(0)
          expect(figures.doubled).toBe(0)
          expect(figures.entryProblems).toBe(0)
          expect(figures.committedLost).toBe(0)
          expect(figures.amcheckProblems).toBe(0)
          if (o.engine === 'pglite') expect(figures.amchecks).toBeGreaterThanOrEqual(figures.runs)
          expect(figures.checks).toBeGreaterThanOrEqual(figures.kills)
        },
        timeoutFor(kills),
      )
    })

    SCENARIOS.forEach(({ scenario, what }, k) => {
      test.skipIf(RACE_ROUNDS === 0)(
        `${what}: two syncs of the connection at once — one commit wins, the other meets ConcurrentUpdate, syncs again from a fresh read, and the ledger ends as if they ran one after the other (${RACE_ROUNDS} rounds, ${o.raceMode})`,
        async () => {
          const location = o.newLocation(join(base, `race-${scenario}`))
          const figures = await runRace({
            scenario,
            mode: o.raceMode,
            rounds: RACE_ROUNDS,
            seed: SEED + 100 + k,
            workDir: join(base, `race-${scenario}-work`),
            location,
          }).finally(() => o.dropLocation(location))
          report(figures)
          expect(figures.problems).toEqual([])
          expect(figures.lost).toBe(0)
          expect(figures.doubled).toBe(0)
          // Every round overlaps by design (both pause before committing): each has its retry.
          expect(figures.retries).toBeGreaterThanOrEqual(1)
          expect(figures.syncs).toBe(2 * figures.rounds)
        },
        timeoutFor(RACE_ROUNDS),
      )
    })
  })
}
