import { describe, expect, it } from 'vitest'
import { day } from '../../test/builders.js'
import { textProblems } from '../../test/catalog-texts.js'
import type { CatalogSamples } from '../../test/catalog-texts.js'
import type { ParamsByTag } from '../messages/catalog.js'
import { FEC_ISSUE_CODES, checkFec } from './fec-check.js'
import type { FecIssueParamsByCode } from './fec-check.js'
import type { FecEntryProblem, FecExportError } from './fec-export.js'
import { FEC_COLUMNS } from './fec-format.js'
import {
  FEC_ENTRY_PROBLEM_CATALOG,
  FEC_ERROR_CATALOG,
  FEC_ISSUE_CATALOG,
  fecEntryProblemMessage,
  fecErrorMessage,
  fecIssueMessage,
} from './fec-messages.js'

// Typed by the error and issue types: a new kind or code without a sample does not compile.
const ERRORS: CatalogSamples<ParamsByTag<FecExportError>> = {
  FecInvalidSiren: [
    { _tag: 'FecInvalidSiren', siren: null },
    { _tag: 'FecInvalidSiren', siren: '123456789' },
  ],
  FecInvalidPeriod: [{ _tag: 'FecInvalidPeriod', from: '2026-12-31', to: '2026-01-01' }],
  FecNoEntries: [{ _tag: 'FecNoEntries', from: day('2025-01-01'), to: day('2025-12-31') }],
  FecNonEuroEntries: [
    { _tag: 'FecNonEuroEntries', entries: [{ entryId: 'e1', currency: 'USD' }] },
    {
      _tag: 'FecNonEuroEntries',
      entries: [
        { entryId: 'e1', currency: 'USD' },
        { entryId: 'e2', currency: 'USD' },
      ],
    },
  ],
  FecInvalidEntries: [
    { _tag: 'FecInvalidEntries', entries: [{ entryId: 'e1', problems: [{ _tag: 'NoLines' }] }] },
    {
      _tag: 'FecInvalidEntries',
      entries: [
        { entryId: 'e1', problems: [{ _tag: 'EmptyJournalCode' }, { _tag: 'DuplicateId' }] },
        { entryId: 'e2', problems: [{ _tag: 'NoLines' }] },
      ],
    },
  ],
  FecUnvalidatedEntries: [
    { _tag: 'FecUnvalidatedEntries', entryIds: ['e1'] },
    { _tag: 'FecUnvalidatedEntries', entryIds: ['e1', 'e2'] },
  ],
  FecMissingAccountLabels: [
    { _tag: 'FecMissingAccountLabels', accounts: ['401000'] },
    { _tag: 'FecMissingAccountLabels', accounts: ['401000', '706000'] },
  ],
}

const PROBLEMS: CatalogSamples<ParamsByTag<FecEntryProblem>> = {
  NoLines: [{ _tag: 'NoLines' }],
  Unbalanced: [{ _tag: 'Unbalanced', debit: '13871.06', credit: '13871.00' }],
  LineSides: [{ _tag: 'LineSides', lineIndex: 0 }],
  TooManyDecimals: [{ _tag: 'TooManyDecimals', lineIndex: 1 }],
  InvalidAccount: [{ _tag: 'InvalidAccount', lineIndex: 0, account: '5A' }],
  EmptyJournalCode: [{ _tag: 'EmptyJournalCode' }],
  InvalidDate: [
    { _tag: 'InvalidDate', field: 'date', value: '2026-02-30' },
    { _tag: 'InvalidDate', field: 'pieceDate', value: 'x' },
    { _tag: 'InvalidDate', field: 'validatedOn', value: 'y' },
  ],
  DuplicateId: [{ _tag: 'DuplicateId' }],
  OtherDossier: [{ _tag: 'OtherDossier', dossierCode: 'GAR001' }],
}

const ISSUES: CatalogSamples<FecIssueParamsByCode> = {
  FEC_EMPTY: [{ headerOnly: false }, { headerOnly: true }],
  FEC_HEADER: [
    { problem: 'NoSeparator' },
    { problem: 'FieldCount', fields: 17, expected: 18 },
    { problem: 'FieldName', position: 17, found: 'MontantDevise', expected: 'Montantdevise' },
  ],
  FEC_EMPTY_LINE: [{}],
  FEC_FIELD_COUNT: [{ fields: 17, expected: 18 }],
  FEC_REQUIRED: [{ field: 'ValidDate' }],
  FEC_DATE: [{ field: 'PieceDate', value: '20260230' }],
  FEC_AMOUNT: [{ field: 'Debit', value: '1 250,50' }],
  FEC_BOTH_SIDES: [{ debit: '15', credit: '5' }],
  FEC_ACCOUNT: [{ account: '62A800' }],
  FEC_AUX_LABEL: [{ auxiliary: 'CLI1' }],
  FEC_NUMBERING: [
    { problem: 'NotContiguous', journal: 'BQ1', entry: '1' },
    { problem: 'NoSequenceNumber', entry: 'VIR' },
    { problem: 'Break', entry: '3', expected: '2', journal: null, prefix: '' },
    { problem: 'Break', entry: 'BQ-0044', expected: '43', journal: 'BQ', prefix: 'BQ-' },
  ],
  FEC_MULTIPLE_DATES: [{ journal: 'BQ1', entry: '1', first: '20260105', other: '20260106' }],
  FEC_UNBALANCED: [{ journal: 'BQ1', entry: '1', debit: '999', credit: '998' }],
  FEC_TOTAL_UNBALANCED: [{ debit: '13871.06', credit: '13871' }],
}

/** A one-entry FEC whose two lines carry these Debit and Credit texts (and the second one this date). */
const fecOf = (debit: string, credit: string, secondDate = '20260105'): string => {
  const line = (account: string, d: string, c: string, date = '20260105'): string =>
    [
      'BQ1',
      'Banque',
      '1',
      date,
      account,
      'Libellé',
      '',
      '',
      'R1',
      '20260105',
      'VIR',
      d,
      c,
      '',
      '',
      '20260110',
      '',
      '',
    ].join('\t')
  return [
    FEC_COLUMNS.join('\t'),
    line('411000', debit, '0,00'),
    line('512100', '0,00', credit, secondDate),
  ].join('\r\n')
}

// formatMoneyFr's separators: a narrow no-break space between thousands, a no-break space before €.
const NNBSP = '\u202f'
const NBSP = '\u00a0'

describe('the FEC catalogs', () => {
  it('give every export error, entry problem and checker issue a French and an English text', () => {
    expect(textProblems(FEC_ERROR_CATALOG, ERRORS)).toEqual([])
    expect(textProblems(FEC_ENTRY_PROBLEM_CATALOG, PROBLEMS)).toEqual([])
    expect(textProblems(FEC_ISSUE_CATALOG, ISSUES)).toEqual([])
  })

  it('have a text for exactly the checker’s issue codes', () => {
    expect([...FEC_ISSUE_CATALOG.codes].sort()).toEqual([...FEC_ISSUE_CODES].sort())
  })
})

describe('fecErrorMessage', () => {
  it('says in French (by default) or English that the period has no entry', () => {
    const e: FecExportError = { _tag: 'FecNoEntries', from: day('2025-01-01'), to: day('2025-12-31') }
    expect(fecErrorMessage(e)).toBe('Aucune écriture du 01/01/2025 au 31/12/2025 : il n’y a rien à exporter.')
    expect(fecErrorMessage(e, 'en')).toBe(
      'No entry between 2025-01-01 and 2025-12-31: there is nothing to export.',
    )
  })

  it('names the accounts that have no label and where to give one', () => {
    const e: FecExportError = { _tag: 'FecMissingAccountLabels', accounts: ['401000', '706000'] }
    expect(fecErrorMessage(e)).toBe(
      'Aucun libellé pour les comptes 401000, 706000 : le FEC exige le libellé de chaque compte. Ajoutez-le au plan comptable du dossier ou aux libellés de comptes (accountLabels).',
    )
    expect(fecErrorMessage(e, 'en')).toBe(
      "No label for accounts 401000, 706000: the FEC requires every account's label. Add it to the dossier's chart of accounts or to the account labels (accountLabels).",
    )
  })

  it('says what is wrong with the first refused entry, amounts with the euro’s decimals', () => {
    const e: FecExportError = {
      _tag: 'FecInvalidEntries',
      entries: [
        { entryId: 'e1', problems: [{ _tag: 'Unbalanced', debit: '13871.06', credit: '13871.00' }] },
        { entryId: 'e2', problems: [{ _tag: 'NoLines' }] },
      ],
    }
    expect(fecErrorMessage(e)).toBe(
      `2 écritures ne peuvent pas être écrites dans le FEC. Première, e1 : déséquilibrée (débit 13${NNBSP}871,06${NBSP}€, crédit 13${NNBSP}871,00${NBSP}€).`,
    )
    expect(fecErrorMessage(e, 'en')).toBe(
      '2 entries cannot be written to the FEC. First, e1: unbalanced (debit 13871.06 EUR, credit 13871.00 EUR).',
    )
    expect(fecEntryProblemMessage({ _tag: 'InvalidDate', field: 'pieceDate', value: 'x' })).toBe(
      'date de pièce « x » invalide',
    )
  })
})

describe('checkFec messages', () => {
  it('are French by default and English with locale en, amounts with 2 decimals', () => {
    const text = fecOf('13871,06', '13871')
    const fr = checkFec(text).issues.map((i) => i.message)
    const en = checkFec(text, { locale: 'en' }).issues.map((i) => i.message)
    expect(fr).toEqual([
      `l’écriture BQ1 1 est déséquilibrée : débit 13${NNBSP}871,06${NBSP}€, crédit 13${NNBSP}871,00${NBSP}€`,
      `le fichier est déséquilibré : total débit 13${NNBSP}871,06${NBSP}€, total crédit 13${NNBSP}871,00${NBSP}€`,
    ])
    expect(en).toEqual([
      'entry BQ1 1 is unbalanced: debit 13871.06 EUR, credit 13871.00 EUR',
      'the file is unbalanced: total debit 13871.06 EUR, total credit 13871.00 EUR',
    ])
  })

  it('carry the structured parameters the message is made of', () => {
    const [issue] = checkFec(fecOf('999', '998')).issues
    expect(issue).toMatchObject({
      code: 'FEC_UNBALANCED',
      line: 2,
      params: { journal: 'BQ1', entry: '1', debit: '999', credit: '998' },
    })
    expect(issue === undefined ? '' : fecIssueMessage(issue, 'en')).toBe(
      'entry BQ1 1 is unbalanced: debit 999.00 EUR, credit 998.00 EUR',
    )
  })

  it('never round an amount that has more decimals than the euro', () => {
    const [fr] = checkFec(fecOf('10,005', '10,00')).issues
    const [en] = checkFec(fecOf('10,005', '10,00'), { locale: 'en' }).issues
    expect(fr?.message).toBe(
      `l’écriture BQ1 1 est déséquilibrée : débit 10,005${NBSP}€, crédit 10,00${NBSP}€`,
    )
    expect(en?.message).toBe('entry BQ1 1 is unbalanced: debit 10.005 EUR, credit 10.00 EUR')
  })

  it('show the dates of an entry with two dates the French way', () => {
    expect(checkFec(fecOf('10,00', '10,00', '20260106')).issues.map((i) => i.message)).toEqual([
      'l’écriture BQ1 1 a plusieurs dates (05/01/2026 et 06/01/2026)',
    ])
  })
})
