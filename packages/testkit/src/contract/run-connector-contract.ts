import type { DescribeLike, TestLike } from '../suite-api.js'
import { checkAmountsExact, checkDatesAreCalendarDays, checkItemsWellFormed } from './check-items.js'
import { checkCapabilities } from './check-capabilities.js'
import { checkCursorsForward } from './check-cursors.js'
import { checkAcknowledge } from './check-acknowledge.js'
import { checkFreshInstances } from './check-instances.js'
import { checkNoticesWellFormed } from './check-notices.js'
import { checkPagingComplete } from './check-paging.js'
import { checkRepullIdempotent } from './check-repull.js'
import { checkNoSecretLeaks } from './check-secrets.js'
import { FAILURE_TAGS, checkTypedError, checkTypedErrors } from './check-typed-errors.js'
import type { ConnectorScenario, FailureKind } from './scenario.js'
import type { ContractGroup, ContractViolation } from './violation.js'

/** A group of the contract: what it promises, and the pure check that looks for violations. */
export interface ContractGroupCheck {
  readonly title: string
  readonly check: (scenario: ConnectorScenario) => Promise<ReadonlyArray<ContractViolation>>
}

/** Every group of the connector contract, by name, for running one on its own. */
export const CONNECTOR_CONTRACT: Readonly<Record<ContractGroup, ContractGroupCheck>> = {
  items: { title: 'items and accounts are well-formed domain values', check: checkItemsWellFormed },
  amounts: { title: 'amounts are exact Money, correctly signed', check: checkAmountsExact },
  dates: { title: 'dates are calendar dates', check: checkDatesAreCalendarDays },
  repull: {
    title: 're-pulling with the same cursor loses nothing and brings nothing new',
    check: checkRepullIdempotent,
  },
  cursors: { title: 'cursors only move forward', check: checkCursorsForward },
  paging: { title: 'paging loses nothing', check: checkPagingComplete },
  instances: {
    title: 'a fresh instance goes on from a stored cursor, with the same ids',
    check: checkFreshInstances,
  },
  notices: { title: 'notices and consent dates are well-formed', check: checkNoticesWellFormed },
  acknowledge: { title: 'acknowledging a committed cursor succeeds', check: checkAcknowledge },
  errors: { title: 'failures are typed errors', check: checkTypedErrors },
  secrets: { title: 'no secret in errors, log lines, cursors or notices', check: checkNoSecretLeaks },
  capabilities: { title: 'declared capabilities match behaviour', check: checkCapabilities },
}

/** Runs every group (or the ones named) and returns all violations: empty means the connector passes. */
export const checkConnectorContract = async (
  scenario: ConnectorScenario,
  groups: ReadonlyArray<ContractGroup> = Object.keys(CONNECTOR_CONTRACT) as ContractGroup[],
): Promise<ReadonlyArray<ContractViolation>> =>
  (await Promise.all(groups.map((g) => CONNECTOR_CONTRACT[g].check(scenario)))).flat()

/** Options of {@link runConnectorContract}: the scenario, a name, and the runner's registration functions. */
export interface ConnectorContractOptions extends ConnectorScenario {
  /** Names the suite: `"<name> — connector contract"`. */
  readonly name: string
  /** vitest's `describe`. */
  readonly describe: DescribeLike
  /** vitest's `test` (or `it`); assertions use the test context's `expect`. */
  readonly test: TestLike
  /** Groups left out; say why in your test file. */
  readonly skip?: ReadonlyArray<ContractGroup>
}

/**
 * Registers the connector contract as a vitest suite: one test per group, each asserting that its
 * check finds no violation (`expect(violations).toEqual([])`, so a failure lists them). The typed-error
 * tests are registered only for the failure scenarios given, the secrets test only when secrets are.
 */
export const runConnectorContract = (options: ConnectorContractOptions): void => {
  const { name, describe, test, skip = [], ...scenario } = options
  const run = (title: string, check: () => Promise<ReadonlyArray<ContractViolation>>): void => {
    test(title, async ({ expect }) => {
      expect(await check()).toEqual([])
    })
  }
  describe(`${name} — connector contract`, () => {
    for (const group of Object.keys(CONNECTOR_CONTRACT) as ContractGroup[]) {
      if (skip.includes(group)) continue
      if (group === 'errors') {
        for (const kind of Object.keys(FAILURE_TAGS) as FailureKind[])
          if (scenario.failures?.[kind] !== undefined)
            run(`a ${kind} failure is a typed ${FAILURE_TAGS[kind]} error`, () =>
              checkTypedError(scenario, kind),
            )
        continue
      }
      if (group === 'secrets' && (scenario.secrets ?? []).length === 0) continue
      const g = CONNECTOR_CONTRACT[group]
      run(g.title, () => g.check(scenario))
    }
  })
}
