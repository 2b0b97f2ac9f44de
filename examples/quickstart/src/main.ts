/**
 * bankfeed quickstart: reads a dossier (dossier JSON v1), checks every bank account's feed
 * prerequisites and prints the fix list in French, the way a firm's collaborator reads it; then
 * imports the CFONB statement shipped beside it, reconciles and books it, and writes the FEC.
 *
 *   node dist/main.js [dossier.json] [--today YYYY-MM-DD] [--en]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import {
  checkDossier,
  checkFec,
  compileCounterpartRules,
  EUR,
  feedErrorReport,
  formatLocalDateFr,
  generateEntries,
  localDateOfInstant,
  makeLocalDate,
  parseDossierJson,
  toFec,
  validateEntries,
} from '@bankfeed/core'
import {
  activeMovements,
  applyLedgerChanges,
  defaultIngestionSettings,
  emptyLedger,
  ingest,
  proveBalances,
} from '@bankfeed/core/reconcile'
import { parseCfonb120, toDomainStatement } from '@bankfeed/connector-cfonb'
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

// Step 2: import the CFONB statement shipped beside the dossier, reconcile it, book it, export the FEC.
const bnp = dossier.bankAccounts.find((a) => a.id === 'ba1')
const parsed = parseCfonb120(readFileSync(fileURLToPath(new URL('../releve.cfonb', import.meta.url))))
if (!parsed.ok) {
  console.error(`releve.cfonb, ligne ${parsed.error.line} : ${parsed.error.message}`)
  process.exit(1)
}
if (bnp === undefined) {
  console.error('ba1 missing from the dossier')
  process.exit(1)
}
let ledger = emptyLedger(dossier.code, bnp.id, EUR)
const source = { protocol: 'cfonb', connectionId: 'quickstart-inbox' }
const items = parsed.statements.flatMap((s) => {
  const mapped = toDomainStatement(s)
  return mapped._tag === 'Right'
    ? [{ _tag: 'Statement' as const, account: mapped.right.account, statement: mapped.right.statement }]
    : []
})
const ingested = ingest(ledger, source, items, defaultIngestionSettings(bnp.feed?.startDate ?? null))
ledger = applyLedgerChanges(ledger, ingested.changes)
const again = ingest(ledger, source, items, defaultIngestionSettings(bnp.feed?.startDate ?? null))
const rules = compileCounterpartRules(
  [
    {
      id: 'edf',
      when: { counterpartyContains: 'electricite de france' },
      account: '401000',
      auxiliary: 'EDF',
    },
  ],
  dossier.waitingAccount ?? '471000',
)
if (rules._tag === 'Left') process.exit(1)
const generated = generateEntries(dossier, ledger, { rules: rules.right })
if (generated._tag === 'Left') {
  console.error(`écritures impossibles : ${generated.left._tag}`)
  process.exit(1)
}
ledger = applyLedgerChanges(ledger, generated.right.changes)
const proofs = proveBalances(ledger)
const year = dossier.fiscalYears.find((y) => !y.closed)
const fec = toFec(validateEntries(ledger.entries, today), dossier, {
  from: year?.start ?? today,
  to: year?.end ?? today,
  accountLabels: new Map([['401000', 'Fournisseurs']]),
})
if (fec._tag === 'Left') {
  console.error(`FEC refusé : ${JSON.stringify(fec.left)}`)
  process.exit(1)
}
const outDir = fileURLToPath(new URL('../out/', import.meta.url))
mkdirSync(outDir, { recursive: true })
writeFileSync(`${outDir}${fec.right.fileName}`, fec.right.content)
const fecCheck = checkFec(fec.right.content)
if (!fecCheck.ok) {
  // The demo's promise is a FEC the checker accepts: `npm test` runs it and must fail otherwise.
  console.error(`FEC non conforme : ${JSON.stringify(fecCheck.issues)}`)
  process.exit(1)
}
const report = feedErrorReport({ dossier, today, locale, accounts: [{ bankAccountId: bnp.id, ledger }] })
console.log(`\nRelevé CFONB importé sur ${bnp.name} :`)
console.log(
  `  ${parsed.summary.statements} relevé(s), ${activeMovements(ledger).length} mouvement(s) ; réimport : ${again.changes.added.length} nouveau`,
)
console.log(
  `  preuves de solde : ${proofs.statementsBalanced} relevé(s) équilibré(s), ${proofs.issues.length} anomalie(s)`,
)
console.log(`  ${ledger.entries.length} écriture(s) au journal ${ledger.entries[0]?.journalCode ?? '-'}`)
console.log(
  `  FEC : out/${fec.right.fileName} — ${fecCheck.ok ? 'conforme' : `${fecCheck.issues.length} anomalie(s)`}`,
)
console.log(
  `  relevés en erreur : ${report.items.length === 0 ? 'aucun' : report.items.map((i) => i.code).join(', ')}`,
)
