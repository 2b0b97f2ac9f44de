import { createServer, request } from 'node:http'
import type { Server } from 'node:http'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { makeRecordingLogger } from '@bankfeed/testkit'
import type { RecordingLogger } from '@bankfeed/testkit'
import { makeWebhookHttpHandler } from '@bankfeed/connector-bankin'
import type { SyncTrigger, WebhookHttpHandlerOptions } from '@bankfeed/connector-bankin'
import { bridgeSignature, startBridgeSimulator } from '@bankfeed/connector-bankin/simulator'
import type { BridgeSimulator } from '@bankfeed/connector-bankin/simulator'

const SECRET = 'whsec-current-4f9a1c'
const OLD_SECRET = 'whsec-previous-77b2e0'
const USER_UUID = '00000000-0000-4000-8000-000000000001'
const LIMIT = 1024

let sim: BridgeSimulator
let server: Server | undefined
let url: string
let logger: RecordingLogger
let received: SyncTrigger[][]
let secrets: string[]

const listen = async (options: Partial<WebhookHttpHandlerOptions> = {}): Promise<void> => {
  const created = createServer(
    makeWebhookHttpHandler({
      secrets: () => secrets,
      logger,
      onTriggers: (triggers) => {
        received.push([...triggers])
      },
      maxBodyBytes: LIMIT,
      ...options,
    }),
  )
  server = created
  await new Promise<void>((resolve) => created.listen(0, '127.0.0.1', resolve))
  const address = created.address()
  if (address === null || typeof address === 'string') throw new Error('no TCP address')
  url = `http://127.0.0.1:${address.port}/webhooks/bridge`
}

beforeEach(async () => {
  sim = await startBridgeSimulator()
  logger = makeRecordingLogger()
  received = []
  secrets = [SECRET]
})
afterEach(async () => {
  await sim.close()
  const running = server
  server = undefined
  if (running === undefined) return
  running.closeAllConnections()
  await new Promise<void>((resolve) => running.close(() => resolve()))
})

const accountUpdated = {
  type: 'item.account.updated',
  content: { account_id: 8002, item_id: 7001, user_uuid: USER_UUID, nb_new_transactions: 2 },
  timestamp: 1_773_561_600_000,
}

/** POSTs raw bytes with node:http, declaring the length or streaming chunks. */
const post = (
  body: string | Buffer,
  headers: Record<string, string> = {},
  options: { readonly chunked?: boolean; readonly method?: string } = {},
): Promise<number> =>
  new Promise((resolve, reject) => {
    const data = typeof body === 'string' ? Buffer.from(body) : body
    const req = request(
      url,
      {
        method: options.method ?? 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(options.chunked === true ? {} : { 'Content-Length': String(data.length) }),
          ...headers,
        },
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      },
    )
    req.on('error', reject)
    if (options.chunked === true) {
      for (let i = 0; i < data.length; i += 256) req.write(data.subarray(i, i + 256))
      req.end()
    } else req.end(data)
  })

describe('webhooks delivered by the simulator over loopback HTTP', () => {
  beforeEach(() => listen())

  test('a signed item.account.updated is answered 200 and handed over as a trigger', async () => {
    expect(await sim.sendWebhook({ url, secret: SECRET, ...accountUpdated })).toEqual({ status: 200 })
    expect(received).toEqual([
      [
        {
          userUuid: USER_UUID,
          itemId: '7001',
          accountIds: ['8002'],
          reasons: ['item.account.updated'],
          timestamp: 1_773_561_600_000,
        },
      ],
    ])
  })

  test('item.refreshed triggers the whole item', async () => {
    const status = await sim.sendWebhook({
      url,
      secret: SECRET,
      type: 'item.refreshed',
      content: { item_id: 7001, user_uuid: USER_UUID, full_refresh: false, refresh_trigger: 'connect' },
    })
    expect(status.status).toBe(200)
    expect(received.map((ts) => ts.map((t) => [t.itemId, t.accountIds, t.reasons]))).toEqual([
      [['7001', [], ['item.refreshed']]],
    ])
  })

  test('while a secret is rotated, both are accepted; once dropped, the old one is refused', async () => {
    secrets = [SECRET, OLD_SECRET]
    expect((await sim.sendWebhook({ url, secret: OLD_SECRET, ...accountUpdated })).status).toBe(200)
    expect((await sim.sendWebhook({ url, secret: SECRET, ...accountUpdated })).status).toBe(200)
    secrets = [SECRET]
    expect((await sim.sendWebhook({ url, secret: OLD_SECRET, ...accountUpdated })).status).toBe(401)
    expect(received).toHaveLength(2)
  })

  test('a bad signature is 401, schedules nothing, and is logged without body or signature', async () => {
    expect(
      (await sim.sendWebhook({ url, secret: SECRET, signWith: 'forged', ...accountUpdated })).status,
    ).toBe(401)
    expect(received).toEqual([])
    const warns = logger.lines().filter((l) => l.level === 'warn')
    expect(warns.map((l) => l.fields['reason'])).toEqual(['BadSignature'])
    expect(typeof warns[0]?.fields['bodyLength']).toBe('number')
    expect(logger.text()).not.toContain(USER_UUID)
    expect(logger.text()).not.toContain('8002')
  })

  test('a missing signature is 401', async () => {
    expect((await sim.sendWebhook({ url, secret: SECRET, signWith: null, ...accountUpdated })).status).toBe(
      401,
    )
    expect(logger.lines().map((l) => l.fields['reason'])).toEqual(['MissingSignature'])
    expect(received).toEqual([])
  })

  test('an unknown event type is 200 with nothing scheduled', async () => {
    const status = await sim.sendWebhook({
      url,
      secret: SECRET,
      type: 'item.created',
      content: { item_id: 1 },
    })
    expect(status.status).toBe(200)
    expect(received).toEqual([])
  })

  test('a signed body that is not JSON is 400', async () => {
    const raw = '{"type":"item.refreshed",'
    expect(await post(raw, { 'BridgeApi-Signature': bridgeSignature(raw, SECRET) })).toBe(400)
    expect(received).toEqual([])
  })

  test('a tampered body is 401', async () => {
    const raw = JSON.stringify(accountUpdated)
    const signature = bridgeSignature(raw, SECRET)
    expect(await post(raw, { 'BridgeApi-Signature': signature })).toBe(200)
    expect(await post(raw.replace('8002', '8003'), { 'BridgeApi-Signature': signature })).toBe(401)
    expect(received).toHaveLength(1)
  })

  test('a body over the limit is 413, whether its length is declared or streamed', async () => {
    const big = JSON.stringify({ ...accountUpdated, padding: 'x'.repeat(LIMIT * 2) })
    const signature = bridgeSignature(big, SECRET)
    expect(await post(big, { 'BridgeApi-Signature': signature })).toBe(413)
    expect(await post(big, { 'BridgeApi-Signature': signature }, { chunked: true })).toBe(413)
    expect(received).toEqual([])
    expect(logger.lines().map((l) => [l.fields['reason'], l.fields['bodyLength']])).toEqual([
      ['BodyTooLarge', Buffer.byteLength(big)],
      ['BodyTooLarge', expect.any(Number)],
    ])
    // A body exactly at the limit is read.
    const fitting = JSON.stringify({ ...accountUpdated, padding: '' })
    const padded = JSON.stringify({
      ...accountUpdated,
      padding: 'x'.repeat(LIMIT - Buffer.byteLength(fitting)),
    })
    expect(Buffer.byteLength(padded)).toBe(LIMIT)
    expect(await post(padded, { 'BridgeApi-Signature': bridgeSignature(padded, SECRET) })).toBe(200)
  })

  test('a method other than POST is 405', async () => {
    expect(await post('', {}, { method: 'GET' })).toBe(405)
  })
})

describe('handler configuration and failures', () => {
  test('a scheduler failure answers 500 so that Bridge may send again', async () => {
    await listen({
      onTriggers: async () => {
        throw new Error('queue down')
      },
    })
    expect((await sim.sendWebhook({ url, secret: SECRET, ...accountUpdated })).status).toBe(500)
    expect(logger.lines().map((l) => [l.level, l.message])).toContainEqual([
      'error',
      'bridge webhook triggers not scheduled',
    ])
  })

  test('no current secret answers 500 and accepts nothing', async () => {
    await listen()
    secrets = []
    expect((await sim.sendWebhook({ url, secret: SECRET, ...accountUpdated })).status).toBe(500)
    expect(received).toEqual([])
  })

  test('bad configuration throws at construction', () => {
    const base = { logger, onTriggers: () => {} }
    expect(() => makeWebhookHttpHandler({ ...base, secrets: [] })).toThrow(/secret/)
    expect(() => makeWebhookHttpHandler({ ...base, secrets: [SECRET], maxBodyBytes: 0 })).toThrow(
      /maxBodyBytes/,
    )
    expect(() => makeWebhookHttpHandler({ ...base, secrets: () => [] })).not.toThrow()
  })
})
