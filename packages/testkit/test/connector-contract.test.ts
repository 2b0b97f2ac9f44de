import { describe, expect, test } from 'vitest'
import { Dec } from '@bankfeed/core'
import type { ConnectorError, FeedItem, LocalDate, Movement } from '@bankfeed/core'
import {
  CONTRACT_GROUPS,
  checkAmountsExact,
  checkCapabilities,
  checkConnectorContract,
  checkCursorsForward,
  checkDatesAreCalendarDays,
  checkItemsWellFormed,
  checkNoSecretLeaks,
  checkPagingComplete,
  checkRepullIdempotent,
  checkTypedError,
  runConnectorContract,
} from '../src/index.js'
import type { ConnectorScenario, ContractViolation } from '../src/index.js'
import {
  ACCOUNT,
  FIXTURE,
  FIXTURE_AMOUNTS,
  REQUEST,
  TOKEN,
  authExpired,
  makeFixtureConnector,
  movement,
  rateLimited,
} from './fixture-connector.js'
import type { Breakage } from './fixture-connector.js'

const scenario = (breakage: Breakage = {}, extra: Partial<ConnectorScenario> = {}): ConnectorScenario => ({
  make: (env) => makeFixtureConnector(env, 2, breakage),
  request: REQUEST,
  expectedItems: (breakage.items ?? FIXTURE).length,
  expectedAmounts: FIXTURE_AMOUNTS,
  secrets: [TOKEN],
  failures: {
    authExpired: (env) => makeFixtureConnector(env, 2, { fail: authExpired }),
    rateLimited: (env) => makeFixtureConnector(env, 2, { fail: rateLimited }),
  },
  ...extra,
})

const codes = (vs: ReadonlyArray<ContractViolation>): ReadonlyArray<string> => [
  ...new Set(vs.map((v) => v.code)),
]

const withMovement = (patch: (m: Movement) => unknown): ReadonlyArray<FeedItem> =>
  FIXTURE.map((item, i) =>
    i === 2 && item._tag === 'Movement' ? ({ ...item, movement: patch(item.movement) } as FeedItem) : item,
  )

// The contract as a connector package registers it: a paged API with auth and rate limits.
runConnectorContract({ name: 'fixture API', describe, test, ...scenario() })

describe('a well-behaved connector', () => {
  test('passes every group', async () => {
    expect(await checkConnectorContract(scenario())).toEqual([])
  })

  test('passes with opaque cursors and one item per page', async () => {
    expect(
      await checkConnectorContract({
        ...scenario({ opaqueCursors: true }),
        make: (env) => makeFixtureConnector(env, 1, { opaqueCursors: true }),
      }),
    ).toEqual([])
  })
})

describe('the contract catches', () => {
  test('an item lost on re-pull', async () => {
    const vs = await checkRepullIdempotent(scenario({ loseOnRepull: true }))
    expect(codes(vs)).toEqual(['ITEM_LOST_ON_REPULL'])
    // Both items of the first page are lost; the message names them.
    expect(vs[0]?.message).toContain('Movement 2026-01-02 -30 "PRLV SEPA EDF" id t1')
    expect(vs.length).toBe(5)
  })

  test('a float amount', async () => {
    const vs = await checkAmountsExact(
      scenario({ items: withMovement((m) => ({ ...m, amount: { amount: -4.5, currency: 'EUR' } })) }),
    )
    expect(vs.map((v) => [v.code, v.where])).toEqual([
      ['AMOUNT_NOT_DECIMAL', 'pull 2, item 1 (Movement).movement.amount.amount'],
    ])
  })

  test('an amount with more decimals than its currency', async () => {
    const vs = await checkAmountsExact(
      scenario({
        items: withMovement((m) => ({ ...m, amount: { amount: new Dec('-4.499'), currency: 'EUR' } })),
      }),
    )
    expect(codes(vs)).toEqual(['AMOUNT_TOO_PRECISE', 'AMOUNTS_DIFFER'])
  })

  test('a reversed sign', async () => {
    const vs = await checkAmountsExact(
      scenario({
        items: withMovement((m) => ({ ...m, amount: { amount: new Dec('4.50'), currency: 'EUR' } })),
      }),
    )
    expect(codes(vs)).toEqual(['AMOUNTS_DIFFER'])
    expect(vs[0]?.message).toBe(
      'movement amounts differ from the fixture: missing -4.5; unexpected 4.5 (signs reversed?)',
    )
  })

  test('a cursor moving backwards', async () => {
    const vs = await checkCursorsForward(scenario({ cursorBackwards: true }))
    expect(vs).toEqual([
      {
        group: 'cursors',
        code: 'CURSOR_BACKWARDS',
        where: 'pull 4',
        message: 'pulled with cursor "5", got back "2", which is before it',
      },
    ])
  })

  test('an opaque cursor going back to an earlier position', async () => {
    const vs = await checkCursorsForward(scenario({ cursorBackwards: true, opaqueCursors: true }))
    expect(codes(vs)).toEqual(['CURSOR_REVISITED'])
  })

  test('a token in an error message', async () => {
    const leaky: ConnectorError = { ...authExpired, message: `token ${TOKEN} rejected by the bank` }
    const vs = await checkNoSecretLeaks(
      scenario({}, { failures: { authExpired: (env) => makeFixtureConnector(env, 2, { fail: leaky }) } }),
    )
    expect(vs).toEqual([
      {
        group: 'secrets',
        code: 'SECRET_IN_ERROR',
        where: 'authExpired scenario error',
        message: 'secret #1 (20 characters) appears here',
      },
    ])
    // The report must not leak the secret either.
    expect(JSON.stringify(vs)).not.toContain(TOKEN)
  })

  test('a token in a log line, even URL-encoded elsewhere', async () => {
    const vs = await checkNoSecretLeaks(scenario({ logToken: true }, { failures: {} }))
    expect(codes(vs)).toEqual(['SECRET_IN_LOG'])
    expect(vs.length).toBe(4) // one line per pull: three pages and the pull that brings nothing new
  })

  test('items lost between pages', async () => {
    const vs = await checkPagingComplete(scenario({ dropAtPageBoundary: true }))
    expect(vs).toEqual([
      {
        group: 'paging',
        code: 'ITEM_COUNT_DIFFERS',
        where: '4 pulls',
        message: 'the fixture holds 5 items, the pulls delivered 3: some were lost between pages',
      },
    ])
  })

  test('impossible and non-calendar dates', async () => {
    const items = FIXTURE.map((item, i) =>
      item._tag !== 'Movement'
        ? item
        : i === 0
          ? { ...item, movement: { ...item.movement, bookingDate: '2026-02-30' as LocalDate } }
          : i === 1
            ? {
                ...item,
                movement: { ...item.movement, valueDate: new Date('2026-01-02') as unknown as LocalDate },
              }
            : i === 2
              ? { ...item, movement: { ...item.movement, bookingDate: '2026-01-03T00:00:00Z' as LocalDate } }
              : item,
    )
    const vs = await checkDatesAreCalendarDays(scenario({ items }))
    expect(vs.map((v) => v.where)).toEqual([
      'pull 1, item 1 (Movement).movement.bookingDate',
      'pull 1, item 2 (Movement).movement.valueDate',
      'pull 2, item 1 (Movement).movement.bookingDate',
    ])
    expect(codes(vs)).toEqual(['DATE_INVALID'])
  })

  test('malformed items and unroutable accounts', async () => {
    const items: ReadonlyArray<FeedItem> = [
      {
        ...(FIXTURE[0] as FeedItem),
        account: { ...ACCOUNT, iban: null, bankCode: null, providerAccountId: null },
      },
      { ...(FIXTURE[1] as FeedItem), account: { ...ACCOUNT, iban: 'FR7630004008280001051234599' } },
      {
        _tag: 'Movement',
        account: ACCOUNT,
        movement: { ...movement(' ', '2026-01-03', '1.00', 'X'), details: 'no' },
      } as unknown as FeedItem,
      { _tag: 'Transfer', account: ACCOUNT } as unknown as FeedItem,
    ]
    const vs = await checkItemsWellFormed(scenario({ items }))
    expect(vs.map((v) => v.code)).toEqual([
      'ACCOUNT_UNIDENTIFIED',
      'ACCOUNT_IBAN_INVALID',
      'PROVIDER_ID_BLANK',
      'FIELD_MALFORMED',
      'ITEM_MALFORMED',
    ])
  })

  test('an unbalanced statement, when the fixture balances', async () => {
    const statement: FeedItem = {
      _tag: 'Statement',
      account: ACCOUNT,
      statement: {
        currency: 'EUR' as never,
        openingBalance: {
          date: '2026-01-01' as LocalDate,
          amount: { amount: new Dec('100'), currency: 'EUR' as never },
        },
        closingBalance: {
          date: '2026-01-02' as LocalDate,
          amount: { amount: new Dec('130'), currency: 'EUR' as never },
        },
        // -30 where the bank printed +30: the sign was lost on the way.
        movements: [{ ...movement('s1', '2026-01-02', '-30.00', 'VIR'), providerId: null }],
      },
    }
    const s = scenario(
      { items: [statement], capabilities: { statements: true, stableIds: false } },
      { expectedAmounts: ['-30.00'] },
    )
    expect(codes(await checkAmountsExact(s))).toEqual(['STATEMENT_UNBALANCED'])
    expect(await checkAmountsExact({ ...s, statementsBalance: false })).toEqual([])
  })

  test('a pull that throws, or that fails with the wrong error', async () => {
    const threw = await checkTypedError(
      scenario({}, { failures: { authExpired: (env) => makeFixtureConnector(env, 2, { throws: true }) } }),
      'authExpired',
    )
    expect(threw).toEqual([
      {
        group: 'errors',
        code: 'ERROR_NOT_RETURNED',
        where: 'authExpired scenario',
        message: 'the pull threw (Error: socket hang up) instead of returning AuthExpired',
      },
    ])
    const wrong = await checkTypedError(
      scenario(
        {},
        {
          failures: {
            rateLimited: (env) =>
              makeFixtureConnector(env, 2, { fail: { ...rateLimited, retryAfterSeconds: -1 } }),
          },
        },
      ),
      'rateLimited',
    )
    expect(codes(wrong)).toEqual(['ERROR_MALFORMED'])
    const untyped = await checkTypedError(
      scenario(
        {},
        { failures: { unavailable: (env) => makeFixtureConnector(env, 2, { fail: authExpired }) } },
      ),
      'unavailable',
    )
    expect(untyped.map((v) => v.message)).toEqual(['expected Unavailable, got AuthExpired'])
    const succeeded = await checkTypedError(
      scenario({}, { failures: { consentExpired: (env) => makeFixtureConnector(env, 2) } }),
      'consentExpired',
    )
    expect(codes(succeeded)).toEqual(['ERROR_NOT_RETURNED'])
  })

  test('a throwing pull in the data groups', async () => {
    expect(codes(await checkItemsWellFormed(scenario({ throws: true })))).toEqual(['PULL_THREW'])
  })

  test('capabilities that do not match behaviour', async () => {
    const pending = withMovement((m) => ({ ...m, status: 'pending' }))
    expect(codes(await checkCapabilities(scenario({ items: pending })))).toEqual(['UNDECLARED_PENDING'])
    expect(codes(await checkCapabilities(scenario({ unstableIds: true })))).toEqual(['UNSTABLE_PROVIDER_IDS'])
    const noIds = withMovement((m) => ({ ...m, providerId: null }))
    expect(codes(await checkCapabilities(scenario({ items: noIds })))).toEqual(['MISSING_PROVIDER_ID'])
    expect(
      codes(await checkCapabilities(scenario({ capabilities: { historyDays: -3, push: 'yes' as never } }))),
    ).toEqual(['CAPABILITIES_MALFORMED'])
  })
})

describe('registration', () => {
  const titles = (options: Partial<ConnectorScenario>): string[] => {
    const names: string[] = []
    runConnectorContract({
      ...scenario(),
      ...options,
      name: 'x',
      describe: (name, body) => {
        names.push(`# ${name}`)
        body()
      },
      test: (name) => {
        names.push(name)
      },
    })
    return names
  }

  test('a file connector without auth gets no typed-error or secrets tests', () => {
    expect(titles({ failures: {}, secrets: [] })).toEqual([
      '# x — connector contract',
      'items and accounts are well-formed domain values',
      'amounts are exact Money, correctly signed',
      'dates are calendar dates',
      're-pulling with the same cursor loses nothing and brings nothing new',
      'cursors only move forward',
      'paging loses nothing',
      'declared capabilities match behaviour',
    ])
  })

  test('each failure scenario given gets its test', () => {
    const t = titles({})
    expect(t.filter((x) => x.includes('failure'))).toEqual([
      'a authExpired failure is a typed AuthExpired error',
      'a rateLimited failure is a typed RateLimited error',
    ])
    expect(t).toContain('no secret in errors, log lines, cursors or notices')
    expect(CONTRACT_GROUPS.length).toBe(9)
  })
})
