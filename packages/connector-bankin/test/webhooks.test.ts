import { createHmac } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { makeRecordingLogger } from '@bankfeed/testkit'
import {
  handleBridgeWebhook,
  mergeSyncTriggers,
  parseBridgeWebhook,
  syncTriggersOf,
  verifyBridgeSignature,
  webhookRejectionStatus,
} from '@bankfeed/connector-bankin'
import type { BridgeWebhookEvent, SyncTrigger, WebhookRejection } from '@bankfeed/connector-bankin'
import { bridgeSignature } from '@bankfeed/connector-bankin/simulator'

const SECRET = 'whsec-current-4f9a1c'
const OLD_SECRET = 'whsec-previous-77b2e0'
const USER_UUID = '00000000-0000-4000-8000-000000000001'

/** Bridge's documented envelope, as text: the signature is over these exact bytes. */
const body = (type: string, content: Record<string, unknown>, timestamp = 1_773_561_600_000): string =>
  JSON.stringify({ content, timestamp, type })

const REFRESHED = body('item.refreshed', {
  item_id: 7_001,
  user_uuid: USER_UUID,
  full_refresh: true,
  refresh_trigger: 'scheduler',
  status: 0,
  status_code_info: null,
})
const ACCOUNT_UPDATED = body('item.account.updated', {
  account_id: 8_002,
  item_id: 7_001,
  user_uuid: USER_UUID,
  balance: 1234.56,
  nb_new_transactions: 3,
  nb_deleted_transactions: 1,
})

/** The upper-case hex HMAC-SHA256, computed here independently of the code under test. */
const hex = (raw: string | Uint8Array, secret: string): string =>
  createHmac('sha256', secret).update(raw).digest('hex').toUpperCase()

const tagOf = (result: { _tag: 'Left'; left: WebhookRejection } | { _tag: 'Right' }): string =>
  result._tag === 'Left' ? result.left._tag : 'Right'

describe('verifyBridgeSignature', () => {
  test('accepts the upper-case v1 HMAC-SHA256 of the raw body', () => {
    expect(verifyBridgeSignature(REFRESHED, `v1=${hex(REFRESHED, SECRET)}`, [SECRET])._tag).toBe('Right')
  })

  test('agrees with the simulator that signs like Bridge', () => {
    expect(verifyBridgeSignature(REFRESHED, bridgeSignature(REFRESHED, SECRET), [SECRET])._tag).toBe('Right')
  })

  test('verifies bytes as received, a Uint8Array as well as a string', () => {
    const bytes = new TextEncoder().encode(ACCOUNT_UPDATED)
    expect(verifyBridgeSignature(bytes, `v1=${hex(bytes, SECRET)}`, [SECRET])._tag).toBe('Right')
  })

  test('accepts lower-case hex too (digests are compared as bytes)', () => {
    const lower = `v1=${hex(REFRESHED, SECRET).toLowerCase()}`
    expect(verifyBridgeSignature(REFRESHED, lower, [SECRET])._tag).toBe('Right')
  })

  test('during a rotation, the second v1 value may be the one that matches', () => {
    const header = `v1=${hex(REFRESHED, 'some-other-secret')},v1=${hex(REFRESHED, SECRET)}`
    expect(verifyBridgeSignature(REFRESHED, header, [SECRET])._tag).toBe('Right')
    // Spaces after commas are tolerated.
    expect(verifyBridgeSignature(REFRESHED, header.replace(',', ', '), [SECRET])._tag).toBe('Right')
  })

  test('during a rotation, a body signed with either current secret is accepted', () => {
    expect(
      verifyBridgeSignature(REFRESHED, `v1=${hex(REFRESHED, OLD_SECRET)}`, [SECRET, OLD_SECRET])._tag,
    ).toBe('Right')
    expect(verifyBridgeSignature(REFRESHED, `v1=${hex(REFRESHED, OLD_SECRET)}`, [SECRET])._tag).toBe('Left')
  })

  test('values of other schemes are skipped', () => {
    const header = `v0=abc,v1=${hex(REFRESHED, SECRET)}`
    expect(verifyBridgeSignature(REFRESHED, header, [SECRET])._tag).toBe('Right')
  })

  test.each([
    ['a wrong secret', `v1=${hex(REFRESHED, 'wrong-secret')}`, 'BadSignature'],
    ['a signature of another body', `v1=${hex(ACCOUNT_UPDATED, SECRET)}`, 'BadSignature'],
    ['no header', undefined, 'MissingSignature'],
    ['an empty header', '  ', 'MissingSignature'],
    ['no scheme', hex(REFRESHED, SECRET), 'MalformedSignature'],
    ['no v1 value', `v2=${hex(REFRESHED, SECRET)}`, 'MalformedSignature'],
    ['a truncated digest', `v1=${hex(REFRESHED, SECRET).slice(0, 62)}`, 'MalformedSignature'],
    ['a non-hex digest', `v1=${'Z'.repeat(64)}`, 'MalformedSignature'],
    [
      'base64 instead of hex',
      `v1=${createHmac('sha256', SECRET).update(REFRESHED).digest('base64')}`,
      'MalformedSignature',
    ],
    ['one malformed value beside a good one', `v1=${hex(REFRESHED, SECRET)},v1=12`, 'MalformedSignature'],
    [
      'too many values',
      Array(9)
        .fill(`v1=${hex(REFRESHED, 'x-secret')}`)
        .join(','),
      'MalformedSignature',
    ],
  ])('refuses %s', (_what, header, tag) => {
    expect(tagOf(verifyBridgeSignature(REFRESHED, header, [SECRET]))).toBe(tag)
  })

  test('refuses a tampered body, even by one byte', () => {
    const header = `v1=${hex(REFRESHED, SECRET)}`
    const tampered = REFRESHED.replace('7001', '7002')
    expect(tampered).not.toBe(REFRESHED)
    expect(tagOf(verifyBridgeSignature(tampered, header, [SECRET]))).toBe('BadSignature')
    expect(tagOf(verifyBridgeSignature(`${REFRESHED} `, header, [SECRET]))).toBe('BadSignature')
  })

  test('refuses everything when no secret is configured', () => {
    const header = `v1=${hex(REFRESHED, '')}`
    expect(tagOf(verifyBridgeSignature(REFRESHED, header, []))).toBe('NoSecretConfigured')
    expect(tagOf(verifyBridgeSignature(REFRESHED, header, ['']))).toBe('NoSecretConfigured')
  })
})

describe('parseBridgeWebhook', () => {
  const parsed = (raw: string | Uint8Array): BridgeWebhookEvent => {
    const result = parseBridgeWebhook(raw)
    if (result._tag === 'Left') throw new Error(`${result.left._tag}: ${result.left.message}`)
    return result.right
  }
  const rejected = (raw: string | Uint8Array): WebhookRejection => {
    const result = parseBridgeWebhook(raw)
    if (result._tag === 'Right') throw new Error('the body was accepted')
    return result.left
  }

  test('item.refreshed', () => {
    expect(parsed(REFRESHED)).toEqual({
      _tag: 'ItemRefreshed',
      type: 'item.refreshed',
      timestamp: 1_773_561_600_000,
      userUuid: USER_UUID,
      itemId: '7001',
      fullRefresh: true,
      refreshTrigger: 'scheduler',
      itemStatus: 0,
      authenticationExpiresAt: null,
    })
  })

  test('item.account.updated, extra fields ignored, missing counts as null', () => {
    expect(parsed(ACCOUNT_UPDATED)).toEqual({
      _tag: 'AccountUpdated',
      type: 'item.account.updated',
      timestamp: 1_773_561_600_000,
      userUuid: USER_UUID,
      itemId: '7001',
      accountId: '8002',
      newTransactions: 3,
      updatedTransactions: null,
      deletedTransactions: 1,
    })
  })

  test.each(['item.created', 'user.deleted', 'item.account.deleted', 'TEST_EVENT', 'ACCOUNT_UPDATED'])(
    'an unknown or unused event type (%s) is Ignored, not an error',
    (type) => {
      expect(parsed(body(type, { anything: ['goes'] }))).toEqual({ _tag: 'Ignored', type })
    },
  )

  test('an ignored type needs no timestamp nor content', () => {
    expect(parsed('{"type":"TEST_EVENT"}')).toEqual({ _tag: 'Ignored', type: 'TEST_EVENT' })
  })

  test('malformed JSON is MalformedBody without quoting the body', () => {
    const r = rejected('{"type":"item.refreshed","content":{"item_id":7001, SECRET-LOOKING')
    expect(r._tag).toBe('MalformedBody')
    expect(JSON.stringify(r)).not.toContain('SECRET-LOOKING')
  })

  test('bytes that are not UTF-8 are MalformedBody', () => {
    expect(rejected(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))._tag).toBe('MalformedBody')
  })

  test.each([
    ['no type', '{"content":{}}'],
    ['a non-object', '[1,2]'],
    ['a number type', '{"type":42}'],
  ])('a body with %s is MalformedBody', (_what, raw) => {
    expect(rejected(raw)._tag).toBe('MalformedBody')
  })

  test('a known event with a bad content lists every failing path, never the values', () => {
    const r = rejected(
      body('item.account.updated', {
        account_id: 'acc-CONFIDENTIAL',
        item_id: -1,
        nb_new_transactions: 'many',
      }),
    )
    expect(r._tag).toBe('MalformedBody')
    if (r._tag !== 'MalformedBody') return
    expect(r.issues).toEqual([
      'content.account_id: expected id (integer)',
      'content.item_id: expected id (integer)',
      'content.user_uuid: expected string',
      'content.nb_new_transactions: expected Int | null | absent',
    ])
    expect(JSON.stringify(r)).not.toContain('CONFIDENTIAL')
  })

  test('a known event without timestamp is MalformedBody', () => {
    const r = rejected(
      JSON.stringify({ type: 'item.refreshed', content: { item_id: 1, user_uuid: USER_UUID } }),
    )
    expect(r._tag === 'MalformedBody' ? r.issues : []).toEqual(['timestamp: expected number'])
  })
})

describe('sync triggers', () => {
  const trigger = (over: Partial<SyncTrigger>): SyncTrigger => ({
    userUuid: USER_UUID,
    itemId: '7001',
    accountIds: ['8002'],
    reasons: ['item.account.updated'],
    timestamp: 1,
    ...over,
  })

  test('item.refreshed triggers every account of the item; item.account.updated that account', () => {
    const refreshed = parseBridgeWebhook(REFRESHED)
    const updated = parseBridgeWebhook(ACCOUNT_UPDATED)
    if (refreshed._tag === 'Left' || updated._tag === 'Left') throw new Error('fixture does not parse')
    expect(syncTriggersOf(refreshed.right)).toEqual([
      {
        userUuid: USER_UUID,
        itemId: '7001',
        accountIds: [],
        reasons: ['item.refreshed'],
        timestamp: 1_773_561_600_000,
      },
    ])
    expect(syncTriggersOf(updated.right)).toEqual([
      {
        userUuid: USER_UUID,
        itemId: '7001',
        accountIds: ['8002'],
        reasons: ['item.account.updated'],
        timestamp: 1_773_561_600_000,
      },
    ])
    expect(syncTriggersOf({ _tag: 'Ignored', type: 'item.created' })).toEqual([])
  })

  test('merging unites the accounts of one item, keeps items apart, and a whole-item trigger wins', () => {
    const merged = mergeSyncTriggers([
      trigger({ accountIds: ['1'], timestamp: 5 }),
      trigger({ itemId: '9', accountIds: ['3'] }),
      trigger({ accountIds: ['2', '1'], timestamp: 3 }),
    ])
    expect(merged).toEqual([
      trigger({ accountIds: ['1', '2'], timestamp: 5 }),
      trigger({ itemId: '9', accountIds: ['3'] }),
    ])
    expect(
      mergeSyncTriggers([
        trigger({}),
        trigger({ accountIds: [], reasons: ['item.refreshed'], timestamp: 9 }),
      ]),
    ).toEqual([
      trigger({ accountIds: [], reasons: ['item.account.updated', 'item.refreshed'], timestamp: 9 }),
    ])
  })
})

describe('handleBridgeWebhook', () => {
  test('a genuine item.account.updated becomes a trigger, and is logged without the body', () => {
    const logger = makeRecordingLogger()
    const result = handleBridgeWebhook({
      rawBody: ACCOUNT_UPDATED,
      signatureHeader: bridgeSignature(ACCOUNT_UPDATED, SECRET),
      secrets: [SECRET],
      logger,
    })
    expect(result).toEqual({
      _tag: 'Right',
      right: [
        {
          userUuid: USER_UUID,
          itemId: '7001',
          accountIds: ['8002'],
          reasons: ['item.account.updated'],
          timestamp: 1_773_561_600_000,
        },
      ],
    })
    expect(logger.lines().map((l) => [l.level, l.message])).toEqual([['info', 'bridge webhook accepted']])
  })

  test('a genuine event of an ignored type gives no trigger and no error', () => {
    const raw = body('item.created', { item_id: 1, user_uuid: USER_UUID })
    const logger = makeRecordingLogger()
    const result = handleBridgeWebhook({
      rawBody: raw,
      signatureHeader: bridgeSignature(raw, SECRET),
      secrets: [SECRET],
      logger,
    })
    expect(result).toEqual({ _tag: 'Right', right: [] })
    expect(logger.lines()[0]?.fields).toMatchObject({ type: 'item.created' })
  })

  test('a bad signature is refused before the body is read, and logged with reason and length only', () => {
    const logger = makeRecordingLogger()
    const forged = bridgeSignature(REFRESHED, 'attacker-secret')
    const result = handleBridgeWebhook({
      rawBody: REFRESHED,
      signatureHeader: forged,
      secrets: [SECRET],
      logger,
    })
    expect(tagOf(result)).toBe('BadSignature')
    expect(logger.lines()).toEqual([
      {
        level: 'warn',
        message: 'bridge webhook rejected',
        fields: {
          reason: 'BadSignature',
          detail: 'no v1 signature matches the body with a current secret',
          bodyLength: Buffer.byteLength(REFRESHED),
        },
      },
    ])
    expect(logger.text()).not.toContain(USER_UUID)
    expect(logger.text()).not.toContain(forged.slice(3))
    expect(logger.text()).not.toContain(forged.slice(3).toLowerCase())
  })

  test('a signed body that does not decode is MalformedBody (HTTP 400), logged with paths only', () => {
    const raw = body('item.refreshed', { item_id: 'secret-ish-value', user_uuid: USER_UUID })
    const logger = makeRecordingLogger()
    const result = handleBridgeWebhook({
      rawBody: raw,
      signatureHeader: bridgeSignature(raw, SECRET),
      secrets: [SECRET],
      logger,
    })
    expect(result._tag === 'Left' ? webhookRejectionStatus(result.left) : 200).toBe(400)
    expect(logger.lines()[0]?.fields).toEqual({
      reason: 'MalformedBody',
      detail: 'a item.refreshed webhook does not have the expected shape',
      issues: ['content.item_id: expected id (integer)'],
      bodyLength: Buffer.byteLength(raw),
    })
    expect(logger.text()).not.toContain('secret-ish-value')
  })

  test('HTTP statuses of rejections', () => {
    const status = (left: WebhookRejection) => webhookRejectionStatus(left)
    expect(status({ _tag: 'MissingSignature', message: '' })).toBe(401)
    expect(status({ _tag: 'MalformedSignature', message: '' })).toBe(401)
    expect(status({ _tag: 'BadSignature', message: '' })).toBe(401)
    expect(status({ _tag: 'MalformedBody', message: '', issues: [] })).toBe(400)
    expect(status({ _tag: 'BodyTooLarge', message: '', limitBytes: 1 })).toBe(413)
    expect(status({ _tag: 'NoSecretConfigured', message: '' })).toBe(500)
  })
})
