import { createServer } from 'node:http'
import { createHmac } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { bridgeSignature, startBridgeSimulator } from '@bankfeed/connector-bankin/simulator'
import type { BridgeSimulator } from '@bankfeed/connector-bankin/simulator'

let sim: BridgeSimulator
beforeEach(async () => {
  sim = await startBridgeSimulator()
})
afterEach(async () => {
  await sim.close()
})

const call = (
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
) =>
  fetch(`${sim.url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      'Bridge-Version': '2021-06-01',
      'Client-Id': sim.clientId,
      'Client-Secret': sim.clientSecret,
      ...init.headers,
    },
    ...(init.body === undefined ? {} : { body: init.body }),
  })

describe('the Bridge simulator over plain HTTP', () => {
  test('listens on the loopback interface', () => {
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  })

  test('checks the version header, the application credentials and the content type', async () => {
    expect((await call('/v2/items', { headers: { 'Bridge-Version': '2019-02-18' } })).status).toBe(400)
    expect((await call('/v2/items', { headers: { 'Client-Secret': 'wrong' } })).status).toBe(401)
    expect((await call('/v2/items')).status).toBe(401)
    expect((await call('/v2/users', { method: 'POST', body: '{}' })).status).toBe(415)
  })

  test('accepts new application credentials once they are changed, and refuses the old ones', async () => {
    const old = { 'Client-Id': sim.clientId, 'Client-Secret': sim.clientSecret }
    sim.setApplicationCredentials({ clientSecret: 'regenerated' })
    expect(sim.clientSecret).toBe('regenerated')
    const refused = await call('/v2/items', { headers: old })
    expect(refused.status).toBe(401)
    expect(await refused.json()).toMatchObject({ type: 'invalid_client' })
    // With the new secret, the request passes the application check (and stops at the missing token).
    expect(await (await call('/v2/items')).json()).toMatchObject({ type: 'invalid_token' })
  })

  test('sends a transaction with overridden wire fields, stamped, until the overrides are cleared', async () => {
    sim.seedUser('cab1-D2')
    const item = sim.seedItem({ externalUserId: 'cab1-D2' })
    const account = sim.seedAccount({ itemId: item, name: 'Compte', balance: '0' })
    const id = sim.seedTransaction({
      accountId: account,
      amount: '-9.39',
      date: '2026-03-01',
      description: 'X',
    })
    const post = (path: string, body: unknown) =>
      call(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      })
    const { access_token: token } = (await (
      await post('/v2/authenticate', { external_user_id: 'cab1-D2' })
    ).json()) as {
      access_token: string
    }
    const list = async () =>
      (
        (await (
          await call('/v2/transactions/updated', { headers: { Authorization: `Bearer ${token}` } })
        ).json()) as { resources: Array<Record<string, unknown>> }
      ).resources[0]
    const before = await list()
    sim.overrideTransactionJson(id, { amount: '-9,39', date: null })
    const broken = await list()
    expect(broken).toMatchObject({ id: Number(id), amount: '-9,39', date: null, bank_description: 'X' })
    expect(broken?.['updated_at']).not.toBe(before?.['updated_at'])
    sim.overrideTransactionJson(id, {})
    expect(await list()).toMatchObject({ amount: -9.39, date: '2026-03-01' })
  })

  test('creates a user, authenticates it, and lists its accounts with amounts as JSON numbers', async () => {
    const post = (path: string, body: unknown) =>
      call(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      })
    expect((await post('/v2/users', { external_user_id: 'cab1-D1' })).status).toBe(201)
    expect((await post('/v2/users', { external_user_id: 'cab1-D1' })).status).toBe(409)
    const item = sim.seedItem({ externalUserId: 'cab1-D1' })
    sim.seedAccount({ itemId: item, name: 'Compte', balance: '-9.39' })
    const auth = (await (await post('/v2/authenticate', { external_user_id: 'cab1-D1' })).json()) as {
      access_token: string
    }
    const res = await call('/v2/accounts', { headers: { Authorization: `Bearer ${auth.access_token}` } })
    expect(await res.text()).toContain('"balance":-9.39')
  })

  test('delivers webhooks signed with BridgeApi-Signature (v1=HEX of the raw body)', async () => {
    const received: Array<{ body: string; signature: string | undefined }> = []
    const receiver = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        const sig = req.headers['bridgeapi-signature']
        received.push({
          body: Buffer.concat(chunks).toString('utf8'),
          signature: Array.isArray(sig) ? sig[0] : sig,
        })
        res.writeHead(200)
        res.end()
      })
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    try {
      const address = receiver.address()
      const url = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}/hook`
      const content = { item_id: 1, user_uuid: 'u', full_refresh: true }
      expect(
        await sim.sendWebhook({
          url,
          secret: 'whsec',
          type: 'item.refreshed',
          content,
          timestamp: 1612782588323,
        }),
      ).toEqual({ status: 200 })
      await sim.sendWebhook({ url, secret: 'whsec', type: 'item.refreshed', content, signWith: 'other' })
      const [good, bad] = received
      const expected = `v1=${createHmac('sha256', 'whsec')
        .update(good?.body ?? '')
        .digest('hex')
        .toUpperCase()}`
      expect(good?.signature).toBe(expected)
      expect(JSON.parse(good?.body ?? '')).toEqual({
        content,
        timestamp: 1612782588323,
        type: 'item.refreshed',
      })
      expect(bad?.signature).not.toBe(bridgeSignature(bad?.body ?? '', 'whsec'))
    } finally {
      await new Promise<void>((resolve) => receiver.close(() => resolve()))
    }
  })
})
