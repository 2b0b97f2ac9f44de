import type { FeedItem, Movement } from '@bankfeed/core'
import type { ContractViolation } from './violation.js'
import { violation } from './violation.js'
import { walkProblem } from './check-items.js'
import { deliveredItems, instantiate, safePull, walk } from './pull.js'
import type { ConnectorScenario } from './scenario.js'

const FLAGS = ['statements', 'balances', 'pending', 'stableIds', 'deletions', 'push'] as const

const movementsOf = (item: FeedItem): ReadonlyArray<Movement> =>
  item._tag === 'Movement'
    ? [item.movement]
    : item._tag === 'Statement'
      ? (item.statement?.movements ?? [])
      : []

/** Provider ids by content (all but the id), to compare two deliveries of the same movements. */
const idsByContent = (items: ReadonlyArray<FeedItem>): Map<string, string[]> => {
  const m = new Map<string, string[]>()
  for (const item of items)
    if (item._tag === 'Movement' && typeof item.movement?.providerId === 'string') {
      const { providerId, ...rest } = item.movement
      const key = JSON.stringify({ rest, account: item.account })
      m.set(key, [...(m.get(key) ?? []), providerId].sort())
    }
  return m
}

/**
 * Declared capabilities match behaviour: the capabilities are well-formed, and nothing is delivered
 * that is not declared (statements, balances, pending movements, deletions). With `stableIds`, every
 * standalone movement has a provider id and re-pulling gives the same movements the same ids. A
 * connector without balances, pending movements or deletions passes by delivering none.
 */
export const checkCapabilities = async (
  scenario: ConnectorScenario,
): Promise<ReadonlyArray<ContractViolation>> => {
  const { connector } = await instantiate(scenario.make, scenario)
  const found: ContractViolation[] = []
  const caps = connector.capabilities as unknown as Record<string, unknown> | null | undefined
  if (typeof connector.protocol !== 'string' || connector.protocol.trim() === '')
    found.push(violation('capabilities', 'PROTOCOL_MISSING', 'protocol', 'a connector names its protocol'))
  if (typeof caps !== 'object' || caps === null)
    return [
      ...found,
      violation('capabilities', 'CAPABILITIES_MALFORMED', 'capabilities', 'capabilities are missing'),
    ]
  for (const flag of FLAGS)
    if (typeof caps[flag] !== 'boolean')
      found.push(
        violation(
          'capabilities',
          'CAPABILITIES_MALFORMED',
          `capabilities.${flag}`,
          `expected a boolean, got ${String(caps[flag])}`,
        ),
      )
  const history = caps['historyDays']
  if (history !== null && !(typeof history === 'number' && Number.isInteger(history) && history >= 0))
    found.push(
      violation(
        'capabilities',
        'CAPABILITIES_MALFORMED',
        'capabilities.historyDays',
        `expected null or a whole number of days, got ${String(history)}`,
      ),
    )
  if (connector.acknowledge !== undefined && typeof connector.acknowledge !== 'function')
    found.push(
      violation(
        'capabilities',
        'CAPABILITIES_MALFORMED',
        'acknowledge',
        'acknowledge, when present, is a function',
      ),
    )

  const w = await walk(scenario)
  found.push(...walkProblem(w, 'capabilities'))
  for (const { item, where } of deliveredItems(w)) {
    if (item._tag === 'Statement' && caps['statements'] !== true)
      found.push(
        violation(
          'capabilities',
          'UNDECLARED_STATEMENTS',
          where,
          'a statement, but capabilities.statements is false',
        ),
      )
    if (item._tag === 'Balance' && caps['balances'] !== true)
      found.push(
        violation(
          'capabilities',
          'UNDECLARED_BALANCES',
          where,
          'a balance, but capabilities.balances is false',
        ),
      )
    if (item._tag === 'Deleted' && caps['deletions'] !== true)
      found.push(
        violation(
          'capabilities',
          'UNDECLARED_DELETIONS',
          where,
          'a deletion, but capabilities.deletions is false',
        ),
      )
    if (caps['pending'] !== true && movementsOf(item).some((m) => m?.status === 'pending'))
      found.push(
        violation(
          'capabilities',
          'UNDECLARED_PENDING',
          where,
          'a pending movement, but capabilities.pending is false',
        ),
      )
    if (
      caps['stableIds'] === true &&
      item._tag === 'Movement' &&
      (typeof item.movement?.providerId !== 'string' || item.movement.providerId.trim() === '')
    )
      found.push(
        violation(
          'capabilities',
          'MISSING_PROVIDER_ID',
          where,
          'capabilities.stableIds is true, but this movement has no provider id',
        ),
      )
  }

  if (caps['stableIds'] === true) {
    // Two answers to the same first pull must name the same movements by the same ids.
    const fresh = await instantiate(scenario.make, scenario)
    const a = await safePull(fresh.connector, scenario.request)
    const b = await safePull(fresh.connector, scenario.request)
    if (a._tag === 'Batch' && b._tag === 'Batch') {
      const before = idsByContent(a.batch.items)
      for (const [content, ids] of idsByContent(b.batch.items)) {
        const earlier = before.get(content)
        if (earlier !== undefined && earlier.join('|') !== ids.join('|'))
          found.push(
            violation(
              'capabilities',
              'UNSTABLE_PROVIDER_IDS',
              'first pull, repeated',
              `the same movement came as ${earlier.join(', ')} then as ${ids.join(', ')}`,
            ),
          )
      }
    }
  }
  return found
}
