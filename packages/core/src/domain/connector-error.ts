import type { LocalDate } from './local-date.js'
import type { RequiredAction } from './required-action.js'

/** What every {@link ConnectorError} has, whatever its kind. */
export interface ConnectorErrorBase {
  /** A human-readable reason, free of secrets. */
  readonly message: string
  /** True when the same pull may succeed later without anyone acting. */
  readonly retryable: boolean
}

/**
 * Why a pull failed. Messages never carry tokens, secrets, passwords or connect URLs. Build them
 * with the constructors of the same name (`ConnectorError.rateLimited({ … })`), which set
 * `retryable` as each kind requires.
 */
export type ConnectorError =
  | (ConnectorErrorBase & { readonly _tag: 'AuthExpired'; readonly retryable: false })
  | (ConnectorErrorBase & {
      readonly _tag: 'ConsentExpired'
      readonly retryable: false
      readonly expiredOn: LocalDate | null
    })
  | (ConnectorErrorBase & {
      readonly _tag: 'ActionRequired'
      readonly retryable: false
      readonly action: RequiredAction
    })
  | (ConnectorErrorBase & {
      readonly _tag: 'RateLimited'
      readonly retryable: true
      readonly retryAfterSeconds: number | null
    })
  | (ConnectorErrorBase & { readonly _tag: 'Unavailable'; readonly retryAfterSeconds: number | null })
  | (ConnectorErrorBase & { readonly _tag: 'InvalidData'; readonly retryable: false; readonly where: string })
  | (ConnectorErrorBase & { readonly _tag: 'NotFound'; readonly retryable: false; readonly what: string })
  /**
   * The firm's own set-up is wrong (its Bridge application's client id or secret, a PSD2 certificate,
   * an inbox directory): the firm must fix it, no client can. Reported to the firm, never to clients,
   * and not retried until the configuration changes.
   */
  | (ConnectorErrorBase & {
      readonly _tag: 'ConfigurationError'
      readonly retryable: false
      /** The setting at fault, by name (`clientSecret`, `inboxDirectory`), never its value. */
      readonly setting: string
    })

/** One kind of {@link ConnectorError}, by its tag. */
export type ConnectorErrorOf<T extends ConnectorError['_tag']> = Extract<ConnectorError, { readonly _tag: T }>

/**
 * The constructors of {@link ConnectorError}, one per kind: each takes the kind's fields and sets
 * `retryable` (only `unavailable` lets the connector say, since some outages are permanent).
 * @example
 * ```ts
 * import { ConnectorError, err } from '@bankfeed/core/connector'
 *
 * const refused = err(ConnectorError.authExpired({ message: 'the bank refused the credentials' }))
 * const busy = ConnectorError.rateLimited({ message: 'HTTP 429 from the bank', retryAfterSeconds: 60 })
 * ```
 */
export const ConnectorError = {
  /** The credentials or tokens no longer work: the client must sign in again. */
  authExpired: (f: { readonly message: string }): ConnectorErrorOf<'AuthExpired'> => ({
    _tag: 'AuthExpired',
    message: f.message,
    retryable: false,
  }),
  /** The bank consent ended (on `expiredOn`, when known): the client must renew it. */
  consentExpired: (f: {
    readonly message: string
    readonly expiredOn?: LocalDate | null
  }): ConnectorErrorOf<'ConsentExpired'> => ({
    _tag: 'ConsentExpired',
    message: f.message,
    retryable: false,
    expiredOn: f.expiredOn ?? null,
  }),
  /** The client must do something at the bank or the aggregator first. */
  actionRequired: (f: {
    readonly message: string
    readonly action: RequiredAction
  }): ConnectorErrorOf<'ActionRequired'> => ({
    _tag: 'ActionRequired',
    message: f.message,
    retryable: false,
    action: f.action,
  }),
  /** The provider asked to slow down (after `retryAfterSeconds`, when it said). */
  rateLimited: (f: {
    readonly message: string
    readonly retryAfterSeconds?: number | null
  }): ConnectorErrorOf<'RateLimited'> => ({
    _tag: 'RateLimited',
    message: f.message,
    retryable: true,
    retryAfterSeconds: f.retryAfterSeconds ?? null,
  }),
  /**
   * The provider cannot answer now (an outage, a 5xx, a network failure): retryable unless the
   * connector knows it will not get better (`retryable: false`, an account the aggregator dropped).
   */
  unavailable: (f: {
    readonly message: string
    readonly retryable?: boolean
    readonly retryAfterSeconds?: number | null
  }): ConnectorErrorOf<'Unavailable'> => ({
    _tag: 'Unavailable',
    message: f.message,
    retryable: f.retryable ?? true,
    retryAfterSeconds: f.retryAfterSeconds ?? null,
  }),
  /** The provider sent something the connector cannot read; `where` names it (a field, a line, a path). */
  invalidData: (f: {
    readonly message: string
    readonly where: string
  }): ConnectorErrorOf<'InvalidData'> => ({
    _tag: 'InvalidData',
    message: f.message,
    retryable: false,
    where: f.where,
  }),
  /** Something the pull names does not exist at the provider; `what` says what. */
  notFound: (f: { readonly message: string; readonly what: string }): ConnectorErrorOf<'NotFound'> => ({
    _tag: 'NotFound',
    message: f.message,
    retryable: false,
    what: f.what,
  }),
  /** The firm's set-up is wrong; `setting` names it, never its value. */
  configurationError: (f: {
    readonly message: string
    readonly setting: string
  }): ConnectorErrorOf<'ConfigurationError'> => ({
    _tag: 'ConfigurationError',
    message: f.message,
    retryable: false,
    setting: f.setting,
  }),
} as const
