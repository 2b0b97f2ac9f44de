import { describe, expect, test } from 'vitest'
import { formatMoneyAmount } from '@bankfeed/core/domain'
import { checkConnectorContract, makeRecordingLogger, runConnectorContract } from '@bankfeed/testkit'
import { makeCsvConnector, parseCsvStatement } from '../src/index.js'
import { AMOUNTS, FILES, PASSWORD, REQUEST, downInbox, memoryInbox } from './fixtures.js'

// The whole contract, in the few lines a connector package writes.
runConnectorContract({
  name: 'ACME CSV',
  describe,
  test,
  // A fresh connector over fresh fixtures for each check; two files per pull so paging is exercised.
  make: ({ logger }) => makeCsvConnector({ inbox: memoryInbox(FILES), logger, filesPerPull: 2 }),
  request: REQUEST,
  expectedItems: 3, // three statements; the notes file is a notice, not an item
  expectedAmounts: AMOUNTS,
  secrets: [PASSWORD],
  // No authentication, no rate limits: a file inbox can only be unavailable.
  failures: { unavailable: ({ logger }) => makeCsvConnector({ inbox: downInbox, logger }) },
  // Cursors are file names, which sort by date.
  compareCursors: (a, b) => a.value.localeCompare(b.value),
})

describe('ACME CSV statements', () => {
  test('amounts are exact and signed from the client side', () => {
    const parsed = parseCsvStatement(FILES[0]?.text ?? '')
    if (parsed._tag === 'Left') throw new Error(parsed.left.reason)
    const s = parsed.right.statement
    expect(s.movements.map((m) => formatMoneyAmount(m.amount))).toEqual([
      '-30.00',
      '1500.00',
      '-4.50',
      '-4.50',
    ])
    expect([s.openingBalance.date, s.closingBalance.date]).toEqual(['2025-12-31', '2026-01-31'])
    expect(parsed.right.account.bankCode).toBe('30004')
  })

  test('a bad file is an error value naming its line', () => {
    const text = (FILES[2]?.text ?? '').replace('10/02/2026', '30/02/2026')
    expect(parseCsvStatement(text)).toEqual({
      _tag: 'Left',
      left: { _tag: 'CsvError', line: 7, reason: 'not a date DD/MM/YYYY: 30/02/2026' },
    })
    expect(parseCsvStatement(text.replace('250,75', '250,755'))._tag).toBe('Left')
  })

  test('an unreadable file becomes a notice and does not stop the others', async () => {
    const connector = makeCsvConnector({ inbox: memoryInbox(FILES), logger: makeRecordingLogger() })
    const pulled = await connector.pull(REQUEST)()
    if (pulled._tag === 'Left') throw new Error(pulled.left.message)
    expect(pulled.right.items.length).toBe(3)
    expect(pulled.right.notices).toEqual([
      { _tag: 'UnreadableFile', file: '2026-02-15-notes.csv', reason: 'missing or invalid #IBAN', line: 1 },
    ])
    expect(pulled.right.cursor).toEqual({ value: '2026-03-31-releve.csv' })
  })

  test('an inbox error that repeats the password would fail the contract', async () => {
    // What a naive connector does: pass the inbox's message on.
    const naive = makeCsvConnector({ inbox: memoryInbox(FILES), logger: makeRecordingLogger() })
    const leaky = {
      ...naive,
      pull: () => () =>
        downInbox.list().then(
          () => ({
            _tag: 'Left' as const,
            left: {
              _tag: 'Unavailable' as const,
              message: 'never',
              retryable: true,
              retryAfterSeconds: null,
            },
          }),
          (e: Error) => ({
            _tag: 'Left' as const,
            left: {
              _tag: 'Unavailable' as const,
              message: e.message,
              retryable: true,
              retryAfterSeconds: null,
            },
          }),
        ),
    }
    const violations = await checkConnectorContract(
      {
        make: ({ logger }) => makeCsvConnector({ inbox: memoryInbox(FILES), logger }),
        request: REQUEST,
        expectedItems: 3,
        secrets: [PASSWORD],
        failures: { unavailable: () => leaky },
      },
      ['secrets'],
    )
    expect(violations.map((v) => [v.code, v.where])).toEqual([
      ['SECRET_IN_ERROR', 'unavailable scenario error'],
    ])
  })
})
