import { describe, expect, test } from 'vitest'
import { Dec, localDate } from '@bankfeed/core'
import type { ConnectorError, FeedItem, LocalDate, Movement } from '@bankfeed/core'
import {
  CONTRACT_GROUPS,
  checkAcknowledge,
  checkAmountsExact,
  checkCapabilities,
  checkConnectorContract,
  checkCursorsForward,
  checkDatesAreCalendarDays,
  checkFreshInstances,
  checkItemsWellFormed,
  checkNoSecretLeaks,
  checkNoticesWellFormed,
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
  eur,
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

  test('passes with an acknowledge, good notices and a consent end', async () => {
    const notices = [
      { _tag: 'UnreadableFile', file: 'a.cfonb', reason: 'line 3: not a CFONB record', line: 3 },
      { _tag: 'UnreadableFile', file: 'b.cfonb', reason: 'not CFONB 120', line: null },
      { _tag: 'SkippedAccount', account: ACCOUNT, reason: 'not attached to any dossier' },
      { _tag: 'SkippedItem', account: ACCOUNT, providerId: 't9', reason: 'currency: USD on a EUR account' },
      { _tag: 'SkippedItem', account: ACCOUNT, providerId: null, reason: 'amount: not a number' },
      { _tag: 'EmptyFile', file: 'c.cfonb', bytes: 0, reason: '0 bytes' },
    ]
    for (const consentExpiresOn of ['2026-06-30', null])
      expect(
        await checkConnectorContract(scenario({ acknowledge: 'ok', notices, consentExpiresOn })),
      ).toEqual([])
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
          ? {
              ...item,
              movement: { ...item.movement, bookingDate: '2026-02-30' as LocalDate /* forged: not a day */ },
            }
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
          date: localDate('2026-01-01'),
          amount: { amount: new Dec('100'), currency: 'EUR' as never },
        },
        closingBalance: {
          date: localDate('2026-01-02'),
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
      'a fresh instance goes on from a stored cursor, with the same ids',
      'notices and consent dates are well-formed',
      'acknowledging a committed cursor succeeds',
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
    expect(CONTRACT_GROUPS.length).toBe(12)
  })
})

// Issue 10: what 30 broken connectors written as an integrator would showed the contract missed.
describe('the contract also catches', () => {
  const allBut = (group: string) => CONTRACT_GROUPS.filter((g) => g !== group)

  test('state kept in the connector object (page tokens only the running instance knows)', async () => {
    const s = scenario({ stateInInstance: true })
    // Every other group passes: one instance, pulled again and again, behaves.
    expect(await checkConnectorContract(s, allBut('instances'))).toEqual([])
    const vs = await checkFreshInstances(s)
    expect(vs.map((v) => [v.code, v.where])).toEqual([
      // The twins t3 and t4 say the same: one violation for both.
      ['LOST_BY_FRESH_INSTANCE', 'pull 2, item 1'],
      ['LOST_BY_FRESH_INSTANCE', 'pull 3, item 1'],
      ['REDELIVERED_BY_FRESH_INSTANCE', 'fresh instances, pull 2, item 1'],
      ['REDELIVERED_BY_FRESH_INSTANCE', 'fresh instances, pull 2, item 2'],
    ])
    expect(vs[0]?.message).toContain(
      'Movement 2026-01-03 -4.5 "CB BOULANGERIE" id t3 came 2 time(s) from one connector, 0 with',
    )
    expect(vs[2]?.message).toContain('"PRLV SEPA EDF" id t1 came 2 time(s) with')
  })

  test('state kept on the cursor object beside its value', async () => {
    const s = scenario({ stateOnCursor: true })
    expect(await checkConnectorContract(s, allBut('instances'))).toEqual([])
    const vs = await checkFreshInstances(s)
    expect(codes(vs)).toEqual(['LOST_BY_FRESH_INSTANCE', 'REDELIVERED_BY_FRESH_INSTANCE'])
    expect(vs.filter((v) => v.code === 'LOST_BY_FRESH_INSTANCE').length).toBe(2) // the twins t3 and t4, and t5
  })

  test('a cursor that cannot be stored', async () => {
    const vs = await checkFreshInstances({
      ...scenario(),
      make: (env) => {
        const c = makeFixtureConnector(env, 2)
        return {
          ...c,
          pull: (r) => async () => {
            const b = await c.pull(r)()
            return b._tag === 'Left'
              ? b
              : { ...b, right: { ...b.right, cursor: { ...b.right.cursor, n: 1n } } }
          },
        }
      },
    })
    expect(vs.map((v) => [v.code, v.where])).toContainEqual(['CURSOR_MALFORMED', 'fresh instances, pull 1'])
  })

  test('two movements of one delivery under one provider id, identical twins included', async () => {
    const items = FIXTURE.map((item, i) =>
      item._tag === 'Movement' && (i === 1 || i === 3)
        ? { ...item, movement: { ...item.movement, providerId: i === 1 ? 't1' : 't3' } }
        : item,
    )
    const vs = await checkItemsWellFormed(scenario({ items }))
    expect(vs.map((v) => [v.code, v.where])).toEqual([
      ['DUPLICATE_PROVIDER_ID', 'pull 1, item 2 (Movement).movement.providerId'],
      ['DUPLICATE_PROVIDER_ID', 'pull 2, item 2 (Movement).movement.providerId'],
    ])
    expect(vs[0]?.message).toBe(
      'Movement 2026-01-02 1500 "VIR SEPA CLIENT MARTIN" id t1 has the id of another movement of the same delivery, Movement 2026-01-02 -30 "PRLV SEPA EDF" id t1 (at pull 1, item 1 (Movement).movement.providerId): the ledger keeps only one of them',
    )
    expect(vs[1]?.message).toContain('comes twice in one delivery under one id')
    // The same id on two accounts, or in two deliveries, is no duplicate.
    const other = { ...ACCOUNT, iban: 'FR7630006000011234567890189', providerAccountId: 'acc-2' }
    const apart = FIXTURE.map((item, i) =>
      item._tag === 'Movement' && i === 1
        ? { ...item, account: other, movement: { ...item.movement, providerId: 't1' } }
        : item._tag === 'Movement' && i === 2
          ? { ...item, movement: { ...item.movement, providerId: 't1' } }
          : item,
    )
    expect(await checkItemsWellFormed(scenario({ items: apart }))).toEqual([])
  })

  test('ids that differ from one connector instance to the next', async () => {
    const s = scenario({ idsPerInstance: true })
    // One instance pulled twice gives the same ids: the older check saw nothing.
    expect(await checkCapabilities(s)).toEqual([])
    const vs = await checkFreshInstances(s)
    expect(codes(vs)).toEqual(['IDS_DIFFER_ACROSS_INSTANCES'])
    expect(vs.map((v) => v.where)).toEqual([
      'pull 1, item 1 (Movement).movement',
      'pull 1, item 2 (Movement).movement',
      'pull 2, item 1 (Movement).movement', // the twins t3 and t4
      'pull 3, item 1 (Movement).movement',
    ])
    expect(vs[3]?.message).toMatch(
      /^Movement 2026-01-05 -12 "FRAIS TENUE DE COMPTE" has id t5@\d+ from one connector, t5@\d+ from fresh connectors/,
    )
    // Without the stableIds claim, ids may differ.
    expect(
      await checkFreshInstances(scenario({ idsPerInstance: true, capabilities: { stableIds: false } })),
    ).toEqual([])
  })

  test("a movement, a balance or a statement not in its account's currency", async () => {
    const usd = (amount: string) => ({ amount: new Dec(amount), currency: 'USD' as never })
    const items = withMovement((m) => ({ ...m, amount: usd('-4.50') }))
    const vs = await checkAmountsExact(scenario({ items }))
    expect(vs).toEqual([
      {
        group: 'amounts',
        code: 'WRONG_ACCOUNT_CURRENCY',
        where: 'pull 2, item 1 (Movement).movement.amount.currency',
        message: 'USD on a EUR account',
      },
    ])
    // The account says nothing of its currency: the request's account does.
    const silent = items.map((item) => ({ ...item, account: { ...ACCOUNT, currency: null } }))
    expect(codes(await checkAmountsExact(scenario({ items: silent })))).toEqual(['WRONG_ACCOUNT_CURRENCY'])
    const balance: FeedItem = {
      _tag: 'Balance',
      account: ACCOUNT,
      balance: { kind: 'booked', date: localDate('2026-01-05'), amount: usd('100.00') },
    } as FeedItem
    const statement: FeedItem = {
      _tag: 'Statement',
      account: ACCOUNT,
      statement: {
        currency: 'USD' as never,
        openingBalance: { date: localDate('2026-01-01'), amount: usd('100') },
        closingBalance: { date: localDate('2026-01-02'), amount: usd('70') },
        movements: [{ ...movement('s1', '2026-01-02', '-30.00', 'VIR'), amount: usd('-30.00') }],
      },
    }
    const mixed = await checkAmountsExact(
      scenario({ items: [balance, statement] }, { expectedAmounts: ['-30.00'] }),
    )
    expect(mixed.map((v) => [v.code, v.where, v.message])).toEqual([
      ['WRONG_ACCOUNT_CURRENCY', 'pull 1, item 1 (Balance).balance.amount.currency', 'USD on a EUR account'],
      [
        'WRONG_ACCOUNT_CURRENCY',
        'pull 1, item 2 (Statement).statement.currency',
        'a USD statement of a EUR account',
      ],
    ])
    // An account delivered in another currency than the request names it.
    const renamed = FIXTURE.map((item) => ({ ...item, account: { ...ACCOUNT, currency: 'USD' } }))
    expect(codes(await checkAmountsExact(scenario({ items: renamed })))).toEqual(['WRONG_ACCOUNT_CURRENCY'])
  })

  test('a consent end that is not a calendar date', async () => {
    for (const bad of ['2026-02-30', '2026-6-30', '2026-06-30T00:00:00Z', new Date('2026-06-30'), 20260630]) {
      const vs = await checkNoticesWellFormed(scenario({ consentExpiresOn: bad }))
      expect(vs.map((v) => v.code)).toEqual([
        'CONSENT_DATE_INVALID',
        'CONSENT_DATE_INVALID',
        'CONSENT_DATE_INVALID',
        'CONSENT_DATE_INVALID',
      ])
      expect(vs[0]?.where).toBe('pull 1.consentExpiresOn')
    }
  })

  test('notices of the wrong shape', async () => {
    const notices = [
      { _tag: 'UnreadableFile', file: '', reason: 'bad', line: '3' },
      {
        _tag: 'SkippedAccount',
        account: { ...ACCOUNT, iban: null, bankCode: null, providerAccountId: null },
        reason: 'x',
      },
      { _tag: 'SkippedItem', account: ACCOUNT, providerId: 42, reason: ' ' },
      { _tag: 'SkippedItem', account: ACCOUNT, reason: 'no providerId field' },
      { _tag: 'EmptyFile', file: 'e.cfonb', bytes: -1 },
      { _tag: 'Warning', message: 'something' },
      'file x unreadable',
    ]
    const vs = await checkNoticesWellFormed(scenario({ notices }))
    expect(vs.filter((v) => v.where.startsWith('pull 1,')).map((v) => [v.code, v.where])).toEqual([
      ['NOTICE_MALFORMED', 'pull 1, notice 1 (UnreadableFile).file'],
      ['NOTICE_MALFORMED', 'pull 1, notice 1 (UnreadableFile).line'],
      ['ACCOUNT_UNIDENTIFIED', 'pull 1, notice 2 (SkippedAccount).account'],
      ['NOTICE_MALFORMED', 'pull 1, notice 3 (SkippedItem).providerId'],
      ['NOTICE_MALFORMED', 'pull 1, notice 3 (SkippedItem).reason'],
      ['NOTICE_MALFORMED', 'pull 1, notice 4 (SkippedItem).providerId'],
      ['NOTICE_MALFORMED', 'pull 1, notice 5 (EmptyFile).bytes'],
      ['NOTICE_MALFORMED', 'pull 1, notice 5 (EmptyFile).reason'],
      ['NOTICE_MALFORMED', 'pull 1, notice 6 (Warning)._tag'],
      ['NOTICE_MALFORMED', 'pull 1, notice 7 (undefined)'],
    ])
    expect(new Set(vs.map((v) => v.group))).toEqual(new Set(['notices']))
    expect(vs.find((v) => v.where === 'pull 1, notice 3 (SkippedItem).reason')?.message).toBe(
      'SkippedItem needs a reason naming the field at fault, got " "',
    )
  })

  test('a secret in a notice reason', async () => {
    const notices = [
      { _tag: 'SkippedItem', account: ACCOUNT, providerId: 't9', reason: `GET /tx?token=${TOKEN} gave 500` },
    ]
    const vs = await checkNoSecretLeaks(scenario({ notices }, { failures: {} }))
    expect(codes(vs)).toEqual(['SECRET_IN_NOTICE'])
  })

  test('an acknowledge that fails, throws or rejects', async () => {
    const ack = async (acknowledge: 'left' | 'throws' | 'rejects') =>
      checkAcknowledge(scenario({ acknowledge }))
    const left = await ack('left')
    // One per pull: three pages and the pull that brings nothing new.
    expect(left.map((v) => [v.code, v.where])).toEqual([
      ['ACKNOWLEDGE_FAILED', 'pull 1, acknowledge'],
      ['ACKNOWLEDGE_FAILED', 'pull 2, acknowledge'],
      ['ACKNOWLEDGE_FAILED', 'pull 3, acknowledge'],
      ['ACKNOWLEDGE_FAILED', 'pull 4, acknowledge'],
    ])
    expect(left[0]?.message).toContain(
      'acknowledge failed with Unavailable: the inbox could not be moved into processed/',
    )
    expect((await ack('throws'))[0]?.message).toBe(
      'acknowledge threw instead of returning a typed error: Error: EACCES: permission denied, rename',
    )
    expect((await ack('rejects'))[0]?.message).toBe(
      'acknowledge rejected its promise instead of returning a typed error: Error: EACCES: permission denied, rename',
    )
    expect(codes(await ack('throws'))).toEqual(['ACKNOWLEDGE_THREW'])
    expect(await checkAcknowledge(scenario({ acknowledge: 'ok' }))).toEqual([])
  })

  test('a movement booked before since, alone or in a statement', async () => {
    const early = withMovement((m) => ({ ...m, bookingDate: '2025-12-31' }))
    const vs = await checkDatesAreCalendarDays(scenario({ items: early }))
    expect(vs).toEqual([
      {
        group: 'dates',
        code: 'BOOKED_BEFORE_SINCE',
        where: 'pull 2, item 1 (Movement).movement.bookingDate',
        message:
          "booked on 2025-12-31, before the request's since 2026-01-01: nothing booked before the feed's start date may come, whatever the provider holds",
      },
    ])
    const statement: FeedItem = {
      _tag: 'Statement',
      account: ACCOUNT,
      statement: {
        currency: 'EUR' as never,
        openingBalance: { date: localDate('2025-12-30'), amount: eur('100.00') },
        closingBalance: { date: localDate('2026-01-02'), amount: eur('70.00') },
        movements: [
          { ...movement('s1', '2025-12-31', '-10.00', 'CB'), providerId: null },
          { ...movement('s2', '2026-01-02', '-20.00', 'CB'), providerId: null },
        ],
      },
    }
    const inStatement = await checkDatesAreCalendarDays(scenario({ items: [statement] }))
    expect(inStatement.map((v) => [v.code, v.where])).toEqual([
      ['BOOKED_BEFORE_SINCE', 'pull 1, item 1 (Statement).statement.movements[0].bookingDate'],
    ])
  })
})
