import { Dec } from '@bankfeed/core'
import type { ContractGroup, ContractViolation } from './violation.js'
import { violation } from './violation.js'
import { inspectItem } from './inspect-item.js'
import { deliveredItems, walk } from './pull.js'
import type { Walk } from './pull.js'
import type { ConnectorScenario } from './scenario.js'

/** The walk's early stop, as a violation of `group`. */
export const walkProblem = (w: Walk, group: ContractGroup): ReadonlyArray<ContractViolation> =>
  w.problem === null ? [] : [violation(group, w.problem.code, `pull ${w.problem.pull}`, w.problem.message)]

const inspectWalk = (
  w: Walk,
  scenario: ConnectorScenario,
  group: ContractGroup,
): ReadonlyArray<ContractViolation> => {
  const options = { statementsBalance: scenario.statementsBalance ?? true }
  return [
    ...walkProblem(w, group),
    ...deliveredItems(w).flatMap(({ item, where }) =>
      inspectItem(item, `${where} (${String((item as { _tag?: unknown })._tag)})`, options).filter(
        (v) => v.group === group,
      ),
    ),
  ]
}

/**
 * Items and accounts are well-formed domain values: a known `_tag`, every field of its type, accounts
 * identified well enough to be routed (IBAN, bank + branch + account number, or provider id), IBANs
 * valid, no blank provider ids.
 */
export const checkItemsWellFormed = async (
  scenario: ConnectorScenario,
): Promise<ReadonlyArray<ContractViolation>> => inspectWalk(await walk(scenario), scenario, 'items')

/** Dates are calendar dates `YYYY-MM-DD` that exist (never `Date` objects or instants); statements do not close before they open. */
export const checkDatesAreCalendarDays = async (
  scenario: ConnectorScenario,
): Promise<ReadonlyArray<ContractViolation>> => inspectWalk(await walk(scenario), scenario, 'dates')

const amountKey = (v: unknown): string | null => {
  if (Dec.isDecimal(v)) return v.toFixed()
  if (typeof v === 'string' && /^[+-]?\d+(\.\d+)?$/.test(v.trim())) return new Dec(v.trim()).toFixed()
  if (typeof v === 'number' && Number.isFinite(v)) return new Dec(v).toFixed()
  return null
}

/** The signed amounts of every movement delivered, inside statements or not. */
const movementAmounts = (w: Walk): string[] =>
  deliveredItems(w).flatMap(({ item }) => {
    const movements =
      item._tag === 'Movement'
        ? [item.movement]
        : item._tag === 'Statement'
          ? (item.statement?.movements ?? [])
          : []
    return movements.map((m) => amountKey(m?.amount?.amount) ?? 'not a number')
  })

const multisetDifference = (a: ReadonlyArray<string>, b: ReadonlyArray<string>): string[] => {
  const left = new Map<string, number>()
  for (const x of b) left.set(x, (left.get(x) ?? 0) + 1)
  return a.filter((x) => {
    const n = left.get(x) ?? 0
    if (n > 0) left.set(x, n - 1)
    return n === 0
  })
}

/**
 * Amounts are exact and correctly signed: every amount is core `Money` (a decimal, never a JS number,
 * with no more decimals than its currency), statements balance when the fixture's do, and the
 * movements' signed amounts are exactly `expectedAmounts` when the scenario gives them.
 */
export const checkAmountsExact = async (
  scenario: ConnectorScenario,
): Promise<ReadonlyArray<ContractViolation>> => {
  const w = await walk(scenario)
  const found = [...inspectWalk(w, scenario, 'amounts')]
  if (scenario.expectedAmounts === undefined || w.problem !== null) return found
  const expected = scenario.expectedAmounts.map((a) => amountKey(a) ?? a)
  const actual = movementAmounts(w)
  const missing = multisetDifference(expected, actual)
  const unexpected = multisetDifference(actual, expected)
  if (missing.length + unexpected.length > 0)
    found.push(
      violation(
        'amounts',
        'AMOUNTS_DIFFER',
        'all pulls',
        `movement amounts differ from the fixture: missing ${missing.join(', ') || 'none'}; unexpected ${unexpected.join(', ') || 'none'}${
          missing.some((m) => unexpected.includes(new Dec(m).negated().toFixed())) ? ' (signs reversed?)' : ''
        }`,
      ),
    )
  return found
}
