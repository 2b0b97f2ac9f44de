// Compares what a store holds (a child's snapshot) with the oracle for what its cursor says was
// consumed: movements lost or doubled, entries not exactly once, sums, the unmatched queue.
import { decodeInboxCursor } from '@bankfeed/connector-cfonb/inbox'
import type { AccountId } from './fixtures.js'
import type { Snapshot } from './run-child.js'
import type { ApiScript, CfonbFile, Expected } from './scenarios.js'
import { expectedOfCfonb, expectedOfScript } from './scenarios.js'
import { consumedOf } from './scripted-connector.js'

/** What one comparison found; every count is 0 and `problems` empty when the store is right. */
export interface CheckResult {
  /** Movements the oracle has that the store has not (the cursor ahead of the data). */
  readonly lost: number
  /** Movements the store has more often than the oracle (booked twice, or the cursor behind). */
  readonly doubled: number
  /** Everything wrong, readable. */
  readonly problems: ReadonlyArray<string>
}

const ACCOUNT_IDS: ReadonlyArray<AccountId> = ['ba1', 'ba2']

/** Multiset difference `a − b`. */
const minus = (a: ReadonlyArray<string>, b: ReadonlyArray<string>): string[] => {
  const left = new Map<string, number>()
  for (const x of b) left.set(x, (left.get(x) ?? 0) + 1)
  const out: string[] = []
  for (const x of a) {
    const n = left.get(x) ?? 0
    if (n > 0) left.set(x, n - 1)
    else out.push(x)
  }
  return out
}

/** Compares a snapshot with what the oracle expects. */
export const compareWithOracle = (snapshot: Snapshot, expected: Expected): CheckResult => {
  const problems: string[] = []
  let lost = 0
  let doubled = 0
  for (const id of ACCOUNT_IDS) {
    const got = snapshot.ledgers[id]
    const want = expected.ledgers[id]
    const missing = minus(want.movements, got.movements)
    const extra = minus(got.movements, want.movements)
    lost += missing.length
    doubled += extra.length
    if (missing.length > 0) problems.push(`${id}: missing ${JSON.stringify(missing.slice(0, 5))}`)
    if (extra.length > 0) problems.push(`${id}: extra ${JSON.stringify(extra.slice(0, 5))}`)
    if (got.sumEntered !== want.sumEntered)
      problems.push(`${id}: entries book ${got.sumEntered}, the oracle ${want.sumEntered}`)
    if (got.sum512 !== want.sumEntered)
      problems.push(`${id}: the 512 lines sum to ${got.sum512}, the oracle ${want.sumEntered}`)
    for (const p of got.entryProblems.slice(0, 5)) problems.push(`${id}: ${p}`)
  }
  if (snapshot.unmatched !== expected.unmatched)
    problems.push(`unmatched queue holds ${snapshot.unmatched}, the oracle ${expected.unmatched}`)
  return { lost, doubled, problems }
}

/** The API script's deliveries the stored cursor says were consumed. */
export const consumedDeliveries = (snapshot: Snapshot): number =>
  consumedOf(snapshot.cursor === null ? null : { value: snapshot.cursor })

/** The CFONB files consumed: acknowledged (in processed/), or committed and still named by the cursor. */
export const consumedFiles = (snapshot: Snapshot): Set<string> => {
  const cursor = decodeInboxCursor(snapshot.cursor === null ? null : { value: snapshot.cursor })
  if (cursor._tag === 'Left')
    throw new Error(`the stored inbox cursor does not decode: ${cursor.left.message}`)
  return new Set([...snapshot.processed, ...cursor.right.files.map((f) => f.name)])
}

/** What a scenario's oracle expects of a snapshot, from its cursor (and processed/ for files). */
export const expectedOf = (
  data:
    | { readonly scenario: 'api'; readonly script: ApiScript }
    | { readonly scenario: 'cfonb'; readonly files: ReadonlyArray<CfonbFile> },
  snapshot: Snapshot,
): Expected =>
  data.scenario === 'api'
    ? expectedOfScript(data.script, consumedDeliveries(snapshot))
    : expectedOfCfonb(data.files, consumedFiles(snapshot))

/**
 * Whether the commit the child last saw succeed (its cursor) survived in the snapshot: a killed
 * process must lose nothing that was committed.
 */
export const keptCommitted = (
  scenario: 'api' | 'cfonb',
  committedCursor: string | null,
  snapshot: Snapshot,
): boolean => {
  if (committedCursor === null) return true
  if (scenario === 'api') return consumedDeliveries(snapshot) >= consumedOf({ value: committedCursor })
  const committed = decodeInboxCursor({ value: committedCursor })
  if (committed._tag === 'Left') return false
  const consumed = consumedFiles(snapshot)
  return committed.right.files.every((f) => consumed.has(f.name))
}
