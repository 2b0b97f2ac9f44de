import { makeRecordingLogger } from '../adapters/recording-logger.js'
import { canonical } from './canonical.js'
import type { ContractViolation, ContractViolationCode } from './violation.js'
import { violation } from './violation.js'
import { instantiate, safePull, walk } from './pull.js'
import type { ConnectorScenario, FailureKind } from './scenario.js'

const textOf = (v: unknown): string => {
  if (v instanceof Error)
    return `${v.name}: ${v.message} ${v.stack ?? ''} ${String((v as { cause?: unknown }).cause ?? '')}`
  return typeof v === 'string' ? v : canonical(v)
}

/** The secret as it may show: raw, URL-encoded, or JSON-escaped. */
const forms = (secret: string): ReadonlyArray<string> => [
  ...new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]),
]

/**
 * No secret shows in errors (of pulls and acknowledgements), log lines, cursors or notices (their
 * reasons included). Runs the walk and every failure scenario
 * with a recording logger, then searches everything they produced for each of the scenario's
 * `secrets`, raw, URL-encoded or JSON-escaped. No secrets given, no violation.
 */
export const checkNoSecretLeaks = async (
  scenario: ConnectorScenario,
): Promise<ReadonlyArray<ContractViolation>> => {
  const secrets = (scenario.secrets ?? []).filter((s) => s !== '')
  if (secrets.length === 0) return []
  const logger = makeRecordingLogger()
  const places: Array<{ code: ContractViolationCode; where: string; text: string }> = []
  const w = await walk(scenario, { logger })
  w.steps.forEach((s, i) => {
    places.push({ code: 'SECRET_IN_CURSOR', where: `pull ${i + 1} cursor`, text: s.batch.cursor.value })
    for (const n of s.batch.notices ?? [])
      places.push({ code: 'SECRET_IN_NOTICE', where: `pull ${i + 1} notices`, text: canonical(n) })
    const a = s.acknowledged
    if (a !== null && (a._tag === 'Failed' || a._tag === 'Threw'))
      places.push({
        code: 'SECRET_IN_ERROR',
        where: `pull ${i + 1} acknowledge error`,
        text: a._tag === 'Failed' ? textOf(a.error) : textOf(a.thrown),
      })
  })
  if (w.problem !== null)
    places.push({ code: 'SECRET_IN_ERROR', where: `pull ${w.problem.pull}`, text: w.problem.message })
  for (const [kind, factory] of Object.entries(scenario.failures ?? {}) as Array<
    [FailureKind, NonNullable<ConnectorScenario['make']>]
  >) {
    const { connector } = await instantiate(factory, scenario, logger)
    const o = await safePull(connector, scenario.request)
    const text = o._tag === 'Failed' ? textOf(o.error) : o._tag === 'Threw' ? textOf(o.thrown) : ''
    places.push({ code: 'SECRET_IN_ERROR', where: `${kind} scenario error`, text })
  }
  logger.lines().forEach((l, i) =>
    places.push({
      code: 'SECRET_IN_LOG',
      where: `log line ${i + 1} (${l.level})`,
      text: `${l.message} ${canonical(l.fields)}`,
    }),
  )
  const found: ContractViolation[] = []
  for (const p of places)
    secrets.forEach((secret, n) => {
      if (forms(secret).some((f) => p.text.includes(f)))
        // The message names the secret by position only: the report itself must not leak it.
        found.push(
          violation(
            'secrets',
            p.code,
            p.where,
            `secret #${n + 1} (${secret.length} characters) appears here`,
          ),
        )
    })
  return found
}
