import type { Dossier, DossierChecklist, Finding, LocalDate } from '@bankfeed/core'
import { formatLocalDateFr } from '@bankfeed/core'
import { renderTable } from './table.js'

/** Language of the readable checklist. */
export type Locale = 'fr' | 'en'

const TEXT = {
  fr: {
    heading: (d: Dossier, today: LocalDate) =>
      `Dossier ${d.code} — ${d.name} : contrôle des prérequis au ${formatLocalDateFr(today)}`,
    blocking: 'BLOQUANT',
    warning: 'attention',
    columns: ['Gravité', 'Code', 'Champ', 'À faire'],
    ready: (warnings: number) =>
      `prêt pour la collecte${warnings > 0 ? ` (${warnings} avertissement${warnings > 1 ? 's' : ''})` : ''}`,
    notReady: (blocking: number) =>
      `${blocking} point${blocking > 1 ? 's' : ''} bloquant${blocking > 1 ? 's' : ''} à corriger`,
    noAccount: 'Le dossier n’a aucun compte bancaire : ajoutez-en un avant de démarrer la collecte.',
    dossierReady: 'Le dossier est prêt.',
    dossierNotReady: 'Le dossier n’est pas prêt : corrigez les points bloquants ci-dessus.',
  },
  en: {
    heading: (d: Dossier, today: LocalDate) =>
      `Dossier ${d.code} — ${d.name}: prerequisite check on ${today}`,
    blocking: 'BLOCKING',
    warning: 'warning',
    columns: ['Severity', 'Code', 'Field', 'What to do'],
    ready: (warnings: number) =>
      `ready${warnings > 0 ? ` (${warnings} warning${warnings > 1 ? 's' : ''})` : ''}`,
    notReady: (blocking: number) => `${blocking} blocking issue${blocking > 1 ? 's' : ''} to fix`,
    noAccount: 'The dossier has no bank account: add one before starting a feed.',
    dossierReady: 'The dossier is ready.',
    dossierNotReady: 'The dossier is not ready: fix the blocking issues above.',
  },
} as const

const findingsTable = (findings: readonly Finding[], locale: Locale): string[] => {
  const text = TEXT[locale]
  const [severity, code, field, todo] = text.columns
  return renderTable(
    [{ header: severity }, { header: code }, { header: field }, { header: todo }],
    findings.map((f) => [
      f.severity === 'blocking' ? text.blocking : text.warning,
      f.code,
      f.path,
      f.message,
    ]),
    '  ',
  )
}

/**
 * The readable checklist, French by default: a heading with the dossier and the day, then per bank
 * account `✔`/`✖`, its name and id, its status, and a table of findings (severity, code, field path,
 * what to do); a closing verdict. Ends with a newline.
 */
export const formatChecklist = (
  dossier: Dossier,
  result: DossierChecklist,
  today: LocalDate,
  locale: Locale,
): string => {
  const text = TEXT[locale]
  const sep = locale === 'fr' ? ' : ' : ': '
  const lines: string[] = [text.heading(dossier, today)]
  for (const account of result.bankAccounts) {
    const name =
      dossier.bankAccounts.find((a) => a.id === account.bankAccountId)?.name ?? account.bankAccountId
    const blocking = account.findings.filter((f) => f.severity === 'blocking').length
    const status = account.ok ? text.ready(account.findings.length - blocking) : text.notReady(blocking)
    lines.push('', `${account.ok ? '✔' : '✖'} ${name} (${account.bankAccountId})${sep}${status}`)
    if (account.findings.length > 0) lines.push(...findingsTable(account.findings, locale))
  }
  if (result.bankAccounts.length === 0) lines.push('', text.noAccount)
  lines.push('', result.ok ? text.dossierReady : text.dossierNotReady)
  return `${lines.join('\n')}\n`
}

/** The `--json` document: `{ ok, bankAccounts: [{ bankAccountId, ok, findings: [{ code, severity, path, params, message }] }] }`. */
export const checklistJson = (result: DossierChecklist): unknown => ({
  ok: result.ok,
  bankAccounts: result.bankAccounts.map((account) => ({
    bankAccountId: account.bankAccountId,
    ok: account.ok,
    findings: account.findings.map((f) => ({
      code: f.code,
      severity: f.severity,
      path: f.path,
      params: f.params,
      message: f.message,
    })),
  })),
})
