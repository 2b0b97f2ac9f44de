/** How serious a finding is: a blocking one stops the feed from starting, a warning does not. */
export type Severity = 'blocking' | 'warning'

// The language type lives with the catalog mechanism; still readable from here by the checks.
export type { Locale } from '../messages/catalog.js'

/** The structured parameters of each finding code, for software that shows its own texts. */
export interface FindingParamsByCode {
  readonly BANK_ACCOUNT_NOT_FOUND: { readonly bankAccountId: string }
  readonly BANK_ACCOUNT_NAME_MISSING: { readonly bankAccountId: string }
  readonly BANK_ACCOUNT_HOLDER_MISSING: { readonly bankAccountId: string }
  /** `fields`: the RIB parts missing or malformed; `fromIban`: the parts a valid French IBAN gives, if any. */
  readonly RIB_INCOMPLETE: {
    readonly fields: ReadonlyArray<string>
    readonly fromIban: {
      readonly bankCode: string
      readonly branchCode: string
      readonly accountNumber: string
      readonly key: string
    } | null
  }
  readonly RIB_KEY_INVALID: {
    readonly given: string
    readonly expected: string
    readonly bankCode: string
    readonly branchCode: string
    readonly accountNumber: string
  }
  readonly IBAN_MISSING: Record<string, never>
  /** `problems`: what failed (`WRONG_CHECK_DIGITS`, `WRONG_NATIONAL_CHECK`, `WRONG_LENGTH`…). */
  readonly IBAN_INVALID: { readonly iban: string; readonly problems: ReadonlyArray<string> }
  readonly IBAN_RIB_MISMATCH: { readonly iban: string; readonly ibanBban: string; readonly ribBban: string }
  readonly BIC_MISSING: Record<string, never>
  readonly BIC_INVALID: { readonly bic: string; readonly problem: string }
  readonly BIC_COUNTRY_MISMATCH: {
    readonly bic: string
    readonly bicCountry: string
    readonly ibanCountry: string
  }
  readonly CURRENCY_INVALID: { readonly currency: string }
  readonly GL_ACCOUNT_MISSING: { readonly bankAccountId: string }
  readonly GL_ACCOUNT_NOT_512: { readonly number: string }
  /** Several GL accounts follow this bank account, or this GL account also follows another one. */
  readonly GL_ACCOUNT_LINKED_TWICE: {
    readonly numbers: ReadonlyArray<string>
    readonly bankAccountIds: ReadonlyArray<string>
  }
  readonly JOURNAL_MISSING: { readonly glAccount: string }
  readonly JOURNAL_TYPE_NOT_BANK: { readonly journal: string; readonly type: string }
  readonly JOURNAL_COUNTERPART_NOT_FOOTER: { readonly journal: string; readonly mode: string | null }
  readonly JOURNAL_DUPLICATED: { readonly glAccount: string; readonly journals: ReadonlyArray<string> }
  readonly FISCAL_YEAR_MISSING: { readonly today: string }
  readonly FISCAL_YEAR_INVALID: { readonly start: string; readonly end: string }
  readonly FISCAL_YEARS_OVERLAP: {
    readonly first: { readonly start: string; readonly end: string }
    readonly second: { readonly start: string; readonly end: string }
  }
  readonly FEED_PROTOCOL_MISSING: Record<string, never>
  readonly FEED_START_DATE_IN_CLOSED_YEAR: {
    readonly startDate: string
    readonly yearStart: string
    readonly yearEnd: string
  }
  readonly FEED_START_DATE_OUTSIDE_FISCAL_YEARS: { readonly startDate: string }
  readonly FEED_START_DATE_BEYOND_RETENTION: {
    readonly startDate: string
    readonly retentionDays: number
    readonly oldestReachable: string
  }
  readonly FEED_START_DATE_IN_FUTURE: { readonly startDate: string; readonly today: string }
  readonly WAITING_ACCOUNT_INVALID: { readonly account: string }
  readonly ATTACHED_CONTACT_MISSING: { readonly contactId: string | null }
  readonly CONTACT_EMAIL_INVALID: { readonly contactId: string; readonly email: string | null }
}

/** Every stable finding code; they never change meaning within a major version. */
export type FindingCode = keyof FindingParamsByCode

/** One thing to fix (or to know) before a feed starts. */
export type Finding = {
  readonly [C in FindingCode]: {
    readonly code: C
    readonly severity: Severity
    /** Where in the dossier JSON, e.g. `bankAccounts[0].rib.key`. */
    readonly path: string
    readonly params: FindingParamsByCode[C]
    /** What is wrong and what to do, in the requested locale. */
    readonly message: string
  }
}[FindingCode]

/** The result of checking a bank account's set-up: `ok` is true iff no finding is blocking. */
export interface Checklist {
  readonly ok: boolean
  readonly findings: ReadonlyArray<Finding>
}
