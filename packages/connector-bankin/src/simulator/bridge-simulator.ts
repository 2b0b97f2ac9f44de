import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { route } from './routes.js'
import type { SimRequest, SimResponse } from './routes.js'
import { makeSimState } from './state.js'
import type { SimAccount, SimItem, SimTransaction } from './state.js'
import { deliverWebhook } from './webhook-delivery.js'
import type { SimWebhook } from './webhook-delivery.js'

/** Options of {@link startBridgeSimulator}. */
export interface BridgeSimulatorOptions {
  /** Default `sim-client-id`. */
  readonly clientId?: string
  /** Default `sim-client-secret`. */
  readonly clientSecret?: string
  /** Resources per page of every list (default 50). */
  readonly pageSize?: number
  /** Lifetime of access tokens (default 2 hours). */
  readonly tokenTtlSeconds?: number
  /** The time tokens expire against (ISO instant); defaults to the system clock. */
  readonly now?: () => string
  /** The first `updated_at` stamp; every change is stamped one second after the previous one. */
  readonly startAt?: string
  /**
   * Access tokens become `<tokenPrefix><n>` (n = 1, 2, …) instead of random ones, so a test can list
   * them as secrets before they are issued.
   */
  readonly tokenPrefix?: string
}

/** A transaction to seed. Amounts are decimal text (`'-9.39'`), sent as JSON numbers like Bridge does. */
export interface SeedTransaction {
  readonly accountId: string
  readonly amount: string
  readonly date: string
  readonly description: string
  readonly cleanDescription?: string | null
  readonly bookingDate?: string | null
  readonly transactionDate?: string | null
  readonly valueDate?: string | null
  readonly currency?: string
  /** `is_future`: a pending line. */
  readonly future?: boolean
  /** `false` for a deferred-card line already booked on the checking account. */
  readonly showClientSide?: boolean
  /** Choose the id (default: the next one). */
  readonly id?: string
}

/** An account to seed. */
export interface SeedAccount {
  readonly itemId: string
  readonly name: string
  /** Decimal text. */
  readonly balance: string
  readonly iban?: string | null
  readonly currency?: string
  readonly type?: string
  readonly isPro?: boolean
}

/** Options of {@link BridgeSimulator.failNext}. */
export interface SimFailureOptions {
  readonly retryAfterSeconds?: number
  readonly body?: string
  /** Only requests to this path (`/v2/transactions/updated`) fail. */
  readonly path?: string
  /** Requests to `path` let through before the failures start. */
  readonly skip?: number
}

/** A request the simulator received, without its secrets (tokens and client secret are not kept). */
export interface SimRecordedRequest {
  readonly method: string
  readonly path: string
  readonly query: Readonly<Record<string, string>>
  readonly bridgeVersion: string | null
  readonly clientId: string | null
  readonly authorized: boolean
  readonly status: number
}

/** A running simulator: its URL, its controls, and `close`. */
export interface BridgeSimulator {
  /** `http://127.0.0.1:<port>`: the client's `baseUrl`. */
  readonly url: string
  readonly clientId: string
  readonly clientSecret: string
  /** Stops the server (and drops open connections). */
  readonly close: () => Promise<void>
  /** Creates a user as `POST /v2/users` would; gives its uuid. */
  readonly seedUser: (externalUserId: string) => string
  /** Creates an item (bank connection) for a user, status 0 unless told; gives its id. */
  readonly seedItem: (options: {
    readonly externalUserId: string
    readonly status?: number
    readonly bankId?: number
  }) => string
  /**
   * Sets when the item's bank authentication (the DSP2 consent behind it) expires, as Bridge reports
   * in `authentication_expires_at`; `null` when unknown.
   */
  readonly setAuthenticationExpiresAt: (itemId: string, instant: string | null) => void
  /** Creates an account; gives its id. */
  readonly seedAccount: (account: SeedAccount) => string
  /** Creates a transaction, stamped now; gives its id. */
  readonly seedTransaction: (transaction: SeedTransaction) => string
  /** Changes fields of a transaction, stamping it. */
  readonly updateTransaction: (id: string, patch: Partial<Omit<SeedTransaction, 'accountId' | 'id'>>) => void
  /**
   * Overwrites fields of a transaction's wire JSON with raw JSON values (`{ amount: '12,50' }`,
   * `{ date: '31/02/2026' }`, `{ account_id: null }`), stamping it, to send an entry Bridge got wrong;
   * `{}` sends it right again (stamped too). Other changes keep the overrides.
   */
  readonly overrideTransactionJson: (id: string, fields: Readonly<Record<string, unknown>>) => void
  /** Deletes a transaction as Bridge does: it stays in the updated list with `is_deleted: true`. */
  readonly deleteTransaction: (id: string) => void
  /**
   * Books a pending transaction the way Bridge does: the pending one is deleted and a booked copy is
   * created under a new id, re-dated. Gives the new id.
   */
  readonly bookPending: (oldId: string, newId: string | null, date: string) => string
  /** Sets an account's balance (decimal text). */
  readonly setBalance: (accountId: string, balance: string) => void
  /**
   * Sets an item's status code: 402 (wrong password), 429 (action on the bank's site), 1010 (SCA
   * needed), 1003 (temporary failure), anything to test unknown codes.
   */
  readonly setItemStatus: (itemId: string, status: number, info?: string | null) => void
  /**
   * The next `count` API requests answer `status` (5xx bursts, 429 with `retryAfterSeconds`), with
   * `body` if given (a 200 with a malformed body tests decoding). With `path`, only requests to that
   * path count, after letting `skip` of them through (to fail a later page of a list).
   */
  readonly failNext: (count: number, status: number, options?: SimFailureOptions) => void
  /** Resources per page from now on. */
  readonly setPageSize: (size: number) => void
  /**
   * Changes the application credentials the simulator accepts, as when the firm's secret is
   * regenerated in Bridge's dashboard: a client still sending the old ones is refused with 401
   * `invalid_client`, which does not say which one is wrong (cached user tokens included).
   * `clientId` and `clientSecret` then read the new values.
   */
  readonly setApplicationCredentials: (credentials: {
    readonly clientId?: string
    readonly clientSecret?: string
  }) => void
  /** Every access token issued so far stops working (401). */
  readonly expireTokens: () => void
  /** The requests received so far, oldest first. */
  readonly requests: () => ReadonlyArray<SimRecordedRequest>
  /** Every access token issued so far (to check that none leaks). */
  readonly issuedTokens: () => ReadonlyArray<string>
  /** POSTs a webhook signed with `BridgeApi-Signature`, as Bridge does. */
  readonly sendWebhook: (webhook: SimWebhook) => Promise<{ readonly status: number }>
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })

const DECIMAL = /^-?\d+(\.\d+)?$/

const checkAmount = (amount: string): string => {
  if (!DECIMAL.test(amount)) throw new Error(`simulator: not a decimal amount: ${amount}`)
  return amount
}

/**
 * Starts a Bridge API (2021-06-01) simulator on 127.0.0.1, on a free port. It implements what the
 * client uses (users, authenticate, connect sessions, items, accounts, updated transactions with
 * paging) and exposes controls to seed data and provoke failures. Close it when done.
 */
export const startBridgeSimulator = async (
  options: BridgeSimulatorOptions = {},
): Promise<BridgeSimulator> => {
  let clientId = options.clientId ?? 'sim-client-id'
  let clientSecret = options.clientSecret ?? 'sim-client-secret'
  const now = options.now ?? (() => new Date().toISOString())
  const state = makeSimState(options.startAt ?? '2026-03-01T00:00:00Z')
  let pageSize = options.pageSize ?? 50
  let baseUrl = ''
  interface Failure {
    readonly status: number
    readonly retryAfterSeconds?: number
    readonly body?: string
    readonly path?: string
    skip: number
  }
  const failures: Failure[] = []
  /** The first queued failure this request triggers, taken off the queue. */
  const takeFailure = (path: string): Failure | undefined => {
    const index = failures.findIndex((f) => f.path === undefined || f.path === path)
    const f = failures[index]
    if (f === undefined) return undefined
    if (f.skip > 0) {
      // Every queued failure of this path lets this request through once more.
      for (const g of failures) if (g.path === path) g.skip--
      return undefined
    }
    failures.splice(index, 1)
    return f
  }
  const recorded: SimRecordedRequest[] = []
  const issued: string[] = []

  const handle = (req: SimRequest): SimResponse => {
    const failure = takeFailure(req.url.pathname)
    if (failure !== undefined)
      return {
        status: failure.status,
        body:
          failure.body ?? JSON.stringify({ type: 'simulated', message: `Simulated HTTP ${failure.status}` }),
        headers:
          failure.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(failure.retryAfterSeconds) },
      }
    const before = new Set(state.tokens.keys())
    const res = route(
      state,
      {
        clientId,
        clientSecret,
        version: '2021-06-01',
        tokenTtlSeconds: options.tokenTtlSeconds ?? 7200,
        newToken: () =>
          options.tokenPrefix === undefined
            ? `sim-token-${randomUUID()}`
            : `${options.tokenPrefix}${issued.length + 1}`,
        pageSize: () => pageSize,
        nowMs: () => Date.parse(now()),
        baseUrl: () => baseUrl,
      },
      req,
    )
    for (const t of state.tokens.keys()) if (!before.has(t)) issued.push(t)
    return res
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    readBody(req).then(
      (body) => {
        const url = new URL(req.url ?? '/', baseUrl)
        const header = (name: string): string | undefined => {
          const v = req.headers[name]
          return Array.isArray(v) ? v[0] : v
        }
        const headers = Object.fromEntries(
          ['bridge-version', 'client-id', 'client-secret', 'authorization', 'content-type'].map((h) => [
            h,
            header(h),
          ]),
        )
        const answer = handle({ method: req.method ?? 'GET', url, headers, body })
        recorded.push({
          method: req.method ?? 'GET',
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          bridgeVersion: header('bridge-version') ?? null,
          clientId: header('client-id') ?? null,
          authorized: header('authorization') !== undefined,
          status: answer.status,
        })
        res.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers })
        res.end(answer.body)
      },
      () => {
        res.writeHead(400)
        res.end()
      },
    )
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('simulator: no TCP address')
  baseUrl = `http://127.0.0.1:${address.port}`

  const item = (id: string): SimItem => {
    const found = state.items.get(Number(id))
    if (found === undefined) throw new Error(`simulator: no item ${id}`)
    return found
  }
  const account = (id: string): SimAccount => {
    const found = state.accounts.get(Number(id))
    if (found === undefined) throw new Error(`simulator: no account ${id}`)
    return found
  }
  const transaction = (id: string): SimTransaction => {
    const found = state.transactions.get(Number(id))
    if (found === undefined) throw new Error(`simulator: no transaction ${id}`)
    return found
  }

  return {
    url: baseUrl,
    get clientId() {
      return clientId
    },
    get clientSecret() {
      return clientSecret
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((e) => (e === undefined ? resolve() : reject(e)))
      }),
    seedUser: (externalUserId) => {
      const existing = [...state.users.values()].find((u) => u.externalUserId === externalUserId)
      if (existing !== undefined) return existing.uuid
      const uuid = `00000000-0000-4000-8000-${String(state.nextId()).padStart(12, '0')}`
      state.users.set(uuid, { uuid, externalUserId })
      return uuid
    },
    seedItem: ({ externalUserId, status = 0, bankId = 574 }) => {
      const user = [...state.users.values()].find((u) => u.externalUserId === externalUserId)
      if (user === undefined) throw new Error(`simulator: no user ${externalUserId}`)
      const id = state.nextId()
      state.items.set(id, {
        id,
        userUuid: user.uuid,
        status,
        statusCodeInfo: null,
        statusCodeDescription: null,
        bankId,
        authenticationExpiresAt: null,
      })
      return String(id)
    },
    setAuthenticationExpiresAt: (itemId, instant) => {
      const found = item(itemId)
      state.items.set(found.id, { ...found, authenticationExpiresAt: instant })
    },
    seedAccount: (a) => {
      item(a.itemId)
      const id = state.nextId()
      state.accounts.set(id, {
        id,
        itemId: Number(a.itemId),
        name: a.name,
        balance: checkAmount(a.balance),
        currency: a.currency ?? 'EUR',
        iban: a.iban ?? null,
        type: a.type ?? 'checking',
        isPro: a.isPro ?? false,
        updatedAt: state.tick(),
      })
      return String(id)
    },
    seedTransaction: (x) => {
      const acc = account(x.accountId)
      const id = x.id === undefined ? state.nextId() : Number(x.id)
      if (state.transactions.has(id)) throw new Error(`simulator: transaction ${id} exists`)
      state.transactions.set(id, {
        id,
        accountId: acc.id,
        amount: checkAmount(x.amount),
        currency: x.currency ?? acc.currency,
        date: x.date,
        bookingDate: x.bookingDate ?? null,
        transactionDate: x.transactionDate ?? null,
        valueDate: x.valueDate ?? null,
        bankDescription: x.description,
        cleanDescription: x.cleanDescription ?? x.description,
        updatedAt: state.tick(),
        deleted: false,
        future: x.future ?? false,
        showClientSide: x.showClientSide ?? true,
        categoryId: null,
      })
      return String(id)
    },
    updateTransaction: (id, patch) => {
      const x = transaction(id)
      if (patch.amount !== undefined) x.amount = checkAmount(patch.amount)
      if (patch.date !== undefined) x.date = patch.date
      if (patch.description !== undefined) x.bankDescription = patch.description
      if (patch.cleanDescription !== undefined) x.cleanDescription = patch.cleanDescription
      if (patch.bookingDate !== undefined) x.bookingDate = patch.bookingDate
      if (patch.transactionDate !== undefined) x.transactionDate = patch.transactionDate
      if (patch.valueDate !== undefined) x.valueDate = patch.valueDate
      if (patch.currency !== undefined) x.currency = patch.currency
      if (patch.future !== undefined) x.future = patch.future
      if (patch.showClientSide !== undefined) x.showClientSide = patch.showClientSide
      x.updatedAt = state.tick()
    },
    overrideTransactionJson: (id, fields) => {
      const x = transaction(id)
      x.wireOverrides = { ...fields }
      x.updatedAt = state.tick()
    },
    deleteTransaction: (id) => {
      const x = transaction(id)
      x.deleted = true
      x.updatedAt = state.tick()
    },
    bookPending: (oldId, newId, date) => {
      const old = transaction(oldId)
      old.deleted = true
      old.updatedAt = state.tick()
      const id = newId === null ? state.nextId() : Number(newId)
      if (state.transactions.has(id)) throw new Error(`simulator: transaction ${id} exists`)
      state.transactions.set(id, {
        ...old,
        id,
        date,
        bookingDate: date,
        deleted: false,
        future: false,
        updatedAt: state.tick(),
      })
      return String(id)
    },
    setBalance: (accountId, balance) => {
      const a = account(accountId)
      a.balance = checkAmount(balance)
      a.updatedAt = state.tick()
    },
    setItemStatus: (itemId, status, info = null) => {
      const i = item(itemId)
      i.status = status
      i.statusCodeInfo = info
      i.statusCodeDescription = status === 0 ? null : `Simulated status ${status}`
    },
    failNext: (count, status, o = {}) => {
      for (let n = 0; n < count; n++)
        failures.push({
          status,
          skip: o.skip ?? 0,
          ...(o.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: o.retryAfterSeconds }),
          ...(o.body === undefined ? {} : { body: o.body }),
          ...(o.path === undefined ? {} : { path: o.path }),
        })
    },
    setPageSize: (size) => {
      if (!Number.isInteger(size) || size < 1) throw new Error('simulator: page size must be ≥ 1')
      pageSize = size
    },
    setApplicationCredentials: (credentials) => {
      clientId = credentials.clientId ?? clientId
      clientSecret = credentials.clientSecret ?? clientSecret
    },
    expireTokens: () => state.tokens.clear(),
    requests: () => [...recorded],
    issuedTokens: () => [...issued],
    sendWebhook: deliverWebhook,
  }
}
