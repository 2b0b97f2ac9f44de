import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { readableErrors } from '@bankfeed/core'
import type { Clock, ConnectorError, Logger } from '@bankfeed/core'
import type { BudgetKey, RateBudget } from './rate-budget.js'
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

/** Why a call failed: a typed connector error, or a 401 the caller may cure by re-authenticating. */
export type HttpProblem =
  | { readonly _tag: 'Unauthorized'; readonly status: 401 }
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
        return failed({
          _tag: 'RateLimited',
          message: `Bridge request budget spent (${where(call)}); retry in ${Math.ceil(wait / 1000)} s`,
          retryable: true,
          retryAfterSeconds: Math.ceil(wait / 1000),
        })
      }
      await config.sleep(wait)
    }
  }

  const decode = <A>(
    call: HttpCall,
    text: string,
    codec: t.Decoder<unknown, A>,
  ): E.Either<HttpProblem, A> => {
    let json: unknown
    try {
      json = text.trim() === '' ? null : JSON.parse(text)
    } catch {
      return failed({
        _tag: 'InvalidData',
        message: `Bridge answered ${where(call)} with something that is not JSON`,
        retryable: false,
        where: where(call),
      })
    }
    const decoded = codec.decode(json)
    if (E.isRight(decoded)) return E.right(decoded.right)
    const issues = readableErrors(decoded.left).map((i) =>
      call.sensitive ? `${i.path === '' ? '(root)' : i.path}: expected ${i.expected}` : i.message,
    )
    return failed({
      _tag: 'InvalidData',
      message: scrub(`Bridge answered ${where(call)} with unexpected data: ${issues.join('; ')}`),
      retryable: false,
      where: where(call),
    })
  }

  const errorText = (text: string): string => {
    try {
      const body = JSON.parse(text) as { type?: unknown; message?: unknown }
      const parts = [body.type, body.message].filter((p): p is string => typeof p === 'string')
      return parts.length === 0 ? '' : `: ${scrub(parts.join(' — ')).slice(0, 200)}`
    } catch {
      return ''
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
      try {
        const res = await config.fetch(call.url, {
          method: call.method,
          headers: headers(call),
          ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
          signal: AbortSignal.timeout(config.timeoutMs),
        })
        status = res.status
        retryAfter = parseRetryAfter(res.headers.get('retry-after'), nowMs())
        text = await res.text()
      } catch (thrown) {
        // Network error or timeout: the reason names no secret (no headers, no body), but scrub anyway.
        status = 0
        text = ''
        lastProblem = scrub(thrown instanceof Error ? thrown.name : 'network error')
      }
      config.logger.debug('bridge response', { call: where(call), status, attempt })
      if (status >= 200 && status < 300) return decode(call, text, codec)
      if (status === 401) return E.left({ _tag: 'Unauthorized', status })
      if (status === 409) return E.left({ _tag: 'Conflict', status })
      const transient = status === 0 || status === 429 || status >= 500
      if (!transient) return failed(clientError(call, status, errorText(text)))
      if (status !== 0) lastProblem = `HTTP ${status}${errorText(text)}`
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
        ? {
            _tag: 'RateLimited',
            message: `Bridge rate limit reached (${where(call)})`,
            retryable: true,
            retryAfterSeconds: lastRetryAfter,
          }
        : {
            _tag: 'Unavailable',
            message: `Bridge unavailable (${where(call)}: ${lastProblem})`,
            retryable: true,
            retryAfterSeconds: lastRetryAfter,
          },
    )
  }
}

const clientError = (call: HttpCall, status: number, detail: string): ConnectorError => {
  if (status === 403)
    return {
      _tag: 'AuthExpired',
      message: `Bridge refused ${where(call)} (HTTP 403)${detail}`,
      retryable: false,
    }
  if (status === 404)
    return {
      _tag: 'NotFound',
      message: `Bridge has no ${call.url.pathname}${detail}`,
      retryable: false,
      what: call.url.pathname,
    }
  return {
    _tag: 'InvalidData',
    message: `Bridge rejected ${where(call)} (HTTP ${status})${detail}`,
    retryable: false,
    where: where(call),
  }
}
