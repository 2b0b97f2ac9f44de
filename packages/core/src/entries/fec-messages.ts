/**
 * The texts of the FEC: why an export was refused ({@link FecExportError}), what is wrong with one
 * entry ({@link FecEntryProblem}) and each issue of the checker ({@link FecIssueCode}), in French (the
 * users' language, by default) and English. Amounts are euros, shown with the euro's 2 decimals —
 * `1 234,50 €` in French, `1234.50 EUR` in English — and never rounded: an amount of a foreign file
 * with more decimals keeps them all.
 */
import { EUR, minorUnit } from '../domain/currency.js'
import { formatDateTextFr } from '../domain/local-date.js'
import { Dec, formatMoneyAmount, formatMoneyFr } from '../domain/money.js'
import { defineCatalog } from '../messages/catalog.js'
import type { CatalogItem, Locale, ParamsByTag } from '../messages/catalog.js'
import type { FecIssueParamsByCode } from './fec-check.js'
import type { FecEntryProblem, FecExportError } from './fec-export.js'
import { parseFecDate } from './fec-format.js'

const DECIMAL_TEXT = /^[+-]?\d+(\.\d+)?$/

/** A decimal string of euros as a person of the locale reads it; any other text is shown as it is. */
const euros = (text: string, locale: Locale): string => {
  if (!DECIMAL_TEXT.test(text)) return text
  const money = { amount: new Dec(text), currency: EUR }
  const exact = money.amount.decimalPlaces() <= minorUnit(EUR)
  if (locale === 'fr')
    return exact ? formatMoneyFr(money) : `${money.amount.toFixed().replace('.', ',')}\u00a0€`
  return `${exact ? formatMoneyAmount(money) : money.amount.toFixed()} EUR`
}
const frEuros = (text: string): string => euros(text, 'fr')
const enEuros = (text: string): string => euros(text, 'en')

/** A FEC date `AAAAMMJJ` as `JJ/MM/AAAA` for a French reader; an unreadable one as written. */
const frFecDate = (text: string): string => {
  const date = parseFecDate(text)
  return date === null ? text : formatDateTextFr(date)
}

const frPlural = (n: number, one: string, many: string): string => `${n} ${n > 1 ? many : one}`
const enPlural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`
const list = (xs: ReadonlyArray<string>): string => xs.join(', ')

const DATE_FIELD_FR = {
  date: 'date d’écriture',
  pieceDate: 'date de pièce',
  validatedOn: 'date de validation',
}
const DATE_FIELD_EN = { date: 'entry date', pieceDate: 'piece date', validatedOn: 'validation date' }

/** What is wrong with one entry the FEC cannot hold; `lineIndex` is shown 1-based. */
export const FEC_ENTRY_PROBLEM_CATALOG = defineCatalog<ParamsByTag<FecEntryProblem>>({
  NoLines: { fr: () => 'aucune ligne', en: () => 'no line' },
  Unbalanced: {
    fr: (p) => `déséquilibrée (débit ${frEuros(p.debit)}, crédit ${frEuros(p.credit)})`,
    en: (p) => `unbalanced (debit ${enEuros(p.debit)}, credit ${enEuros(p.credit)})`,
  },
  LineSides: {
    fr: (p) => `ligne ${p.lineIndex + 1} : il faut un seul montant, positif, au débit ou au crédit`,
    en: (p) => `line ${p.lineIndex + 1}: needs one positive amount, on the debit or the credit side`,
  },
  TooManyDecimals: {
    fr: (p) => `ligne ${p.lineIndex + 1} : plus de 2 décimales`,
    en: (p) => `line ${p.lineIndex + 1}: more than 2 decimals`,
  },
  InvalidAccount: {
    fr: (p) => `ligne ${p.lineIndex + 1} : numéro de compte « ${p.account} » invalide`,
    en: (p) => `line ${p.lineIndex + 1}: invalid account number "${p.account}"`,
  },
  EmptyJournalCode: { fr: () => 'code journal vide', en: () => 'empty journal code' },
  InvalidDate: {
    fr: (p) => `${DATE_FIELD_FR[p.field]} « ${p.value} » invalide`,
    en: (p) => `invalid ${DATE_FIELD_EN[p.field]} "${p.value}"`,
  },
  DuplicateId: {
    fr: () => 'identifiant en double : la même écriture serait comptée deux fois',
    en: () => 'duplicate id: the same entry would be booked twice',
  },
  OtherDossier: {
    fr: (p) => `appartient au dossier ${p.dossierCode}`,
    en: (p) => `belongs to dossier ${p.dossierCode}`,
  },
})

/** Why no FEC was written, keyed by the error's `_tag`. */
export const FEC_ERROR_CATALOG = defineCatalog<ParamsByTag<FecExportError>>({
  FecInvalidSiren: {
    fr: (e) =>
      e.siren === null
        ? 'Le dossier n’a pas de SIREN : le FEC est nommé d’après lui (SIREN, « FEC », date de clôture).'
        : `Le SIREN ${e.siren} du dossier n’est pas valide (9 chiffres, clé de Luhn) : le FEC est nommé d’après lui.`,
    en: (e) =>
      e.siren === null
        ? 'The dossier has no SIREN: the FEC is named after it (SIREN, "FEC", closing date).'
        : `The dossier's SIREN ${e.siren} is not valid (9 digits, Luhn key): the FEC is named after it.`,
  },
  FecInvalidPeriod: {
    fr: (e) =>
      `La période du ${formatDateTextFr(e.from)} au ${formatDateTextFr(e.to)} n’est pas valide : deux dates AAAA-MM-JJ, la première au plus tard le jour de la seconde.`,
    en: (e) =>
      `The period ${e.from} → ${e.to} is not valid: two dates YYYY-MM-DD, the first one not after the second.`,
  },
  FecNoEntries: {
    fr: (e) =>
      `Aucune écriture du ${formatDateTextFr(e.from)} au ${formatDateTextFr(e.to)} : il n’y a rien à exporter.`,
    en: (e) => `No entry between ${e.from} and ${e.to}: there is nothing to export.`,
  },
  FecNonEuroEntries: {
    fr: (e) =>
      `${frPlural(e.entries.length, 'écriture n’est', 'écritures ne sont')} pas en euros (${list([...new Set(e.entries.map((x) => x.currency))])}) : le FEC est tenu en euros. Première : ${e.entries[0]?.entryId ?? '?'}.`,
    en: (e) =>
      `${enPlural(e.entries.length, 'entry is', 'entries are')} not in euros (${list([...new Set(e.entries.map((x) => x.currency))])}): the FEC is kept in euros. First: ${e.entries[0]?.entryId ?? '?'}.`,
  },
  FecInvalidEntries: {
    fr: (e) =>
      `${frPlural(e.entries.length, 'écriture ne peut', 'écritures ne peuvent')} pas être écrite${e.entries.length > 1 ? 's' : ''} dans le FEC. Première, ${e.entries[0]?.entryId ?? '?'} : ${(e.entries[0]?.problems ?? []).map((p) => fecEntryProblemMessage(p, 'fr')).join(' ; ')}.`,
    en: (e) =>
      `${enPlural(e.entries.length, 'entry', 'entries')} cannot be written to the FEC. First, ${e.entries[0]?.entryId ?? '?'}: ${(e.entries[0]?.problems ?? []).map((p) => fecEntryProblemMessage(p, 'en')).join('; ')}.`,
  },
  FecUnvalidatedEntries: {
    fr: (e) =>
      `${frPlural(e.entryIds.length, 'écriture n’est pas validée', 'écritures ne sont pas validées')} : un FEC officiel ne contient que des écritures validées (validez-les, ou exportez un aperçu). Première : ${e.entryIds[0] ?? '?'}.`,
    en: (e) =>
      `${enPlural(e.entryIds.length, 'entry is', 'entries are')} not validated: an official FEC holds validated entries only (validate them, or export a preview). First: ${e.entryIds[0] ?? '?'}.`,
  },
  FecMissingAccountLabels: {
    fr: (e) =>
      `Aucun libellé pour ${e.accounts.length > 1 ? 'les comptes' : 'le compte'} ${list(e.accounts)} : le FEC exige le libellé de chaque compte. Ajoutez-le au plan comptable du dossier ou aux libellés de comptes (accountLabels).`,
    en: (e) =>
      `No label for account${e.accounts.length > 1 ? 's' : ''} ${list(e.accounts)}: the FEC requires every account's label. Add it to the dossier's chart of accounts or to the account labels (accountLabels).`,
  },
})

/** The texts of the FEC checker's issues, by code (see `FEC_ISSUE_CODES`). */
export const FEC_ISSUE_CATALOG = defineCatalog<FecIssueParamsByCode>({
  FEC_EMPTY: {
    fr: (p) =>
      p.headerOnly ? 'le fichier a un en-tête mais aucune ligne d’écriture' : 'le fichier est vide',
    en: (p) => (p.headerOnly ? 'the file has a header but no entry line' : 'the file is empty'),
  },
  FEC_HEADER: {
    fr: (p) =>
      p.problem === 'NoSeparator'
        ? 'aucun séparateur tabulation ou | dans la ligne d’en-tête'
        : p.problem === 'FieldCount'
          ? `l’en-tête a ${p.fields} champs, au lieu des ${p.expected} colonnes du FEC`
          : `le champ ${p.position} de l’en-tête est « ${p.found} », au lieu de « ${p.expected} »`,
    en: (p) =>
      p.problem === 'NoSeparator'
        ? 'no tab or | separator in the header line'
        : p.problem === 'FieldCount'
          ? `the header has ${p.fields} fields, expected the ${p.expected} FEC columns`
          : `header field ${p.position} is "${p.found}", expected "${p.expected}"`,
  },
  FEC_EMPTY_LINE: { fr: () => 'ligne vide', en: () => 'blank line' },
  FEC_FIELD_COUNT: {
    fr: (p) => `${p.fields} champs au lieu de ${p.expected}`,
    en: (p) => `${p.fields} fields, expected ${p.expected}`,
  },
  FEC_REQUIRED: {
    fr: (p) => `${p.field} est vide alors qu’il est obligatoire`,
    en: (p) => `${p.field} is empty`,
  },
  FEC_DATE: {
    fr: (p) => `${p.field} « ${p.value} » n’est pas une date AAAAMMJJ`,
    en: (p) => `${p.field} "${p.value}" is not a date AAAAMMJJ`,
  },
  FEC_AMOUNT: {
    fr: (p) =>
      `${p.field} « ${p.value} » n’est pas un montant avec une virgule décimale et sans séparateur de milliers`,
    en: (p) => `${p.field} "${p.value}" is not an amount with a decimal comma and no thousands separator`,
  },
  FEC_BOTH_SIDES: {
    fr: (p) => `Debit (${frEuros(p.debit)}) et Credit (${frEuros(p.credit)}) sont tous deux non nuls`,
    en: (p) => `Debit (${enEuros(p.debit)}) and Credit (${enEuros(p.credit)}) are both non-zero`,
  },
  FEC_ACCOUNT: {
    fr: (p) => `CompteNum « ${p.account} » ne commence pas par 3 chiffres`,
    en: (p) => `CompteNum "${p.account}" does not start with 3 digits`,
  },
  FEC_AUX_LABEL: {
    fr: (p) => `CompAuxNum « ${p.auxiliary} » est rempli mais CompAuxLib est vide`,
    en: (p) => `CompAuxNum "${p.auxiliary}" is filled but CompAuxLib is empty`,
  },
  FEC_NUMBERING: {
    fr: (p) =>
      p.problem === 'NotContiguous'
        ? `l’écriture ${p.journal} ${p.entry} reparaît : ses lignes doivent se suivre`
        : p.problem === 'NoSequenceNumber'
          ? `EcritureNum « ${p.entry} » ne se termine pas par un numéro d’ordre`
          : `EcritureNum « ${p.entry} » rompt la séquence${p.journal === null ? '' : ` du journal ${p.journal}`}${p.prefix === '' ? '' : ` « ${p.prefix}… »`} : numéro ${p.expected} attendu`,
    en: (p) =>
      p.problem === 'NotContiguous'
        ? `entry ${p.journal} ${p.entry} appears again: its lines must be contiguous`
        : p.problem === 'NoSequenceNumber'
          ? `EcritureNum "${p.entry}" does not end with a sequence number`
          : `EcritureNum "${p.entry}" breaks the sequence${p.journal === null ? '' : ` of journal ${p.journal}`}${p.prefix === '' ? '' : ` "${p.prefix}…"`}: expected number ${p.expected}`,
  },
  FEC_MULTIPLE_DATES: {
    fr: (p) =>
      `l’écriture ${p.journal} ${p.entry} a plusieurs dates (${frFecDate(p.first)} et ${frFecDate(p.other)})`,
    en: (p) => `entry ${p.journal} ${p.entry} has several dates (${p.first} and ${p.other})`,
  },
  FEC_UNBALANCED: {
    fr: (p) =>
      `l’écriture ${p.journal} ${p.entry} est déséquilibrée : débit ${frEuros(p.debit)}, crédit ${frEuros(p.credit)}`,
    en: (p) =>
      `entry ${p.journal} ${p.entry} is unbalanced: debit ${enEuros(p.debit)}, credit ${enEuros(p.credit)}`,
  },
  FEC_TOTAL_UNBALANCED: {
    fr: (p) =>
      `le fichier est déséquilibré : total débit ${frEuros(p.debit)}, total crédit ${frEuros(p.credit)}`,
    en: (p) => `the file is unbalanced: total debit ${enEuros(p.debit)}, total credit ${enEuros(p.credit)}`,
  },
})

/** What is wrong with one entry of a refused export, in French by default. */
export const fecEntryProblemMessage = (problem: FecEntryProblem, locale: Locale = 'fr'): string =>
  FEC_ENTRY_PROBLEM_CATALOG.message(problem._tag, problem, locale)

/**
 * Why no FEC was written, in one sentence naming what to fix, in French by default: every
 * {@link FecExportError} kind has a text.
 */
export const fecErrorMessage = (error: FecExportError, locale: Locale = 'fr'): string =>
  FEC_ERROR_CATALOG.message(error._tag, error, locale)

/**
 * The text of a FEC checker issue (or of any `{ code, params }` of {@link FecIssueParamsByCode}) in a
 * locale, French by default: what `checkFec` puts in `message`.
 */
export const fecIssueMessage = (issue: CatalogItem<FecIssueParamsByCode>, locale: Locale = 'fr'): string =>
  FEC_ISSUE_CATALOG.messageOf(issue, locale)
