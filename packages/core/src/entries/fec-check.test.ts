import { describe, expect, it } from 'vitest'
import { E } from '../fp.js'
import { checkFec, checkFecFileName } from './fec-check.js'
import type { FecIssue } from './fec-check.js'

// A small valid FEC, written by hand: two balanced entries of journal BQ1, numbered 1 and 2.
const HEADER =
  'JournalCode JournalLib EcritureNum EcritureDate CompteNum CompteLib CompAuxNum CompAuxLib PieceRef PieceDate EcritureLib Debit Credit EcritureLet DateLet ValidDate Montantdevise Idevise'.split(
    ' ',
  )
const row = (s: string): string[] => s.split(';')
const BASE: ReadonlyArray<ReadonlyArray<string>> = [
  HEADER,
  row('BQ1;Banque;1;20260105;627800;Frais;;;R1;20260105;FRAIS;10,00;0,00;;;20260110;;'), // line 2
  row('BQ1;Banque;1;20260105;512100;Banque;;;R1;20260105;FRAIS;0,00;10,00;;;20260110;;'), // line 3
  row('BQ1;Banque;2;20260107;411000;Clients;CLI1;Client 1;R2;20260107;VIR;0,00;250,50;;;20260110;;'), // line 4
  row('BQ1;Banque;2;20260107;512100;Banque;;;R2;20260107;VIR;250,50;0,00;;;20260110;;'), // line 5
]
const COL = Object.fromEntries(HEADER.map((name, i) => [name, i])) as Record<string, number>

const join = (rows: ReadonlyArray<ReadonlyArray<string>>, sep = '\t', eol = '\r\n'): string =>
  rows.map((r) => r.join(sep)).join(eol)

/** BASE with field `name` of line `line` (1-based, header = 1) set to `value`. */
const withField = (line: number, name: string, value: string): string[][] =>
  BASE.map((r, i) => (i === line - 1 ? r.map((v, j) => (j === COL[name] ? value : v)) : [...r]))

const summary = (issues: ReadonlyArray<FecIssue>): string[] =>
  issues.map((i) => `${i.code}@${i.line}${i.field === undefined ? '' : `:${i.field}`}`)

describe('checkFec on valid files', () => {
  it('accepts the hand-written base file, tab-separated with CRLF', () => {
    expect(checkFec(join(BASE))).toEqual({ ok: true, separator: '\t', issues: [] })
  })

  it('accepts pipes, LF or CR line ends and a UTF-8 BOM', () => {
    expect(checkFec(join(BASE, '|')).separator).toBe('|')
    expect(checkFec(join(BASE, '|')).ok).toBe(true)
    expect(checkFec(join(BASE, '\t', '\n')).ok).toBe(true)
    expect(checkFec(join(BASE, '\t', '\r')).ok).toBe(true)
    expect(checkFec(`\ufeff${join(BASE)}`).ok).toBe(true)
  })

  it('accepts per-journal sequences (numbers repeat across journals) and sequences not starting at 1', () => {
    const other = BASE.slice(1).map((r) => ['CA', 'Caisse', ...r.slice(2)])
    expect(checkFec(join([...BASE, ...other])).issues).toEqual([])
    const shifted = BASE.map((r, i) =>
      i === 0 ? r : r.map((v, j) => (j === COL['EcritureNum'] ? `BQ-00${Number(v) + 41}` : v)),
    )
    expect(checkFec(join(shifted)).issues).toEqual([])
  })
})

describe('checkFec finds each issue on its line', () => {
  const cases: ReadonlyArray<readonly [string, string, ReadonlyArray<string>]> = [
    ['empty text', '', ['FEC_EMPTY@1']],
    ['blank text', ' \r\n', ['FEC_EMPTY@1']],
    ['header only', join([HEADER]), ['FEC_EMPTY@1']],
    ['semicolon separator', join(BASE, ';'), ['FEC_HEADER@1']],
    [
      'misspelt column (positions still checked)',
      join(withField(1, 'Montantdevise', 'MontantDevise')),
      ['FEC_HEADER@1:Montantdevise'],
    ],
    ['17 columns', join(BASE.map((r) => r.slice(0, 17))), ['FEC_HEADER@1:Idevise']],
    ['final line break', `${join(BASE)}\r\n`, ['FEC_EMPTY_LINE@6']],
    ['blank line inside', join([...BASE.slice(0, 3), [''], ...BASE.slice(3)]), ['FEC_EMPTY_LINE@4']],
    ['a record with 17 fields', join([...BASE, BASE[4]?.slice(0, 17) ?? []]), ['FEC_FIELD_COUNT@6']],
    ['February 30th', join(withField(4, 'PieceDate', '20260230')), ['FEC_DATE@4:PieceDate']],
    ['year before 1900', join(withField(5, 'ValidDate', '18991231')), ['FEC_DATE@5:ValidDate']],
    ['ISO date', join(withField(3, 'DateLet', '2026-01-05')), ['FEC_DATE@3:DateLet']],
    ['decimal point', join(withField(3, 'Credit', '10.00')), ['FEC_AMOUNT@3:Credit']],
    ['thousands separator', join(withField(5, 'Debit', '1 250,50')), ['FEC_AMOUNT@5:Debit']],
    ['bad currency amount', join(withField(2, 'Montantdevise', '12,3,4')), ['FEC_AMOUNT@2:Montantdevise']],
    [
      'both sides on one line (entry still balanced)',
      join(
        withField(2, 'Credit', '5,00').map((r, i) =>
          i === 1 ? r.map((v, j) => (j === COL['Debit'] ? '15,00' : v)) : r,
        ),
      ),
      ['FEC_BOTH_SIDES@2:Credit'],
    ],
    [
      'account not starting with 3 digits',
      join(withField(2, 'CompteNum', '62A800')),
      ['FEC_ACCOUNT@2:CompteNum'],
    ],
    ['auxiliary without label', join(withField(4, 'CompAuxLib', '')), ['FEC_AUX_LABEL@4:CompAuxLib']],
    ['empty ValidDate', join(withField(5, 'ValidDate', '')), ['FEC_REQUIRED@5:ValidDate']],
    ['blank JournalLib', join(withField(2, 'JournalLib', '  ')), ['FEC_REQUIRED@2:JournalLib']],
    [
      'gap in the sequence',
      join(
        withField(4, 'EcritureNum', '3').map((r, i) =>
          i === 4 ? r.map((v, j) => (j === COL['EcritureNum'] ? '3' : v)) : r,
        ),
      ),
      ['FEC_NUMBERING@4:EcritureNum'],
    ],
    ['inversion', join([HEADER, ...BASE.slice(3, 5), ...BASE.slice(1, 3)]), ['FEC_NUMBERING@4:EcritureNum']],
    [
      'entry lines not contiguous',
      join([HEADER, BASE[1] ?? [], BASE[3] ?? [], BASE[2] ?? [], BASE[4] ?? []]),
      ['FEC_NUMBERING@4:EcritureNum', 'FEC_NUMBERING@5:EcritureNum'],
    ],
    [
      'EcritureNum without a number',
      join(BASE.map((r, i) => (i >= 3 ? r.map((v, j) => (j === COL['EcritureNum'] ? 'VIR' : v)) : r))),
      ['FEC_NUMBERING@4:EcritureNum'],
    ],
    [
      'two dates in one entry',
      join(withField(3, 'EcritureDate', '20260106')),
      ['FEC_MULTIPLE_DATES@3:EcritureDate'],
    ],
    [
      'unbalanced entry (so the file too)',
      join(withField(3, 'Credit', '10,01')),
      ['FEC_UNBALANCED@2', 'FEC_TOTAL_UNBALANCED@5'],
    ],
    [
      'file unbalanced by a line belonging to no entry',
      join([...BASE, row('BQ1;Banque;;20260107;512100;Banque;;;R2;20260107;VIR;1,00;0,00;;;20260110;;')]),
      ['FEC_REQUIRED@6:EcritureNum', 'FEC_TOTAL_UNBALANCED@6'],
    ],
  ]
  it.each(cases)('%s', (_name, text, expected) => {
    const result = checkFec(text)
    expect(summary(result.issues)).toEqual(expected)
    expect(result.ok).toBe(false)
    for (const issue of result.issues) expect(issue.message).not.toBe('')
  })

  it('reports every issue of a file, sorted by line', () => {
    const rows = withField(5, 'ValidDate', '')
    rows[1] = rows[1]?.map((v, j) => (j === COL['CompteNum'] ? 'ABC' : v)) ?? []
    rows[2] = rows[2]?.map((v, j) => (j === COL['Credit'] ? '9,99' : v)) ?? []
    expect(summary(checkFec(join(rows)).issues)).toEqual([
      'FEC_ACCOUNT@2:CompteNum',
      'FEC_UNBALANCED@2',
      'FEC_REQUIRED@5:ValidDate',
      'FEC_TOTAL_UNBALANCED@5',
    ])
  })
})

describe('checkFecFileName', () => {
  it('reads the SIREN and the closing date', () => {
    expect(checkFecFileName('123456782FEC20261231.txt')).toEqual(
      E.right({ siren: '123456782', closingDate: '2026-12-31' }),
    )
    expect(E.isRight(checkFecFileName('123456782fec20261231.TXT'))).toBe(true)
  })

  it('refuses other names, SIRENs failing Luhn and impossible dates', () => {
    const reason = (name: string): string | undefined => {
      const r = checkFecFileName(name)
      return E.isLeft(r) ? r.left.reason : undefined
    }
    expect(reason('123456782_FEC_20261231.txt')).toBe('Pattern')
    expect(reason('123456782FEC20261231.csv')).toBe('Pattern')
    expect(reason('12345678FEC20261231.txt')).toBe('Pattern')
    expect(reason('123456789FEC20261231.txt')).toBe('Siren')
    expect(reason('987654321FEC20261231.txt')).toBe('Siren')
    expect(reason('123456782FEC20260230.txt')).toBe('ClosingDate')
  })
})
