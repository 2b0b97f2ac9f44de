import type { ContractViolation } from './violation.js'
import { violation } from './violation.js'
import { walkProblem } from './check-items.js'
import { deliveredItems, walk } from './pull.js'
import type { ConnectorScenario } from './scenario.js'

/**
 * Paging and windowing lose nothing: pulling page after page, with each returned cursor, settles
 * within `maxPulls` and delivers exactly the fixture's `expectedItems` (items already delivered by an
 * earlier page and delivered again do not count twice).
 */
export const checkPagingComplete = async (
  scenario: ConnectorScenario,
): Promise<ReadonlyArray<ContractViolation>> => {
  const w = await walk(scenario)
  if (w.problem !== null) return walkProblem(w, 'paging')
  const count = deliveredItems(w).length
  return count === scenario.expectedItems
    ? []
    : [
        violation(
          'paging',
          'ITEM_COUNT_DIFFERS',
          `${w.steps.length} pulls`,
          `the fixture holds ${scenario.expectedItems} items, the pulls delivered ${count}${count < scenario.expectedItems ? ': some were lost between pages' : ''}`,
        ),
      ]
}
