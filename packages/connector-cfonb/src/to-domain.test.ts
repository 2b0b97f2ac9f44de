import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  activeMovements,
  applyLedgerChanges,
  defaultIngestionSettings,
  emptyLedger,
  ingest,
  proveBalances,
} from '@bankfeed/core/reconcile'
import { currencyCode, makeIban } from '@bankfeed/core'
import { formatMoneyAmount } from '@bankfeed/core/domain'
import { parseCfonb120 } from './parse.js'
import { toDomainStatement } from './to-domain.js'
import type { CfonbStatement } from './types.js'

const golden = readFileSync(new URL('../test/golden/basic-lf.cfonb', import.meta.url), 'utf8')

describe('toDomainStatement', () => {
  const parsed = parseCfonb120(golden)
  const first = parsed.statements[0] as CfonbStatement
  const mapped = toDomainStatement(first)
  if (mapped._tag === 'Left') throw new Error(mapped.left.message)
  const { account, statement } = mapped.right

  it('names the account by bank, branch and number, with the computed French IBAN', () => {
    expect(account).toMatchObject({
      bankCode: '30004',
      branchCode: '00828',
      accountNumber: '00010512345',
      currency: 'EUR',
    })
    // 30004 00828 00010512345: key 43 and check digits 76, as the quickstart dossier's BNP account.
    expect(account.iban).toBe('FR7630004008280001051234543')
    expect(makeIban(account.iban ?? '')._tag).toBe('Right')
  })

  it('keeps amounts exact, dates as calendar days and the bank’s own words', () => {
    expect(formatMoneyAmount(statement.openingBalance.amount)).toBe('12500.37')
    expect(statement.openingBalance.date).toBe('2026-03-02')
    const m = statement.movements[0]
    expect(
      m && [
        formatMoneyAmount(m.amount),
        m.bookingDate,
        m.valueDate,
        m.label,
        m.reference,
        m.interbankCode,
        m.counterpartyName,
      ],
    ).toEqual([
      '-1480.37',
      '2026-03-02',
      '2026-03-03',
      'PRLV SEPA EDF',
      'REF/2026.03-01',
      'B1',
      'ELECTRICITE DE FRANCE',
    ])
    expect(m?.details[0]).toEqual({ qualifier: 'NBE', text: 'ELECTRICITE DE FRANCE' })
  })

  it('feeds the reconciliation engine, whose proofs hold and re-import adds nothing', () => {
    const empty = emptyLedger('CCH001', 'ba1', currencyCode('EUR'))
    const source = { protocol: 'cfonb', connectionId: 'inbox' }
    const item = { _tag: 'Statement' as const, account, statement }
    const once = applyLedgerChanges(
      empty,
      ingest(empty, source, [item], defaultIngestionSettings(null)).changes,
    )
    expect(activeMovements(once)).toHaveLength(statement.movements.length)
    expect(proveBalances(once).issues).toEqual([])
    expect(ingest(once, source, [item], defaultIngestionSettings(null)).changes.added).toEqual([])
  })

  // A balance record: decimals at 20, amount at 91–104 (units with an overpunched last digit).
  const balance = (code: '01' | '07', decimals: string, amount: string): string =>
    `${code}30004    00828EUR${decimals} 00010512345  020326${' '.repeat(50)}${amount}${' '.repeat(16)}`
  const only = (text: string): CfonbStatement => {
    const r = parseCfonb120(text)
    expect(r.ok).toBe(true)
    return r.statements[0] as CfonbStatement
  }

  it('refuses a balance with more decimals than the currency has, naming line, field and value', () => {
    // 3 decimals in an EUR statement: 12500.375 does not fit; it was mapped to 0.00.
    const opening = only(`${balance('01', '3', '0000001250037E')}\n${balance('07', '3', '0000001250037E')}\n`)
    expect(toDomainStatement(opening)).toEqual({
      _tag: 'Left',
      left: {
        _tag: 'CfonbMappingError',
        line: 1,
        field: 'openingBalance.amount',
        value: '12500.375',
        message: 'openingBalance.amount 12500.375 does not fit EUR (TooManyDecimals)',
      },
    })
    // Only the closing balance (the parser warns it does not balance; the statement is delivered).
    const closing = only(`${balance('01', '2', '0000000125003G')}\n${balance('07', '3', '0000001250037E')}\n`)
    expect(toDomainStatement(closing)).toMatchObject({
      _tag: 'Left',
      left: { line: 2, field: 'closingBalance.amount', value: '12500.375' },
    })
  })

  it('keeps a balance whose extra decimals are zeros: the amount is exact', () => {
    const s = only(`${balance('01', '3', '0000001250037{')}\n${balance('07', '3', '0000001250037{')}\n`)
    const mapped = toDomainStatement(s)
    expect(mapped._tag === 'Right' && formatMoneyAmount(mapped.right.statement.closingBalance.amount)).toBe(
      '12500.37',
    )
  })

  it('refuses an amount with more decimals than the currency has, naming the line', () => {
    const tooPrecise: CfonbStatement = {
      ...first,
      movements: [
        {
          ...(first.movements[0] as CfonbStatement['movements'][number]),
          line: 2,
          amount: { value: '-1.005', minorUnits: -1005n, decimals: 3 },
        },
      ],
    }
    expect(toDomainStatement(tooPrecise)).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'CfonbMappingError', line: 2, field: 'amount', value: '-1.005' },
    })
  })
})
