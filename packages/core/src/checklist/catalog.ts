import { formatDateTextFr } from '../domain/local-date.js'
import { defineCatalog } from '../messages/catalog.js'
import type { Locale } from '../messages/catalog.js'
import type { FindingCode, FindingParamsByCode, Severity } from './finding.js'

const frDate = formatDateTextFr
const list = (xs: ReadonlyArray<string>): string => xs.join(', ')

const RIB_PART_FR: Readonly<Record<string, string>> = {
  bankCode: 'code banque (5 chiffres)',
  branchCode: 'code guichet (5 chiffres)',
  accountNumber: 'numéro de compte (11 caractères)',
  key: 'clé (2 chiffres)',
}
const RIB_PART_EN: Readonly<Record<string, string>> = {
  bankCode: 'bank code (5 digits)',
  branchCode: 'branch code (5 digits)',
  accountNumber: 'account number (11 characters)',
  key: 'key (2 digits)',
}

const IBAN_PROBLEM_FR: Readonly<Record<string, string>> = {
  EMPTY: 'vide',
  UNKNOWN_COUNTRY: 'pays inconnu',
  WRONG_LENGTH: 'longueur incorrecte pour le pays',
  WRONG_BBAN_FORMAT: 'format incorrect pour le pays',
  CHECK_DIGITS_NOT_NUMERIC: 'chiffres de contrôle non numériques',
  WRONG_CHECK_DIGITS: 'chiffres de contrôle (modulo 97) faux',
  WRONG_NATIONAL_CHECK: 'clé RIB contenue dans l’IBAN fausse',
}
const IBAN_PROBLEM_EN: Readonly<Record<string, string>> = {
  EMPTY: 'empty',
  UNKNOWN_COUNTRY: 'unknown country',
  WRONG_LENGTH: 'wrong length for the country',
  WRONG_BBAN_FORMAT: 'wrong format for the country',
  CHECK_DIGITS_NOT_NUMERIC: 'check digits are not numeric',
  WRONG_CHECK_DIGITS: 'wrong check digits (mod 97)',
  WRONG_NATIONAL_CHECK: 'wrong RIB key inside the IBAN',
}

/**
 * The catalog of finding codes: severity, and the French and English texts. French is what users
 * read; English is for integrators' logs and support. `FINDING_CATALOG.entry(code).severity`,
 * `FINDING_CATALOG.message(code, params, locale)`.
 */
export const FINDING_CATALOG = defineCatalog<FindingParamsByCode, { readonly severity: Severity }>({
  BANK_ACCOUNT_NOT_FOUND: {
    severity: 'blocking',
    fr: (p) => `Le compte bancaire « ${p.bankAccountId} » n’existe pas dans ce dossier.`,
    en: (p) => `Bank account "${p.bankAccountId}" does not exist in this dossier.`,
  },
  BANK_ACCOUNT_NAME_MISSING: {
    severity: 'blocking',
    fr: () => 'Le nom (domiciliation) du compte bancaire est vide : renseignez-le.',
    en: () => 'The bank account has no name (domiciliation): fill it in.',
  },
  BANK_ACCOUNT_HOLDER_MISSING: {
    severity: 'blocking',
    fr: () => 'Le nom du titulaire du compte bancaire est vide : renseignez-le.',
    en: () => 'The bank account has no holder name: fill it in.',
  },
  RIB_INCOMPLETE: {
    severity: 'blocking',
    fr: (p) =>
      `RIB incomplet ou mal saisi : ${p.fields.map((f) => RIB_PART_FR[f] ?? f).join(', ')}.` +
      (p.fromIban === null
        ? ''
        : ` D’après l’IBAN : banque ${p.fromIban.bankCode}, guichet ${p.fromIban.branchCode}, numéro ${p.fromIban.accountNumber}, clé ${p.fromIban.key}.`),
    en: (p) =>
      `Incomplete or mistyped RIB: ${p.fields.map((f) => RIB_PART_EN[f] ?? f).join(', ')}.` +
      (p.fromIban === null
        ? ''
        : ` From the IBAN: bank ${p.fromIban.bankCode}, branch ${p.fromIban.branchCode}, account ${p.fromIban.accountNumber}, key ${p.fromIban.key}.`),
  },
  RIB_KEY_INVALID: {
    severity: 'blocking',
    fr: (p) =>
      `La clé RIB ${p.given} est fausse : pour la banque ${p.bankCode}, le guichet ${p.branchCode} et le numéro ${p.accountNumber}, la clé est ${p.expected}. Corrigez la clé, ou le numéro s’il a été mal saisi.`,
    en: (p) =>
      `RIB key ${p.given} is wrong: for bank ${p.bankCode}, branch ${p.branchCode} and account ${p.accountNumber} the key is ${p.expected}. Fix the key, or the account number if it was mistyped.`,
  },
  IBAN_MISSING: {
    severity: 'blocking',
    fr: () => 'L’IBAN du compte bancaire est vide : renseignez-le.',
    en: () => 'The bank account has no IBAN: fill it in.',
  },
  IBAN_INVALID: {
    severity: 'blocking',
    fr: (p) =>
      `L’IBAN ${p.iban} est invalide (${p.problems.map((x) => IBAN_PROBLEM_FR[x] ?? x).join(', ')}) : vérifiez-le sur un relevé d’identité bancaire.`,
    en: (p) =>
      `IBAN ${p.iban} is invalid (${p.problems.map((x) => IBAN_PROBLEM_EN[x] ?? x).join(', ')}): check it against a bank identity statement.`,
  },
  IBAN_RIB_MISMATCH: {
    severity: 'blocking',
    fr: (p) => `L’IBAN ${p.iban} ne correspond pas au RIB saisi (${p.ribBban}) : l’un des deux est faux.`,
    en: (p) => `IBAN ${p.iban} does not match the RIB entered (${p.ribBban}): one of them is wrong.`,
  },
  BIC_MISSING: {
    severity: 'warning',
    fr: () => 'Le code BIC du compte bancaire est vide : il est conseillé de le renseigner.',
    en: () => 'The bank account has no BIC: filling it in is advised.',
  },
  BIC_INVALID: {
    severity: 'blocking',
    fr: (p) =>
      `Le code BIC ${p.bic} est invalide : un BIC compte 8 ou 11 caractères, 4 lettres de banque puis 2 lettres de pays (ex. BNPAFRPP).`,
    en: (p) =>
      `BIC ${p.bic} is invalid: a BIC has 8 or 11 characters, 4 letters of bank then 2 letters of country (e.g. BNPAFRPP).`,
  },
  BIC_COUNTRY_MISMATCH: {
    severity: 'warning',
    fr: (p) =>
      `Le BIC ${p.bic} est d’un autre pays (${p.bicCountry}) que l’IBAN (${p.ibanCountry}) : vérifiez-le.`,
    en: (p) =>
      `BIC ${p.bic} is from another country (${p.bicCountry}) than the IBAN (${p.ibanCountry}): check it.`,
  },
  CURRENCY_INVALID: {
    severity: 'blocking',
    fr: (p) => `La devise « ${p.currency} » n’est pas un code ISO 4217 (ex. EUR).`,
    en: (p) => `Currency "${p.currency}" is not an ISO 4217 code (e.g. EUR).`,
  },
  GL_ACCOUNT_MISSING: {
    severity: 'blocking',
    fr: () =>
      'Aucun compte général 512 n’est lié à ce compte bancaire : créez un compte de type 512 et choisissez ce compte bancaire dans son champ « Compte bancaire ».',
    en: () =>
      'No 512 general-ledger account is linked to this bank account: create a 512 account and choose this bank account in its "bank account" field.',
  },
  GL_ACCOUNT_NOT_512: {
    severity: 'blocking',
    fr: (p) => `Le compte général ${p.number} lié à ce compte bancaire n’est pas un compte de banque 512.`,
    en: (p) => `General-ledger account ${p.number} linked to this bank account is not a 512 bank account.`,
  },
  GL_ACCOUNT_LINKED_TWICE: {
    severity: 'blocking',
    fr: (p) =>
      `Un compte bancaire doit avoir un seul compte 512 et inversement : comptes ${list(p.numbers)} liés aux comptes bancaires ${list(p.bankAccountIds)}.`,
    en: (p) =>
      `A bank account must have exactly one 512 account and the reverse: accounts ${list(p.numbers)} linked to bank accounts ${list(p.bankAccountIds)}.`,
  },
  JOURNAL_MISSING: {
    severity: 'blocking',
    fr: (p) =>
      `Aucun journal n’a le compte ${p.glAccount} pour contrepartie : créez un journal de type Banque, contrepartie ${p.glAccount}, type de contrepartie « pied de page ».`,
    en: (p) =>
      `No journal has account ${p.glAccount} as counterpart: create a bank journal with counterpart ${p.glAccount} and counterpart type "footer" (pied de page).`,
  },
  JOURNAL_TYPE_NOT_BANK: {
    severity: 'blocking',
    fr: (p) => `Le journal ${p.journal} n’est pas de type Banque : changez son type en Banque.`,
    en: (p) => `Journal ${p.journal} is not of type bank (it is ${p.type}): change its type to bank.`,
  },
  JOURNAL_COUNTERPART_NOT_FOOTER: {
    severity: 'blocking',
    fr: (p) =>
      `Le type de contrepartie du journal ${p.journal} doit être « pied de page »${p.mode === 'perLine' ? ' (il est « ligne à ligne »)' : ' (il n’est pas renseigné)'}.`,
    en: (p) =>
      `The counterpart type of journal ${p.journal} must be "footer" (pied de page)${p.mode === 'perLine' ? ', not "per line"' : '; it is not set'}.`,
  },
  JOURNAL_DUPLICATED: {
    severity: 'warning',
    fr: (p) =>
      `Plusieurs journaux (${list(p.journals)}) ont le compte ${p.glAccount} pour contrepartie : les écritures iront dans le premier ; gardez-en un seul.`,
    en: (p) =>
      `Several journals (${list(p.journals)}) have account ${p.glAccount} as counterpart: entries go to the first one; keep only one.`,
  },
  FISCAL_YEAR_MISSING: {
    severity: 'blocking',
    fr: (p) => `Aucun exercice ne contient la date du jour (${frDate(p.today)}) : créez l’exercice en cours.`,
    en: (p) => `No fiscal year contains today (${p.today}): create the current fiscal year.`,
  },
  FISCAL_YEAR_INVALID: {
    severity: 'blocking',
    fr: (p) => `L’exercice du ${frDate(p.start)} au ${frDate(p.end)} se termine avant de commencer.`,
    en: (p) => `The fiscal year from ${p.start} to ${p.end} ends before it starts.`,
  },
  FISCAL_YEARS_OVERLAP: {
    severity: 'blocking',
    fr: (p) =>
      `Les exercices du ${frDate(p.first.start)} au ${frDate(p.first.end)} et du ${frDate(p.second.start)} au ${frDate(p.second.end)} se chevauchent.`,
    en: (p) => `Fiscal years ${p.first.start}–${p.first.end} and ${p.second.start}–${p.second.end} overlap.`,
  },
  FEED_PROTOCOL_MISSING: {
    severity: 'blocking',
    fr: () =>
      'Aucun protocole de collecte (Bankin’, DSP2, CFONB, So bank) n’est choisi pour ce compte bancaire.',
    en: () => 'No collection protocol (Bankin’, DSP2, CFONB, So bank) is chosen for this bank account.',
  },
  FEED_START_DATE_IN_CLOSED_YEAR: {
    severity: 'blocking',
    fr: (p) =>
      `La date de début d’appel (${frDate(p.startDate)}) tombe dans l’exercice clos du ${frDate(p.yearStart)} au ${frDate(p.yearEnd)} : choisissez une date dans un exercice ouvert.`,
    en: (p) =>
      `The feed start date (${p.startDate}) falls in the closed fiscal year ${p.yearStart}–${p.yearEnd}: choose a date in an open year.`,
  },
  FEED_START_DATE_OUTSIDE_FISCAL_YEARS: {
    severity: 'blocking',
    fr: (p) => `La date de début d’appel (${frDate(p.startDate)}) n’est dans aucun exercice du dossier.`,
    en: (p) => `The feed start date (${p.startDate}) is in none of the dossier's fiscal years.`,
  },
  FEED_START_DATE_BEYOND_RETENTION: {
    severity: 'warning',
    fr: (p) =>
      `La date de début d’appel (${frDate(p.startDate)}) a plus de ${p.retentionDays} jours : la plupart des banques ne conservent pas les relevés aussi longtemps, ceux d’avant le ${frDate(p.oldestReachable)} risquent de ne pas être récupérés.`,
    en: (p) =>
      `The feed start date (${p.startDate}) is more than ${p.retentionDays} days ago: most banks do not keep movements that long, those before ${p.oldestReachable} may not be collected.`,
  },
  FEED_START_DATE_IN_FUTURE: {
    severity: 'warning',
    fr: (p) =>
      `La date de début d’appel (${frDate(p.startDate)}) est dans le futur : rien ne sera collecté avant.`,
    en: (p) => `The feed start date (${p.startDate}) is in the future: nothing is collected before it.`,
  },
  WAITING_ACCOUNT_INVALID: {
    severity: 'blocking',
    fr: (p) => `Le compte d’attente ${p.account} n’est pas un compte 47 (ex. 471000).`,
    en: (p) => `Waiting account ${p.account} is not a class-47 account (e.g. 471000).`,
  },
  ATTACHED_CONTACT_MISSING: {
    severity: 'blocking',
    fr: (p) =>
      p.contactId === null
        ? 'Aucun client n’est attaché au compte bancaire : choisissez le contact client qui recevra l’e-mail de connexion à sa banque.'
        : `Le client attaché « ${p.contactId} » n’existe pas dans les contacts du dossier.`,
    en: (p) =>
      p.contactId === null
        ? 'No client contact is attached to the bank account: choose the client contact who receives the bank connection e-mail.'
        : `Attached client "${p.contactId}" is not among the dossier's contacts.`,
  },
  CONTACT_EMAIL_INVALID: {
    severity: 'blocking',
    fr: (p) =>
      p.email === null || p.email.trim() === ''
        ? `Le contact « ${p.contactId} » n’a pas d’adresse e-mail : il ne pourra pas recevoir le lien de connexion.`
        : `L’adresse e-mail « ${p.email} » du contact « ${p.contactId} » est invalide.`,
    en: (p) =>
      p.email === null || p.email.trim() === ''
        ? `Contact "${p.contactId}" has no e-mail address: the connection link cannot reach him.`
        : `E-mail address "${p.email}" of contact "${p.contactId}" is invalid.`,
  },
})

/** Every finding code, in catalog order. */
export const FINDING_CODES: ReadonlyArray<FindingCode> = FINDING_CATALOG.codes

/** The text of a finding in a locale, French by default. */
export const findingMessage = <C extends FindingCode>(
  code: C,
  params: FindingParamsByCode[C],
  locale: Locale = 'fr',
): string => FINDING_CATALOG.message(code, params, locale)
