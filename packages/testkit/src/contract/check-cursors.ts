import type { Cursor } from '@bankfeed/core'
import type { ContractViolation } from './violation.js'
import { violation } from './violation.js'
import { walkProblem } from './check-items.js'
import { walk } from './pull.js'
import type { ConnectorScenario } from './scenario.js'

const INTEGER = /^-?\d+$/
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/

/**
 * The default order of cursors: integers numerically, ISO dates and UTC instants as text (their text
 * order is their time order); `null` when the values are of neither kind, so only revisits count.
 */
export const defaultCompareCursors = (a: Cursor, b: Cursor): number | null => {
  if (INTEGER.test(a.value) && INTEGER.test(b.value)) {
    const d = BigInt(a.value) - BigInt(b.value)
    return d < 0n ? -1 : d > 0n ? 1 : 0
  }
  if (ISO_DATE.test(a.value) && ISO_DATE.test(b.value))
    return a.value < b.value ? -1 : a.value > b.value ? 1 : 0
  return null
}

/**
 * Cursors only move forward: along the walk, each returned cursor is never before the one pulled
 * with (by the scenario's order, or the default one), and never goes back to an earlier, different
 * position, which would make the next pull deliver old items as if they were new.
 */
export const checkCursorsForward = async (
  scenario: ConnectorScenario,
): Promise<ReadonlyArray<ContractViolation>> => {
  const w = await walk(scenario)
  const found: ContractViolation[] = [...walkProblem(w, 'cursors')]
  const order = (a: Cursor, b: Cursor): number | null =>
    scenario.compareCursors?.(a, b) ?? defaultCompareCursors(a, b)
  const visited: string[] = scenario.request.cursor === null ? [] : [scenario.request.cursor.value]
  w.steps.forEach((step, i) => {
    const from = step.request.cursor
    const to = step.batch.cursor
    const where = `pull ${i + 1}`
    if (from !== null) {
      const c = order(to, from)
      if (c !== null && c < 0)
        found.push(
          violation(
            'cursors',
            'CURSOR_BACKWARDS',
            where,
            `pulled with cursor ${JSON.stringify(from.value)}, got back ${JSON.stringify(to.value)}, which is before it`,
          ),
        )
      else if (to.value !== from.value && visited.slice(0, -1).includes(to.value))
        found.push(
          violation(
            'cursors',
            'CURSOR_REVISITED',
            where,
            `pulled with cursor ${JSON.stringify(from.value)}, got back the earlier cursor ${JSON.stringify(to.value)}`,
          ),
        )
    }
    if (visited[visited.length - 1] !== to.value) visited.push(to.value)
  })
  return found
}
