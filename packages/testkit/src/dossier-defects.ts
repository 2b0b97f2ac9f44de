import fc from 'fast-check'
import { addDays, defaultFeedStartDate, fiscalYearOf } from '@bankfeed/core/domain'
import type { BankAccount, Dossier, FindingCode, LocalDate } from '@bankfeed/core'
import { dossierArb } from './dossier.js'
import type { DossierArbOptions } from './dossier.js'

/** One mistake a person can make in a dossier's set-up, and the finding codes it must produce. */
export interface DossierDefect {
  /** The codes the checklist of the damaged bank account must report, exactly. */
  readonly codes: ReadonlyArray<FindingCode>
  /** Damages the bank account `bankAccountId` (or what it depends on) in a well-formed dossier. */
  readonly apply: (dossier: Dossier, bankAccountId: string, today: LocalDate) => Dossier
}

const patchAccount = (d: Dossier, id: string, patch: (a: BankAccount) => Partial<BankAccount>): Dossier => ({
  ...d,
  bankAccounts: d.bankAccounts.map((a) => (a.id === id ? { ...a, ...patch(a) } : a)),
})

const glOf = (d: Dossier, id: string): string =>
  d.glAccounts.find((g) => g.bankAccountId === id)?.number ?? ''

const startDateOf = (d: Dossier, id: string, today: LocalDate): LocalDate => {
  const start = d.bankAccounts.find((a) => a.id === id)?.feed?.startDate ?? defaultFeedStartDate(d, today)
  // The generated dossiers always have a fiscal year holding today.
  if (start === null) throw new Error(`dossier ${d.code} has no fiscal year on ${today}`)
  return start
}

/** Bumps the IBAN check digits by one (02..98), which mod-97 always catches. */
const breakCheckDigits = (iban: string): string =>
  `${iban.slice(0, 2)}${String(((Number(iban.slice(2, 4)) - 1) % 97) + 2).padStart(2, '0')}${iban.slice(4)}`

/**
 * The catalog of targeted defects. Applied to a dossier from {@link dossierArb}, each makes the
 * checklist of the damaged account report exactly `codes` — a law the property tests check.
 */
export const DOSSIER_DEFECTS = {
  clearName: {
    codes: ['BANK_ACCOUNT_NAME_MISSING'],
    apply: (d, id) => patchAccount(d, id, () => ({ name: ' ' })),
  },
  clearHolder: {
    codes: ['BANK_ACCOUNT_HOLDER_MISSING'],
    apply: (d, id) => patchAccount(d, id, () => ({ holder: '' })),
  },
  dropRib: { codes: ['RIB_INCOMPLETE'], apply: (d, id) => patchAccount(d, id, () => ({ rib: null })) },
  truncateAccountNumber: {
    codes: ['RIB_INCOMPLETE'],
    apply: (d, id) =>
      patchAccount(d, id, (a) => ({
        rib: a.rib && { ...a.rib, accountNumber: a.rib.accountNumber.slice(1) },
      })),
  },
  dropIban: { codes: ['IBAN_MISSING'], apply: (d, id) => patchAccount(d, id, () => ({ iban: null })) },
  breakIbanCheckDigits: {
    codes: ['IBAN_INVALID'],
    apply: (d, id) => patchAccount(d, id, (a) => ({ iban: breakCheckDigits(a.iban ?? '') })),
  },
  dropBic: { codes: ['BIC_MISSING'], apply: (d, id) => patchAccount(d, id, () => ({ bic: null })) },
  digitsAsBic: {
    codes: ['BIC_INVALID'],
    apply: (d, id) => patchAccount(d, id, () => ({ bic: '02155210542' })),
  },
  foreignBic: {
    codes: ['BIC_COUNTRY_MISMATCH'],
    apply: (d, id) => patchAccount(d, id, () => ({ bic: 'DEUTDEFF' })),
  },
  badCurrency: {
    codes: ['CURRENCY_INVALID'],
    apply: (d, id) => patchAccount(d, id, () => ({ currency: 'EURO' })),
  },
  dropGlAccount: {
    codes: ['GL_ACCOUNT_MISSING'],
    apply: (d, id) => ({ ...d, glAccounts: d.glAccounts.filter((g) => g.bankAccountId !== id) }),
  },
  linkSecond512: {
    codes: ['GL_ACCOUNT_LINKED_TWICE'],
    apply: (d, id) => ({
      ...d,
      glAccounts: [...d.glAccounts, { number: '512999', label: 'Banque bis', bankAccountId: id }],
    }),
  },
  dropJournal: {
    codes: ['JOURNAL_MISSING'],
    apply: (d, id) => ({ ...d, journals: d.journals.filter((j) => j.counterpartAccount !== glOf(d, id)) }),
  },
  journalTypeGeneral: {
    codes: ['JOURNAL_TYPE_NOT_BANK'],
    apply: (d, id) => ({
      ...d,
      journals: d.journals.map((j) =>
        j.counterpartAccount === glOf(d, id) ? { ...j, type: 'general' as const } : j,
      ),
    }),
  },
  journalPerLine: {
    codes: ['JOURNAL_COUNTERPART_NOT_FOOTER'],
    apply: (d, id) => ({
      ...d,
      journals: d.journals.map((j) =>
        j.counterpartAccount === glOf(d, id) ? { ...j, counterpartMode: 'perLine' as const } : j,
      ),
    }),
  },
  duplicateJournal: {
    codes: ['JOURNAL_DUPLICATED'],
    apply: (d, id) => ({
      ...d,
      journals: [
        ...d.journals,
        {
          code: 'BQZ',
          label: 'Doublon',
          type: 'bank',
          counterpartAccount: glOf(d, id),
          counterpartMode: 'footer',
        },
      ],
    }),
  },
  dropProtocol: {
    codes: ['FEED_PROTOCOL_MISSING'],
    apply: (d, id) =>
      // Without Bankin' the attached contact stays optional, so nothing else changes.
      patchAccount(d, id, (a) => ({ feed: a.feed && { ...a.feed, protocol: null } })),
  },
  closeStartDateYear: {
    codes: ['FEED_START_DATE_IN_CLOSED_YEAR'],
    apply: (d, id, today) => {
      const year = fiscalYearOf(d.fiscalYears, startDateOf(d, id, today))
      return { ...d, fiscalYears: d.fiscalYears.map((y) => (y === year ? { ...y, closed: true } : y)) }
    },
  },
  startInFuture: {
    codes: ['FEED_START_DATE_IN_FUTURE'],
    apply: (d, id, today) => {
      // Tomorrow; when no fiscal year holds tomorrow, the current one is stretched by a day so that the
      // start date stays inside the years and only the "future" finding appears.
      const year = fiscalYearOf(d.fiscalYears, today)
      const tomorrow = addDays(today, 1)
      const stretch = year !== undefined && fiscalYearOf(d.fiscalYears, tomorrow) === undefined
      const fiscalYears = stretch
        ? d.fiscalYears.map((y) => (y === year ? { ...y, end: tomorrow } : y))
        : d.fiscalYears
      return patchAccount({ ...d, fiscalYears }, id, (a) => ({
        feed: a.feed && { ...a.feed, startDate: tomorrow },
      }))
    },
  },
  waitingAccountNot47: {
    codes: ['WAITING_ACCOUNT_INVALID'],
    apply: (d) => ({ ...d, waitingAccount: '512000' }),
  },
  breakContactEmail: {
    codes: ['CONTACT_EMAIL_INVALID'],
    apply: (d, id) => {
      const contactId = d.bankAccounts.find((a) => a.id === id)?.attachedContactId
      return {
        ...d,
        contacts: d.contacts.map((c) => (c.id === contactId ? { ...c, email: 'no-at-sign.example.fr' } : c)),
      }
    },
  },
  detachContactFromBankin: {
    codes: ['ATTACHED_CONTACT_MISSING'],
    apply: (d, id) => ({
      ...patchAccount(d, id, (a) => ({
        attachedContactId: null,
        feed: a.feed && { ...a.feed, protocol: 'bankin' as const },
      })),
      collaborative: false,
    }),
  },
} satisfies Record<string, DossierDefect>

/** The name of a defect of {@link DOSSIER_DEFECTS}. */
export type DossierDefectName = keyof typeof DOSSIER_DEFECTS

/** A well-formed dossier with one defect applied to one of its bank accounts, and which one. */
export interface DefectiveDossier {
  readonly dossier: Dossier
  readonly bankAccountId: string
  readonly defect: DossierDefectName
  readonly expectedCodes: ReadonlyArray<FindingCode>
}

/** A dossier from {@link dossierArb} with the named defect (or any defect) on one chosen bank account. */
export const dossierWithDefectArb = (
  options: DossierArbOptions & { readonly defect?: DossierDefectName },
): fc.Arbitrary<DefectiveDossier> =>
  fc
    .tuple(
      dossierArb(options),
      options.defect === undefined
        ? fc.constantFrom(...(Object.keys(DOSSIER_DEFECTS) as DossierDefectName[]))
        : fc.constant(options.defect),
      fc.nat(),
    )
    .map(([dossier, defect, pick]) => {
      const bankAccountId = dossier.bankAccounts[pick % dossier.bankAccounts.length]?.id ?? 'ba1'
      const entry: DossierDefect = DOSSIER_DEFECTS[defect]
      return {
        dossier: entry.apply(dossier, bankAccountId, options.today),
        bankAccountId,
        defect,
        expectedCodes: entry.codes,
      }
    })
