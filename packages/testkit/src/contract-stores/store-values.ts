import { REQUIRED_ACTIONS } from '@bankfeed/core/store'
import { localDate } from '@bankfeed/core'
import fc from 'fast-check'
import type { ConnectionProblem, ConnectionState } from '@bankfeed/core'
import { localDateArb } from '../dates.js'

/**
 * Texts as people and banks write them, in several scripts, with the characters SQL and JSON like
 * least (quotes, backslashes, `%` and `_`, line breaks, combining marks, astral characters).
 */
export const STORE_TEXT_SAMPLES: ReadonlyArray<string> = [
  'Société Générale — échéance n°3',
  'L\'ÉQUIPE "abonnement" \\ 50%_off',
  '東京 カフェ',
  'تحويل بنكي',
  'e\u0301 ß Ω 🧾💶',
  'line one\nline two\ttab\r\n',
  '   spaces kept   ',
  '\u2028\u2029\ufeff',
  '',
]

/**
 * Any well-formed Unicode text but U+0000 (PostgreSQL's `text` cannot hold it; the contracts check
 * separately that a store refuses it rather than alter it).
 */
export const storeTextArb = (maxLength = 24): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...STORE_TEXT_SAMPLES),
    fc.string({ unit: 'binary', maxLength }).map((s) => s.replaceAll('\u0000', '\u0001')),
  )

/**
 * A value as the store contracts compare it: every key, a key holding `undefined` apart from an
 * absent one, object keys in one order (a database keeps a JSON document's keys in its own).
 */
export const exactForm = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => {
    if (v === undefined) return '⟨undefined⟩'
    if (typeof v === 'object' && v !== null && !Array.isArray(v))
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, (v as Record<string, unknown>)[k]]),
      )
    return v
  }) ?? 'undefined'

const dayArb = localDateArb({ min: localDate('1970-01-01'), max: localDate('2099-12-31') })
const maybeDay = fc.option(dayArb, { nil: null })

const problemArb: fc.Arbitrary<ConnectionProblem> = fc.oneof(
  fc.record({
    _tag: fc.constantFrom('AuthExpired', 'ActionRequired', 'ConsentExpired', 'RateLimited', 'Unavailable'),
    since: dayArb,
    action: fc.option(fc.constantFrom(...REQUIRED_ACTIONS), { nil: null }),
    retryAfterSeconds: fc.option(fc.nat({ max: 86_400 * 30 }), { nil: null }),
  }),
  // A configuration error names the setting and, when the application gave one, its version; an
  // older state may have neither (both keys absent).
  fc.record(
    {
      _tag: fc.constant('ConfigurationError' as const),
      since: dayArb,
      action: fc.constant(null),
      retryAfterSeconds: fc.constant(null),
      setting: storeTextArb(),
      configurationVersion: fc.option(storeTextArb(), { nil: null }),
    },
    { requiredKeys: ['_tag', 'since', 'action', 'retryAfterSeconds'] },
  ),
)

/** Any connection state: every attachment, every problem kind (or none), every date `null` or not. */
export const connectionStateArb: fc.Arbitrary<ConnectionState> = fc.record({
  status: fc.record({
    attachment: fc.constantFrom('notAttached' as const, 'attached' as const, 'detached' as const),
    problem: fc.option(problemArb, { nil: null }),
    consentExpiresOn: maybeDay,
  }),
  reauth: fc.record({ emailedOn: maybeDay }),
  lastCollectedOn: maybeDay,
  lastFailedOn: maybeDay,
  warnedFor: maybeDay,
})
