import type { FeedItem } from '@bankfeed/core'
import type { ContractViolation } from './violation.js'
import { violation } from './violation.js'
import { canonical, describeItem } from './canonical.js'
import { walkProblem } from './check-items.js'
import { accountKey, describeMovement, movementWithoutId, movementsIn, withoutIds } from './item-movements.js'
import { walk } from './pull.js'
import type { Walk } from './pull.js'
import type { ConnectorScenario } from './scenario.js'

interface Seen {
  readonly item: FeedItem
  readonly where: string
}

/** Every item of every pull (repeats included) by what it says, ids left out. */
const byContent = (w: Walk): Map<string, Seen[]> => {
  const m = new Map<string, Seen[]>()
  w.steps.forEach((s, p) =>
    s.batch.items.forEach((item, i) => {
      const key = canonical(withoutIds(item))
      m.set(key, [...(m.get(key) ?? []), { item, where: `pull ${p + 1}, item ${i + 1}` }])
    }),
  )
  return m
}

/** The provider ids each movement (account and content) came with, and where it first came. */
const idsByContent = (w: Walk): Map<string, { ids: Set<string>; seen: Seen; text: string }> => {
  const m = new Map<string, { ids: Set<string>; seen: Seen; text: string }>()
  w.steps.forEach((s, p) =>
    s.batch.items.forEach((item, i) => {
      for (const { movement, at } of movementsIn(item)) {
        if (typeof movement?.providerId !== 'string') continue
        const key = `${accountKey(item.account)} ${canonical(movementWithoutId(movement))}`
        const entry = m.get(key) ?? {
          ids: new Set<string>(),
          seen: { item, where: `pull ${p + 1}, item ${i + 1} (${item._tag})${at}` },
          text: describeMovement({ ...movement, providerId: null }),
        }
        entry.ids.add(movement.providerId)
        m.set(key, entry)
      }
    }),
  )
  return m
}

const HOW =
  'each pull made by a fresh connector (a new `make`) with the previous cursor read back from storage (JSON, `value` only)'

/**
 * A fresh instance goes on from a stored cursor. Walks the fixture twice: once with one connector,
 * once with a fresh connector at every pull, given the previous cursor as a store gives it back
 * (`JSON.parse(JSON.stringify(cursor)).value` only) and nothing acknowledged, as a new process after
 * a crash between commit and acknowledgement would. Both walks must deliver the same items as many
 * times: state kept in the connector object (a page counter, a set of ids served) or on the cursor
 * object beyond `value` shows as items lost or delivered again. With `capabilities.stableIds`, the
 * same movement carries the same id in both walks.
 */
export const checkFreshInstances = async (
  scenario: ConnectorScenario,
): Promise<ReadonlyArray<ContractViolation>> => {
  const one = await walk(scenario)
  if (one.problem !== null) return walkProblem(one, 'instances')
  const fresh = await walk(scenario, { freshInstances: true })
  const found: ContractViolation[] = []
  if (fresh.problem !== null)
    found.push(
      violation(
        'instances',
        fresh.problem.code,
        `fresh instances, pull ${fresh.problem.pull}`,
        `with ${HOW}: ${fresh.problem.message}`,
      ),
    )
  const before = byContent(one)
  const after = byContent(fresh)
  for (const [key, seen] of before) {
    const n = after.get(key)?.length ?? 0
    const first = seen[0] as Seen
    if (n < seen.length)
      found.push(
        violation(
          'instances',
          'LOST_BY_FRESH_INSTANCE',
          first.where,
          `${describeItem(first.item)} came ${seen.length} time(s) from one connector, ${n} with ${HOW}: the connector keeps state in its object or on the cursor object, which a new process does not have`,
        ),
      )
  }
  for (const [key, seen] of after) {
    const n = before.get(key)?.length ?? 0
    const extra = seen[n] as Seen | undefined
    if (extra !== undefined)
      found.push(
        violation(
          'instances',
          'REDELIVERED_BY_FRESH_INSTANCE',
          `fresh instances, ${extra.where}`,
          `${describeItem(extra.item)} came ${seen.length} time(s) with ${HOW}, ${n} from one connector: the stored cursor does not keep a new process from delivering it again`,
        ),
      )
  }
  if (one.connector.capabilities?.stableIds === true) {
    const idsAfter = idsByContent(fresh)
    for (const [key, { ids, seen, text }] of idsByContent(one)) {
      const other = idsAfter.get(key)
      const a = [...ids].sort().join(', ')
      const b = other === undefined ? a : [...other.ids].sort().join(', ')
      if (a !== b)
        found.push(
          violation(
            'instances',
            'IDS_DIFFER_ACROSS_INSTANCES',
            seen.where,
            `${text} has id ${a} from one connector, ${b} from fresh connectors pulling from the same cursors: capabilities.stableIds is true, so the ledger would take them for two movements`,
          ),
        )
    }
  }
  return found
}
