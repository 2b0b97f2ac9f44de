import { describe, expect, it } from 'vitest'
import { textProblems } from '../../test/catalog-texts.js'
import type { CatalogSamples } from '../../test/catalog-texts.js'
import { FINDING_CATALOG, FINDING_CODES, findingMessage } from './catalog.js'
import type { FindingParamsByCode } from './finding.js'

const years = {
  first: { start: '2025-01-01', end: '2025-12-31' },
  second: { start: '2025-07-01', end: '2026-06-30' },
}

// Typed by the catalog's parameters: a new code without a sample does not compile.
const SAMPLES: CatalogSamples<FindingParamsByCode> = {
  BANK_ACCOUNT_NOT_FOUND: [{ bankAccountId: 'ba9' }],
  BANK_ACCOUNT_NAME_MISSING: [{ bankAccountId: 'ba1' }],
  BANK_ACCOUNT_HOLDER_MISSING: [{ bankAccountId: 'ba1' }],
  RIB_INCOMPLETE: [
    { fields: ['key'], fromIban: null },
    {
      fields: ['bankCode', 'other'],
      fromIban: { bankCode: '30004', branchCode: '00823', accountNumber: '00010123456', key: '37' },
    },
  ],
  RIB_KEY_INVALID: [
    { given: '12', expected: '37', bankCode: '30004', branchCode: '00823', accountNumber: '00010123456' },
  ],
  IBAN_MISSING: [{}],
  IBAN_INVALID: [{ iban: 'FR76 0000', problems: ['WRONG_LENGTH', 'SOMETHING_NEW'] }],
  IBAN_RIB_MISMATCH: [{ iban: 'FR76…', ibanBban: '300040', ribBban: '300041' }],
  BIC_MISSING: [{}],
  BIC_INVALID: [{ bic: 'BNP', problem: 'WRONG_LENGTH' }],
  BIC_COUNTRY_MISMATCH: [{ bic: 'DEUTDEFF', bicCountry: 'DE', ibanCountry: 'FR' }],
  CURRENCY_INVALID: [{ currency: 'EURO' }],
  GL_ACCOUNT_MISSING: [{ bankAccountId: 'ba1' }],
  GL_ACCOUNT_NOT_512: [{ number: '471000' }],
  GL_ACCOUNT_LINKED_TWICE: [{ numbers: ['512100', '512200'], bankAccountIds: ['ba1'] }],
  JOURNAL_MISSING: [{ glAccount: '512100' }],
  JOURNAL_TYPE_NOT_BANK: [{ journal: 'BQ1', type: 'general' }],
  JOURNAL_COUNTERPART_NOT_FOOTER: [
    { journal: 'BQ1', mode: 'perLine' },
    { journal: 'BQ1', mode: null },
  ],
  JOURNAL_DUPLICATED: [{ glAccount: '512100', journals: ['BQ1', 'BQ2'] }],
  FISCAL_YEAR_MISSING: [{ today: '2026-03-15' }],
  FISCAL_YEAR_INVALID: [{ start: '2026-12-31', end: '2026-01-01' }],
  FISCAL_YEARS_OVERLAP: [years],
  FEED_PROTOCOL_MISSING: [{}],
  FEED_START_DATE_IN_CLOSED_YEAR: [
    { startDate: '2025-03-01', yearStart: '2025-01-01', yearEnd: '2025-12-31' },
  ],
  FEED_START_DATE_OUTSIDE_FISCAL_YEARS: [{ startDate: '2020-01-01' }],
  FEED_START_DATE_BEYOND_RETENTION: [
    { startDate: '2024-01-01', retentionDays: 730, oldestReachable: '2024-03-15' },
  ],
  FEED_START_DATE_IN_FUTURE: [{ startDate: '2027-01-01', today: '2026-03-15' }],
  WAITING_ACCOUNT_INVALID: [{ account: '512000' }],
  ATTACHED_CONTACT_MISSING: [{ contactId: null }, { contactId: 'c9' }],
  CONTACT_EMAIL_INVALID: [
    { contactId: 'c1', email: null },
    { contactId: 'c1', email: 'lucile@example' },
  ],
}

describe('the finding catalog', () => {
  it('has a non-empty French and English text for every code, in each branch', () => {
    expect(textProblems(FINDING_CATALOG, SAMPLES)).toEqual([])
  })

  it('lists every code once, with a severity', () => {
    expect(new Set(FINDING_CODES).size).toBe(FINDING_CODES.length)
    expect([...FINDING_CODES].sort()).toEqual(Object.keys(SAMPLES).sort())
    for (const code of FINDING_CODES)
      expect(['blocking', 'warning']).toContain(FINDING_CATALOG.entry(code).severity)
  })

  it('reads the same through findingMessage, French by default', () => {
    const params = { given: '12', expected: '37', bankCode: '30004', branchCode: '00823', accountNumber: '1' }
    expect(findingMessage('RIB_KEY_INVALID', params)).toBe(findingMessage('RIB_KEY_INVALID', params, 'fr'))
    expect(findingMessage('FISCAL_YEAR_MISSING', { today: '2026-03-15' })).toBe(
      'Aucun exercice ne contient la date du jour (15/03/2026) : créez l’exercice en cours.',
    )
    expect(findingMessage('FISCAL_YEAR_MISSING', { today: '2026-03-15' }, 'en')).toBe(
      'No fiscal year contains today (2026-03-15): create the current fiscal year.',
    )
  })
})
