import { Writable } from 'node:stream'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import type { ConnectorError } from '@bankfeed/core'
import { makePinoLogger } from '@bankfeed/logger-pino'
import type { PinoAdapterLogger } from '@bankfeed/logger-pino'
import { handleBridgeWebhook } from '@bankfeed/connector-bankin'
import { bridgeSignature } from '@bankfeed/connector-bankin/simulator'
import type { BridgeSimulator } from '@bankfeed/connector-bankin/simulator'
import {
  CLIENT_SECRET,
  REQUEST,
  TOKEN_PREFIX,
  USER,
  clientOf,
  connectorOf,
  fixedClock,
  seedStandard,
  startSim,
} from './fixtures.js'
import type { Seeded } from './fixtures.js'

/** A pino logger at debug level writing into memory, with the adapter's default redaction only. */
const memoryLogger = (
  secrets: ReadonlyArray<string> = [],
): { logger: PinoAdapterLogger; text: () => string; lines: () => string[] } => {
  const lines: string[] = []
  const destination = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      lines.push(
        ...String(chunk)
          .split('\n')
          .filter((l) => l !== ''),
      )
      done()
    },
  })
  return {
    logger: makePinoLogger({ level: 'debug' }, { destination, secrets }),
    text: () => lines.join('\n'),
    lines: () => [...lines],
  }
}

/** The secrets of `values` found in `text`, to report which one leaked. */
const leaked = (text: string, values: ReadonlyArray<string>): string[] =>
  values.filter((v) => text.includes(v) || text.includes(encodeURIComponent(v)))

const clock = fixedClock()
let sim: BridgeSimulator
let ids: Seeded

beforeEach(async () => {
  clock.set('2026-03-15T08:00:00.000Z')
  sim = await startSim(clock, { pageSize: 3 })
  ids = seedStandard(sim)
})
afterEach(async () => {
  await sim.close()
})

describe('secrets never reach logs nor errors (Bridge client and connector through the pino adapter)', () => {
  test('sync, token renewal, connect sessions, 402, 429/5xx bursts, malformed bodies', async () => {
    // Nothing registered: what protects the secrets here is the client's discipline and the field redaction.
    const log = memoryLogger()
    const client = clientOf(sim, log.logger, clock, { retry: { maxAttempts: 3 } })
    const connector = connectorOf(client)
    const errors: ConnectorError[] = []
    const connectUrls: string[] = []
    const planted = [
      `${TOKEN_PREFIX}PLANTED-in-malformed`,
      'https://connect.bridgeapi.io/session/PLANTED-url',
    ]
    const pull = async (expect: 'ok' | 'error'): Promise<void> => {
      const r = await connector.pull(REQUEST)()
      if (r._tag === 'Left') errors.push(r.left)
      if ((r._tag === 'Right') !== (expect === 'ok'))
        throw new Error(`pull: expected ${expect}, got ${JSON.stringify(r)}`)
    }
    const collect = async <A>(
      task: () => Promise<{ _tag: 'Left'; left: ConnectorError } | { _tag: 'Right'; right: A }>,
    ) => {
      const r = await task()
      if (r._tag === 'Left') errors.push(r.left)
      return r
    }

    // A normal sync.
    await collect(client.ensureUser(USER))
    await pull('ok')
    // Token renewal: tokens Bridge stops accepting, then tokens past their expiry.
    sim.expireTokens()
    await pull('ok')
    clock.set('2026-03-15T12:00:00.000Z')
    await pull('ok')
    // Connect sessions: their URLs are secrets.
    for (const session of [
      await collect(client.connectAddItem(USER, { prefillEmail: 'compta@example.fr', context: 'CCH001' })),
      await collect(client.connectEditItem(USER, ids.itemId)),
      await collect(client.connectSyncItem(USER, ids.itemId)),
    ])
      if (session._tag === 'Right') connectUrls.push(session.right.redirectUrl)
    // An item needing new credentials.
    sim.setItemStatus(ids.itemId, 402, 'login_failed')
    await pull('error')
    sim.setItemStatus(ids.itemId, 0)
    // Bursts: a 429 burst that outlasts the retries, a 5xx burst that is retried through, one that is not.
    sim.failNext(3, 429, { retryAfterSeconds: 2 })
    await pull('error')
    sim.failNext(2, 503)
    await pull('ok')
    sim.failNext(3, 500, { body: JSON.stringify({ type: 'internal', message: `echo ${CLIENT_SECRET}` }) })
    await pull('error')
    // Malformed bodies: a token answer carrying a token but no expiry, a connect answer without a
    // usable URL, a page that is not JSON, an error body echoing the current token.
    sim.expireTokens()
    sim.failNext(1, 200, {
      path: '/v2/authenticate',
      body: JSON.stringify({ access_token: planted[0], user: { uuid: 'u', external_user_id: USER } }),
    })
    await pull('error')
    sim.failNext(1, 200, {
      path: '/v2/connect/items/add',
      body: JSON.stringify({ redirect_url: 42, url: planted[1] }),
    })
    await collect(client.connectAddItem(USER))
    sim.failNext(1, 200, { path: '/v2/items', body: `{"resources": [${CLIENT_SECRET}` })
    await pull('error')
    const current = sim.issuedTokens().at(-1) ?? ''
    sim.failNext(1, 400, {
      path: '/v2/accounts',
      body: JSON.stringify({
        type: 'bad_request',
        message: `token ${current} and secret ${CLIENT_SECRET} refused`,
      }),
    })
    await pull('error')

    // The scenario really went through what it claims.
    const tokens = sim.issuedTokens()
    expect(tokens.length).toBeGreaterThanOrEqual(4)
    expect(connectUrls).toHaveLength(3)
    expect(errors.map((e) => e._tag)).toEqual([
      'AuthExpired',
      'RateLimited',
      'Unavailable',
      'InvalidData',
      'InvalidData',
      'InvalidData',
      'InvalidData',
    ])
    // The echoing bodies did reach the client, which scrubbed them out of its errors.
    expect(errors[2]?.message).toContain('echo [redacted]')
    expect(errors[6]?.message).toContain('token [redacted] and secret [redacted]')
    const text = log.text()
    expect(log.lines().length).toBeGreaterThan(20)
    for (const message of [
      'bridge user authenticated',
      'bridge request retried',
      'bankin pull',
      'bankin pull blocked by item status',
    ])
      expect(text).toContain(message)

    const secrets = [CLIENT_SECRET, ...tokens, ...connectUrls, ...planted]
    expect(leaked(text, secrets)).toEqual([])
    for (const error of errors) expect(leaked(JSON.stringify(error), secrets)).toEqual([])
  })

  test('what an application logs by mistake is scrubbed once registered; the check sees what is not', () => {
    const token = `${TOKEN_PREFIX}42`
    const connectUrl = 'https://connect.bridgeapi.io/session/3f1e-secret'
    const unregistered = 'value-nobody-registered-123'
    const log = memoryLogger([CLIENT_SECRET])
    log.logger.registerSecret(token)
    log.logger.registerSecret(connectUrl)
    log.logger.error(`could not call Bridge with ${CLIENT_SECRET} / Bearer ${token}`, {
      headers: { 'Client-Secret': CLIENT_SECRET, Authorization: `Bearer ${token}` },
      session: { redirect_url: connectUrl },
      note: `send ${connectUrl} to the client`,
      unregistered,
    })
    expect(leaked(log.text(), [CLIENT_SECRET, token, connectUrl])).toEqual([])
    // The memory destination does hold what was logged: the check above can fail.
    expect(leaked(log.text(), [unregistered])).toEqual([unregistered])
  })

  test('a refused webhook logs neither its body, nor its signature, nor the secret', () => {
    const log = memoryLogger()
    const secret = 'whsec-live-81c0ffee'
    const raw = JSON.stringify({
      type: 'item.account.updated',
      timestamp: 1,
      content: { account_id: 1, item_id: 2, user_uuid: 'user-uuid-in-body' },
    })
    const forged = bridgeSignature(raw, 'not-the-secret')
    const result = handleBridgeWebhook({
      rawBody: raw,
      signatureHeader: forged,
      secrets: [secret],
      logger: log.logger,
    })
    expect(result._tag).toBe('Left')
    const text = log.text()
    expect(text).toContain('bridge webhook rejected')
    expect(leaked(text, [secret, forged.slice(3), 'user-uuid-in-body', raw])).toEqual([])
    expect(leaked(JSON.stringify(result), [secret, forged.slice(3), 'user-uuid-in-body'])).toEqual([])
  })
})
