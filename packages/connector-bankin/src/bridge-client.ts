import * as E from 'fp-ts/lib/Either.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import * as t from 'io-ts'
import { ConnectorError, makeContext } from '@bankfeed/core/connector'
import type { Context } from '@bankfeed/core/connector'
import { checkExternalUserId } from './external-user-id.js'
import { makeBridgeHttp } from './http/bridge-http.js'
import type { HttpCall, HttpProblem } from './http/bridge-http.js'
import { BRIDGE_RATE_LIMITS, makeRateBudget } from './http/rate-budget.js'
import type { BridgeRateLimits, BudgetKey } from './http/rate-budget.js'
import { DEFAULT_RETRY_POLICY } from './http/retry-policy.js'
import type { RetryPolicy } from './http/retry-policy.js'
import * as wire from './wire/bridge-2021-06-01.js'
import type {
  BridgeAccount,
  BridgeConnectSession,
  BridgeItem,
  BridgeUser,
  BridgeUserToken,
  TransactionEntry,
} from './wire/records.js'

/** Options of {@link makeBridgeClient}. */
export interface BridgeClientOptions {
  /** `https://api.bridgeapi.io` in production, a simulator's `url` in tests. */
  readonly baseUrl: string
  readonly clientId: string
  /** Sent on every call, never logged nor put in an error. */
  readonly clientSecret: string
  /**
   * The program's clock and logger (`makeContext` of `@bankfeed/core`), made once and shared: the
   * client reads token expiry and rate budgets on its clock, and the connector made over this client
   * (`makeBankinConnector`) takes the same clock and logger from {@link BridgeClient.context}.
   * Defaults to `makeContext()`: the system clock, and no logs.
   */
  readonly context?: Context
  /** Defaults to the global `fetch`. */
  readonly fetch?: typeof globalThis.fetch
  /** Retries on 429, 5xx and network errors; defaults to {@link DEFAULT_RETRY_POLICY}. */
  readonly retry?: Partial<RetryPolicy>
  /** How backoff waits; inject an instant one in tests. */
  readonly sleep?: (ms: number) => Promise<void>
  /** Jitter source, `Math.random` by default. */
  readonly random?: () => number
  /** Per-request timeout (default 30 s). */
  readonly timeoutMs?: number
  /** The client's own budgets; defaults to Bridge's documented limits. */
  readonly rateLimits?: Partial<BridgeRateLimits>
  /** Longest wait for the client's own budget inside one call before `RateLimited` (default 5 s). */
  readonly maxBudgetWaitMs?: number
  /** `fr` makes Bridge's status descriptions French. */
  readonly acceptLanguage?: string
  /** A token is renewed this long before its `expires_at` (default 60 s). */
  readonly tokenMarginMs?: number
}

/** Options of a "list updated transactions" walk. */
export interface UpdatedTransactionsQuery {
  /** Only transactions updated at or after this instant (a stored `updated_at`); `null` for all. */
  readonly since: string | null
  /** Page size asked for (Bridge's `limit`). */
  readonly limit?: number
}

/** Options of a Connect session that adds an item. */
export interface ConnectAddOptions {
  readonly country?: string
  readonly prefillEmail?: string
  /** A pass-through value Bridge gives back on the callback URL. */
  readonly context?: string
}

/** The outcome of {@link BridgeClient.ensureUser}. */
export type EnsuredUser = { readonly created: true; readonly user: BridgeUser } | { readonly created: false }

/**
 * A typed client of the Bridge API (version 2021-06-01). Every method is a `TaskEither` that never
 * rejects; failures are {@link ConnectorError} values free of secrets. User-scoped methods take the
 * user's external id and authenticate it as needed (tokens cached until shortly before expiry).
 */
export interface BridgeClient {
  /** The Bridge API version spoken. */
  readonly version: string
  /** The clock and logger the client was made with, for the connector and the use cases to share. */
  readonly context: Context
  /** Creates the user if it does not exist yet (409 means it does). */
  readonly ensureUser: (externalUserId: string) => TaskEither<ConnectorError, EnsuredUser>
  /** The user's access token, from the cache while it is valid. */
  readonly authenticate: (externalUserId: string) => TaskEither<ConnectorError, BridgeUserToken>
  /** A Connect session to add a bank connection (item). */
  readonly connectAddItem: (
    externalUserId: string,
    options?: ConnectAddOptions,
  ) => TaskEither<ConnectorError, BridgeConnectSession>
  /** A Connect session to enter new credentials of an item (status 402). */
  readonly connectEditItem: (
    externalUserId: string,
    itemId: string,
  ) => TaskEither<ConnectorError, BridgeConnectSession>
  /** A Connect session to pass a strong customer authentication (status 1010). */
  readonly connectSyncItem: (
    externalUserId: string,
    itemId: string,
  ) => TaskEither<ConnectorError, BridgeConnectSession>
  /** Every item of the user, all pages. */
  readonly listItems: (externalUserId: string) => TaskEither<ConnectorError, ReadonlyArray<BridgeItem>>
  /** Every account of the user, all pages. */
  readonly listAccounts: (externalUserId: string) => TaskEither<ConnectorError, ReadonlyArray<BridgeAccount>>
  /**
   * Every transaction created, updated or deleted since `since`, following `pagination.next_uri`
   * verbatim to the last page. Each entry is read on its own: one that does not decode is
   * `Undecodable` (with what reads of it), not a failure. A failure on any page, a page that is not a
   * list, or an entry without a readable `id` and `account_id`, fails the whole walk.
   */
  readonly listUpdatedTransactions: (
    externalUserId: string,
    query: UpdatedTransactionsQuery,
  ) => TaskEither<ConnectorError, ReadonlyArray<TransactionEntry>>
}

const MAX_PAGES = 10_000

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

const requireText = (name: string, value: string): void => {
  if (typeof value !== 'string' || value.trim() === '')
    throw new Error(`makeBridgeClient: ${name} is required`)
}

/**
 * Makes a {@link BridgeClient}. Throws only on bad configuration (missing credentials, a base URL
 * that is not one), which is a programmer error.
 */
export const makeBridgeClient = (options: BridgeClientOptions): BridgeClient => {
  requireText('clientId', options.clientId)
  requireText('clientSecret', options.clientSecret)
  let base: URL
  try {
    base = new URL(options.baseUrl)
  } catch {
    throw new Error('makeBridgeClient: baseUrl is not a URL')
  }
  const context = options.context ?? makeContext()
  const { clock, logger } = context
  const limits: BridgeRateLimits = { ...BRIDGE_RATE_LIMITS, ...options.rateLimits }
  const tokens = new Map<string, BridgeUserToken>()
  // Every token handed out by this client, so a message echoing one can be scrubbed.
  const issued = new Set<string>()
  const send = makeBridgeHttp({
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    version: wire.VERSION,
    acceptLanguage: options.acceptLanguage ?? null,
    fetch: options.fetch ?? globalThis.fetch,
    logger,
    clock,
    retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    sleep: options.sleep ?? realSleep,
    random: options.random ?? Math.random,
    timeoutMs: options.timeoutMs ?? 30_000,
    budget: makeRateBudget(),
    maxBudgetWaitMs: options.maxBudgetWaitMs ?? 5_000,
    secrets: () => [options.clientSecret, ...issued],
  })
  const tokenMarginMs = options.tokenMarginMs ?? 60_000

  const url = (path: string, query: Record<string, string | undefined> = {}): URL => {
    const u = new URL(path, base)
    for (const [k, v] of Object.entries(query)) if (v !== undefined) u.searchParams.set(k, v)
    return u
  }
  const appBudget: BudgetKey = { key: 'app', window: limits.app }
  const userBudgets = (id: string): ReadonlyArray<BudgetKey> => [
    appBudget,
    { key: `user:${id}`, window: limits.user },
  ]
  /**
   * A refusal of the application's own credentials: the firm's set-up, which no client can fix, so
   * never `AuthExpired` (that would e-mail every client a re-login link). Names the setting, never
   * its value.
   */
  const misconfigured = (p: Extract<HttpProblem, { _tag: 'Unauthorized' }>, what: string): ConnectorError => {
    const setting = p.fault === 'clientId' || p.fault === 'clientSecret' ? p.fault : 'applicationCredentials'
    const check =
      setting === 'clientId'
        ? 'client id'
        : setting === 'clientSecret'
          ? 'client secret'
          : 'client id and secret'
    return ConnectorError.configurationError({
      message: `Bridge refused the application credentials on ${what} (HTTP ${p.status}${p.errorType === null ? '' : ` ${p.errorType}`}): check the Bridge application's ${check}`,
      setting,
    })
  }
  const problem = (p: HttpProblem, what: string): ConnectorError =>
    p._tag === 'Failed'
      ? p.error
      : p._tag === 'Unauthorized'
        ? misconfigured(p, what)
        : ConnectorError.invalidData({
            message: `Bridge answered ${what} with HTTP ${p.status}`,
            where: what,
          })

  const authenticate = async (id: string): Promise<E.Either<ConnectorError, BridgeUserToken>> => {
    const checked = checkExternalUserId(id)
    if (E.isLeft(checked)) return checked
    const cached = tokens.get(id)
    if (cached !== undefined && Date.parse(cached.expiresAt) - tokenMarginMs > Date.parse(clock.now()))
      return E.right(cached)
    tokens.delete(id)
    const answer = await send(
      {
        method: 'POST',
        url: url(wire.PATHS.authenticate),
        bearer: null,
        body: { external_user_id: id },
        budgets: [appBudget, { key: `auth:${id}`, window: limits.authenticate }],
        sensitive: true,
      },
      wire.AuthenticateResponse,
    )
    // Only the application's credentials are on this call: a refusal is the firm's set-up.
    if (E.isLeft(answer)) return E.left(problem(answer.left, 'POST /v2/authenticate'))
    const token = wire.toUserToken(answer.right)
    issued.add(token.accessToken)
    tokens.set(id, token)
    logger.debug('bridge user authenticated', { externalUserId: id, expiresAt: token.expiresAt })
    return E.right(token)
  }

  /** A user-scoped call: authenticates, and re-authenticates once if Bridge says the token is no longer valid. */
  const asUser = async <A>(
    id: string,
    call: (token: string) => HttpCall,
    codec: t.Decoder<unknown, A>,
  ): Promise<E.Either<ConnectorError, A>> => {
    for (let round = 1; round <= 2; round++) {
      const token = await authenticate(id)
      if (E.isLeft(token)) return token
      const c = call(token.right.accessToken)
      const answer = await send(c, codec)
      if (E.isRight(answer)) return answer
      const refused = answer.left
      // A 403, or a 401 that blames the client, is about the application: a new token cannot help.
      if (
        refused._tag !== 'Unauthorized' ||
        refused.status === 403 ||
        (refused.fault !== 'token' && refused.fault !== null)
      )
        return E.left(problem(refused, `${c.method} ${c.url.pathname}`))
      tokens.delete(id)
      logger.info('bridge token refused, authenticating again', { externalUserId: id })
    }
    // Bridge refused a token it had just issued, without blaming the application: its own
    // inconsistency, which neither the client (no re-login renews a token) nor the firm can fix.
    return E.left(ConnectorError.unavailable({ message: 'Bridge refused a freshly issued user token twice' }))
  }

  const get =
    (id: string, path: string, query: Record<string, string | undefined> = {}) =>
    (token: string): HttpCall => ({
      method: 'GET',
      url: url(path, query),
      bearer: token,
      body: undefined,
      budgets: userBudgets(id),
      sensitive: false,
    })

  /**
   * Walks a list from its first page along `next_uri`, verbatim, staying on the API's origin, and
   * reads each page's resources with `readAll` (a `Left` fails the walk, naming the page).
   */
  const listAll = async <R>(
    id: string,
    first: URL,
    codec: t.Decoder<
      unknown,
      {
        readonly resources: ReadonlyArray<unknown>
        readonly pagination: { readonly next_uri: string | null } | null
      }
    >,
    readAll: (resources: ReadonlyArray<unknown>) => E.Either<ReadonlyArray<string>, ReadonlyArray<R>>,
  ): Promise<E.Either<ConnectorError, ReadonlyArray<R>>> => {
    const out: R[] = []
    const seen = new Set<string>()
    let next: URL | null = first
    for (let n = 0; next !== null; n++) {
      const at: URL = next
      if (n >= MAX_PAGES || seen.has(at.href))
        return E.left(
          ConnectorError.invalidData({
            message: `Bridge pagination of ${first.pathname} loops`,
            where: `${first.pathname} pagination.next_uri`,
          }),
        )
      seen.add(at.href)
      const answer = await asUser(id, (token) => ({ ...get(id, at.pathname)(token), url: at }), codec)
      if (E.isLeft(answer)) return answer
      const read = readAll(answer.right.resources)
      if (E.isLeft(read))
        return E.left(
          ConnectorError.invalidData({
            message: `Bridge answered GET ${first.pathname} with unexpected data: ${read.left.join('; ')}`,
            where: `GET ${first.pathname}`,
          }),
        )
      out.push(...read.right)
      const uri = answer.right.pagination?.next_uri ?? null
      if (uri === null || uri.trim() === '') next = null
      else {
        let resolved: URL
        try {
          resolved = new URL(uri, base)
        } catch {
          resolved = base
        }
        // A next page elsewhere would receive the client secret: refuse it.
        if (resolved === base || resolved.origin !== base.origin)
          return E.left(
            ConnectorError.invalidData({
              message: `Bridge gave a next page outside ${base.origin}`,
              where: `${first.pathname} pagination.next_uri`,
            }),
          )
        next = resolved
      }
    }
    return E.right(out)
  }

  /** A list whose every resource must decode (items, accounts): the page codec checks them all at once. */
  const listStrict = <C extends t.Mixed, R>(
    id: string,
    first: URL,
    resource: C,
    toRecord: (r: t.TypeOf<C>) => R,
  ): Promise<E.Either<ConnectorError, ReadonlyArray<R>>> =>
    listAll(id, first, wire.page(resource), (resources) =>
      E.right(resources.map((r) => toRecord(r as t.TypeOf<C>))),
    )

  /**
   * The updated transactions: the page is decoded with any resources, then each entry on its own, so
   * one that does not decode is left to the connector to skip instead of failing its page.
   */
  const listTransactions = (
    id: string,
    first: URL,
  ): Promise<E.Either<ConnectorError, ReadonlyArray<TransactionEntry>>> =>
    listAll(id, first, wire.page(t.unknown), (resources) => {
      const out: TransactionEntry[] = []
      const broken: string[] = []
      resources.forEach((raw, index) => {
        const entry = wire.readTransaction(raw)
        if (E.isRight(entry)) out.push(entry.right)
        else
          broken.push(
            ...entry.left.map((issue) =>
              issue.startsWith('(root)')
                ? `resources[${index}]${issue.slice(6)}`
                : `resources[${index}].${issue}`,
            ),
          )
      })
      return broken.length === 0 ? E.right(out) : E.left(broken)
    })

  const connect =
    (
      id: string,
      method: 'GET' | 'POST',
      path: string,
      query: Record<string, string | undefined>,
      body: unknown,
    ): TaskEither<ConnectorError, BridgeConnectSession> =>
    async () => {
      const checked = checkExternalUserId(id)
      if (E.isLeft(checked)) return checked
      const answer = await asUser(
        id,
        (token) => ({
          method,
          url: url(path, query),
          bearer: token,
          body,
          budgets: userBudgets(id),
          sensitive: true,
        }),
        wire.ConnectResponse,
      )
      return E.map(wire.toConnectSession)(answer)
    }

  return {
    version: wire.VERSION,
    context,
    ensureUser: (id) => async () => {
      const checked = checkExternalUserId(id)
      if (E.isLeft(checked)) return checked
      const answer = await send(
        {
          method: 'POST',
          url: url(wire.PATHS.users),
          bearer: null,
          body: { external_user_id: id },
          budgets: [appBudget],
          sensitive: false,
        },
        wire.CreateUserResponse,
      )
      if (E.isRight(answer)) return E.right({ created: true, user: wire.toCreatedUser(answer.right) })
      if (answer.left._tag === 'Conflict') return E.right({ created: false })
      return E.left(problem(answer.left, 'POST /v2/users'))
    },
    authenticate: (id) => () => authenticate(id),
    connectAddItem: (id, o = {}) =>
      connect(
        id,
        'POST',
        wire.PATHS.connectAdd,
        {},
        {
          ...(o.country === undefined ? {} : { country: o.country }),
          ...(o.prefillEmail === undefined ? {} : { prefill_email: o.prefillEmail }),
          ...(o.context === undefined ? {} : { context: o.context }),
        },
      ),
    connectEditItem: (id, itemId) =>
      connect(id, 'GET', wire.PATHS.connectEdit, { item_id: itemId }, undefined),
    connectSyncItem: (id, itemId) =>
      connect(id, 'GET', wire.PATHS.connectSync, { item_id: itemId }, undefined),
    listItems: (id) => async () => {
      const checked = checkExternalUserId(id)
      if (E.isLeft(checked)) return checked
      return listStrict(id, url(wire.PATHS.items), wire.ItemCodec, wire.toItem)
    },
    listAccounts: (id) => async () => {
      const checked = checkExternalUserId(id)
      if (E.isLeft(checked)) return checked
      return listStrict(id, url(wire.PATHS.accounts), wire.AccountCodec, wire.toAccount)
    },
    listUpdatedTransactions: (id, query) => async () => {
      const checked = checkExternalUserId(id)
      if (E.isLeft(checked)) return checked
      const first = url(wire.PATHS.updatedTransactions, {
        since: query.since ?? undefined,
        limit: query.limit === undefined ? undefined : String(query.limit),
      })
      return listTransactions(id, first)
    },
  }
}
