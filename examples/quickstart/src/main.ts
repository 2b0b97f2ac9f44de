/**
 * bankfeed quickstart: reads a dossier (dossier JSON v1), checks every bank account's feed
 * prerequisites and prints the fix list in French, the way a firm's collaborator reads it.
 *
 *   node dist/main.js [dossier.json] [--today YYYY-MM-DD] [--en]
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import {
  checkDossier,
  formatLocalDateFr,
  localDateOfInstant,
  makeLocalDate,
  parseDossierJson,
} from '@bankfeed/core'
import type { Finding, LocalDate } from '@bankfeed/core'

const args = process.argv.slice(2)
const option = (name: string): string | undefined => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}
const file =
  args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--today') ??
  fileURLToPath(new URL('../dossier.json', import.meta.url))
const locale = args.includes('--en') ? 'en' : 'fr'

const todayArg = option('--today')
const parsedToday = todayArg === undefined ? undefined : makeLocalDate(todayArg)
if (parsedToday !== undefined && parsedToday._tag === 'Left') {
  console.error(`--today: expected YYYY-MM-DD, got ${todayArg}`)
  process.exit(2)
}
// The program's edge reads the clock; the library is given the day.
const today: LocalDate = parsedToday?.right ?? localDateOfInstant(new Date().toISOString())

const decoded = parseDossierJson(readFileSync(file, 'utf8'))
if (decoded._tag === 'Left') {
  console.error(`${file} n’est pas un dossier JSON v1 valide :`)
  for (const issue of decoded.left.issues) console.error(`  - ${issue.message}`)
  process.exit(1)
}
const dossier = decoded.right
const result = checkDossier(dossier, { today, locale })

const label = {
  blocking: locale === 'fr' ? 'BLOQUANT' : 'BLOCKING',
  warning: locale === 'fr' ? 'attention' : 'warning',
}
const table = (findings: ReadonlyArray<Finding>): string => {
  const rows = findings.map((f) => [label[f.severity], f.code, f.path, f.message])
  const head =
    locale === 'fr' ? ['Gravité', 'Code', 'Champ', 'À faire'] : ['Severity', 'Code', 'Field', 'What to do']
  const widths = [0, 1, 2].map((c) => Math.max(head[c]?.length ?? 0, ...rows.map((r) => r[c]?.length ?? 0)))
  const line = (cells: ReadonlyArray<string>) =>
    '  ' + cells.map((cell, c) => (c < 3 ? cell.padEnd(widths[c] ?? 0) : cell)).join(' │ ')
  const rule = '  ' + widths.map((w) => '─'.repeat(w)).join('─┼─') + '─┼─' + '─'.repeat(40)
  return [line(head), rule, ...rows.map(line)].join('\n')
}

console.log(
  locale === 'fr'
    ? `Dossier ${dossier.code} — ${dossier.name} : contrôle des prérequis au ${formatLocalDateFr(today)}`
    : `Dossier ${dossier.code} — ${dossier.name}: prerequisite check on ${today}`,
)
for (const account of result.bankAccounts) {
  const bankAccount = dossier.bankAccounts.find((a) => a.id === account.bankAccountId)
  const blocking = account.findings.filter((f) => f.severity === 'blocking').length
  const warnings = account.findings.length - blocking
  const status = account.ok
    ? locale === 'fr'
      ? `prêt pour la collecte${warnings > 0 ? ` (${warnings} avertissement${warnings > 1 ? 's' : ''})` : ''}`
      : `ready${warnings > 0 ? ` (${warnings} warning${warnings > 1 ? 's' : ''})` : ''}`
    : locale === 'fr'
      ? `${blocking} point${blocking > 1 ? 's' : ''} bloquant${blocking > 1 ? 's' : ''} à corriger`
      : `${blocking} blocking issue${blocking > 1 ? 's' : ''} to fix`
  console.log(
    `\n${account.ok ? '✔' : '✖'} ${bankAccount?.name ?? account.bankAccountId} (${account.bankAccountId}) : ${status}`,
  )
  if (account.findings.length > 0) console.log(table(account.findings))
}
console.log(
  result.ok
    ? locale === 'fr'
      ? '\nLe dossier est prêt.'
      : '\nThe dossier is ready.'
    : locale === 'fr'
      ? '\nLe dossier n’est pas prêt : corrigez les points bloquants ci-dessus.'
      : '\nThe dossier is not ready: fix the blocking issues above.',
)
