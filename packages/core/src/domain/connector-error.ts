import type { LocalDate } from './local-date.js'

interface ConnectorErrorBase {
  /** A human-readable reason, free of secrets. */
  readonly message: string
  /** True when the same pull may succeed later without anyone acting. */
  readonly retryable: boolean
}

/** Why a pull failed. Messages never carry tokens, secrets, passwords or connect URLs. */
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
      readonly action: string
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
