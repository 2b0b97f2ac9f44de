import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  activeMovements,
  applyLedgerChanges,
  defaultIngestionSettings,
  emptyLedger,
  formatMoneyAmount,
  ingest,
  makeIban,
  proveBalances,
} from '@bankfeed/core'
import type { CurrencyCode } from '@bankfeed/core'
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
    const empty = emptyLedger('CCH001', 'ba1', 'EUR' as CurrencyCode)
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
      left: { _tag: 'CfonbMappingError', line: 2, field: 'amount' },
    })
  })
})
