import { createServer as createNetServer } from 'node:net'
import type { AddressInfo, Socket } from 'node:net'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { noopLogger, systemClock } from '@bankfeed/core'
import { ConnectorError, makeContext } from '@bankfeed/core/connector'
import { makeRecordingLogger } from '@bankfeed/testkit'
import type { RecordingLogger } from '@bankfeed/testkit'
import { makeBridgeClient } from '@bankfeed/connector-bankin'
import type { BridgeTransaction, TransactionEntry } from '@bankfeed/connector-bankin'
import type { BridgeSimulator } from '@bankfeed/connector-bankin/simulator'
import { CLIENT_SECRET, USER, clientOf, fixedClock, seedStandard, startSim } from './fixtures.js'

let sim: BridgeSimulator
let logger: RecordingLogger
const clock = fixedClock()

beforeEach(async () => {
  clock.set('2026-03-15T08:00:00.000Z')
  sim = await startSim(clock, { pageSize: 2 })
  seedStandard(sim)
  logger = makeRecordingLogger()
})
afterEach(async () => {
  await sim.close()
})

const right = async <A>(
  task: () => Promise<{ _tag: 'Left'; left: unknown } | { _tag: 'Right'; right: A }>,
) => {
  const result = await task()
  if (result._tag === 'Left') throw new Error(JSON.stringify(result.left))
  return result.right
}
const left = async (
  task: () => Promise<{ _tag: 'Left'; left: unknown } | { _tag: 'Right'; right: unknown }>,
) => {
  const result = await task()
  if (result._tag === 'Right') throw new Error('expected a failure')
  return result.left as { _tag: string; message: string; retryAfterSeconds?: number | null }
}
/** The decoded transactions of a walk; an undecodable entry is a test failure here. */
const decoded = (entries: ReadonlyArray<TransactionEntry>): BridgeTransaction[] =>
  entries.map((e) => {
    if (e._tag !== 'Decoded') throw new Error(`undecodable transaction ${e.id}`)
    return e.transaction
  })
const count = (path: string) => sim.requests().filter((r) => r.path === path).length

describe('users and tokens', () => {
  test('ensureUser creates a user once, then finds it exists', async () => {
    const client = clientOf(sim, logger, clock)
    expect(await right(client.ensureUser('cab1-CCH002'))).toMatchObject({
      created: true,
      user: { externalUserId: 'cab1-CCH002' },
    })
    expect(await right(client.ensureUser('cab1-CCH002'))).toEqual({ created: false })
  })

  test('an external id Bridge would refuse is invalid data, sent nowhere', async () => {
    const client = clientOf(sim, logger, clock)
    expect(await left(client.listItems('cab1/CCH 001'))).toMatchObject({ _tag: 'InvalidData' })
    expect(sim.requests()).toEqual([])
  })

  test('the token is cached until shortly before expires_at, then renewed', async () => {
    const client = clientOf(sim, logger, clock)
    await right(client.listItems(USER))
    await right(client.listAccounts(USER))
    expect(count('/v2/authenticate')).toBe(1)
    clock.set('2026-03-15T09:59:30.000Z') // 30 s before the 2-hour expiry: inside the margin
    await right(client.listItems(USER))
    expect(count('/v2/authenticate')).toBe(2)
  })

  test('a token Bridge no longer accepts is renewed once, transparently', async () => {
    const client = clientOf(sim, logger, clock)
    await right(client.listItems(USER))
    sim.expireTokens()
    expect((await right(client.listItems(USER))).length).toBe(1)
    expect(count('/v2/authenticate')).toBe(2)
  })

  test('wrong application credentials are a ConfigurationError, not retried, without the secret', async () => {
    const client = makeBridgeClient({
      baseUrl: sim.url,
      clientId: sim.clientId,
      clientSecret: 'not-the-secret-123',
      context: makeContext({ clock, logger }),
    })
    const error = await left(client.listItems(USER))
    expect(error).toEqual(
      ConnectorError.configurationError({
        // The simulator, like Bridge, answers `invalid_client` without saying which one is wrong.
        setting: 'applicationCredentials',
        message:
          "Bridge refused the application credentials on POST /v2/authenticate (HTTP 401 invalid_client): check the Bridge application's client id and secret",
      }),
    )
    expect(JSON.stringify(error) + logger.text()).not.toContain('not-the-secret-123')
    expect(sim.requests().map((r) => `${r.path} ${r.status}`)).toEqual(['/v2/authenticate 401'])
    // ensureUser too: the application's credentials are all it sends.
    expect(await left(client.ensureUser('cab1-CCH009'))).toMatchObject({
      _tag: 'ConfigurationError',
      setting: 'applicationCredentials',
    })
  })

  test('a wrong client id is a ConfigurationError as well', async () => {
    const client = clientOf(sim, logger, clock, { clientId: 'someone-elses-app' })
    expect(await left(client.listAccounts(USER))).toMatchObject({
      _tag: 'ConfigurationError',
      retryable: false,
    })
  })

  test.each([
    [401, { type: 'invalid_client_secret', message: 'Client secret is invalid' }, 'clientSecret'],
    [401, { type: 'invalid_client_id', message: 'Unknown client' }, 'clientId'],
    [401, { type: 'unauthorized', message: 'Invalid client credentials' }, 'applicationCredentials'],
    [
      403,
      { type: 'forbidden', message: 'This application may not use this endpoint' },
      'applicationCredentials',
    ],
    [403, {}, 'applicationCredentials'],
  ])('HTTP %i %j on the token call names the setting %s', async (status, body, setting) => {
    sim.failNext(1, status, { path: '/v2/authenticate', body: JSON.stringify(body) })
    const error = await left(clientOf(sim, logger, clock).listItems(USER))
    expect(error).toMatchObject({ _tag: 'ConfigurationError', setting, retryable: false })
    expect(count('/v2/authenticate')).toBe(1)
  })

  test('on a user call, a 403 or a 401 that blames the client is the configuration; no new token is asked', async () => {
    const client = clientOf(sim, logger, clock)
    await right(client.listItems(USER))
    sim.failNext(1, 403, {
      path: '/v2/accounts',
      body: JSON.stringify({ type: 'forbidden', message: 'Not allowed' }),
    })
    expect(await left(client.listAccounts(USER))).toMatchObject({
      _tag: 'ConfigurationError',
      setting: 'applicationCredentials',
    })
    sim.failNext(1, 401, {
      path: '/v2/accounts',
      body: JSON.stringify({ type: 'invalid_client', message: 'Invalid client credentials' }),
    })
    expect(await left(client.listAccounts(USER))).toMatchObject({ _tag: 'ConfigurationError' })
    expect(count('/v2/authenticate')).toBe(1)
  })

  test("a token Bridge refuses twice, right after issuing it, is Unavailable, not the client's doing", async () => {
    const client = clientOf(sim, logger, clock)
    sim.failNext(2, 401, {
      path: '/v2/items',
      body: JSON.stringify({ type: 'invalid_token', message: 'Expired' }),
    })
    expect(await left(client.listItems(USER))).toMatchObject({ _tag: 'Unavailable', retryable: true })
    expect(count('/v2/authenticate')).toBe(2)
  })

  test('the client hands out the context it was made with, the system clock and no logs by default', () => {
    const context = makeContext({ clock, logger })
    const client = makeBridgeClient({ baseUrl: sim.url, clientId: 'a', clientSecret: 'b', context })
    expect(client.context).toBe(context)
    const plain = makeBridgeClient({ baseUrl: sim.url, clientId: 'a', clientSecret: 'b' })
    expect(plain.context.clock).toBe(systemClock)
    expect(plain.context.logger).toBe(noopLogger)
  })

  test('bad configuration throws at construction', () => {
    expect(() => makeBridgeClient({ baseUrl: 'nope', clientId: 'a', clientSecret: 'b' })).toThrow('baseUrl')
    expect(() => makeBridgeClient({ baseUrl: sim.url, clientId: 'a', clientSecret: '' })).toThrow(
      'clientSecret',
    )
  })
})

describe('connect sessions', () => {
  test('add, edit credentials and SCA sync give redirect URLs that are never logged', async () => {
    const client = clientOf(sim, logger, clock)
    const [item] = await right(client.listItems(USER))
    const itemId = item?.id ?? ''
    const urls = [
      (await right(client.connectAddItem(USER, { country: 'fr', context: 'CCH001' }))).redirectUrl,
      (await right(client.connectEditItem(USER, itemId))).redirectUrl,
      (await right(client.connectSyncItem(USER, itemId))).redirectUrl,
    ]
    for (const url of urls) expect(url).toMatch(new RegExp(`^${sim.url}/connect/session/`))
    expect(sim.requests().find((r) => r.path === '/v2/connect/items/sync')?.query).toEqual({
      item_id: itemId,
    })
    const logged = logger.text()
    for (const url of [...urls, CLIENT_SECRET, ...sim.issuedTokens()]) expect(logged).not.toContain(url)
  })

  test('a session for an unknown item is NotFound', async () => {
    const client = clientOf(sim, logger, clock)
    expect(await left(client.connectSyncItem(USER, '999999'))).toMatchObject({ _tag: 'NotFound' })
  })
})

describe('paging', () => {
  test('follows next_uri to the last page', async () => {
    const client = clientOf(sim, logger, clock)
    const all = decoded(await right(client.listUpdatedTransactions(USER, { since: null })))
    expect(all.length).toBe(9)
    expect(count('/v2/transactions/updated')).toBe(5)
    const since = all[6]?.updatedAt ?? ''
    const later = decoded(await right(client.listUpdatedTransactions(USER, { since, limit: 1 })))
    expect(later.map((x) => x.updatedAt)).toEqual(all.slice(6).map((x) => x.updatedAt))
  })

  test('amounts are exact decimal text of the JSON numbers', async () => {
    const client = clientOf(sim, logger, clock)
    const all = decoded(await right(client.listUpdatedTransactions(USER, { since: null })))
    expect(all.map((x) => x.amount)).toEqual([
      '-9.39',
      '1500',
      '-30',
      '-0.05',
      '-1234567.89',
      '-42.5',
      '-12',
      '250.75',
      '-18',
    ])
  })

  test('a next page on another origin is refused before the secret is sent there', async () => {
    sim.failNext(1, 200, {
      path: '/v2/items',
      body: JSON.stringify({
        resources: [],
        pagination: { next_uri: 'https://evil.example/v2/items?after=1' },
      }),
    })
    const client = clientOf(sim, logger, clock)
    expect(await left(client.listItems(USER))).toMatchObject({ _tag: 'InvalidData' })
  })
})

describe('retries and budgets', () => {
  test('a 5xx burst shorter than the retry budget is absorbed, with growing backoff', async () => {
    const client = clientOf(sim, logger, clock, { retry: { maxAttempts: 4, baseDelayMs: 100 } })
    sim.failNext(3, 503, { path: '/v2/accounts' })
    expect((await right(client.listAccounts(USER))).length).toBe(3)
    expect(client.sleeps).toEqual([75, 150, 300])
  })

  test('a longer 5xx burst is Unavailable and retryable', async () => {
    const client = clientOf(sim, logger, clock, { retry: { maxAttempts: 3 } })
    sim.failNext(5, 500, { path: '/v2/accounts' })
    expect(await left(client.listAccounts(USER))).toMatchObject({ _tag: 'Unavailable', retryable: true })
    expect(count('/v2/accounts')).toBe(3)
  })

  test('429 honours Retry-After, then is RateLimited once the retries are spent', async () => {
    const client = clientOf(sim, logger, clock, { retry: { maxAttempts: 2 } })
    sim.failNext(2, 429, { path: '/v2/items', retryAfterSeconds: 7 })
    expect(await left(client.listItems(USER))).toMatchObject({ _tag: 'RateLimited', retryAfterSeconds: 7 })
    expect(client.sleeps).toEqual([7000])
  })

  test('a Retry-After longer than the client may wait ends the call at once', async () => {
    const client = clientOf(sim, logger, clock, { retry: { maxRetryAfterSeconds: 60 } })
    sim.failNext(1, 429, { path: '/v2/items', retryAfterSeconds: 3600 })
    expect(await left(client.listItems(USER))).toMatchObject({ _tag: 'RateLimited', retryAfterSeconds: 3600 })
    expect(count('/v2/items')).toBe(1)
  })

  test('the client keeps to the per-user budget by waiting for the window', async () => {
    // A sleep that moves the clock: the window really passes.
    const client = clientOf(sim, logger, clock, {
      rateLimits: { user: { limit: 3, windowMs: 60_000 } },
      maxBudgetWaitMs: 120_000,
      sleep: async (ms) => clock.set(new Date(Date.parse(clock.now()) + ms).toISOString()),
    })
    for (let n = 0; n < 4; n++) await right(client.listItems(USER))
    expect(clock.now()).toBe('2026-03-15T08:01:00.000Z')
  })

  test('a budget that would need too long a wait is RateLimited without calling Bridge', async () => {
    const client = clientOf(sim, logger, clock, {
      rateLimits: { authenticate: { limit: 1, windowMs: 60_000 } },
      maxBudgetWaitMs: 1_000,
    })
    await right(client.listItems(USER))
    sim.expireTokens()
    const before = sim.requests().length
    expect(await left(client.listItems(USER))).toMatchObject({ _tag: 'RateLimited', retryAfterSeconds: 60 })
    // The refused token call only; no new authentication was sent.
    expect(sim.requests().length - before).toBe(1)
  })
})

describe('bad answers', () => {
  test('a body that is not JSON is InvalidData', async () => {
    const client = clientOf(sim, logger, clock)
    sim.failNext(1, 200, { path: '/v2/accounts', body: '<html>maintenance</html>' })
    expect(await left(client.listAccounts(USER))).toMatchObject({
      _tag: 'InvalidData',
      where: 'GET /v2/accounts',
    })
  })

  test('a JSON body cut short under a correct status and length is retried, then Unavailable', async () => {
    const cut = '{"resources":[{"id":1003,"item_id":1002,"name":"Compte courant","bal'
    const client = clientOf(sim, logger, clock, { retry: { maxAttempts: 3 } })
    sim.failNext(1, 200, { path: '/v2/accounts', body: cut })
    expect((await right(client.listAccounts(USER))).length).toBe(3)
    sim.failNext(3, 200, { path: '/v2/accounts', body: cut })
    const error = await left(client.listAccounts(USER))
    expect(error).toMatchObject({ _tag: 'Unavailable', retryable: true })
    expect(error.message).toContain('cut off')
    // An empty body is a body cut before its first byte.
    sim.failNext(3, 200, { path: '/v2/accounts', body: '' })
    expect(await left(client.listAccounts(USER))).toMatchObject({ _tag: 'Unavailable', retryable: true })
  })
  test('an amount written with an exponent is refused', async () => {
    const client = clientOf(sim, logger, clock)
    sim.failNext(1, 200, {
      path: '/v2/accounts',
      body: '{"resources":[{"id":1,"item_id":2,"name":"x","balance":1e21,"currency_code":"EUR"}],"pagination":null}',
    })
    const error = await left(client.listAccounts(USER))
    expect(error.message).toContain('resources[0].balance: expected amount')
  })

  test('a malformed token answer names paths, never values', async () => {
    sim.failNext(1, 200, {
      path: '/v2/authenticate',
      body: '{"access_token":"leaky-token-1234","expires_at":"soon","user":{"uuid":"u"}}',
    })
    const client = clientOf(sim, logger, clock)
    const error = await left(client.listItems(USER))
    expect(error.message).toContain('expires_at: expected instant')
    expect(error.message).not.toContain('soon')
    expect(JSON.stringify(error)).not.toContain('leaky-token-1234')
  })
})

describe('a connection cut mid-body', () => {
  // Servers that misbehave below HTTP: the client is pointed at them directly (an app-only call).
  const serve = async (answer: (socket: Socket) => void) => {
    const server = createNetServer((socket) => {
      socket.once('data', () => answer(socket))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const address = server.address() as AddressInfo
    return {
      url: `http://127.0.0.1:${address.port}`,
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    }
  }
  const user = '{"uuid":"00000000-0000-4000-8000-000000000001","external_user_id":"cab1-CCH001"}'

  test('a reset after half the announced length is Unavailable and retried', async () => {
    let attempts = 0
    const server = await serve((socket) => {
      attempts++
      socket.write(
        `HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: ${user.length}\r\n\r\n`,
      )
      socket.write(user.slice(0, 30), () => socket.destroy())
    })
    try {
      const client = clientOf(sim, logger, clock, { baseUrl: server.url, retry: { maxAttempts: 2 } })
      expect(await left(client.ensureUser('cab1-CCH001'))).toMatchObject({
        _tag: 'Unavailable',
        retryable: true,
      })
      expect(attempts).toBe(2)
    } finally {
      await server.close()
    }
  })

  test('a body ended early by a clean close (no length to check) is Unavailable, not InvalidData', async () => {
    let attempts = 0
    const server = await serve((socket) => {
      attempts++
      // HTTP/1.0 style: the body runs to the close, so the transport cannot tell it was cut.
      socket.end(
        `HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${user.slice(0, 30)}`,
      )
    })
    try {
      const client = clientOf(sim, logger, clock, { baseUrl: server.url, retry: { maxAttempts: 2 } })
      const error = await left(client.ensureUser('cab1-CCH001'))
      expect(error).toMatchObject({ _tag: 'Unavailable', retryable: true })
      expect(error.message).toContain('cut off')
      expect(attempts).toBe(2)
    } finally {
      await server.close()
    }
  })
})
