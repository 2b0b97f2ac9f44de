import { isLocalDate } from '@bankfeed/core'
import type { ContractViolation } from './violation.js'
import { violation } from './violation.js'
import { walkProblem } from './check-items.js'
import { inspectAccount } from './inspect-item.js'
import { walk } from './pull.js'
import type { ConnectorScenario } from './scenario.js'

type Rec = Record<string, unknown>

const isObject = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v)
const show = (v: unknown): string =>
  typeof v === 'string' ? JSON.stringify(v) : v instanceof Date ? `Date(${v.toISOString()})` : String(v)

const TAGS = ['UnreadableFile', 'SkippedAccount', 'SkippedItem', 'EmptyFile'] as const

/** Every way `v` is not a well-formed `FeedNotice`; `where` names it. */
const inspectNotice = (v: unknown, where: string): ReadonlyArray<ContractViolation> => {
  const found: ContractViolation[] = []
  const bad = (field: string, message: string): void => {
    found.push(violation('notices', 'NOTICE_MALFORMED', `${where}${field}`, message))
  }
  if (!isObject(v)) {
    bad('', `expected a FeedNotice, got ${show(v)}`)
    return found
  }
  const tag = v['_tag']
  const text = (key: string, what: string): void => {
    if (typeof v[key] !== 'string' || (v[key] as string).trim() === '')
      bad(`.${key}`, `${String(tag)} needs ${what}, got ${show(v[key])}`)
  }
  const account = (): void => {
    const inner: ContractViolation[] = []
    inspectAccount(inner, v['account'], `${where}.account`)
    // The same defects as an item's account, reported here: a notice a person cannot place is no use.
    found.push(...inner.map((x) => ({ ...x, group: 'notices' as const })))
  }
  switch (tag) {
    case 'UnreadableFile':
      text('file', 'the file name')
      text('reason', 'a reason a person can read')
      if (v['line'] !== null && !(Number.isInteger(v['line']) && (v['line'] as number) >= 1))
        bad('.line', `expected null or a line number from 1, got ${show(v['line'])}`)
      break
    case 'SkippedAccount':
      account()
      text('reason', 'a reason a person can read')
      break
    case 'SkippedItem':
      account()
      if (v['providerId'] !== null && (typeof v['providerId'] !== 'string' || v['providerId'].trim() === ''))
        bad('.providerId', `expected the item's provider id or null, got ${show(v['providerId'])}`)
      text('reason', 'a reason naming the field at fault')
      break
    case 'EmptyFile':
      text('file', 'the file name')
      if (!(Number.isInteger(v['bytes']) && (v['bytes'] as number) >= 0))
        bad('.bytes', `expected the file's size in bytes, got ${show(v['bytes'])}`)
      text('reason', 'what the file holds instead')
      break
    default:
      bad('._tag', `expected ${TAGS.join(', ')}, got ${show(tag)}`)
  }
  return found
}

/**
 * What a batch says besides its items is well-formed: `consentExpiresOn` is absent, `null` (no end)
 * or a calendar date `YYYY-MM-DD` that exists, and every notice is one of the `FeedNotice` variants
 * with its fields of the right type and a non-empty reason (the secrets group searches reasons for the
 * scenario's secrets).
 */
export const checkNoticesWellFormed = async (
  scenario: ConnectorScenario,
): Promise<ReadonlyArray<ContractViolation>> => {
  const w = await walk(scenario)
  const found: ContractViolation[] = [...walkProblem(w, 'notices')]
  w.steps.forEach((step, p) => {
    const batch = step.batch as unknown as Rec
    const consent = batch['consentExpiresOn']
    if (consent !== undefined && consent !== null && !isLocalDate(consent))
      found.push(
        violation(
          'notices',
          'CONSENT_DATE_INVALID',
          `pull ${p + 1}.consentExpiresOn`,
          `expected absent, null (no end) or a calendar date YYYY-MM-DD, got ${show(consent)}`,
        ),
      )
    ;(step.batch.notices ?? []).forEach((n, i) => {
      found.push(
        ...inspectNotice(n, `pull ${p + 1}, notice ${i + 1} (${String((n as Rec | null)?.['_tag'])})`),
      )
    })
  })
  return found
}
