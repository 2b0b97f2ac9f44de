import { describe, expect, it } from 'vitest'
import { textProblems } from '../../test/catalog-texts.js'
import type { CatalogSamples } from '../../test/catalog-texts.js'
import { FEED_REPORT_CATALOG, feedReportMessage } from './feed-report-catalog.js'
import type { FeedReportParamsByCode } from './feed-report-catalog.js'

const gap = {
  fromDate: '2026-03-01',
  toDate: '2026-03-31',
  expected: '1480.37',
  actual: '1480.30',
  difference: '-0.07',
  currency: 'EUR',
}
const range = { count: 2, firstDate: '2025-12-30', lastDate: '2025-12-31' }

// Typed by the catalog's parameters: a new code without a sample does not compile.
const SAMPLES: CatalogSamples<FeedReportParamsByCode> = {
  BALANCE_DISCREPANCY: [
    { ...gap, kind: 'statement' },
    { ...gap, kind: 'chain' },
    { ...gap, kind: 'snapshot' },
    { ...gap, kind: 'ledger' },
  ],
  STATEMENTS_MISSING: [{ previousClosingDate: '2026-02-28', openingDate: '2026-03-05' }],
  STATEMENTS_OVERLAP: [{ previousClosingDate: '2026-03-05', openingDate: '2026-03-01' }],
  ACCOUNT_NOT_ATTACHED: [{ protocol: 'bankin' }],
  ACCOUNT_DETACHED: [{ protocol: null }],
  CREDENTIALS_EXPIRED: [{ since: '2026-03-01' }],
  ACTION_REQUIRED: [
    { since: '2026-03-01', action: null },
    { since: '2026-03-01', action: 'sca' },
  ],
  CONSENT_EXPIRED: [{ expiredOn: '2026-03-01' }],
  CONSENT_EXPIRING: [
    { expiresOn: '2026-03-20', daysLeft: 1 },
    { expiresOn: '2026-03-20', daysLeft: 5 },
  ],
  RATE_LIMITED: [
    { since: '2026-03-01', retryAfterSeconds: null },
    { since: '2026-03-01', retryAfterSeconds: 60 },
  ],
  PROVIDER_UNAVAILABLE: [{ since: '2026-03-01' }],
  UNREADABLE_FILE: [
    { file: 'a.cfonb', reason: 'bad record', line: null },
    { file: 'a.cfonb', reason: 'bad record', line: 12 },
  ],
  EMPTY_FILE: [{ file: 'a.cfonb', bytes: 0, reason: 'empty' }],
  SKIPPED_ITEM: [
    { account: 'FR76…', providerId: null, reason: 'no amount' },
    { account: 'FR76…', providerId: 'tx1', reason: 'no amount' },
  ],
  SKIPPED_ACCOUNT: [{ account: 'FR76…', reason: 'closed' }],
  FIRM_CONFIGURATION_ERROR: [
    { setting: 'clientSecret', protocol: null, since: '2026-03-01', bankAccountIds: ['ba1'] },
    { setting: 'clientSecret', protocol: 'bankin', since: '2026-03-01', bankAccountIds: ['ba1'] },
  ],
  UNKNOWN_ACCOUNT: [
    { account: 'FR76…', items: 3, reason: 'NO_MATCH', candidates: [] },
    { account: 'FR76…', items: 3, reason: 'AMBIGUOUS_ACCOUNT', candidates: ['ba1', 'ba2'] },
  ],
  MOVEMENTS_BEFORE_START_DATE: [
    { count: 2, startDate: '2026-01-01', earliest: '2025-12-20', total: '-12.5' },
  ],
  CURRENCY_MISMATCH: [{ expected: 'EUR', received: 'USD', count: 1 }],
  ENTRIES_REFUSED_CLOSED_YEAR: [range],
  ENTRIES_REFUSED_OUTSIDE_YEARS: [range],
  ENTRY_SETUP_MISSING: [{ reason: 'NoGlAccount' }, { reason: 'NoBankJournal' }],
  CHANGED_AFTER_ENTRIES: [{ deleted: 1, updated: 2 }],
}

describe('the feed report catalog', () => {
  it('has a non-empty French and English text for every code, in each branch', () => {
    expect(textProblems(FEED_REPORT_CATALOG, SAMPLES)).toEqual([])
  })

  it('gives every code a severity and a scope; only the firm configuration is the firm’s', () => {
    expect(FEED_REPORT_CATALOG.codes.filter((c) => FEED_REPORT_CATALOG.entry(c).scope === 'firm')).toEqual([
      'FIRM_CONFIGURATION_ERROR',
    ])
    for (const code of FEED_REPORT_CATALOG.codes)
      expect(['error', 'warning']).toContain(FEED_REPORT_CATALOG.entry(code).severity)
  })

  it('reads the same through feedReportMessage, French by default', () => {
    const params = { previousClosingDate: '2026-02-28', openingDate: '2026-03-05' }
    expect(feedReportMessage('STATEMENTS_MISSING', params)).toBe(
      'Relevés manquants entre le 28/02/2026 et le 05/03/2026.',
    )
    expect(feedReportMessage('STATEMENTS_MISSING', params, 'en')).toBe(
      'Statements missing between 2026-02-28 and 2026-03-05.',
    )
  })
})
