// How big the crash and concurrency tests run. By default small enough for every test run (a few
// kills locally, a dozen or so per engine under CI); the environment scales them up for the
// figures in the README:
//   BANKFEED_CRASH_KILLS=300   kills per engine, shared by the two scenarios
//   BANKFEED_CRASH_ROUNDS=50   rounds of each concurrency test
//   BANKFEED_CRASH_REPORT=file append each test's figures there as JSON lines
//   BANKFEED_CRASH_SEED=n      another seed (scenarios, kill plans)
import { appendFileSync } from 'node:fs'
import type { CampaignFigures } from './campaign.js'
import type { RaceFigures } from './race.js'

const numberFrom = (name: string, fallback: number): number => {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, not ${raw}`)
  return n
}

const ci = process.env['CI'] !== undefined && process.env['CI'] !== '' && process.env['CI'] !== 'false'

/** Kills per engine, half for each scenario. */
export const KILLS_PER_ENGINE = numberFrom('BANKFEED_CRASH_KILLS', ci ? 12 : 4)

/** Rounds of each concurrency test. */
export const RACE_ROUNDS = numberFrom('BANKFEED_CRASH_ROUNDS', ci ? 6 : 3)

/** The seed of everything drawn. */
export const SEED = numberFrom('BANKFEED_CRASH_SEED', 20260331)

/** At most this many kills land in one run (one store, one scenario's data). */
export const KILLS_PER_RUN = 25

/** Deliveries per run for `kills` kills in it: enough commits to spread them over. */
export const deliveriesFor = (kills: number): number => Math.min(30, Math.max(10, Math.ceil(kills * 1.2)))

/** A generous bound for a campaign of `kills` kills (a child lives 1–3 s). */
export const timeoutFor = (kills: number): number => 120_000 + kills * 15_000

/** Prints a test's figures, and appends them to BANKFEED_CRASH_REPORT when it is set. */
export const report = (figures: CampaignFigures | RaceFigures): void => {
  const line = JSON.stringify(figures)
  console.log(line)
  const file = process.env['BANKFEED_CRASH_REPORT']
  if (file !== undefined && file !== '') appendFileSync(file, `${line}\n`)
}
