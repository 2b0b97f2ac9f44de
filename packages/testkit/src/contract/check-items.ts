import { Dec } from '@bankfeed/core'
import type { Movement } from '@bankfeed/core'
import type { ContractGroup, ContractViolation } from './violation.js'
import { violation } from './violation.js'
import { canonical } from './canonical.js'
import { inspectItem } from './inspect-item.js'
import { accountKey, describeMovement, movementsIn } from './item-movements.js'
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
  const options = {
    statementsBalance: scenario.statementsBalance ?? true,
    since: scenario.request.since,
    accounts: scenario.request.accounts,
  }
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
 * Distinct movements of one delivery have distinct provider ids, per account: the ledger takes a
 * second movement under an id it has just seen as the same movement, so one of the two is lost.
 * Identical movements under one id are reported too: identical twins (two coffees the same day) are
 * two movements, and an id made from the content gives them one.
 */
const duplicateIds = (w: Walk): ReadonlyArray<ContractViolation> =>
  w.steps.flatMap((step, p) => {
    const first = new Map<string, { readonly movement: Movement; readonly where: string }>()
    const found: ContractViolation[] = []
    step.batch.items.forEach((item, i) => {
      for (const { movement, at } of movementsIn(item)) {
        const id = movement?.providerId
        if (typeof id !== 'string' || id.trim() === '') continue
        const where = `pull ${p + 1}, item ${i + 1} (${item._tag})${at}.providerId`
        const key = `${accountKey(item.account)}\u0000${id}`
        const earlier = first.get(key)
        if (earlier === undefined) first.set(key, { movement, where })
        else
          found.push(
            violation(
              'items',
              'DUPLICATE_PROVIDER_ID',
              where,
              canonical(earlier.movement) === canonical(movement)
                ? `${describeMovement(movement)} comes twice in one delivery under one id (first at ${earlier.where}): identical twins are two movements and need two ids, or one is lost; one movement is delivered once`
                : `${describeMovement(movement)} has the id of another movement of the same delivery, ${describeMovement(earlier.movement)} (at ${earlier.where}): the ledger keeps only one of them`,
            ),
          )
      }
    })
    return found
  })

/**
 * Items and accounts are well-formed domain values: a known `_tag`, every field of its type, accounts
 * identified well enough to be routed (IBAN, bank + branch + account number, or provider id), IBANs
 * valid, no blank provider ids, and no provider id given to two movements of one delivery.
 */
export const checkItemsWellFormed = async (
  scenario: ConnectorScenario,
): Promise<ReadonlyArray<ContractViolation>> => {
  const w = await walk(scenario)
  return [...inspectWalk(w, scenario, 'items'), ...duplicateIds(w)]
}

/**
 * Dates are calendar dates `YYYY-MM-DD` that exist (never `Date` objects or instants); statements do
 * not close before they open; no movement (inside a statement or not) is booked before the request's
 * `since`, whatever the provider or the fixture holds.
 */
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
 * with no more decimals than its currency), in its account's currency (the requested account's, else
 * the one the item names) and its statement's, statements balance when the fixture's do, and the
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
