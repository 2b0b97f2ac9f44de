import { isLocalDate } from '@bankfeed/core'
import type { ContractViolation } from './violation.js'
import { violation } from './violation.js'
import { instantiate, safePull } from './pull.js'
import type { ConnectorScenario, FailureKind } from './scenario.js'

/** The `ConnectorError` tag each failure scenario must produce. */
export const FAILURE_TAGS = {
  authExpired: 'AuthExpired',
  consentExpired: 'ConsentExpired',
  rateLimited: 'RateLimited',
  unavailable: 'Unavailable',
} as const satisfies Record<FailureKind, string>

/** The `retryable` each tag must carry; `Unavailable` may be either. */
const RETRYABLE: Record<string, boolean | null> = {
  AuthExpired: false,
  ConsentExpired: false,
  RateLimited: true,
  Unavailable: null,
}

const retryAfterOk = (v: unknown): boolean =>
  v === null || (typeof v === 'number' && Number.isFinite(v) && v >= 0)

/**
 * The connector of failure scenario `kind` fails its pull with the typed error of that kind
 * (`AuthExpired`, `ConsentExpired`, `RateLimited`, `Unavailable`), as a value, never a throw; the
 * error has a message, the right `retryable`, and well-formed extra fields. No scenario, no violation.
 */
export const checkTypedError = async (
  scenario: ConnectorScenario,
  kind: FailureKind,
): Promise<ReadonlyArray<ContractViolation>> => {
  const factory = scenario.failures?.[kind]
  if (factory === undefined) return []
  const { connector } = await instantiate(factory, scenario)
  const outcome = await safePull(connector, scenario.request)
  const tag = FAILURE_TAGS[kind]
  const where = `${kind} scenario`
  if (outcome._tag === 'Threw')
    return [
      violation(
        'errors',
        'ERROR_NOT_RETURNED',
        where,
        `the pull threw (${String(outcome.thrown)}) instead of returning ${tag}`,
      ),
    ]
  if (outcome._tag !== 'Failed')
    return [violation('errors', 'ERROR_NOT_RETURNED', where, `the pull did not fail; expected ${tag}`)]
  const e = outcome.error as unknown as Record<string, unknown>
  if (typeof e !== 'object' || e === null)
    return [violation('errors', 'ERROR_MALFORMED', where, `expected a ConnectorError, got ${String(e)}`)]
  const found: ContractViolation[] = []
  if (e['_tag'] !== tag)
    found.push(violation('errors', 'ERROR_WRONG_TAG', where, `expected ${tag}, got ${String(e['_tag'])}`))
  if (typeof e['message'] !== 'string' || e['message'].trim() === '')
    found.push(
      violation(
        'errors',
        'ERROR_MALFORMED',
        `${where}.message`,
        'an error needs a message a person can read',
      ),
    )
  const retryable = RETRYABLE[String(e['_tag'])]
  if (
    typeof e['retryable'] !== 'boolean' ||
    (retryable !== undefined && retryable !== null && e['retryable'] !== retryable)
  )
    found.push(
      violation(
        'errors',
        'ERROR_MALFORMED',
        `${where}.retryable`,
        `expected ${retryable ?? 'a boolean'}, got ${String(e['retryable'])}`,
      ),
    )
  if ((e['_tag'] === 'RateLimited' || e['_tag'] === 'Unavailable') && !retryAfterOk(e['retryAfterSeconds']))
    found.push(
      violation(
        'errors',
        'ERROR_MALFORMED',
        `${where}.retryAfterSeconds`,
        `expected null or a non-negative number, got ${String(e['retryAfterSeconds'])}`,
      ),
    )
  if (e['_tag'] === 'ConsentExpired' && e['expiredOn'] !== null && !isLocalDate(e['expiredOn']))
    found.push(
      violation(
        'errors',
        'ERROR_MALFORMED',
        `${where}.expiredOn`,
        `expected null or a calendar date, got ${String(e['expiredOn'])}`,
      ),
    )
  return found
}

/** {@link checkTypedError} for every failure scenario the connector declares. */
export const checkTypedErrors = async (
  scenario: ConnectorScenario,
): Promise<ReadonlyArray<ContractViolation>> => {
  const kinds = (Object.keys(FAILURE_TAGS) as FailureKind[]).filter(
    (k) => scenario.failures?.[k] !== undefined,
  )
  return (await Promise.all(kinds.map((k) => checkTypedError(scenario, k)))).flat()
}
