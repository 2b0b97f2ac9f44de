import { describe, expect, it } from 'vitest'
import { seedDossier } from '../../test/seed.js'
import type { BankAccount } from '../domain/bank-account.js'
import type { Dossier } from '../domain/dossier.js'
import type { LocalDate } from '../domain/local-date.js'
import { FINDING_CODES } from './catalog.js'
import { checkDossier, checkPrerequisites } from './check-prerequisites.js'
import type { FindingCode } from './finding.js'
import { localDate } from '../domain/literals.js'

const today = localDate('2026-03-15')

/** The seed with its three typing errors corrected: key 93 (hence IBAN …793) and a real BIC. */
const goodDossier = (): Dossier => {
  const seed = seedDossier()
  const account = seed.bankAccounts[0] as BankAccount
  return {
    ...seed,
    bankAccounts: [
      {
        ...account,
        rib: { bankCode: '99999', branchCode: '99999', accountNumber: '12345678997', key: '93' },
        iban: 'FR7699999999991234567899793',
        bic: 'BNPAFRPP',
      },
    ],
  }
}

const withAccount = (d: Dossier, patch: Partial<BankAccount>): Dossier => ({
  ...d,
  bankAccounts: [{ ...(d.bankAccounts[0] as BankAccount), ...patch }],
})

const withFeed = (d: Dossier, patch: Partial<NonNullable<BankAccount['feed']>>): Dossier => {
  const account = d.bankAccounts[0] as BankAccount
  return withAccount(d, { feed: { ...(account.feed as NonNullable<BankAccount['feed']>), ...patch } })
}

const codes = (d: Dossier, on: LocalDate = today, id = 'ba1') =>
  checkPrerequisites(d, id, { today: on }).findings.map((f) => f.code)

describe('the seed example (liaison-loop-bankin.txt)', () => {
  const checklist = checkPrerequisites(seedDossier(), 'ba1', { today })

  it('has exactly three blocking findings: RIB key, IBAN and BIC', () => {
    expect(checklist.ok).toBe(false)
    expect(checklist.findings.filter((f) => f.severity === 'blocking').map((f) => f.code)).toEqual([
      'RIB_KEY_INVALID',
      'IBAN_INVALID',
      'BIC_INVALID',
    ])
  })

  it('tells the expected key 93, in French by default', () => {
    const key = checklist.findings.find((f) => f.code === 'RIB_KEY_INVALID')
    expect(key?.params).toMatchObject({ given: '99', expected: '93' })
    expect(key?.path).toBe('bankAccounts[0].rib.key')
    expect(key?.message).toContain('la clé est 93')
  })

  it('speaks English on request', () => {
    const en = checkPrerequisites(seedDossier(), 'ba1', { today, locale: 'en' })
    expect(en.findings.find((f) => f.code === 'IBAN_INVALID')?.message).toMatch(
      /^IBAN FR7699999999991234567899799 is invalid \(wrong RIB key inside the IBAN, wrong check digits \(mod 97\)\)/,
    )
  })

  it('is ready once the three are corrected', () => {
    expect(checkPrerequisites(goodDossier(), 'ba1', { today })).toEqual({ ok: true, findings: [] })
  })
})

// Each row: a defect a person can make, and exactly the codes it must produce.
const rows: ReadonlyArray<readonly [string, () => ReadonlyArray<FindingCode>, ReadonlyArray<FindingCode>]> = [
  ['unknown bank account id', () => codes(goodDossier(), today, 'nope'), ['BANK_ACCOUNT_NOT_FOUND']],
  ['blank name', () => codes(withAccount(goodDossier(), { name: '  ' })), ['BANK_ACCOUNT_NAME_MISSING']],
  ['no holder', () => codes(withAccount(goodDossier(), { holder: '' })), ['BANK_ACCOUNT_HOLDER_MISSING']],
  ['no RIB', () => codes(withAccount(goodDossier(), { rib: null })), ['RIB_INCOMPLETE']],
  [
    'RIB key typed wrong (the IBAN then names another key too)',
    () =>
      codes(
        withAccount(goodDossier(), {
          rib: { bankCode: '99999', branchCode: '99999', accountNumber: '12345678997', key: '94' },
        }),
      ),
    ['RIB_KEY_INVALID', 'IBAN_RIB_MISMATCH'],
  ],
  ['no IBAN', () => codes(withAccount(goodDossier(), { iban: null })), ['IBAN_MISSING']],
  [
    'IBAN check digits broken',
    () => codes(withAccount(goodDossier(), { iban: 'FR7799999999991234567899793' })),
    ['IBAN_INVALID'],
  ],
  [
    'IBAN of another account',
    // 30006 00001 12345678901 89 is a valid RIB, and this its valid IBAN.
    () => codes(withAccount(goodDossier(), { iban: 'FR7630006000011234567890189' })),
    ['IBAN_RIB_MISMATCH'],
  ],
  ['no BIC', () => codes(withAccount(goodDossier(), { bic: null })), ['BIC_MISSING']],
  ['BIC of the seed', () => codes(withAccount(goodDossier(), { bic: '02155210542' })), ['BIC_INVALID']],
  [
    'German BIC on a French IBAN',
    () => codes(withAccount(goodDossier(), { bic: 'DEUTDEFF' })),
    ['BIC_COUNTRY_MISMATCH'],
  ],
  [
    'currency typed EURO',
    () => codes(withAccount(goodDossier(), { currency: 'EURO' })),
    ['CURRENCY_INVALID'],
  ],
  ['no 512 linked', () => codes({ ...goodDossier(), glAccounts: [] }), ['GL_ACCOUNT_MISSING']],
  [
    'a 411 linked instead of a 512',
    () =>
      codes({
        ...goodDossier(),
        glAccounts: [{ number: '411000', label: 'Clients', bankAccountId: 'ba1' }],
        journals: [
          {
            code: 'BQ1',
            label: 'Banque',
            type: 'bank',
            counterpartAccount: '411000',
            counterpartMode: 'footer',
          },
        ],
      }),
    ['GL_ACCOUNT_NOT_512'],
  ],
  [
    'two 512 linked to one bank account',
    () =>
      codes({
        ...goodDossier(),
        glAccounts: [
          ...goodDossier().glAccounts,
          { number: '512200', label: 'Banque 2', bankAccountId: 'ba1' },
        ],
      }),
    ['GL_ACCOUNT_LINKED_TWICE'],
  ],
  ['no journal', () => codes({ ...goodDossier(), journals: [] }), ['JOURNAL_MISSING']],
  [
    'journal of type general',
    () =>
      codes({
        ...goodDossier(),
        journals: [
          {
            code: 'OD',
            label: 'OD',
            type: 'general',
            counterpartAccount: '512100',
            counterpartMode: 'footer',
          },
        ],
      }),
    ['JOURNAL_TYPE_NOT_BANK'],
  ],
  [
    'journal line by line',
    () =>
      codes({
        ...goodDossier(),
        journals: [
          { code: 'BQ1', label: 'B', type: 'bank', counterpartAccount: '512100', counterpartMode: 'perLine' },
        ],
      }),
    ['JOURNAL_COUNTERPART_NOT_FOOTER'],
  ],
  [
    'two journals on the same 512',
    () =>
      codes({
        ...goodDossier(),
        journals: [
          ...goodDossier().journals,
          { code: 'BQ2', label: 'B', type: 'bank', counterpartAccount: '512100', counterpartMode: 'footer' },
        ],
      }),
    ['JOURNAL_DUPLICATED'],
  ],
  [
    'no fiscal year contains today',
    () =>
      codes({
        ...goodDossier(),
        fiscalYears: [{ start: localDate('2026-01-01'), end: localDate('2026-03-01'), closed: false }],
      }),
    ['FISCAL_YEAR_MISSING'],
  ],
  [
    'a fiscal year ending before it starts',
    () =>
      codes({
        ...goodDossier(),
        fiscalYears: [
          ...goodDossier().fiscalYears,
          { start: localDate('2027-12-31'), end: localDate('2027-01-01'), closed: false },
        ],
      }),
    ['FISCAL_YEAR_INVALID'],
  ],
  [
    'overlapping fiscal years',
    () =>
      codes({
        ...goodDossier(),
        fiscalYears: [
          ...goodDossier().fiscalYears,
          { start: localDate('2026-07-01'), end: localDate('2027-06-30'), closed: false },
        ],
      }),
    ['FISCAL_YEARS_OVERLAP'],
  ],
  ['no protocol', () => codes(withFeed(goodDossier(), { protocol: null })), ['FEED_PROTOCOL_MISSING']],
  [
    'no feed settings at all',
    () => codes(withAccount(goodDossier(), { feed: null })),
    ['FEED_PROTOCOL_MISSING'],
  ],
  [
    'start date in a closed year',
    () =>
      codes(
        withFeed(
          {
            ...goodDossier(),
            fiscalYears: [
              { start: localDate('2025-01-01'), end: localDate('2025-12-31'), closed: true },
              ...goodDossier().fiscalYears,
            ],
          },
          { startDate: localDate('2025-12-01') },
        ),
      ),
    ['FEED_START_DATE_IN_CLOSED_YEAR'],
  ],
  [
    'start date before every fiscal year',
    () => codes(withFeed(goodDossier(), { startDate: localDate('2025-12-01') })),
    ['FEED_START_DATE_OUTSIDE_FISCAL_YEARS'],
  ],
  [
    'start date 212 days back',
    () => codes(goodDossier(), localDate('2026-08-01')),
    ['FEED_START_DATE_BEYOND_RETENTION'],
  ],
  [
    'start date next month',
    () => codes(withFeed(goodDossier(), { startDate: localDate('2026-04-01') })),
    ['FEED_START_DATE_IN_FUTURE'],
  ],
  [
    'a 512 as waiting account',
    () => codes({ ...goodDossier(), waitingAccount: '512000' }),
    ['WAITING_ACCOUNT_INVALID'],
  ],
  [
    'Bankin’ without attached client',
    () => codes(withAccount(goodDossier(), { attachedContactId: null })),
    ['ATTACHED_CONTACT_MISSING'],
  ],
  [
    'attached client that does not exist',
    () => codes(withAccount(goodDossier(), { attachedContactId: 'c9' })),
    ['ATTACHED_CONTACT_MISSING'],
  ],
  [
    'attached client with a broken e-mail',
    () =>
      codes({
        ...goodDossier(),
        contacts: goodDossier().contacts.map((c) => ({ ...c, email: 'lucile@example' })),
      }),
    ['CONTACT_EMAIL_INVALID'],
  ],
]

describe('each defect yields exactly its own codes', () => {
  it.each(rows)('%s', (_name, run, expected) => {
    expect(run()).toEqual(expected)
  })

  it('covers every code of the catalog', () => {
    const produced = new Set(rows.flatMap(([, run]) => run()))
    expect(FINDING_CODES.filter((c) => !produced.has(c))).toEqual([])
  })
})

describe('rules that depend on context', () => {
  it('needs no attached client on a collaborative dossier: the client attaches himself', () => {
    expect(
      codes({ ...withAccount(goodDossier(), { attachedContactId: null }), collaborative: true }),
    ).toEqual([])
  })

  it('needs no attached client for CFONB files', () => {
    expect(
      codes(withFeed(withAccount(goodDossier(), { attachedContactId: null }), { protocol: 'cfonb' })),
    ).toEqual([])
  })

  it('needs no RIB for a foreign account', () => {
    const d = withAccount(goodDossier(), { rib: null, iban: 'DE89370400440532013000', bic: 'COBADEFF' })
    expect(codes(d)).toEqual([])
  })

  it('defaults the start date to the current fiscal year, which is not a finding', () => {
    expect(codes(withFeed(goodDossier(), { startDate: null }))).toEqual([])
  })

  it('offers the RIB read from a valid IBAN when the RIB is missing', () => {
    const f = checkPrerequisites(withAccount(goodDossier(), { rib: null }), 'ba1', { today }).findings[0]
    expect(f?.params).toEqual({
      fields: ['bankCode', 'branchCode', 'accountNumber', 'key'],
      fromIban: { bankCode: '99999', branchCode: '99999', accountNumber: '12345678997', key: '93' },
    })
  })

  it('gives warnings without blocking', () => {
    const c = checkPrerequisites(withAccount(goodDossier(), { bic: null }), 'ba1', { today })
    expect(c.ok).toBe(true)
    expect(c.findings.map((f) => f.severity)).toEqual(['warning'])
  })
})

describe('checkDossier', () => {
  it('checks every bank account and is ok only when all are', () => {
    const good = goodDossier()
    const two: Dossier = {
      ...good,
      bankAccounts: [...good.bankAccounts, { ...(good.bankAccounts[0] as BankAccount), id: 'ba2' }],
    }
    const result = checkDossier(two, { today })
    expect(result.ok).toBe(false)
    expect(result.bankAccounts.map((a) => [a.bankAccountId, a.ok, a.findings.map((f) => f.code)])).toEqual([
      ['ba1', true, []],
      ['ba2', false, ['GL_ACCOUNT_MISSING']],
    ])
  })

  it('is not ok for a dossier without bank accounts', () => {
    expect(checkDossier({ ...goodDossier(), bankAccounts: [] }, { today })).toEqual({
      ok: false,
      bankAccounts: [],
    })
  })
})
