import type { ContractViolation } from './violation.js'
import { walkProblem } from './check-items.js'
import { walk } from './pull.js'
import type { AcknowledgeOutcome } from './pull.js'
import type { ConnectorScenario } from './scenario.js'

const problem = (a: Exclude<AcknowledgeOutcome, { _tag: 'Done' }>): Omit<ContractViolation, 'where'> => {
  switch (a._tag) {
    case 'Failed':
      return {
        group: 'acknowledge',
        code: 'ACKNOWLEDGE_FAILED',
        message: `acknowledge failed with ${String(a.error?._tag)}: ${String(a.error?.message)}; a sync only logs it, so what it stands for (moving files to processed/) silently never happens`,
      }
    case 'Threw':
      return {
        group: 'acknowledge',
        code: 'ACKNOWLEDGE_THREW',
        message: `acknowledge ${a.how === 'synchronously' ? 'threw' : 'rejected its promise'} instead of returning a typed error: ${String(a.thrown)}`,
      }
    case 'Malformed':
      return {
        group: 'acknowledge',
        code: 'ACKNOWLEDGE_MALFORMED',
        message: 'the acknowledge task did not give an Either',
      }
  }
}

/**
 * Acknowledging succeeds: during the walk, every returned cursor is acknowledged once its batch would
 * be committed (the last one included), and each acknowledgement gives `Right`. A `Left`, a throw from
 * `acknowledge` or its task, or a rejected promise is a violation. No `acknowledge`, no violation.
 */
export const checkAcknowledge = async (
  scenario: ConnectorScenario,
): Promise<ReadonlyArray<ContractViolation>> => {
  const w = await walk(scenario)
  const found: ContractViolation[] = [...walkProblem(w, 'acknowledge')]
  w.steps.forEach((step, p) => {
    const a = step.acknowledged
    if (a === null || a._tag === 'Done') return
    found.push({ ...problem(a), where: `pull ${p + 1}, acknowledge` })
  })
  return found
}
