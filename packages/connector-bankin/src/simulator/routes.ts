import { randomUUID } from 'node:crypto'
import type { SimState } from './state.js'
import { accountJson, itemJson, ownerOfAccount, transactionJson } from './state.js'

/** A request as the router sees it. */
export interface SimRequest {
  readonly method: string
  readonly url: URL
  readonly headers: Readonly<Record<string, string | undefined>>
  readonly body: string
}

/** An answer: status, JSON body (already text) and extra headers. */
export interface SimResponse {
  readonly status: number
  readonly body: string
  readonly headers?: Readonly<Record<string, string>>
}

/** What the router needs besides the state. */
export interface RouterConfig {
  readonly clientId: string
  readonly clientSecret: string
  readonly version: string
  readonly tokenTtlSeconds: number
  readonly newToken: () => string
  readonly pageSize: () => number
  readonly nowMs: () => number
  readonly baseUrl: () => string
}

const json = (status: number, value: unknown): SimResponse => ({ status, body: JSON.stringify(value) })
const error = (status: number, type: string, message: string): SimResponse =>
  json(status, { type, message, documentation_url: null })

const USER_ID = /^[a-zA-Z0-9_-]{1,128}$/

/** One page of `rows` after the `after` key, with the `next_uri` of the following one. */
const paginate = <T>(
  req: SimRequest,
  rows: ReadonlyArray<T>,
  keyOf: (row: T) => string,
  toJson: (row: T) => unknown,
  pageSize: number,
): SimResponse => {
  const after = req.url.searchParams.get('after')
  const asked = Number(req.url.searchParams.get('limit') ?? Number.NaN)
  const size = Math.max(1, Number.isInteger(asked) && asked > 0 ? Math.min(asked, pageSize) : pageSize)
  const start = after === null ? 0 : rows.findIndex((r) => keyOf(r) > after)
  const from = start < 0 ? rows.length : start
  const slice = rows.slice(from, from + size)
  const last = slice[slice.length - 1]
  let next: string | null = null
  if (from + size < rows.length && last !== undefined) {
    const params = new URLSearchParams(req.url.searchParams)
    params.set('after', keyOf(last))
    next = `${req.url.pathname}?${params.toString()}`
  }
  return json(200, {
    resources: slice.map(toJson),
    pagination: { previous_uri: null, next_uri: next },
  })
}

/** Fixed-width sort keys, so text order is numeric order. */
const idKey = (id: number): string => String(id).padStart(16, '0')

/** Routes one request of the Bridge 2021-06-01 API. */
export const route = (state: SimState, config: RouterConfig, req: SimRequest): SimResponse => {
  if (req.headers['bridge-version'] !== config.version)
    return error(400, 'invalid_version', `Bridge-Version must be ${config.version}`)
  if (req.headers['client-id'] !== config.clientId || req.headers['client-secret'] !== config.clientSecret)
    return error(401, 'invalid_client', 'Invalid client credentials')
  let body: Record<string, unknown> = {}
  if (req.method === 'POST') {
    if (!(req.headers['content-type'] ?? '').startsWith('application/json'))
      return error(415, 'unsupported_media_type', 'Content-Type must be application/json')
    try {
      const parsed: unknown = req.body === '' ? {} : JSON.parse(req.body)
      if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object')
      body = parsed as Record<string, unknown>
    } catch {
      return error(422, 'invalid_json', 'The body is not a JSON object')
    }
  }
  const path = req.url.pathname
  const key = `${req.method} ${path}`

  if (key === 'POST /v2/users') {
    const ext = body['external_user_id']
    if (typeof ext !== 'string' || !USER_ID.test(ext))
      return error(400, 'invalid_request', 'external_user_id does not match [a-zA-Z0-9-_]{1,128}')
    if ([...state.users.values()].some((u) => u.externalUserId === ext))
      return error(409, 'conflict', `User '${ext}' already exists`)
    const user = { uuid: randomUUID(), externalUserId: ext }
    state.users.set(user.uuid, user)
    return json(201, { uuid: user.uuid, external_user_id: ext })
  }
  if (key === 'POST /v2/authenticate') {
    const user = [...state.users.values()].find(
      (u) => u.uuid === body['user_uuid'] || u.externalUserId === body['external_user_id'],
    )
    if (user === undefined) return error(404, 'not_found', 'User not found')
    const token = config.newToken()
    const expiresAtMs = config.nowMs() + config.tokenTtlSeconds * 1000
    state.tokens.set(token, { userUuid: user.uuid, expiresAtMs })
    return json(200, {
      access_token: token,
      expires_at: new Date(expiresAtMs).toISOString(),
      user: { uuid: user.uuid, external_user_id: user.externalUserId },
    })
  }

  const bearer = /^Bearer (.+)$/.exec(req.headers['authorization'] ?? '')?.[1]
  const session = bearer === undefined ? undefined : state.tokens.get(bearer)
  if (session === undefined || session.expiresAtMs <= config.nowMs())
    return error(401, 'invalid_token', 'Missing or expired access token')
  const userUuid = session.userUuid
  const items = [...state.items.values()].filter((i) => i.userUuid === userUuid).sort((a, b) => a.id - b.id)
  const connectUrl = (): SimResponse =>
    json(200, { redirect_url: `${config.baseUrl()}/connect/session/${randomUUID()}` })
  const ownItem = (): boolean => {
    const id = Number(req.url.searchParams.get('item_id'))
    return items.some((i) => i.id === id)
  }

  if (key === 'POST /v2/connect/items/add') return connectUrl()
  if (key === 'GET /v2/connect/items/edit' || key === 'GET /v2/connect/items/sync')
    return ownItem() ? connectUrl() : error(404, 'not_found', 'Item not found')
  if (key === 'GET /v2/items') return paginate(req, items, (i) => idKey(i.id), itemJson, config.pageSize())
  const itemMatch = /^\/v2\/items\/(\d+)$/.exec(path)
  if (req.method === 'GET' && itemMatch !== null) {
    const item = items.find((i) => i.id === Number(itemMatch[1]))
    return item === undefined ? error(404, 'not_found', 'Item not found') : json(200, itemJson(item))
  }
  if (key === 'GET /v2/accounts') {
    const accounts = [...state.accounts.values()]
      .filter((a) => ownerOfAccount(state, a.id) === userUuid)
      .sort((a, b) => a.id - b.id)
    return paginate(req, accounts, (a) => idKey(a.id), accountJson, config.pageSize())
  }
  if (key === 'GET /v2/transactions/updated') {
    const since = req.url.searchParams.get('since')
    const sinceMs = since === null ? Number.NEGATIVE_INFINITY : Date.parse(since)
    if (Number.isNaN(sinceMs)) return error(400, 'invalid_request', 'since is not a timestamp')
    const keyOf = (x: { updatedAt: string; id: number }): string =>
      `${String(Date.parse(x.updatedAt)).padStart(16, '0')}_${idKey(x.id)}`
    const rows = [...state.transactions.values()]
      .filter((x) => ownerOfAccount(state, x.accountId) === userUuid)
      // Inclusive, like a watermark should be read: a change stamped exactly at `since` comes again.
      .filter((x) => Date.parse(x.updatedAt) >= sinceMs)
      .sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0))
    return paginate(req, rows, keyOf, transactionJson, config.pageSize())
  }
  return error(404, 'not_found', `No route ${req.method} ${path}`)
}
