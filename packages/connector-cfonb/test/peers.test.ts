import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { CfonbParseResult } from '../src/index.js'
import { parseCfonb120, toCanonicalJson } from '../src/index.js'

// Sample files of other CFONB parsers (licences vary: they are read in place, never copied here).
// Expected results come from the peers' own test expectations, SOURCES.md and cfonb-120.md.
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))
const peers = path.resolve(repoRoot, '../shared/fixtures/cfonb/peers')
const present = existsSync(peers)
if (!present) console.warn(`[connector-cfonb] peer samples not found at ${peers}: peer tests skipped`)

const parse = (file: string, mode: 'strict' | 'lenient' = 'strict'): CfonbParseResult =>
  parseCfonb120(readFileSync(path.join(peers, file)), { mode })
const codes = (r: CfonbParseResult): string[] => r.diagnostics.map((d) => `${d.line}:${d.code}`)

describe.skipIf(!present)('peer sample files', () => {
  it('OCA cfonb_classic.cfo: one SG day, 13 movements, 62 details, balances reconcile', () => {
    const r = parse('OCA-l10n-france/cfonb_classic.cfo')
    expect(r.ok).toBe(true)
    expect(r.diagnostics).toEqual([])
    expect(r.summary).toEqual({
      statements: 1,
      movements: 13,
      details: 62,
      records: 77,
      diagnostics: { total: 0, bySeverity: { error: 0, warning: 0, info: 0 }, byCode: {} },
    })
    const [s] = r.statements
    expect(s?.openingBalance.amount.value).toBe('1017311.89')
    expect(s?.closingBalance.amount.value).toBe('1031585.79')
    expect(s?.openingBalance.date).toBe('2024-01-12')
    expect(s?.balanced).toBe(true)
    const freeMobile = s?.movements[9]
    expect(freeMobile?.label).toBe('PRLV SEPA FREE MOBILE')
    expect(freeMobile?.amount.value).toBe('-19.99')
    expect(freeMobile?.details.find((d) => d.kind === 'RUM')).toMatchObject({
      mandateReference: 'FM-47933521-1',
      sequenceType: 'RCUR',
    })
    expect(freeMobile?.details.find((d) => d.kind === 'IBE')).toMatchObject({
      identifier: 'FR07ZZZ591778',
      identifierType: 'IDENTIFIANT CREANCIER SEPA',
    })
  })

  it('OCA cfonb_no_carriage_return.cfo: same statements without line separators', () => {
    const classic = parse('OCA-l10n-france/cfonb_classic.cfo')
    const noCr = parse('OCA-l10n-france/cfonb_no_carriage_return.cfo')
    expect(noCr.ok).toBe(true)
    expect(toCanonicalJson(noCr)).toEqual(toCanonicalJson(classic))
  })

  it('akretion bank_statement.cfo: LCL blank currency/decimals defaulted, balances do not reconcile', () => {
    const r = parse('akretion-python-cfonb/bank_statement.cfo')
    expect(r.ok).toBe(true)
    expect(codes(r)).toEqual([
      '1:CURRENCY_DEFAULTED',
      '1:DECIMALS_DEFAULTED',
      '6:DECIMALS_DEFAULTED',
      '6:BALANCE_MISMATCH',
    ])
    const [s] = r.statements
    expect(s?.currency).toBe('EUR')
    expect(s?.openingBalance.amount.value).toBe('0.08')
    expect(s?.closingBalance.amount.value).toBe('11871.14')
    expect(s?.movements.map((m) => m.amount.value)).toEqual(['-2000.00', '-1000.00', '4000.00', '-3000.00'])
    expect(s?.movements[0]?.reserved).toEqual([{ start: 21, end: 21, text: 'E' }])
  })

  for (const file of [
    'silarhi-cfonb-parser/complex-test.txt',
    'ebics-api-cfonb-php/cfonb.120-complex-test.txt',
  ]) {
    it(`${file}: 8 daily blocks over 2 accounts, CIC text kept raw`, () => {
      const r = parse(file)
      expect(r.ok).toBe(true)
      expect(r.summary).toMatchObject({ statements: 8, movements: 5, details: 4 })
      // 04/05 records of bank 10556 inside blocks of bank 10278.
      expect(codes(r)).toEqual([
        '2:ACCOUNT_MISMATCH',
        '3:ACCOUNT_MISMATCH',
        '6:ACCOUNT_MISMATCH',
        '18:ACCOUNT_MISMATCH',
        '19:ACCOUNT_MISMATCH',
        '20:ACCOUNT_MISMATCH',
      ])
      expect(r.statements.every((s) => s.balanced)).toBe(true)
      const last = r.statements[7]
      expect(last?.openingBalance.reserved).toEqual([
        { start: 41, end: 90, text: `${' '.repeat(8)}** PAS DE MOUVEMENT CE JOUR **${' '.repeat(12)}` },
        { start: 105, end: 120, text: `  081${' '.repeat(11)}` },
      ])
      expect(last?.openingBalance.amount.value).toBe('584353.02')
    })
  }

  it('silarhi non-strict-test.txt: blank entry numbers are accepted', () => {
    const r = parse('silarhi-cfonb-parser/non-strict-test.txt')
    expect(r.ok).toBe(true)
    expect(r.statements[1]?.movements.map((m) => m.entryNumber)).toEqual(['', ''])
  })

  for (const file of [
    'silarhi-cfonb-parser/simple-test.txt',
    'ebics-api-cfonb-php/cfonb.120-simple-test.txt',
  ]) {
    it(`${file}: one empty statement without final newline`, () => {
      const r = parse(file)
      expect(toCanonicalJson(r)).toEqual({
        statements: [
          {
            bankCode: '10278',
            branchCode: '02204',
            accountNumber: '00012345603',
            currency: 'EUR',
            openingBalance: { date: '2020-04-03', amount: '16695.65' },
            closingBalance: { date: '2020-04-06', amount: '16695.65' },
            movements: [],
          },
        ],
        diagnostics: [],
      })
    })
  }

  it('silarhi test-unused-parts.txt: data in reserved zones tolerated and exposed', () => {
    const r = parse('silarhi-cfonb-parser/test-unused-parts.txt')
    expect(r.ok).toBe(true)
    expect(r.diagnostics).toEqual([])
    expect(r.summary.statements).toBe(8)
    expect(r.statements[1]?.openingBalance.reserved.map((z) => [z.start, z.end])).toEqual([
      [8, 11],
      [33, 34],
      [41, 90],
      [105, 120],
    ])
  })

  for (const file of [
    'silarhi-cfonb-parser/cfonb.240-complex-test.txt',
    'ebics-api-cfonb-php/cfonb.240-complex-test.txt',
  ]) {
    it(`${file}: CFONB 240 refused with its own code, even in lenient mode`, () => {
      for (const mode of ['strict', 'lenient'] as const) {
        const r = parse(file, mode)
        expect(r.ok).toBe(false)
        expect(codes(r)).toEqual(['1:CFONB240_UNSUPPORTED'])
      }
    })
  }

  it('pennylane example.txt: 2 accounts, repeated, unknown and blank qualifiers kept in order', () => {
    const r = parse('pennylane-hq-cfonb/example.txt')
    expect(r.ok).toBe(true)
    expect(r.summary).toMatchObject({ statements: 2, movements: 6, details: 14 })
    expect(codes(r)).toEqual(['19:ACCOUNT_MISMATCH', '21:ACCOUNT_MISMATCH'])
    expect(r.statements[0]?.movements[0]?.details.map((d) => d.qualifier)).toEqual([
      'LIB',
      'LIB',
      'REF',
      'RCN',
      'NPY',
      'AAA',
      'AAA',
      'BBB',
      'CCC',
      '',
      'N Y',
      "2'C",
    ])
    expect(r.statements[0]?.movements[0]?.details[3]).toMatchObject({
      kind: 'RCN',
      endToEndReference: 'OTHER REFERENCE',
      purpose: 'PURPOSE',
    })
    expect(r.statements[0]?.movements[1]?.reference).toBe('REFERENCE')
    expect(r.statements.map((s) => s.closingBalance.amount.value)).toEqual(['-241.21', '-163.72'])
    expect(r.statements.every((s) => s.balanced)).toBe(true)
  })

  const errorCases: readonly (readonly [string, readonly string[]])[] = [
    [
      'end_of_statement_without_beginning.txt',
      ['6:ACCOUNT_MISMATCH', '6:BALANCE_MISMATCH', '9:CLOSING_WITHOUT_OPENING'],
    ],
    ['invalid_date.txt', ['1:LINE_PADDED', '1:INVALID_DATE']],
    ['new_statement_without_previous_ended.txt', ['6:STATEMENT_NOT_CLOSED']],
    // The next three are inputs of pennylane's operation-only API: outside a statement here.
    ['operation.txt', ['1:MOVEMENT_OUTSIDE_STATEMENT']],
    ['operation_already_defined.txt', ['1:MOVEMENT_OUTSIDE_STATEMENT']],
    ['operation_unstarted.txt', ['1:DETAIL_WITHOUT_MOVEMENT']],
    ['operation_detail_without_operation.txt', ['3:DETAIL_WITHOUT_MOVEMENT']],
    ['operation_out_of_statement.txt', ['1:MOVEMENT_OUTSIDE_STATEMENT']],
  ]
  for (const [file, expected] of errorCases) {
    it(`pennylane ${file}: strict parse fails as pennylane does`, () => {
      const r = parse(`pennylane-hq-cfonb/${file}`)
      expect(r.ok).toBe(false)
      expect(codes(r)).toEqual(expected)
    })
  }

  it('pennylane invalid_date.txt in lenient mode: the block is skipped with a reason per record', () => {
    const r = parse('pennylane-hq-cfonb/invalid_date.txt', 'lenient')
    expect(codes(r)).toEqual([
      '1:LINE_PADDED',
      '1:INVALID_DATE',
      '3:RECORD_SKIPPED',
      '4:RECORD_SKIPPED',
      '6:RECORD_SKIPPED',
      '9:CLOSING_WITHOUT_OPENING',
    ])
    expect(r.statements).toEqual([])
  })
})
