import type { BankConnector, ConnectorError, Cursor, FeedBatch, FeedItem, PullRequest } from '@bankfeed/core'
import { makeRecordingLogger } from '../adapters/recording-logger.js'
import type { RecordingLogger } from '../adapters/recording-logger.js'
import { makeTestClock } from '../adapters/test-clock.js'
import { canonical } from './canonical.js'
import { withoutIds } from './item-movements.js'
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

/** What acknowledging a cursor gave; a connector without `acknowledge` has none. */
export type AcknowledgeOutcome =
  | { readonly _tag: 'Done' }
  | { readonly _tag: 'Failed'; readonly error: ConnectorError }
  | { readonly _tag: 'Threw'; readonly thrown: unknown; readonly how: 'synchronously' | 'rejected' }
  | { readonly _tag: 'Malformed'; readonly value: unknown }

/**
 * Acknowledges `cursor`, catching a synchronous throw (from `acknowledge` or from calling its task) and
 * a rejected promise apart, since a sync only expects typed errors. `null` when there is nothing to call.
 */
export const safeAcknowledge = async (
  connector: BankConnector,
  cursor: Cursor,
): Promise<AcknowledgeOutcome | null> => {
  if (typeof connector.acknowledge !== 'function') return null
  let pending: Promise<unknown>
  try {
    pending = Promise.resolve(connector.acknowledge(cursor)())
  } catch (thrown) {
    return { _tag: 'Threw', thrown, how: 'synchronously' }
  }
  let result: unknown
  try {
    result = await pending
  } catch (thrown) {
    return { _tag: 'Threw', thrown, how: 'rejected' }
  }
  if (isObject(result) && result['_tag'] === 'Right') return { _tag: 'Done' }
  if (isObject(result) && result['_tag'] === 'Left')
    return { _tag: 'Failed', error: result['left'] as ConnectorError }
  return { _tag: 'Malformed', value: result }
}

/**
 * The cursor as a store gives it back to a new process: its `value` only, through JSON. Whatever else
 * the connector hung on the object (fields, a prototype, its identity) is gone; `null` when the value
 * does not survive the trip.
 */
export const storedCursor = (cursor: Cursor): Cursor | null => {
  let value: unknown
  try {
    value = (JSON.parse(JSON.stringify(cursor)) as { value?: unknown } | null)?.value
  } catch {
    return null
  }
  return typeof value === 'string' ? { value } : null
}

/** One pull of a walk. */
export interface WalkStep {
  readonly request: PullRequest
  readonly batch: FeedBatch
  /** Items of this batch not delivered by an earlier pull (repeats within the batch kept). */
  readonly fresh: ReadonlyArray<FeedItem>
  /** What acknowledging this batch's cursor gave, when the connector acknowledges (and the walk did). */
  readonly acknowledged: AcknowledgeOutcome | null
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
  /** The connector of the first pull (what it declares). */
  readonly connector: BankConnector
}

/** How to walk. */
export interface WalkOptions {
  /** Records every connector's log lines (a new recording logger by default). */
  readonly logger?: RecordingLogger
  /**
   * Each pull from a new connector (a new `make` call, as a new process would), with the previous
   * cursor read back from storage ({@link storedCursor}) and nothing acknowledged, as after a crash
   * between commit and acknowledgement: the committed cursor alone must keep old items out.
   */
  readonly freshInstances?: boolean
}

/**
 * Pulls with the scenario's request, then with each returned cursor (acknowledging every one, the
 * last included, as a sync does after each commit), until the walk has {@link settled} or `maxPulls`
 * is reached. With `freshInstances`, see {@link WalkOptions}.
 */
export const walk = async (scenario: ConnectorScenario, options: WalkOptions = {}): Promise<Walk> => {
  const logger = options.logger ?? makeRecordingLogger()
  const freshInstances = options.freshInstances === true
  const first = (await instantiate(scenario.make, scenario, logger)).connector
  let connector = first
  // With fresh instances, ids may differ between instances (checked apart): what is new is decided by
  // content, so a connector numbering its ids per instance still settles.
  const keyOf = (item: FeedItem): string => canonical(freshInstances ? withoutIds(item) : item)
  const steps: WalkStep[] = []
  const seen = new Set<string>()
  const visited = new Set<string>()
  let cursor = scenario.request.cursor
  const maxPulls = scenario.maxPulls ?? 50
  for (let pull = 1; pull <= maxPulls; pull++) {
    const request: PullRequest = { ...scenario.request, cursor }
    if (freshInstances && pull > 1) connector = (await instantiate(scenario.make, scenario, logger)).connector
    const outcome = await safePull(connector, request)
    if (outcome._tag !== 'Batch')
      return { steps, problem: { ...outcomeProblem(outcome), pull }, logger, connector: first }
    const keys = outcome.batch.items.map(keyOf)
    const fresh = outcome.batch.items.filter((_, i) => !seen.has(keys[i] as string))
    // A sync acknowledges after every commit, the last one included.
    const acknowledged = freshInstances ? null : await safeAcknowledge(connector, outcome.batch.cursor)
    steps.push({ request, batch: outcome.batch, fresh, acknowledged })
    if (settled(fresh.length, request.cursor, outcome.batch.cursor, visited))
      return { steps, problem: null, logger, connector: first }
    visited.add(outcome.batch.cursor.value)
    for (const k of keys) seen.add(k)
    if (freshInstances) {
      const stored = storedCursor(outcome.batch.cursor)
      if (stored === null)
        return {
          steps,
          problem: {
            code: 'CURSOR_MALFORMED',
            message: 'the cursor does not survive JSON.stringify / JSON.parse, so it cannot be stored',
            pull,
          },
          logger,
          connector: first,
        }
      cursor = stored
    } else cursor = outcome.batch.cursor
  }
  return {
    steps,
    problem: {
      code: 'NEVER_SETTLES',
      message: `still bringing new items after ${maxPulls} pulls: a cursor that does not advance, or an endless feed`,
      pull: maxPulls,
    },
    logger,
    connector: first,
  }
}

/** Every fresh item of a walk with where it came from. */
export const deliveredItems = (w: Walk): ReadonlyArray<{ readonly item: FeedItem; readonly where: string }> =>
  w.steps.flatMap((s, p) =>
    s.batch.items.flatMap((item, i) =>
      s.fresh.includes(item) ? [{ item, where: `pull ${p + 1}, item ${i + 1}` }] : [],
    ),
  )
