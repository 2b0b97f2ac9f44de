import type { ContractViolation } from './violation.js'
import { violation } from './violation.js'
import { canonical, describeItem } from './canonical.js'
import { instantiate, outcomeProblem, safePull, settled } from './pull.js'
import type { ConnectorScenario } from './scenario.js'

const countKeys = (keys: ReadonlyArray<string>): Map<string, number> => {
  const m = new Map<string, number>()
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1)
  return m
}

/**
 * Re-pulling with the same cursor loses nothing and brings nothing new. A sync whose commit failed
 * pulls again with the cursor it had: every item of the first answer must come again, or it is lost
 * for good. Checked at every cursor of the walk, before acknowledging it, and once more at the end.
 */
export const checkRepullIdempotent = async (
  scenario: ConnectorScenario,
): Promise<ReadonlyArray<ContractViolation>> => {
  const { connector } = await instantiate(scenario.make, scenario)
  const found: ContractViolation[] = []
  const seen = new Set<string>()
  const visited = new Set<string>()
  let cursor = scenario.request.cursor
  const maxPulls = scenario.maxPulls ?? 50
  for (let pull = 1; pull <= maxPulls; pull++) {
    const request = { ...scenario.request, cursor }
    const first = await safePull(connector, request)
    const again = first._tag === 'Batch' ? await safePull(connector, request) : first
    for (const [label, o] of [
      [`pull ${pull}`, first],
      [`pull ${pull} again`, again],
    ] as const)
      if (o._tag !== 'Batch') {
        const p = outcomeProblem(o)
        return [...found, violation('repull', p.code, label, p.message)]
      }
    if (first._tag !== 'Batch' || again._tag !== 'Batch') return found
    const firstKeys = first.batch.items.map(canonical)
    const againCount = countKeys(again.batch.items.map(canonical))
    const firstCount = countKeys(firstKeys)
    const where = `pull ${pull} (cursor ${cursor === null ? 'null' : JSON.stringify(cursor.value)})`
    first.batch.items.forEach((item, i) => {
      const k = firstKeys[i] as string
      const n = againCount.get(k) ?? 0
      if (n === 0)
        found.push(
          violation(
            'repull',
            'ITEM_LOST_ON_REPULL',
            where,
            `${describeItem(item)} did not come again on a re-pull with the same cursor`,
          ),
        )
      else againCount.set(k, n - 1)
    })
    again.batch.items.forEach((item) => {
      const k = canonical(item)
      const n = firstCount.get(k) ?? 0
      if (n === 0)
        found.push(
          violation('repull', 'NEW_ITEM_ON_REPULL', where, `${describeItem(item)} came only on the re-pull`),
        )
      else firstCount.set(k, n - 1)
    })
    const fresh = firstKeys.filter((k) => !seen.has(k))
    if (settled(fresh.length, cursor, first.batch.cursor, visited)) return found
    visited.add(first.batch.cursor.value)
    for (const k of firstKeys) seen.add(k)
    if (connector.acknowledge !== undefined) {
      try {
        await connector.acknowledge(first.batch.cursor)()
      } catch {
        // Not this group's concern: the walk goes on from the returned cursor.
      }
    }
    cursor = first.batch.cursor
  }
  return [
    ...found,
    violation(
      'repull',
      'NEVER_SETTLES',
      `pull ${maxPulls}`,
      `still bringing new items after ${maxPulls} pulls`,
    ),
  ]
}
