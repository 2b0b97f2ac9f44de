import fc from 'fast-check'
import { addDays, addMonths, BANK_RETENTION_DAYS, daysBetween, maxLocalDate } from '@bankfeed/core/domain'
import type {
  BankAccount,
  Contact,
  Dossier,
  FiscalYear,
  GlAccount,
  Journal,
  LocalDate,
  Protocol,
} from '@bankfeed/core'
import { frenchBicArb, frenchIbanArb } from './bank-identifiers.js'

/** Options of {@link dossierArb}. */
export interface DossierArbOptions {
  /** The day the dossier is checked; the current fiscal year and the start dates are built around it. */
  readonly today: LocalDate
  /** At most this many bank accounts (at least 1). Default 3. */
  readonly maxBankAccounts?: number
}

const fiscalYearsAround = (today: LocalDate): fc.Arbitrary<ReadonlyArray<FiscalYear>> =>
  fc
    .record({
      // The current year began 0 to 11 months ago, on the first of a month.
      monthsAgo: fc.integer({ min: 0, max: 11 }),
      previous: fc.boolean(),
      previousClosed: fc.boolean(),
      next: fc.boolean(),
    })
    .map(({ monthsAgo, previous, previousClosed, next }) => {
      // The first of today's month, as many months back.
      const start = addMonths(addDays(today, 1 - Number(today.slice(8, 10))), -monthsAgo)
      const current: FiscalYear = { start, end: addDays(addMonths(start, 12), -1), closed: false }
      const years: FiscalYear[] = [current]
      if (previous)
        years.unshift({ start: addMonths(start, -12), end: addDays(start, -1), closed: previousClosed })
      if (next)
        years.push({ start: addMonths(start, 12), end: addDays(addMonths(start, 24), -1), closed: false })
      return years
    })

const name = fc.stringMatching(/^[A-Z][a-z]{2,12}$/)

const dossierCodeArb = fc.stringMatching(/^[A-Z]{3}[0-9]{3}$/)
const sirenArb = fc.option(fc.stringMatching(/^[0-9]{9}$/), { nil: null })

const accountDraftArb = fc.record({
  identity: frenchIbanArb(),
  bic: frenchBicArb(),
  holder: name,
  bankName: name,
  protocol: fc.constantFrom<Protocol>('bankin', 'dsp2', 'cfonb', 'sobank'),
  startOffset: fc.option(fc.nat(), { nil: null }),
  frequency: fc.constantFrom('daily' as const, 'weekly' as const, 'monthly' as const),
  autoGenerateEntries: fc.boolean(),
  contact: fc.record({ firstName: name, lastName: name }),
})

/**
 * A well-formed dossier: every bank account has a valid RIB, IBAN and BIC, its own 512 account, its
 * own bank journal in footer mode, a client contact with an e-mail, and a feed start date in the open
 * current fiscal year within the banks' retention. `checkDossier` finds nothing in it on `today`.
 */
export const dossierArb = (options: DossierArbOptions): fc.Arbitrary<Dossier> => {
  const { today } = options
  // Everything is drawn by static arbitraries and assembled by `map` (no `chain`): building
  // regex-based arbitraries per value costs milliseconds, and `map` keeps shrinking simple.
  return fc
    .record({
      fiscalYears: fiscalYearsAround(today),
      code: dossierCodeArb,
      name,
      siren: sirenArb,
      collaborative: fc.boolean(),
      waitingAccount: fc.constantFrom(null, '471000', '47100000', '471100'),
      accounts: fc.array(accountDraftArb, { minLength: 1, maxLength: options.maxBankAccounts ?? 3 }),
    })
    .map(({ accounts, fiscalYears, ...d }): Dossier => {
      const current = fiscalYears.find((y) => y.start <= today && today <= y.end) as FiscalYear
      const earliestStart = maxLocalDate(current.start, addDays(today, -BANK_RETENTION_DAYS))
      const span = daysBetween(earliestStart, today)
      // No start date means the start of the current year, which must then be within retention too.
      const defaultAllowed = current.start >= addDays(today, -BANK_RETENTION_DAYS)
      const contacts: Contact[] = accounts.map((a, i) => ({
        id: `c${i + 1}`,
        firstName: a.contact.firstName,
        lastName: a.contact.lastName,
        email: `${a.contact.firstName.toLowerCase()}.${i + 1}@example.fr`,
        mobile: null,
        role: "Chef d'entreprise",
        subscriberType: 'client',
        consultationAccess: true,
      }))
      const bankAccounts: BankAccount[] = accounts.map((a, i) => ({
        id: `ba${i + 1}`,
        name: `${a.bankName} ${i + 1}`,
        holder: a.holder,
        holderComplement: null,
        rib: a.identity.rib,
        iban: a.identity.iban,
        bic: a.bic,
        currency: 'EUR',
        attachedContactId: `c${i + 1}`,
        main: i === 0,
        feed: {
          protocol: a.protocol,
          startDate:
            a.startOffset === null && defaultAllowed
              ? null
              : addDays(earliestStart, (a.startOffset ?? 0) % (span + 1)),
          startDateLocked: false,
          frequency: a.frequency,
          autoGenerateEntries: a.autoGenerateEntries,
        },
      }))
      const glNumber = (i: number): string => `5121${String(i + 1).padStart(2, '0')}`
      const glAccounts: GlAccount[] = [
        ...accounts.map((_, i) => ({
          number: glNumber(i),
          label: `Banque ${i + 1}`,
          bankAccountId: `ba${i + 1}`,
        })),
        { number: '471000', label: 'Compte d’attente', bankAccountId: null },
      ]
      const journals: Journal[] = [
        ...accounts.map((_, i) => ({
          code: `BQ${i + 1}`,
          label: `Banque ${i + 1}`,
          type: 'bank' as const,
          counterpartAccount: glNumber(i),
          counterpartMode: 'footer' as const,
        })),
        { code: 'AC', label: 'Achats', type: 'purchase', counterpartAccount: null, counterpartMode: null },
      ]
      return { version: 1, ...d, fiscalYears, contacts, bankAccounts, glAccounts, journals }
    })
}
