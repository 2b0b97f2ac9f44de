import { formatDateTextFr } from '../domain/local-date.js'
import { defineCatalog } from '../messages/catalog.js'
import type { Locale } from '../messages/catalog.js'
import { REQUIRED_ACTION_TEXTS } from '../domain/required-action.js'
import type { RequiredAction } from '../domain/required-action.js'
import { protocolLabel } from '../lifecycle/firm-notice.js'

/** Structured parameters of each feed report code. Amounts are decimal strings. */
export interface FeedReportParamsByCode {
  readonly BALANCE_DISCREPANCY: {
    readonly kind: 'statement' | 'chain' | 'snapshot' | 'ledger'
    readonly fromDate: string
    readonly toDate: string
    readonly expected: string
    readonly actual: string
    readonly difference: string
    readonly currency: string
  }
  readonly STATEMENTS_MISSING: { readonly previousClosingDate: string; readonly openingDate: string }
  readonly STATEMENTS_OVERLAP: { readonly previousClosingDate: string; readonly openingDate: string }
  readonly ACCOUNT_NOT_ATTACHED: { readonly protocol: string | null }
  readonly ACCOUNT_DETACHED: { readonly protocol: string | null }
  readonly CREDENTIALS_EXPIRED: { readonly since: string }
  readonly ACTION_REQUIRED: { readonly since: string; readonly action: RequiredAction | null }
  readonly CONSENT_EXPIRED: { readonly expiredOn: string }
  readonly CONSENT_EXPIRING: { readonly expiresOn: string; readonly daysLeft: number }
  readonly RATE_LIMITED: { readonly since: string; readonly retryAfterSeconds: number | null }
  readonly PROVIDER_UNAVAILABLE: { readonly since: string }
  readonly UNREADABLE_FILE: { readonly file: string; readonly reason: string; readonly line: number | null }
  readonly EMPTY_FILE: { readonly file: string; readonly bytes: number; readonly reason: string }
  readonly SKIPPED_ITEM: {
    /** The account as the protocol names it (IBAN, bank branch number, provider id). */
    readonly account: string
    readonly providerId: string | null
    readonly reason: string
  }
  readonly SKIPPED_ACCOUNT: { readonly account: string; readonly reason: string }
  readonly FIRM_CONFIGURATION_ERROR: {
    /** The setting at fault, by name, never its value. */
    readonly setting: string
    readonly protocol: string | null
    readonly since: string
    /** The dossier's bank accounts whose collection it stops. */
    readonly bankAccountIds: ReadonlyArray<string>
  }
  readonly UNKNOWN_ACCOUNT: {
    readonly account: string
    readonly items: number
    readonly reason: string
    readonly candidates: ReadonlyArray<string>
  }
  readonly MOVEMENTS_BEFORE_START_DATE: {
    readonly count: number
    readonly startDate: string
    readonly earliest: string
    readonly total: string
  }
  readonly CURRENCY_MISMATCH: { readonly expected: string; readonly received: string; readonly count: number }
  readonly ENTRIES_REFUSED_CLOSED_YEAR: {
    readonly count: number
    readonly firstDate: string
    readonly lastDate: string
  }
  readonly ENTRIES_REFUSED_OUTSIDE_YEARS: {
    readonly count: number
    readonly firstDate: string
    readonly lastDate: string
  }
  readonly ENTRY_SETUP_MISSING: { readonly reason: 'NoGlAccount' | 'NoBankJournal' }
  readonly CHANGED_AFTER_ENTRIES: { readonly deleted: number; readonly updated: number }
}

/** Every feed report code. */
export type FeedReportCode = keyof FeedReportParamsByCode

const d = formatDateTextFr
const fr = (amount: string): string => amount.replace('.', ',')

/** What the report shows of each code besides its texts. */
export interface FeedReportEntryMeta {
  readonly severity: 'error' | 'warning'
  /** `firm` for the firm's own set-up, which no client can fix; `dossier` otherwise. */
  readonly scope: 'firm' | 'dossier'
}

/** Severity, scope and French/English texts of each feed report code ("relevés en erreur"). */
export const FEED_REPORT_CATALOG = defineCatalog<FeedReportParamsByCode, FeedReportEntryMeta>({
  BALANCE_DISCREPANCY: {
    severity: 'error',
    scope: 'dossier',
    fr: (p) =>
      `Écart de solde du ${d(p.fromDate)} au ${d(p.toDate)} : attendu ${fr(p.expected)} ${p.currency}, la banque indique ${fr(p.actual)} ${p.currency} (écart ${fr(p.difference)} ${p.currency})${p.kind === 'chain' ? ' : le relevé ne reprend pas le solde de clôture du précédent' : p.kind === 'snapshot' ? ' : des mouvements manquent ou sont en trop' : p.kind === 'ledger' ? ' : les mouvements reçus n’atteignent pas le solde du relevé (une ligne perdue ou comptée deux fois)' : ''}.`,
    en: (p) =>
      `Balance difference from ${p.fromDate} to ${p.toDate}: expected ${p.expected} ${p.currency}, the bank says ${p.actual} ${p.currency} (difference ${p.difference} ${p.currency}).`,
  },
  STATEMENTS_MISSING: {
    severity: 'error',
    scope: 'dossier',
    fr: (p) => `Relevés manquants entre le ${d(p.previousClosingDate)} et le ${d(p.openingDate)}.`,
    en: (p) => `Statements missing between ${p.previousClosingDate} and ${p.openingDate}.`,
  },
  STATEMENTS_OVERLAP: {
    severity: 'warning',
    scope: 'dossier',
    fr: (p) =>
      `Deux relevés couvrent les mêmes jours (le suivant commence le ${d(p.openingDate)}, avant la clôture du ${d(p.previousClosingDate)}).`,
    en: (p) =>
      `Two statements cover the same days (the next opens on ${p.openingDate}, before the ${p.previousClosingDate} closing).`,
  },
  ACCOUNT_NOT_ATTACHED: {
    severity: 'error',
    scope: 'dossier',
    fr: () =>
      'Le compte bancaire n’est pas attaché : aucun mouvement ne peut être collecté. Envoyez le lien d’attachement au client.',
    en: () =>
      'The bank account is not attached: nothing can be collected. Send the attach link to the client.',
  },
  ACCOUNT_DETACHED: {
    severity: 'warning',
    scope: 'dossier',
    fr: () =>
      'Le compte bancaire est détaché : la collecte est arrêtée, les relevés déjà récupérés sont conservés.',
    en: () => 'The bank account is detached: collection is stopped, statements already fetched are kept.',
  },
  CREDENTIALS_EXPIRED: {
    severity: 'error',
    scope: 'dossier',
    fr: (p) =>
      `Mot de passe bancaire expiré ou modifié depuis le ${d(p.since)} : le client doit se réauthentifier (lien envoyé par e-mail).`,
    en: (p) =>
      `Bank password expired or changed since ${p.since}: the client must authenticate again (link sent by e-mail).`,
  },
  ACTION_REQUIRED: {
    severity: 'error',
    scope: 'dossier',
    fr: (p) =>
      `La banque demande une action du client depuis le ${d(p.since)}${p.action === null ? '' : ` : ${REQUIRED_ACTION_TEXTS[p.action].fr}`}.`,
    en: (p) =>
      `The bank requires an action from the client since ${p.since}${p.action === null ? '' : `: ${REQUIRED_ACTION_TEXTS[p.action].en}`}.`,
  },
  CONSENT_EXPIRED: {
    severity: 'error',
    scope: 'dossier',
    fr: (p) => `Le consentement bancaire a expiré le ${d(p.expiredOn)} : le client doit le renouveler.`,
    en: (p) => `The bank consent expired on ${p.expiredOn}: the client must renew it.`,
  },
  CONSENT_EXPIRING: {
    severity: 'warning',
    scope: 'dossier',
    fr: (p) =>
      `Le consentement bancaire expire le ${d(p.expiresOn)} (dans ${p.daysLeft} jour${p.daysLeft > 1 ? 's' : ''}) : prévenez le client.`,
    en: (p) =>
      `The bank consent expires on ${p.expiresOn} (in ${p.daysLeft} day${p.daysLeft > 1 ? 's' : ''}): tell the client.`,
  },
  RATE_LIMITED: {
    severity: 'warning',
    scope: 'dossier',
    fr: (p) =>
      `La banque limite les appels depuis le ${d(p.since)}${p.retryAfterSeconds === null ? '' : ` ; nouvel essai dans ${p.retryAfterSeconds} s`}.`,
    en: (p) =>
      `The bank limits calls since ${p.since}${p.retryAfterSeconds === null ? '' : `; retry in ${p.retryAfterSeconds} s`}.`,
  },
  PROVIDER_UNAVAILABLE: {
    severity: 'warning',
    scope: 'dossier',
    fr: (p) =>
      `Le service de la banque est indisponible depuis le ${d(p.since)} ; la collecte reprendra d’elle-même.`,
    en: (p) => `The bank's service is unavailable since ${p.since}; collection resumes by itself.`,
  },
  UNREADABLE_FILE: {
    severity: 'error',
    scope: 'dossier',
    fr: (p) => `Fichier illisible « ${p.file} »${p.line === null ? '' : ` (ligne ${p.line})`} : ${p.reason}.`,
    en: (p) => `Unreadable file "${p.file}"${p.line === null ? '' : ` (line ${p.line})`}: ${p.reason}.`,
  },
  EMPTY_FILE: {
    severity: 'warning',
    scope: 'dossier',
    fr: (p) =>
      `Fichier « ${p.file} » sans relevé (${p.reason}) : rien n’a été importé. Une banque n’envoie pas de fichier vide volontairement ; vérifiez l’envoi.`,
    en: (p) =>
      `File "${p.file}" holds no statement (${p.reason}): nothing was imported. A bank does not send an empty file on purpose; check the delivery.`,
  },
  SKIPPED_ITEM: {
    severity: 'warning',
    scope: 'dossier',
    fr: (p) =>
      `Un élément${p.providerId === null ? '' : ` (« ${p.providerId} »)`} du compte ${p.account} a été écarté : ${p.reason}. Le reste a été importé.`,
    en: (p) =>
      `An item${p.providerId === null ? '' : ` ("${p.providerId}")`} of account ${p.account} was skipped: ${p.reason}. The rest was imported.`,
  },
  SKIPPED_ACCOUNT: {
    severity: 'warning',
    scope: 'dossier',
    fr: (p) => `Le compte ${p.account} n’a pas été collecté : ${p.reason}.`,
    en: (p) => `Account ${p.account} was not collected: ${p.reason}.`,
  },
  FIRM_CONFIGURATION_ERROR: {
    severity: 'error',
    scope: 'firm',
    fr: (p) =>
      `Configuration du cabinet à corriger${p.protocol === null ? '' : ` (${protocolLabel(p.protocol)})`} depuis le ${d(p.since)} : le paramètre « ${p.setting} » est refusé. La collecte est suspendue jusqu’à sa correction ; le client n’a rien à faire.`,
    en: (p) =>
      `The firm's configuration needs fixing${p.protocol === null ? '' : ` (${protocolLabel(p.protocol)})`} since ${p.since}: the setting "${p.setting}" is refused. Collection is suspended until it is fixed; the client has nothing to do.`,
  },
  UNKNOWN_ACCOUNT: {
    severity: 'error',
    scope: 'dossier',
    fr: (p) =>
      p.reason === 'AMBIGUOUS_ACCOUNT'
        ? `Le compte ${p.account} correspond à plusieurs comptes bancaires (${p.candidates.join(', ')}) : ${p.items} élément(s) en attente.`
        : `Le compte ${p.account} ne correspond à aucun compte bancaire des dossiers : ${p.items} élément(s) en attente.`,
    en: (p) =>
      p.reason === 'AMBIGUOUS_ACCOUNT'
        ? `Account ${p.account} matches several bank accounts (${p.candidates.join(', ')}): ${p.items} item(s) waiting.`
        : `Account ${p.account} matches no bank account of the dossiers: ${p.items} item(s) waiting.`,
  },
  MOVEMENTS_BEFORE_START_DATE: {
    severity: 'warning',
    scope: 'dossier',
    fr: (p) =>
      `${p.count} mouvement(s) antérieur(s) à la date de début d’appel (${d(p.startDate)}), depuis le ${d(p.earliest)}, ignoré(s) (total ${fr(p.total)}).`,
    en: (p) =>
      `${p.count} movement(s) before the feed start date (${p.startDate}), from ${p.earliest}, ignored (total ${p.total}).`,
  },
  CURRENCY_MISMATCH: {
    severity: 'error',
    scope: 'dossier',
    fr: (p) => `${p.count} élément(s) en ${p.received} refusé(s) : le compte est tenu en ${p.expected}.`,
    en: (p) => `${p.count} item(s) in ${p.received} refused: the account is kept in ${p.expected}.`,
  },
  ENTRIES_REFUSED_CLOSED_YEAR: {
    severity: 'error',
    scope: 'dossier',
    fr: (p) =>
      `${p.count} mouvement(s) du ${d(p.firstDate)} au ${d(p.lastDate)} tombent dans un exercice clos : aucune écriture générée.`,
    en: (p) =>
      `${p.count} movement(s) from ${p.firstDate} to ${p.lastDate} fall in a closed fiscal year: no entry generated.`,
  },
  ENTRIES_REFUSED_OUTSIDE_YEARS: {
    severity: 'error',
    scope: 'dossier',
    fr: (p) =>
      `${p.count} mouvement(s) du ${d(p.firstDate)} au ${d(p.lastDate)} ne sont dans aucun exercice : créez l’exercice.`,
    en: (p) =>
      `${p.count} movement(s) from ${p.firstDate} to ${p.lastDate} are in no fiscal year: create it.`,
  },
  ENTRY_SETUP_MISSING: {
    severity: 'error',
    scope: 'dossier',
    fr: (p) =>
      p.reason === 'NoGlAccount'
        ? 'Aucun compte 512 lié : les écritures ne peuvent pas être générées.'
        : 'Aucun journal de banque sur le compte 512 : les écritures ne peuvent pas être générées.',
    en: (p) =>
      p.reason === 'NoGlAccount'
        ? 'No 512 account linked: entries cannot be generated.'
        : 'No bank journal on the 512 account: entries cannot be generated.',
  },
  CHANGED_AFTER_ENTRIES: {
    severity: 'warning',
    scope: 'dossier',
    fr: (p) =>
      `La banque a modifié ${p.updated} et supprimé ${p.deleted} mouvement(s) déjà comptabilisé(s) : vérifiez les écritures.`,
    en: (p) =>
      `The bank changed ${p.updated} and deleted ${p.deleted} movement(s) already booked: check the entries.`,
  },
})

/** The text of a feed report item in a locale, French by default. */
export const feedReportMessage = <C extends FeedReportCode>(
  code: C,
  params: FeedReportParamsByCode[C],
  locale: Locale = 'fr',
): string => FEED_REPORT_CATALOG.message(code, params, locale)
