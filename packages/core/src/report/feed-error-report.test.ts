import { describe, expect, it } from 'vitest'
import { bnpRef, day, eur, mv, stmt } from '../../test/builders.js'
import { seedDossier } from '../../test/seed.js'
import type { ConnectionStatus } from '../domain/connection-status.js'
import { statusAfterPullError, statusAfterPullSuccess } from '../domain/connection-status.js'
import type { ConnectorError } from '../domain/connector-error.js'
import { defaultIngestionSettings, ingest } from '../reconcile/ingest.js'
import { applyLedgerChanges, emptyLedger } from '../reconcile/ledger.js'
import type { AccountSyncReport } from '../usecases/sync-connection.js'
import { FEED_REPORT_CATALOG } from './feed-report-catalog.js'
import type { FeedReportCode } from './feed-report-catalog.js'
import { feedErrorReport } from './feed-error-report.js'
import type { FeedReportInput } from './feed-error-report.js'
import { currencyCode } from '../domain/literals.js'

const dossier = seedDossier()
const today = day('2026-03-15')
const attached: ConnectionStatus = { attachment: 'attached', problem: null, consentExpiresOn: null }
const misconfigured: ConnectorError = {
  _tag: 'ConfigurationError',
  message: 'Bridge refused client_secret=s3cr3t',
  retryable: false,
  setting: 'clientSecret',
}
// The seed's ba1, as a protocol names it.
const seedRef = {
  ...bnpRef,
  iban: 'FR7699999999991234567899799',
  bankCode: null,
  branchCode: null,
  accountNumber: null,
}
const report = (accounts: FeedReportInput['accounts'], extra: Partial<FeedReportInput> = {}) =>
  feedErrorReport({ dossier, today, accounts, ...extra })
const codes = (r: ReturnType<typeof report>) => r.items.map((i) => i.code)

const sync = (patch: Partial<AccountSyncReport>): AccountSyncReport => ({
  dossierCode: 'CCH001',
  bankAccountId: 'ba1',
  decisions: [],
  entriesGenerated: 0,
  refused: [],
  entryError: null,
  ...patch,
})

const ledgerOf = (...statements: ReturnType<typeof stmt>[]) => {
  const empty = emptyLedger('CCH001', 'ba1', currencyCode('EUR'))
  return applyLedgerChanges(
    empty,
    ingest(
      empty,
      { protocol: 'cfonb', connectionId: 'inbox' },
      statements.map((statement) => ({ _tag: 'Statement' as const, account: bnpRef, statement })),
      defaultIngestionSettings(null),
    ).changes,
  )
}

const rows: ReadonlyArray<readonly [string, () => ReturnType<typeof report>, ReadonlyArray<FeedReportCode>]> =
  [
    [
      'a clean account',
      () =>
        report([
          {
            bankAccountId: 'ba1',
            connection: attached,
            ledger: ledgerOf(stmt({ date: '2026-03-01', amount: '10.00' }, [mv('2026-03-02', '1.00', 'A')])),
          },
        ]),
      [],
    ],
    [
      'a statement that does not add up',
      () =>
        report([
          {
            bankAccountId: 'ba1',
            ledger: ledgerOf(
              stmt({ date: '2026-03-01', amount: '10.00' }, [mv('2026-03-02', '1.00', 'A')], {
                date: '2026-03-02',
                amount: '12.00',
              }),
            ),
          },
        ]),
      ['BALANCE_DISCREPANCY'],
    ],
    [
      'statements missing, then overlapping',
      () =>
        report([
          {
            bankAccountId: 'ba1',
            ledger: ledgerOf(
              stmt({ date: '2026-03-01', amount: '10.00' }, [mv('2026-03-02', '1.00', 'A')]),
              stmt({ date: '2026-03-05', amount: '11.00' }, [mv('2026-03-06', '1.00', 'B')]),
              stmt({ date: '2026-03-04', amount: '12.00' }, [mv('2026-03-07', '1.00', 'C')]),
            ),
          },
        ]),
      [
        'STATEMENTS_MISSING',
        'BALANCE_DISCREPANCY',
        'STATEMENTS_OVERLAP',
        'BALANCE_DISCREPANCY',
        'BALANCE_DISCREPANCY',
      ],
    ],
    [
      'not attached',
      () => report([{ bankAccountId: 'ba1', connection: { ...attached, attachment: 'notAttached' } }]),
      ['ACCOUNT_NOT_ATTACHED'],
    ],
    [
      'detached',
      () => report([{ bankAccountId: 'ba1', connection: { ...attached, attachment: 'detached' } }]),
      ['ACCOUNT_DETACHED'],
    ],
    [
      'password changed',
      () =>
        report([
          {
            bankAccountId: 'ba1',
            connection: statusAfterPullError(
              attached,
              { _tag: 'AuthExpired', message: 'x', retryable: false },
              today,
            ),
          },
        ]),
      ['CREDENTIALS_EXPIRED'],
    ],
    [
      'SCA needed',
      () =>
        report([
          {
            bankAccountId: 'ba1',
            connection: statusAfterPullError(
              attached,
              { _tag: 'ActionRequired', message: 'x', retryable: false, action: 'sca' },
              today,
            ),
          },
        ]),
      ['ACTION_REQUIRED'],
    ],
    [
      'consent over',
      () =>
        report([{ bankAccountId: 'ba1', connection: { ...attached, consentExpiresOn: day('2026-03-14') } }]),
      ['CONSENT_EXPIRED'],
    ],
    [
      'consent ending in 5 days',
      () =>
        report([{ bankAccountId: 'ba1', connection: { ...attached, consentExpiresOn: day('2026-03-20') } }]),
      ['CONSENT_EXPIRING'],
    ],
    [
      'consent ending in 30 days',
      () =>
        report([{ bankAccountId: 'ba1', connection: { ...attached, consentExpiresOn: day('2026-04-14') } }]),
      [],
    ],
    [
      'rate limited',
      () =>
        report([
          {
            bankAccountId: 'ba1',
            connection: statusAfterPullError(
              attached,
              { _tag: 'RateLimited', message: 'x', retryable: true, retryAfterSeconds: 60 },
              today,
            ),
          },
        ]),
      ['RATE_LIMITED'],
    ],
    [
      'bank down',
      () =>
        report([
          {
            bankAccountId: 'ba1',
            connection: statusAfterPullError(
              attached,
              { _tag: 'Unavailable', message: 'x', retryable: true, retryAfterSeconds: null },
              today,
            ),
          },
        ]),
      ['PROVIDER_UNAVAILABLE'],
    ],
    [
      'an unreadable file',
      () =>
        report([], {
          unreadableFiles: [{ file: 'RELEVE.txt', reason: 'CFONB 240 non pris en charge', line: 1 }],
        }),
      ['UNREADABLE_FILE'],
    ],
    [
      'the firm’s application secret refused',
      () =>
        report([
          {
            bankAccountId: 'ba1',
            connection: statusAfterPullError(attached, misconfigured, today),
          },
        ]),
      ['FIRM_CONFIGURATION_ERROR'],
    ],
    [
      'notices of a sync',
      () =>
        report([], {
          notices: [
            { _tag: 'UnreadableFile', file: 'RELEVE.txt', reason: 'CFONB 240 non pris en charge', line: 1 },
            { _tag: 'EmptyFile', file: 'VIDE.txt', bytes: 0, reason: '0 octet' },
            {
              _tag: 'SkippedItem',
              account: seedRef,
              providerId: 'tx-9',
              reason: 'currency: USD, account in EUR',
            },
            { _tag: 'SkippedAccount', account: seedRef, reason: 'compte clôturé chez la banque' },
          ],
        }),
      ['UNREADABLE_FILE', 'EMPTY_FILE', 'SKIPPED_ITEM', 'SKIPPED_ACCOUNT'],
    ],
    [
      'an unknown account in a file',
      () =>
        report([], {
          unmatched: [{ account: bnpRef, reason: 'UNKNOWN_ACCOUNT', candidates: [], items: [] }],
        }),
      ['UNKNOWN_ACCOUNT'],
    ],
    [
      'movements before the start date',
      () =>
        report([
          {
            bankAccountId: 'ba1',
            lastSync: sync({
              decisions: [
                {
                  _tag: 'BeforeStartDate',
                  providerId: null,
                  bookingDate: day('2025-12-30'),
                  amount: eur('-10.00'),
                  label: 'A',
                  startDate: day('2026-01-01'),
                },
                {
                  _tag: 'BeforeStartDate',
                  providerId: null,
                  bookingDate: day('2025-12-29'),
                  amount: eur('2.50'),
                  label: 'B',
                  startDate: day('2026-01-01'),
                },
              ],
            }),
          },
        ]),
      ['MOVEMENTS_BEFORE_START_DATE'],
    ],
    [
      'a movement in dollars',
      () =>
        report([
          {
            bankAccountId: 'ba1',
            lastSync: sync({
              decisions: [
                {
                  _tag: 'CurrencyMismatch',
                  expected: 'EUR',
                  received: 'USD',
                  what: 'movement',
                  date: day('2026-03-02'),
                },
              ],
            }),
          },
        ]),
      ['CURRENCY_MISMATCH'],
    ],
    [
      'entries refused',
      () =>
        report([
          {
            bankAccountId: 'ba1',
            lastSync: sync({
              refused: [
                { movementId: 'm1', date: day('2025-12-31'), reason: 'ClosedFiscalYear' },
                { movementId: 'm2', date: day('2027-01-02'), reason: 'OutsideFiscalYears' },
              ],
            }),
          },
        ]),
      ['ENTRIES_REFUSED_CLOSED_YEAR', 'ENTRIES_REFUSED_OUTSIDE_YEARS'],
    ],
    [
      'no journal',
      () =>
        report([
          {
            bankAccountId: 'ba1',
            lastSync: sync({
              entryError: { _tag: 'NoBankJournal', bankAccountId: 'ba1', glAccount: '512100' },
            }),
          },
        ]),
      ['ENTRY_SETUP_MISSING'],
    ],
    [
      'a booked movement deleted by the bank',
      () =>
        report([
          {
            bankAccountId: 'ba1',
            lastSync: sync({ decisions: [{ _tag: 'DeletedNeedsReview', movementId: 'm1', entryId: 'e1' }] }),
          },
        ]),
      ['CHANGED_AFTER_ENTRIES'],
    ],
  ]

describe('feedErrorReport', () => {
  it.each(rows)('%s', (_name, run, expected) => {
    expect(codes(run())).toEqual(expected)
  })

  it('produces every code of its catalog', () => {
    const produced = new Set(rows.flatMap(([, run]) => codes(run())))
    expect(FEED_REPORT_CATALOG.codes.filter((c) => !produced.has(c))).toEqual([])
  })

  it('gives both figures, the difference and the dates of a balance difference, in French', () => {
    const r = report([
      {
        bankAccountId: 'ba1',
        ledger: ledgerOf(
          stmt({ date: '2026-03-01', amount: '10.00' }, [mv('2026-03-02', '1.00', 'A')], {
            date: '2026-03-02',
            amount: '12.00',
          }),
        ),
      },
    ])
    expect(r.ok).toBe(false)
    expect(r.items[0]).toMatchObject({
      bankAccountId: 'ba1',
      params: {
        kind: 'statement',
        fromDate: '2026-03-01',
        toDate: '2026-03-02',
        expected: '11',
        actual: '12',
        difference: '1',
        currency: 'EUR',
      },
    })
    expect(r.items[0]?.message).toBe(
      'Écart de solde du 01/03/2026 au 02/03/2026 : attendu 11 EUR, la banque indique 12 EUR (écart 1 EUR).',
    )
  })

  it('sums what was ignored before the start date and keeps the earliest day', () => {
    const r = rows.find(([n]) => n === 'movements before the start date')?.[1]()
    expect(r?.items[0]?.params).toEqual({
      count: 2,
      startDate: '2026-01-01',
      earliest: '2025-12-29',
      total: '-7.5',
    })
  })

  it('keeps the day a problem started, and clears it after a successful pull', () => {
    const error = { _tag: 'AuthExpired' as const, message: 'x', retryable: false as const }
    const first = statusAfterPullError(attached, error, day('2026-03-10'))
    expect(statusAfterPullError(first, error, today).problem?.since).toBe('2026-03-10')
    expect(statusAfterPullSuccess(first).problem).toBeNull()
  })

  it('speaks English on request', () => {
    const r = feedErrorReport({
      dossier,
      today,
      locale: 'en',
      accounts: [{ bankAccountId: 'ba1', connection: { ...attached, attachment: 'notAttached' } }],
    })
    expect(r.items[0]?.message).toBe(
      'The bank account is not attached: nothing can be collected. Send the attach link to the client.',
    )
  })

  it('reports the firm’s configuration once per setting, at the firm level, naming the setting and no secret', () => {
    const stopped = statusAfterPullError(attached, misconfigured, today)
    const ba1 = dossier.bankAccounts[0] as (typeof dossier.bankAccounts)[number]
    const r = feedErrorReport({
      dossier: { ...dossier, bankAccounts: [ba1, { ...ba1, id: 'ba2', iban: null, rib: null }] },
      today,
      accounts: [
        { bankAccountId: 'ba1', connection: stopped },
        {
          bankAccountId: 'ba2',
          connection: statusAfterPullError(attached, misconfigured, day('2026-03-14')),
        },
      ],
    })
    expect(r.ok).toBe(false)
    expect(r.items).toEqual([
      {
        code: 'FIRM_CONFIGURATION_ERROR',
        severity: 'error',
        scope: 'firm',
        dossierCode: 'CCH001',
        bankAccountId: null,
        params: {
          setting: 'clientSecret',
          protocol: 'bankin',
          since: '2026-03-14',
          bankAccountIds: ['ba1', 'ba2'],
        },
        message:
          'Configuration du cabinet à corriger (Bankin’ (Bridge)) depuis le 14/03/2026 : le paramètre « clientSecret » est refusé. La collecte est suspendue jusqu’à sa correction ; le client n’a rien à faire.',
      },
    ])
    expect(JSON.stringify(r)).not.toMatch(/s3cr3t/)
    expect(r.items.some((i) => i.code === 'CREDENTIALS_EXPIRED')).toBe(false)
  })

  it('puts a skipped item on the bank account it routes to, and an unknown one at the dossier level', () => {
    const r = report([], {
      notices: [
        {
          _tag: 'SkippedItem',
          account: seedRef,
          providerId: 'tx-9',
          reason: 'currency: USD, account in EUR',
        },
        { _tag: 'SkippedItem', account: bnpRef, providerId: null, reason: 'amount: not a decimal' },
      ],
    })
    expect(r.ok).toBe(true)
    expect(r.items.map((i) => [i.severity, i.bankAccountId, i.message])).toEqual([
      [
        'warning',
        'ba1',
        'Un élément (« tx-9 ») du compte FR7699999999991234567899799 a été écarté : currency: USD, account in EUR. Le reste a été importé.',
      ],
      [
        'warning',
        null,
        'Un élément du compte FR7630004008280001051234543 a été écarté : amount: not a decimal. Le reste a été importé.',
      ],
    ])
  })

  it('reports an empty file as a warning, and an unreadable file given both ways once', () => {
    const file = { file: 'RELEVE.txt', reason: 'ligne trop longue', line: 3 }
    const r = report([], {
      notices: [
        { _tag: 'UnreadableFile', ...file },
        { _tag: 'EmptyFile', file: 'VIDE.txt', bytes: 0, reason: '0 octet' },
      ],
      unreadableFiles: [file],
    })
    expect(r.items.map((i) => [i.code, i.severity])).toEqual([
      ['UNREADABLE_FILE', 'error'],
      ['EMPTY_FILE', 'warning'],
    ])
    expect(r.items[1]?.message).toBe(
      'Fichier « VIDE.txt » sans relevé (0 octet) : rien n’a été importé. Une banque n’envoie pas de fichier vide volontairement ; vérifiez l’envoi.',
    )
  })
})
