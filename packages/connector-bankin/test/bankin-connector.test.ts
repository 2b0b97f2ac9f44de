import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { formatMoneyAmount } from '@bankfeed/core/domain'
import { ConnectorError } from '@bankfeed/core/connector'
import type { Cursor, FeedBatch, FeedItem, PullRequest } from '@bankfeed/core'
import { MAX_REMEMBERED_SKIPS } from '@bankfeed/connector-bankin'
import { makeRecordingLogger } from '@bankfeed/testkit'
import type { RecordingLogger } from '@bankfeed/testkit'
import type { BridgeSimulator } from '@bankfeed/connector-bankin/simulator'
import {
  CLIENT_SECRET,
  IBAN_A,
  IBAN_B,
  REQUEST,
  clientOf,
  connectorOf,
  fixedClock,
  refOf,
  seedStandard,
  startSim,
} from './fixtures.js'
import type { Seeded } from './fixtures.js'

let sim: BridgeSimulator
let ids: Seeded
let logger: RecordingLogger
const clock = fixedClock()

beforeEach(async () => {
  sim = await startSim(clock, { pageSize: 3 })
  ids = seedStandard(sim)
  logger = makeRecordingLogger()
})
afterEach(async () => {
  await sim.close()
})

const connector = (options: Parameters<typeof connectorOf>[1] = {}) =>
  connectorOf(clientOf(sim, logger, clock, { retry: { maxAttempts: 3 } }), options)

const pull = async (request: PullRequest = REQUEST, c = connector()): Promise<FeedBatch> => {
  const result = await c.pull(request)()
  if (result._tag === 'Left') throw new Error(`${result.left._tag}: ${result.left.message}`)
  return result.right
}

const pullError = async (request: PullRequest = REQUEST, c = connector()) => {
  const result = await c.pull(request)()
  if (result._tag === 'Right') throw new Error('the pull succeeded')
  return result.left
}

/** Items as short readable lines. */
const lines = (items: ReadonlyArray<FeedItem>): string[] =>
  items.map((i) => {
    switch (i._tag) {
      case 'Movement':
        return `M ${i.movement.providerId} ${i.account.iban ?? i.account.providerAccountId} ${i.movement.status} ${i.movement.bookingDate} ${formatMoneyAmount(i.movement.amount)} ${i.movement.label}`
      case 'Deleted':
        return `D ${i.providerId}`
      case 'Balance':
        return `B ${i.account.iban} ${i.balance.kind} ${i.balance.date} ${formatMoneyAmount(i.balance.amount)}`
      case 'Statement':
        return 'S'
    }
  })

const after = (cursor: Cursor): PullRequest => ({ ...REQUEST, cursor })

describe('a first pull', () => {
  test('walks every page and answers movements, the hidden card line, and balances in one batch', async () => {
    const batch = await pull()
    expect(lines(batch.items)).toEqual([
      `M ${ids.tx['monop']} ${IBAN_A} booked 2026-02-22 -9.39 Paiement Carte 029412 75 monop paris`,
      `M ${ids.tx['salary']} ${IBAN_A} booked 2026-02-25 1500.00 VIR SEPA SALAIRE FEVRIER`,
      `M ${ids.tx['future']} ${IBAN_A} pending 2026-03-20 -30.00 PRLV SEPA EDF`,
      `M ${ids.tx['cents']} ${IBAN_A} booked 2026-03-01 -0.05 FRAIS`,
      `M ${ids.tx['big']} ${IBAN_A} booked 2026-03-02 -1234567.89 VIR ACHAT LOCAUX`,
      `D ${ids.tx['deferred']}`,
      `M ${ids.tx['incoming']} ${IBAN_B} booked 2026-03-03 250.75 REMISE CHEQUE 1234567`,
      `B ${IBAN_A} current 2026-03-01 1234.56`,
      `B ${IBAN_B} current 2026-03-01 -50.10`,
    ])
    // Three pages of three transactions (the card account's included), the next ones by next_uri.
    const pages = sim.requests().filter((r) => r.path === '/v2/transactions/updated')
    expect(pages.map((r) => r.query['after'] !== undefined)).toEqual([false, true, true])
    expect(batch.cursor.value).toMatch(/^bridge:2021-06-01:2026-03-01T00:00:\d\dZ;accounts=\d+,\d+$/)
  })

  test('says when the consent ends, in Paris days, once Bridge gives authentication_expires_at', async () => {
    expect((await pull()).consentExpiresOn).toBeUndefined()
    // 23:30 UTC on the 23rd is already the 24th in Paris.
    sim.setAuthenticationExpiresAt(ids.itemId, '2026-03-23T23:30:00Z')
    expect((await pull()).consentExpiresOn).toBe('2026-03-24')
  })

  test('keeps both labels, the value date, and the provider account', async () => {
    const batch = await pull()
    const monop = batch.items.find((i) => i._tag === 'Movement' && i.movement.providerId === ids.tx['monop'])
    expect(monop).toMatchObject({
      account: { iban: IBAN_A, providerAccountId: ids.accountA, name: 'Compte courant', currency: 'EUR' },
      movement: {
        valueDate: '2026-02-23',
        details: [{ qualifier: 'clean_description', text: 'CB Monop Paris' }],
      },
    })
  })

  test('sends the version, the application credentials and a bearer token', async () => {
    await pull()
    const requests = sim.requests()
    expect(requests.every((r) => r.bridgeVersion === '2021-06-01' && r.clientId === sim.clientId)).toBe(true)
    expect(requests.filter((r) => r.path === '/v2/authenticate').length).toBe(1)
    expect(requests.filter((r) => r.path !== '/v2/authenticate').every((r) => r.authorized)).toBe(true)
  })
})

describe('the cursor', () => {
  test('brings only what changed, and never moves back', async () => {
    const c = connector()
    const first = await pull(REQUEST, c)
    const quiet = await pull(after(first.cursor), c)
    expect(quiet.cursor).toEqual(first.cursor)
    expect(lines(quiet.items.filter((i) => i._tag !== 'Balance'))).toEqual([])

    sim.updateTransaction(ids.tx['salary'] as string, { description: 'VIR SEPA SALAIRE FEV 2026' })
    sim.deleteTransaction(ids.tx['cents'] as string)
    const next = await pull(after(first.cursor), c)
    expect(lines(next.items.filter((i) => i._tag !== 'Balance'))).toEqual([
      `M ${ids.tx['salary']} ${IBAN_A} booked 2026-02-25 1500.00 VIR SEPA SALAIRE FEV 2026`,
      `D ${ids.tx['cents']}`,
    ])
    expect(next.cursor.value > first.cursor.value).toBe(true)
    expect(
      sim
        .requests()
        .filter((r) => r.query['since'] !== undefined)
        .at(-1)?.query['since'],
    ).toBe(/^bridge:2021-06-01:([^;]*)/.exec(first.cursor.value)?.[1])
  })

  test('an account bound since the last pull gets its history once; the others nothing again', async () => {
    const c = connector()
    const onlyA: PullRequest = { ...REQUEST, accounts: [refOf(IBAN_A, 'Compte courant')] }
    const first = await pull(onlyA, c)
    expect(lines(first.items).some((l) => l.includes(IBAN_B))).toBe(false)
    // B's cheque was updated before the watermark: an incremental walk would never bring it.
    const both = await pull(after(first.cursor), c)
    expect(lines(both.items.filter((i) => i._tag !== 'Balance'))).toEqual([
      `M ${ids.tx['incoming']} ${IBAN_B} booked 2026-03-03 250.75 REMISE CHEQUE 1234567`,
    ])
    const walks = sim
      .requests()
      .filter((r) => r.path === '/v2/transactions/updated' && r.query['after'] === undefined)
    expect(walks.at(-1)?.query['since']).toBeUndefined()
    // From then on B is known: back to incremental walks.
    const quiet = await pull(after(both.cursor), c)
    expect(lines(quiet.items.filter((i) => i._tag !== 'Balance'))).toEqual([])
    expect(
      sim
        .requests()
        .filter((r) => r.path === '/v2/transactions/updated' && r.query['after'] === undefined)
        .at(-1)?.query['since'],
    ).toBeDefined()
  })

  test('a pending line booked under a new id and date is a deletion and a booked movement', async () => {
    const c = connector()
    const first = await pull(REQUEST, c)
    const booked = sim.bookPending(ids.tx['future'] as string, '777000001', '2026-03-12')
    const next = await pull(after(first.cursor), c)
    expect(lines(next.items.filter((i) => i._tag !== 'Balance'))).toEqual([
      `D ${ids.tx['future']}`,
      `M ${booked} ${IBAN_A} booked 2026-03-12 -30.00 PRLV SEPA EDF`,
    ])
  })

  test('a card line hidden once booked on the checking account is withdrawn', async () => {
    const c = connector()
    const first = await pull(REQUEST, c)
    sim.updateTransaction(ids.tx['monop'] as string, { showClientSide: false })
    const next = await pull(after(first.cursor), c)
    expect(lines(next.items.filter((i) => i._tag !== 'Balance'))).toEqual([`D ${ids.tx['monop']}`])
  })

  test('a failure on a later page answers the error and no batch; the same pull later gets it all', async () => {
    const c = connector()
    const first = await pull(REQUEST, c)
    sim.setPageSize(1)
    for (const name of ['salary', 'monop', 'big'])
      sim.updateTransaction(ids.tx[name] as string, { valueDate: null })
    // The first page comes, then the second fails on every attempt (the client tries three times).
    sim.failNext(3, 502, { path: '/v2/transactions/updated', skip: 1 })
    expect(await pullError(after(first.cursor), c)).toMatchObject({ _tag: 'Unavailable', retryable: true })
    const pages = sim.requests().filter((r) => r.path === '/v2/transactions/updated')
    expect(pages.slice(-4).map((r) => r.status)).toEqual([200, 502, 502, 502])
    // Nothing was handed over, so the stored cursor is still `first.cursor`: pulling with it again gets everything.
    const retried = await pull(after(first.cursor), c)
    expect(
      retried.items
        .filter((i) => i._tag === 'Movement')
        .map((i) => i._tag === 'Movement' && i.movement.providerId),
    ).toEqual([ids.tx['salary'], ids.tx['monop'], ids.tx['big']])
  })

  test('a foreign cursor is refused as invalid data', async () => {
    const error = await pullError(after({ value: '2026-03-01T00:00:00Z' }))
    expect(error).toMatchObject({ _tag: 'InvalidData', where: 'cursor' })
    expect(error.message).not.toContain('2026-03-01T00:00:00Z')
  })
})

describe('item statuses', () => {
  test.each([
    [402, 'AuthExpired', undefined],
    [429, 'ActionRequired', 'bank-website'],
    [1010, 'ActionRequired', 'sca'],
    [1100, 'ActionRequired', 'validate-pro-accounts'],
    [1003, 'Unavailable', undefined],
    [-2, 'Unavailable', undefined],
    [4242, 'InvalidData', undefined],
  ])('status %i fails the pull with %s', async (status, tag, action) => {
    sim.setItemStatus(ids.itemId, status, 'simulated')
    const error = await pullError()
    expect(error._tag).toBe(tag)
    if (action !== undefined) expect(error).toMatchObject({ action })
    expect(sim.requests().some((r) => r.path === '/v2/transactions/updated')).toBe(false)
  })

  test('status 1009 (incomplete) still pulls, and is logged', async () => {
    sim.setItemStatus(ids.itemId, 1009)
    expect((await pull()).items.length).toBe(9)
    expect(logger.text()).toContain('bankin item degraded')
  })
})

describe('account binding', () => {
  test('an account with no Bridge account of its IBAN is a notice naming the candidates with balances', async () => {
    const other = refOf('FR1420041010050500013M02606', 'Livret')
    const batch = await pull({ ...REQUEST, accounts: [refOf(IBAN_A, 'Compte courant'), other] })
    expect(batch.notices).toEqual([
      {
        _tag: 'SkippedAccount',
        account: other,
        reason: expect.stringContaining(`Compte courant (-50.1 EUR, ${IBAN_B}, id ${ids.accountB})`),
      },
    ])
    expect(batch.items.every((i) => i.account.iban === IBAN_A)).toBe(true)
  })

  test('an explicit choice ties the dossier account to a Bridge account without IBAN', async () => {
    const dossierIban = 'FR1420041010050500013M02606'
    const batch = await pull(
      { ...REQUEST, accounts: [refOf(dossierIban, 'Carte')] },
      connector({ choices: () => [{ iban: dossierIban, bridgeAccountId: ids.card }] }),
    )
    expect(lines(batch.items)).toEqual([
      `M ${ids.tx['cardLine']} ${dossierIban} booked 2026-03-04 -18.00 CB FNAC`,
      `B ${dossierIban} current 2026-03-01 -120.00`,
    ])
    expect(batch.items[0]?.account.providerAccountId).toBe(ids.card)
  })

  test('no account requested means every Bridge account', async () => {
    const batch = await pull({ ...REQUEST, accounts: [] })
    expect(batch.items.filter((i) => i._tag === 'Balance').length).toBe(3)
  })
})

describe('bad input', () => {
  test('a dossier account in another currency than its Bridge account fails the pull', async () => {
    const error = await pullError({ ...REQUEST, accounts: [refOf(IBAN_A, 'Compte courant', 'CHF')] })
    expect(error).toMatchObject({ _tag: 'InvalidData', where: `account ${ids.accountA}.currency_code` })
  })

  test('malformed JSON on a page fails the pull with every failing path', async () => {
    sim.failNext(1, 200, { path: '/v2/items', body: '{"resources":[{"id":"x"}],"pagination":null}' })
    const error = await pullError()
    expect(error._tag).toBe('InvalidData')
    expect(error.message).toContain('resources[0].id: expected id (integer), got "x"')
    expect(error.message).toContain('resources[0].status: expected Int, but it is missing')
  })
})

describe('items the connector cannot use', () => {
  const movementIds = (batch: FeedBatch): Array<string | null> =>
    batch.items.flatMap((i) => (i._tag === 'Movement' ? [i.movement.providerId] : []))
  const skippedOf = (batch: FeedBatch) => (batch.notices ?? []).filter((n) => n._tag === 'SkippedItem')
  /** The dossier account A as the connector delivers it: tied to its Bridge account. */
  const boundA = () => ({ ...REQUEST.accounts[0], providerAccountId: ids.accountA })
  const everyOtherMovement = (left: string) =>
    ['monop', 'salary', 'future', 'cents', 'big', 'incoming']
      .map((name) => ids.tx[name] as string)
      .filter((id) => id !== left)

  test('a transaction in another currency is left out with a notice, the rest delivered', async () => {
    const salary = ids.tx['salary'] as string
    sim.updateTransaction(salary, { currency: 'USD' })
    const batch = await pull()
    expect(movementIds(batch).sort()).toEqual(everyOtherMovement(salary).sort())
    expect(batch.items.filter((i) => i._tag === 'Balance').length).toBe(2)
    expect(skippedOf(batch)).toEqual([
      {
        _tag: 'SkippedItem',
        account: boundA(),
        providerId: salary,
        reason: `Bridge transaction ${salary}: currency_code USD differs from its account's EUR (Bridge account ${ids.accountA})`,
      },
    ])
    expect(logger.text()).toContain('bankin item skipped')
  })

  test('the same item seen again unchanged is skipped quietly, by a new connector from a stored cursor', async () => {
    const salary = ids.tx['salary'] as string
    // Changed last, the salary line holds the watermark, and `since` is inclusive: the next pull sees it again.
    sim.updateTransaction(salary, { currency: 'USD' })
    const first = await pull()
    expect(skippedOf(first).length).toBe(1)
    const stored: Cursor = JSON.parse(JSON.stringify(first.cursor)) as Cursor
    const again = await pull(after(stored), connector())
    const walk = sim
      .requests()
      .filter((r) => r.path === '/v2/transactions/updated' && r.query['after'] === undefined)
    expect(walk.at(-1)?.query['since']).toBeDefined()
    expect(skippedOf(again)).toEqual([])
    expect(movementIds(again)).toEqual([])
    expect(logger.text()).toContain('bankin item still skipped')
    expect(again.cursor).toEqual(first.cursor)
  })

  test('a changed item is looked at again: reported again while unusable, delivered once fixed', async () => {
    const salary = ids.tx['salary'] as string
    sim.updateTransaction(salary, { currency: 'USD' })
    const first = await pull()
    sim.updateTransaction(salary, { description: 'VIR SEPA SALAIRE USD' })
    const changed = await pull(after(first.cursor))
    expect(skippedOf(changed).map((n) => n.providerId)).toEqual([salary])
    sim.updateTransaction(salary, { currency: 'EUR' })
    const fixed = await pull(after(changed.cursor))
    expect(skippedOf(fixed)).toEqual([])
    expect(movementIds(fixed)).toEqual([salary])
    expect(fixed.cursor.value).not.toContain(';skipped=')
  })

  test('an amount with more decimals than its currency is left out, naming the field, not the amount', async () => {
    const salary = ids.tx['salary'] as string
    sim.updateTransaction(salary, { amount: '1500.005' })
    const batch = await pull()
    expect(movementIds(batch)).not.toContain(salary)
    expect(movementIds(batch).length).toBe(5)
    const [notice] = skippedOf(batch)
    expect(notice).toMatchObject({ providerId: salary, account: boundA() })
    expect(notice?.reason).toBe(`Bridge transaction ${salary}: amount has more than 2 decimals for EUR`)
    expect(JSON.stringify(batch.notices) + logger.text()).not.toContain('1500.005')
  })

  test.each([
    ['amount', { amount: '1500,00' }, 'amount: expected amount'],
    ['date', { date: '25/02/2026' }, 'date: expected LocalDate'],
    ['updated_at', { updated_at: 'hier' }, 'updated_at: expected instant'],
    ['bank_description', { bank_description: null }, 'bank_description: expected string'],
  ])('a transaction whose %s cannot be read is left out, the page delivered', async (_field, wire, issue) => {
    const salary = ids.tx['salary'] as string
    sim.overrideTransactionJson(salary, wire)
    const batch = await pull()
    expect(movementIds(batch).sort()).toEqual(everyOtherMovement(salary).sort())
    const [notice] = skippedOf(batch)
    expect(notice).toMatchObject({ _tag: 'SkippedItem', providerId: salary, account: boundA() })
    expect(notice?.reason).toContain(`Bridge transaction ${salary} cannot be read: ${issue}`)
    for (const value of Object.values(wire)) if (value !== null) expect(notice?.reason).not.toContain(value)
    // Seen again (a walk from the start) unchanged: quiet.
    const again = await pull(after({ value: batch.cursor.value.replace(/^(bridge:[\d-]+:)[^;]*/, '$1') }))
    expect(skippedOf(again)).toEqual([])
    expect(movementIds(again).sort()).toEqual(everyOtherMovement(salary).sort())
  })

  test('a cursor written before skipped items were remembered still reads; the item is reported once more', async () => {
    const salary = ids.tx['salary'] as string
    sim.updateTransaction(salary, { currency: 'USD' })
    const first = await pull()
    const old = { value: first.cursor.value.replace(/;skipped=.*$/, '') }
    expect(old.value).toMatch(/;accounts=[\d,]+$/)
    expect(skippedOf(await pull(after(old))).map((n) => n.providerId)).toEqual([salary])
  })

  test('an unreadable transaction that is deleted is still a deletion', async () => {
    const cents = ids.tx['cents'] as string
    const first = await pull()
    sim.overrideTransactionJson(cents, { amount: 'n/a' })
    sim.deleteTransaction(cents)
    const next = await pull(after(first.cursor))
    expect(lines(next.items.filter((i) => i._tag !== 'Balance'))).toEqual([`D ${cents}`])
    expect(next.notices ?? []).toEqual([])
  })

  test('an unusable line booked before the feed start is not wanted, and not reported', async () => {
    sim.updateTransaction(ids.tx['old'] as string, { currency: 'USD' })
    sim.overrideTransactionJson(ids.tx['old'] as string, { amount: 'n/a' })
    expect((await pull()).notices ?? []).toEqual([])
  })

  test('a transaction of an account not requested is not looked at', async () => {
    sim.overrideTransactionJson(ids.tx['cardLine'] as string, { amount: 'n/a' })
    const batch = await pull()
    expect(batch.notices ?? []).toEqual([])
    expect(batch.items.length).toBe(9)
  })

  test('a balance that does not fit its currency is left out with a notice, once', async () => {
    sim.setBalance(ids.accountA, '1234.567')
    const first = await pull()
    expect(first.items.filter((i) => i._tag === 'Balance').map((i) => i.account.iban)).toEqual([IBAN_B])
    expect(skippedOf(first)).toEqual([
      {
        _tag: 'SkippedItem',
        account: boundA(),
        providerId: null,
        reason: `balance of Bridge account ${ids.accountA}: balance has more than 2 decimals for EUR`,
      },
    ])
    expect(movementIds(first).length).toBe(6)
    expect(skippedOf(await pull(after(first.cursor)))).toEqual([])
  })

  test('an entry without a readable id or account fails the pull: it cannot be told apart nor placed', async () => {
    sim.overrideTransactionJson(ids.tx['salary'] as string, { account_id: 'A-1' })
    const error = await pullError()
    expect(error).toMatchObject({ _tag: 'InvalidData', where: 'GET /v2/transactions/updated' })
    expect(error.message).toMatch(/resources\[\d\]\.account_id: expected id \(integer\)/)
  })

  test('a page that is not a list fails the pull', async () => {
    sim.failNext(1, 200, {
      path: '/v2/transactions/updated',
      body: '{"resources":{"id":1},"pagination":null}',
    })
    expect(await pullError()).toMatchObject({ _tag: 'InvalidData', where: 'GET /v2/transactions/updated' })
    sim.failNext(1, 200, { path: '/v2/transactions/updated', body: '{"resources":[42],"pagination":null}' })
    expect((await pullError()).message).toContain('resources[0]: expected TransactionKey')
  })

  test('the cursor remembers at most MAX_REMEMBERED_SKIPS items', async () => {
    for (let n = 0; n < MAX_REMEMBERED_SKIPS + 3; n++)
      sim.seedTransaction({
        accountId: ids.accountA,
        amount: '1',
        date: '2026-03-05',
        description: 'X',
        currency: 'USD',
      })
    sim.setPageSize(500)
    const batch = await pull()
    expect(skippedOf(batch).length).toBe(MAX_REMEMBERED_SKIPS + 3)
    expect(/;skipped=(.*)$/.exec(batch.cursor.value)?.[1]?.split(',').length).toBe(MAX_REMEMBERED_SKIPS)
  })
})

describe("the firm's configuration", () => {
  test('a secret Bridge no longer accepts is a ConfigurationError for the firm, not AuthExpired for the client', async () => {
    const c = connector()
    const first = await pull(REQUEST, c)
    sim.setApplicationCredentials({ clientSecret: 'regenerated-in-the-dashboard' })
    const error = await pullError(after(first.cursor), c)
    expect(error).toEqual(
      ConnectorError.configurationError({
        setting: 'applicationCredentials',
        message: expect.stringContaining("check the Bridge application's client id and secret") as string,
      }),
    )
    // Refused once, not retried, and no token renewal tried with credentials Bridge refuses.
    const refused = sim.requests().filter((r) => r.status === 401)
    expect(refused.length).toBe(1)
  })

  test('a wrong secret from the start is a ConfigurationError on the first call', async () => {
    const c = connector()
    sim.setApplicationCredentials({ clientSecret: 'not-what-the-client-sends' })
    const error = await pullError(REQUEST, c)
    expect(error).toMatchObject({ _tag: 'ConfigurationError', setting: 'applicationCredentials' })
    expect(JSON.stringify(error) + logger.text()).not.toContain(CLIENT_SECRET)
    expect(sim.requests().map((r) => `${r.path} ${r.status}`)).toEqual(['/v2/authenticate 401'])
  })
})
