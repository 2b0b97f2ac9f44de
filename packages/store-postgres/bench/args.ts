// The benchmark's options, shared by the driver and its child processes.
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Location } from './engine.js'

/** The value of `--name`, or `fallback`. */
export const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`)
  const v = i >= 0 ? process.argv[i + 1] : undefined
  return v ?? fallback
}

/** The shape of one run. */
export interface Scale {
  /** Bank accounts holding history (even: two per dossier). */
  readonly accounts: number
  /** Movements already in the store, spread evenly over the accounts. */
  readonly existing: number
  /** Movements the syncs bring, spread evenly over the accounts. */
  readonly newMovements: number
  /** Accounts one connection (one CFONB inbox, one sync) feeds. */
  readonly accountsPerSync: number
  /** Movements per account and day (one statement a day). */
  readonly perDay: number
}

/** Days of history and of new statements per account, and the movements a day, of a scale. */
export const daysOf = (s: Scale) => {
  const existingPerAccount = Math.max(1, Math.round(s.existing / s.accounts))
  const newPerAccount = Math.max(1, Math.round(s.newMovements / s.accounts))
  const perDay = Math.min(s.perDay, existingPerAccount, newPerAccount)
  return {
    perDay,
    historyDays: Math.max(1, Math.round(existingPerAccount / perDay)),
    newDays: Math.max(1, Math.round(newPerAccount / perDay)),
  }
}

/** Reads a scale from the command line (the child processes get it the same way). */
export const scaleOfArgs = (): Scale => {
  const accounts = Number(arg('accounts', '1000'))
  if (accounts % 2 !== 0) throw new Error('--accounts must be even (two accounts per dossier)')
  return {
    accounts,
    existing: Number(arg('existing', '100000')),
    newMovements: Number(arg('new', '20000')),
    accountsPerSync: Number(arg('accounts-per-sync', '100')),
    perDay: Number(arg('per-day', '10')),
  }
}

/** The command-line form of a scale. */
export const argsOfScale = (s: Scale): string[] => [
  '--accounts',
  String(s.accounts),
  '--existing',
  String(s.existing),
  '--new',
  String(s.newMovements),
  '--accounts-per-sync',
  String(s.accountsPerSync),
  '--per-day',
  String(s.perDay),
]

/** The location of a run, from `--engine`, `--data-dir` or `--url` and `--schema`. */
export const locationOfArgs = (): Location => {
  const engine = arg('engine', 'pglite')
  if (engine === 'pglite')
    return { engine, dataDir: arg('data-dir', join(tmpdir(), `bankfeed-bench-${process.pid}`)) }
  if (engine === 'pg')
    return {
      engine,
      url: arg(
        'url',
        process.env['BANKFEED_BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test',
      ),
      schema: arg('schema', `bench_${process.pid}`),
    }
  throw new Error(`--engine pglite|pg, not ${engine}`)
}

/** The command-line form of a location. */
export const argsOfLocation = (at: Location): string[] =>
  at.engine === 'pglite'
    ? ['--engine', 'pglite', '--data-dir', at.dataDir]
    : ['--engine', 'pg', '--url', at.url, '--schema', at.schema]

/** How many template accounts the history is copied from (even: both journal modes). */
export const TEMPLATES = 10

/** The connection (CFONB inbox) feeding account `a`'s group. */
export const connectionOf = (a: number, s: Scale): string =>
  `inbox-${String(Math.floor(a / s.accountsPerSync)).padStart(5, '0')}`

/** The template account whose history account `a` holds (same parity: same journal mode). */
export const templateOf = (a: number, s: Scale): number => s.accounts + (a % TEMPLATES)
