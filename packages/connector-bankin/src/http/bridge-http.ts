import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { ConnectorError, readableErrors } from '@bankfeed/core/connector'
import type { Clock, Logger } from '@bankfeed/core/connector'
import type { BudgetKey, RateBudget } from './rate-budget.js'
import { jsonTextState } from './json-text-state.js'
import { backoffDelayMs, parseRetryAfter } from './retry-policy.js'
import type { RetryPolicy } from './retry-policy.js'

/** One call to Bridge. `url` is absolute; the logged form is its path. */
export interface HttpCall {
  readonly method: 'GET' | 'POST' | 'DELETE'
  readonly url: URL
  /** The user's access token for user-scoped resources. */
  readonly bearer: string | null
  readonly body: unknown
  /** Budgets this call spends from. */
  readonly budgets: ReadonlyArray<BudgetKey>
  /** The answer holds a secret (token, connect URL): decode errors then name paths, never values. */
  readonly sensitive: boolean
}

/**
 * Which credential Bridge's error body blames, read from its `type` and `message` (never kept): one of
 * the application's, the user's token, or `null` when it says nothing recognisable.
 */
export type CredentialFault = 'clientId' | 'clientSecret' | 'applicationCredentials' | 'token' | null

/**
 * Why a call failed: a typed connector error, a 409, or a refusal of the credentials sent (401, 403)
 * that the caller classes, since only it knows whether a user token was on the call.
 */
export type HttpProblem =
  | {
      readonly _tag: 'Unauthorized'
      readonly status: 401 | 403
      readonly fault: CredentialFault
      /** Bridge's machine-readable error `type`, reduced to `[a-z0-9_.-]`, for messages; `null` if none. */
      readonly errorType: string | null
    }
  | { readonly _tag: 'Conflict'; readonly status: 409 }
  | { readonly _tag: 'Failed'; readonly error: ConnectorError }

/** What the HTTP layer needs: configuration and the injectable effects. */
export interface BridgeHttpConfig {
  readonly clientId: string
  readonly clientSecret: string
  readonly version: string
  readonly acceptLanguage: string | null
  readonly fetch: typeof globalThis.fetch
  readonly logger: Logger
  readonly clock: Clock
  readonly retry: RetryPolicy
  readonly sleep: (ms: number) => Promise<void>
  readonly random: () => number
  readonly timeoutMs: number
  readonly budget: RateBudget
  /** Waiting longer than this for the client's own budget fails the call with `RateLimited`. */
  readonly maxBudgetWaitMs: number
  /** Every secret the messages must not carry (client secret, tokens handed out so far). */
  readonly secrets: () => ReadonlyArray<string>
}

/** Sends one call and decodes its JSON answer. */
export type SendCall = <A>(call: HttpCall, codec: t.Decoder<unknown, A>) => Promise<E.Either<HttpProblem, A>>

const failed = (error: ConnectorError): E.Either<HttpProblem, never> => E.left({ _tag: 'Failed', error })

const where = (call: HttpCall): string => `${call.method} ${call.url.pathname}`

/**
 * A body as JSON, or why not: `Truncated` when it stops where a JSON text could go on (cut in
 * transit without the transport noticing: no length, or a proxy closed it), `Malformed` otherwise.
 */
const parseBody = (
  text: string,
): { readonly _tag: 'Json'; readonly value: unknown } | { readonly _tag: 'Truncated' | 'Malformed' } => {
  try {
    return { _tag: 'Json', value: JSON.parse(text) }
  } catch {
    return { _tag: jsonTextState(text) === 'truncated' ? 'Truncated' : 'Malformed' }
  }
}

/** Makes the sender: headers, client-side budgets, timeouts, retries with backoff, decoding. */
export const makeBridgeHttp = (config: BridgeHttpConfig): SendCall => {
  const nowMs = (): number => Date.parse(config.clock.now())
  const scrub = (text: string): string =>
    config
      .secrets()
      .filter((s) => s.length > 0)
      .reduce((acc, s) => acc.split(s).join('[redacted]'), text)

  const headers = (call: HttpCall): Record<string, string> => ({
    Accept: 'application/json',
    'Bridge-Version': config.version,
    'Client-Id': config.clientId,
    'Client-Secret': config.clientSecret,
    ...(call.bearer === null ? {} : { Authorization: `Bearer ${call.bearer}` }),
    ...(call.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    ...(config.acceptLanguage === null ? {} : { 'Accept-Language': config.acceptLanguage }),
  })

  /** Waits for the client's own budgets; `Left` when the wait would be too long. */
  const awaitBudget = async (call: HttpCall): Promise<E.Either<HttpProblem, void>> => {
    for (;;) {
      const wait = config.budget.waitMs(call.budgets, nowMs())
      if (wait <= 0) {
        config.budget.spend(call.budgets, nowMs())
        return E.right(undefined)
      }
      if (wait > config.maxBudgetWaitMs) {
        config.logger.warn('bridge budget exhausted', { call: where(call), waitMs: wait })
        return failed(
          ConnectorError.rateLimited({
            message: `Bridge request budget spent (${where(call)}); retry in ${Math.ceil(wait / 1000)} s`,
            retryAfterSeconds: Math.ceil(wait / 1000),
          }),
        )
      }
      await config.sleep(wait)
    }
  }

  /** Decodes a JSON value the server sent whole; `InvalidData` lists every failing path. */
  const decode = <A>(
    call: HttpCall,
    json: unknown,
    codec: t.Decoder<unknown, A>,
  ): E.Either<HttpProblem, A> => {
    const decoded = codec.decode(json)
    if (E.isRight(decoded)) return E.right(decoded.right)
    const issues = readableErrors(decoded.left).map((i) =>
      call.sensitive ? `${i.path === '' ? '(root)' : i.path}: expected ${i.expected}` : i.message,
    )
    return failed(
      ConnectorError.invalidData({
        message: scrub(`Bridge answered ${where(call)} with unexpected data: ${issues.join('; ')}`),
        where: where(call),
      }),
    )
  }

  const errorBody = (text: string): { readonly type: string | null; readonly message: string | null } => {
    try {
      const body = JSON.parse(text) as { type?: unknown; message?: unknown } | null
      const field = (v: unknown): string | null => (typeof v === 'string' ? v : null)
      return { type: field(body?.type), message: field(body?.message) }
    } catch {
      return { type: null, message: null }
    }
  }

  const errorText = (text: string): string => {
    const body = errorBody(text)
    const parts = [body.type, body.message].filter((p): p is string => p !== null)
    return parts.length === 0 ? '' : `: ${scrub(parts.join(' — ')).slice(0, 200)}`
  }

  const unauthorized = (status: 401 | 403, text: string): HttpProblem => {
    const body = errorBody(text)
    const type =
      body.type === null
        ? null
        : body.type
            .toLowerCase()
            .replace(/[^a-z0-9_.-]/g, '')
            .slice(0, 40)
    return {
      _tag: 'Unauthorized',
      status,
      fault: credentialFault(`${body.type ?? ''} ${body.message ?? ''}`),
      errorType: type === null || type === '' ? null : type,
    }
  }

  return async <A>(call: HttpCall, codec: t.Decoder<unknown, A>): Promise<E.Either<HttpProblem, A>> => {
    let lastRetryAfter: number | null = null
    let lastStatus = 0
    let lastProblem = ''
    for (let attempt = 1; attempt <= config.retry.maxAttempts; attempt++) {
      const budget = await awaitBudget(call)
      if (E.isLeft(budget)) return budget
      let status: number
      let text: string
      let retryAfter: number | null = null
      // The answer began (a status came) but its body did not arrive whole.
      let cutOff = false
      try {
        const res = await config.fetch(call.url, {
          method: call.method,
          headers: headers(call),
          ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
          signal: AbortSignal.timeout(config.timeoutMs),
        })
        status = res.status
        retryAfter = parseRetryAfter(res.headers.get('retry-after'), nowMs())
        try {
          text = await res.text()
        } catch {
          // Reset mid-body, fewer bytes than Content-Length, a timeout while reading.
          text = ''
          cutOff = true
        }
      } catch (thrown) {
        // Network error or timeout: the reason names no secret (no headers, no body), but scrub anyway.
        status = 0
        text = ''
        lastProblem = scrub(thrown instanceof Error ? thrown.name : 'network error')
      }
      config.logger.debug('bridge response', { call: where(call), status, attempt })
      // A success whose body did not arrive whole is a transport failure, retried like one: only a
      // body that came whole and is not JSON is bad data.
      let incomplete = false
      if (status >= 200 && status < 300) {
        const body = cutOff ? ({ _tag: 'Truncated' } as const) : parseBody(text)
        if (body._tag === 'Json') return decode(call, body.value, codec)
        if (body._tag === 'Malformed')
          return failed(
            ConnectorError.invalidData({
              message: `Bridge answered ${where(call)} with something that is not JSON`,
              where: where(call),
            }),
          )
        incomplete = true
        lastProblem = `the answer was cut off (HTTP ${status})`
      }
      if (status === 401 || status === 403) return E.left(unauthorized(status, text))
      if (status === 409) return E.left({ _tag: 'Conflict', status })
      const transient = incomplete || status === 0 || status === 429 || status >= 500
      if (!transient) return failed(clientError(call, status, errorText(text)))
      if (status >= 300) lastProblem = `HTTP ${status}${errorText(text)}`
      lastStatus = status
      lastRetryAfter = retryAfter
      if (attempt === config.retry.maxAttempts) break
      if (retryAfter !== null && retryAfter > config.retry.maxRetryAfterSeconds) break
      const delay = Math.max(backoffDelayMs(config.retry, attempt, config.random), (retryAfter ?? 0) * 1000)
      config.logger.warn('bridge request retried', { call: where(call), status, attempt, delayMs: delay })
      await config.sleep(delay)
    }
    const rateLimited = lastStatus === 429
    config.logger.warn('bridge request gave up', { call: where(call), problem: lastProblem })
    return failed(
      rateLimited
        ? ConnectorError.rateLimited({
            message: `Bridge rate limit reached (${where(call)})`,
            retryAfterSeconds: lastRetryAfter,
          })
        : ConnectorError.unavailable({
            message: `Bridge unavailable (${where(call)}: ${lastProblem})`,
            retryAfterSeconds: lastRetryAfter,
          }),
    )
  }
}

/**
 * The credential an error text blames. Bridge documents no list of error types, so this reads words:
 * a client id, a secret, the client or application as a whole, or a token.
 */
export const credentialFault = (text: string): CredentialFault => {
  const t = text.toLowerCase()
  if (/client[\s_-]?id\b/.test(t)) return 'clientId'
  if (/secret/.test(t)) return 'clientSecret'
  if (/client|application|\bapp\b/.test(t)) return 'applicationCredentials'
  if (/token/.test(t)) return 'token'
  return null
}

const clientError = (call: HttpCall, status: number, detail: string): ConnectorError => {
  if (status === 404)
    return ConnectorError.notFound({
      message: `Bridge has no ${call.url.pathname}${detail}`,
      what: call.url.pathname,
    })
  return ConnectorError.invalidData({
    message: `Bridge rejected ${where(call)} (HTTP ${status})${detail}`,
    where: where(call),
  })
}
