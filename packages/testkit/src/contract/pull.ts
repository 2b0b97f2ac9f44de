import type { BankConnector, ConnectorError, Cursor, FeedBatch, FeedItem, PullRequest } from '@bankfeed/core'
import { makeRecordingLogger } from '../adapters/recording-logger.js'
import type { RecordingLogger } from '../adapters/recording-logger.js'
import { makeTestClock } from '../adapters/test-clock.js'
import { canonical } from './canonical.js'
import type { ConnectorFactory, ConnectorScenario } from './scenario.js'
import type { ContractViolationCode } from './violation.js'

/** What one pull gave, whatever the connector did. */
export type PullOutcome =
  | { readonly _tag: 'Batch'; readonly batch: FeedBatch }
  | { readonly _tag: 'Failed'; readonly error: ConnectorError }
  | { readonly _tag: 'Threw'; readonly thrown: unknown }
  | { readonly _tag: 'Malformed'; readonly value: unknown; readonly reason: string }

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null

/** True when `c` is a `{ value: string }` cursor. */
export const isCursor = (c: unknown): c is Cursor => isObject(c) && typeof c['value'] === 'string'

/**
 * Pulls, catching what a connector must never do: throw, reject, or answer something that is not an
 * `Either` of a batch. A throw is an outcome here, not a test crash, so checks can report it.
 */
export const safePull = async (connector: BankConnector, request: PullRequest): Promise<PullOutcome> => {
  let result: unknown
  try {
    result = await connector.pull(request)()
  } catch (thrown) {
    return { _tag: 'Threw', thrown }
  }
  if (!isObject(result))
    return { _tag: 'Malformed', value: result, reason: 'the task did not give an Either' }
  if (result['_tag'] === 'Left') return { _tag: 'Failed', error: result['left'] as ConnectorError }
  if (result['_tag'] !== 'Right')
    return { _tag: 'Malformed', value: result, reason: 'the task did not give an Either' }
  const batch = result['right']
  if (!isObject(batch) || !Array.isArray(batch['items']))
    return { _tag: 'Malformed', value: batch, reason: 'the batch has no items array' }
  if (!isCursor(batch['cursor']))
    return {
      _tag: 'Malformed',
      value: batch,
      reason: `the batch cursor is not { value: string }: ${canonical(batch['cursor'])}`,
    }
  if (batch['notices'] !== undefined && !Array.isArray(batch['notices']))
    return { _tag: 'Malformed', value: batch, reason: 'the batch notices are not an array' }
  return { _tag: 'Batch', batch: batch as unknown as FeedBatch }
}

/** Describes a failed outcome for a violation. */
export const outcomeProblem = (
  outcome: Exclude<PullOutcome, { _tag: 'Batch' }>,
): { readonly code: ContractViolationCode; readonly message: string } => {
  switch (outcome._tag) {
    case 'Failed':
      return {
        code: 'PULL_FAILED',
        message: `the pull failed with ${String(outcome.error?._tag)}: ${String(outcome.error?.message)}`,
      }
    case 'Threw':
      return {
        code: 'PULL_THREW',
        message: `the pull threw instead of returning a typed error: ${String(outcome.thrown)}`,
      }
    case 'Malformed':
      return { code: 'BATCH_MALFORMED', message: outcome.reason }
  }
}

/** A connector from a factory, with the logger it was given. */
export const instantiate = async (
  factory: ConnectorFactory,
  scenario: ConnectorScenario,
  logger: RecordingLogger = makeRecordingLogger(),
): Promise<{ readonly connector: BankConnector; readonly logger: RecordingLogger }> => ({
  connector: await factory({ logger, clock: makeTestClock(scenario.now) }),
  logger,
})

/**
 * A walk ends at a pull that brings nothing new and leaves the cursor where it was, or sends it to a
 * position already visited. A pull with nothing new that moves the cursor on (a page of unreadable
 * files, an empty window) does not end it: later pages may hold items.
 */
export const settled = (
  fresh: number,
  from: Cursor | null,
  to: Cursor,
  visited: ReadonlySet<string>,
): boolean => fresh === 0 && (to.value === from?.value || visited.has(to.value))

/** One pull of a walk. */
export interface WalkStep {
  readonly request: PullRequest
  readonly batch: FeedBatch
  /** Items of this batch not delivered by an earlier pull (repeats within the batch kept). */
  readonly fresh: ReadonlyArray<FeedItem>
}

/** Everything a connector delivered pulling from the scenario's cursor until nothing new came. */
export interface Walk {
  readonly steps: ReadonlyArray<WalkStep>
  /** Why the walk stopped before settling, if it did. */
  readonly problem: {
    readonly code: ContractViolationCode
    readonly message: string
    readonly pull: number
  } | null
  readonly logger: RecordingLogger
}

/**
 * Pulls with the scenario's request, then with each returned cursor (acknowledging it first, as a
 * sync does after committing), until the walk has {@link settled} or `maxPulls` is reached.
 */
export const walk = async (scenario: ConnectorScenario, logger?: RecordingLogger): Promise<Walk> => {
  const made = await instantiate(scenario.make, scenario, logger)
  const { connector } = made
  const steps: WalkStep[] = []
  const seen = new Set<string>()
  const visited = new Set<string>()
  let cursor = scenario.request.cursor
  const maxPulls = scenario.maxPulls ?? 50
  for (let pull = 1; pull <= maxPulls; pull++) {
    const request: PullRequest = { ...scenario.request, cursor }
    const outcome = await safePull(connector, request)
    if (outcome._tag !== 'Batch')
      return { steps, problem: { ...outcomeProblem(outcome), pull }, logger: made.logger }
    const keys = outcome.batch.items.map(canonical)
    const fresh = outcome.batch.items.filter((_, i) => !seen.has(keys[i] as string))
    steps.push({ request, batch: outcome.batch, fresh })
    if (settled(fresh.length, request.cursor, outcome.batch.cursor, visited))
      return { steps, problem: null, logger: made.logger }
    visited.add(outcome.batch.cursor.value)
    for (const k of keys) seen.add(k)
    if (connector.acknowledge !== undefined) {
      try {
        await connector.acknowledge(outcome.batch.cursor)()
      } catch {
        // Acknowledgement failures are only logged by a sync; the next pull shows whether it mattered.
      }
    }
    cursor = outcome.batch.cursor
  }
  return {
    steps,
    problem: {
      code: 'NEVER_SETTLES',
      message: `still bringing new items after ${maxPulls} pulls: a cursor that does not advance, or an endless feed`,
      pull: maxPulls,
    },
    logger: made.logger,
  }
}

/** Every fresh item of a walk with where it came from. */
export const deliveredItems = (w: Walk): ReadonlyArray<{ readonly item: FeedItem; readonly where: string }> =>
  w.steps.flatMap((s, p) =>
    s.batch.items.flatMap((item, i) =>
      s.fresh.includes(item) ? [{ item, where: `pull ${p + 1}, item ${i + 1}` }] : [],
    ),
  )
