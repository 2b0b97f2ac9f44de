import { describe, expect, test } from 'vitest'
import {
  ConnectorError,
  REQUIRED_ACTIONS,
  REQUIRED_ACTION_TEXTS,
  asyncResult,
  err,
  errAsync,
  fromPromise,
  getOrThrow,
  isErr,
  isOk,
  jsonCursorCodec,
  localDate,
  ok,
  okAsync,
  t,
  textCursorCodec,
} from '../api/connector.js'
import { DomainEvent } from '../index.js'
import { DomainEventCodec } from '../api/store.js'

describe('results without fp-ts', () => {
  test('ok and err are fp-ts values, read by isOk / isErr', () => {
    expect(ok(1)).toEqual({ _tag: 'Right', right: 1 })
    expect(err('no')).toEqual({ _tag: 'Left', left: 'no' })
    expect(isOk(ok(1))).toBe(true)
    expect(isErr(ok(1))).toBe(false)
    expect(isErr(err(1))).toBe(true)
  })

  test('async results start when called and never reject', async () => {
    let started = false
    const later = asyncResult(
      async () => {
        started = true
        return ok(2)
      },
      () => 'unused',
    )
    expect(started).toBe(false)
    expect(await later()).toEqual(ok(2))
    expect(await okAsync(3)()).toEqual(ok(3))
    expect(await errAsync('e')()).toEqual(err('e'))
    const thrown = asyncResult(
      () => Promise.reject(new Error('boom')),
      (cause) => `caught ${cause instanceof Error ? cause.message : ''}`,
    )
    expect(await thrown()).toEqual(err('caught boom'))
    const syncThrow = asyncResult(
      () => {
        throw new Error('sync')
      },
      () => 'caught',
    )
    expect(await syncThrow()).toEqual(err('caught'))
    expect(await fromPromise(() => Promise.resolve(4), String)()).toEqual(ok(4))
    expect(
      await fromPromise(
        () => Promise.reject(new Error('x')),
        () => 'rejected',
      )(),
    ).toEqual(err('rejected'))
  })

  test('getOrThrow names the failure by tag and message, the error kept as cause', () => {
    expect(getOrThrow(ok(5))).toBe(5)
    const failure = ConnectorError.notFound({ what: 'account 1', message: 'no such account' })
    expect(() => getOrThrow(err(failure), 'pull')).toThrow('pull failed: NotFound: no such account')
    try {
      getOrThrow(err(failure))
    } catch (e) {
      expect(e instanceof Error ? e.cause : null).toBe(failure)
    }
    expect(() => getOrThrow(err(42))).toThrow(/^result failed$/)
  })
})

describe('ConnectorError constructors', () => {
  test('each kind gets its fields and the retryable its kind requires', () => {
    expect(ConnectorError.authExpired({ message: 'm' })).toEqual({
      _tag: 'AuthExpired',
      message: 'm',
      retryable: false,
    })
    expect(ConnectorError.consentExpired({ message: 'm' })).toEqual({
      _tag: 'ConsentExpired',
      message: 'm',
      retryable: false,
      expiredOn: null,
    })
    expect(
      ConnectorError.consentExpired({ message: 'm', expiredOn: localDate('2026-09-30') }).expiredOn,
    ).toBe('2026-09-30')
    expect(ConnectorError.actionRequired({ message: 'm', action: 'sca' })).toEqual({
      _tag: 'ActionRequired',
      message: 'm',
      retryable: false,
      action: 'sca',
    })
    expect(ConnectorError.rateLimited({ message: 'm', retryAfterSeconds: 30 })).toEqual({
      _tag: 'RateLimited',
      message: 'm',
      retryable: true,
      retryAfterSeconds: 30,
    })
    expect(ConnectorError.unavailable({ message: 'm' })).toEqual({
      _tag: 'Unavailable',
      message: 'm',
      retryable: true,
      retryAfterSeconds: null,
    })
    expect(ConnectorError.unavailable({ message: 'm', retryable: false }).retryable).toBe(false)
    expect(ConnectorError.invalidData({ message: 'm', where: 'line 3' })).toEqual({
      _tag: 'InvalidData',
      message: 'm',
      retryable: false,
      where: 'line 3',
    })
    expect(ConnectorError.notFound({ message: 'm', what: 'x' }).retryable).toBe(false)
    expect(ConnectorError.configurationError({ message: 'm', setting: 'clientSecret' })).toEqual({
      _tag: 'ConfigurationError',
      message: 'm',
      retryable: false,
      setting: 'clientSecret',
    })
  })

  test('every required action has words in French and English', () => {
    for (const a of REQUIRED_ACTIONS) {
      expect(REQUIRED_ACTION_TEXTS[a].fr.length).toBeGreaterThan(10)
      expect(REQUIRED_ACTION_TEXTS[a].en.length).toBeGreaterThan(10)
    }
  })
})

describe('cursor codecs', () => {
  const Position = t.type({ v: t.literal(1), lastId: t.string })

  test('a JSON cursor round-trips and refuses a foreign one, naming the field, not the value', () => {
    const codec = jsonCursorCodec('example', Position)
    const cursor = codec.encode({ v: 1, lastId: 'tx-42' })
    expect(cursor).toEqual({ value: '{"v":1,"lastId":"tx-42"}' })
    expect(codec.decode(cursor)).toEqual(ok({ v: 1, lastId: 'tx-42' }))
    const notJson = codec.decode({ value: 'bridge:2021-06-01:secret-ish' })
    expect(notJson).toEqual(
      err(ConnectorError.invalidData({ message: 'not a example cursor: it is not JSON', where: 'cursor' })),
    )
    const wrong = codec.decode({ value: '{"v":2,"lastId":"tx-super-secret"}' })
    expect(isErr(wrong) && wrong.left.message).toBe('not a example cursor: v: expected 1')
    expect(JSON.stringify(wrong)).not.toContain('super-secret')
  })

  test('a text cursor uses the codec of its own text form', () => {
    const Counter = new t.Type<number, string, string>(
      'counter:N',
      (u): u is number => typeof u === 'number',
      (s, c) => (/^counter:\d+$/.test(s) ? t.success(Number(s.slice(8))) : t.failure(s, c)),
      (n) => `counter:${n}`,
    )
    const codec = textCursorCodec('counter', Counter)
    expect(codec.encode(7)).toEqual({ value: 'counter:7' })
    expect(codec.decode({ value: 'counter:7' })).toEqual(ok(7))
    const bad = codec.decode({ value: 'other' })
    expect(isErr(bad) && bad.left).toEqual({
      _tag: 'InvalidData',
      message: 'not a counter cursor: (root): expected counter:N',
      retryable: false,
      where: 'cursor',
    })
  })
})

describe('domain events', () => {
  const where = { dossierCode: 'D', bankAccountId: 'ba1', occurredAt: '2026-03-15T03:00:00.000Z' }

  test('the constructors build what the codec reads back', () => {
    const events = [
      DomainEvent.movementsIngested(where, { connectionId: 'c', added: 2, updated: 1, removed: 0 }),
      DomainEvent.entriesGenerated({ ...where, bankAccountId: null }, { count: 3 }),
    ]
    for (const e of events) expect(DomainEventCodec.decode(JSON.parse(JSON.stringify(e)))).toEqual(ok(e))
  })

  test('an unknown type or a bad count is refused', () => {
    expect(DomainEventCodec.decode({ ...where, type: 'movements.added', data: { count: 1 } })._tag).toBe(
      'Left',
    )
    expect(DomainEventCodec.decode({ ...where, type: 'entries.generated', data: { count: -1 } })._tag).toBe(
      'Left',
    )
  })
})
