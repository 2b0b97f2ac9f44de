import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseCfonb120 } from './index.js'

const file = fileURLToPath(new URL('../test/golden/all-qualifiers.cfonb', import.meta.url))

describe('05 qualifiers decoded into typed fields (CFONB brochure 2010, §4.2)', () => {
  const result = parseCfonb120(readFileSync(file))
  const details = result.statements[0]?.movements[0]?.details ?? []

  it('decodes each qualifier by its layout, in file order', () => {
    expect(result.ok).toBe(true)
    expect(details.map(({ line: _line, text: _text, reserved: _reserved, ...typed }) => typed)).toEqual([
      { qualifier: 'LIB', kind: 'LIB' },
      { qualifier: 'LIB', kind: 'LIB' },
      { qualifier: 'NPY', kind: 'NPY' },
      { qualifier: 'IPY', kind: 'IPY', identifier: 'FR12345678901', identifierType: 'SIREN' },
      { qualifier: 'NBE', kind: 'NBE' },
      {
        qualifier: 'IBE',
        kind: 'IBE',
        identifier: 'FR07ZZZ591778',
        identifierType: 'IDENTIFIANT CREANCIER SEPA',
      },
      { qualifier: 'NPO', kind: 'NPO' },
      { qualifier: 'IPO', kind: 'IPO', identifier: 'ID-UD-1', identifierType: 'PRIV' },
      { qualifier: 'NBU', kind: 'NBU' },
      { qualifier: 'IBU', kind: 'IBU', identifier: 'ID-UC-1', identifierType: 'ORG' },
      { qualifier: 'LCC', kind: 'LCC' },
      { qualifier: 'LC2', kind: 'LC2' },
      { qualifier: 'LCS', kind: 'LCS', creditorReference: 'RF18539007547034' },
      { qualifier: 'RCN', kind: 'RCN', endToEndReference: 'E2E-REF-0001', purpose: 'SUPP' },
      { qualifier: 'REF', kind: 'REF', remittanceReference: 'LOT-2026-03', transactionReference: 'INSTR-77' },
      {
        qualifier: 'MMO',
        kind: 'MMO',
        originalCurrency: 'USD',
        originalAmount: { value: '123.45', minorUnits: BigInt(12345), decimals: 2 },
        exchangeRate: '1.085000',
      },
      { qualifier: 'CBE', kind: 'CBE', account: 'FR7630004008280001051234567' },
      { qualifier: 'RUM', kind: 'RUM', mandateReference: 'MANDAT-0001', sequenceType: 'FRST' },
      { qualifier: 'CPY', kind: 'CPY', account: 'FR7610278022040002042760345' },
      { qualifier: 'ZZZ', kind: 'raw' },
      { qualifier: '', kind: 'raw' },
    ])
    expect(details.map((d) => d.line)).toEqual(Array.from({ length: 21 }, (_, i) => i + 3))
  })

  it('reports a malformed MMO as a warning and keeps the detail', () => {
    const lines = readFileSync(file, 'utf8').split('\n')
    const mmo = lines.findIndex((l) => l.slice(45, 48) === 'MMO')
    lines[mmo] = `${lines[mmo]?.slice(0, 48)}USD2000000000X2345` + ' '.repeat(54)
    const r = parseCfonb120(lines.join('\n'))
    expect(r.ok).toBe(true)
    expect(r.diagnostics).toMatchObject([
      { code: 'INVALID_DETAIL', severity: 'warning', line: mmo + 1, field: 'originalAmount' },
    ])
    expect(r.statements[0]?.movements[0]?.details[mmo - 2]).toMatchObject({
      kind: 'MMO',
      originalAmount: null,
      exchangeRate: null,
    })
  })
})
