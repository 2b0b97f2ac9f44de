import type {
  AccountRef,
  AccountSyncReport,
  FeedNotice,
  IngestionDecision,
  SyncError,
  SyncReport,
} from '@bankfeed/core'
import type { Locale } from './checklist.js'

/** What ingestion did with one account's items, by kind of outcome. */
export interface DecisionCounts {
  /** Movements booked for the first time. */
  readonly added: number
  /** Movements the ledger already held (imported before, or the same movement from another source). */
  readonly alreadyKnown: number
  /** Movements left out because they are older than the feed start date. */
  readonly beforeStart: number
  /** Movements refused for another reason (a currency that is not the account's…). */
  readonly refused: number
  /** Statements recorded (or replaced by a corrected one). */
  readonly statements: number
  /** Statements the ledger already held. */
  readonly statementsKnown: number
}

const KNOWN: ReadonlySet<IngestionDecision['_tag']> = new Set([
  'DuplicateProviderId',
  'DuplicateContent',
  'AlreadyHeld',
  'PendingAlreadyBooked',
  'CrossSourceDuplicate',
])

/** Counts an account's decisions. */
export const countDecisions = (decisions: ReadonlyArray<IngestionDecision>): DecisionCounts => {
  let added = 0
  let alreadyKnown = 0
  let beforeStart = 0
  let refused = 0
  let statements = 0
  let statementsKnown = 0
  for (const d of decisions) {
    if (d._tag === 'New' || d._tag === 'PendingBooked') added++
    else if (KNOWN.has(d._tag)) alreadyKnown++
    else if (d._tag === 'BeforeStartDate') beforeStart++
    else if (d._tag === 'CurrencyMismatch') refused++
    else if (d._tag === 'StatementRecorded' || d._tag === 'StatementReplaced') statements++
    else if (d._tag === 'StatementDuplicate') statementsKnown++
  }
  return { added, alreadyKnown, beforeStart, refused, statements, statementsKnown }
}

/** How people read an account that reached no dossier: its IBAN, or its RIB, or its name. */
export const accountLabel = (account: AccountRef): string => {
  if (account.iban !== null) return account.iban
  if (account.bankCode !== null && account.branchCode !== null && account.accountNumber !== null)
    return `RIB ${account.bankCode} ${account.branchCode} ${account.accountNumber}`
  return account.providerAccountId ?? account.name ?? '(unnamed account)'
}

const noticeText = (notice: FeedNotice): string => {
  switch (notice._tag) {
    case 'UnreadableFile':
      return `${notice.file}: ${notice.reason}`
    case 'EmptyFile':
      return `${notice.file}: ${notice.reason}`
    case 'SkippedAccount':
      return `${accountLabel(notice.account)}: ${notice.reason}`
    case 'SkippedItem':
      return `${accountLabel(notice.account)}: ${notice.reason}`
  }
}

const accountLine = (a: AccountSyncReport, locale: Locale): string => {
  const c = countDecisions(a.decisions)
  const fr = locale === 'fr'
  const s = (n: number): string => (n > 1 ? 's' : '')
  // What changed first, always; what did not, only when there is some.
  const parts = fr
    ? [
        `${c.added} mouvement${s(c.added)} nouveau${c.added > 1 ? 'x' : ''}`,
        ...(c.alreadyKnown > 0 ? [`${c.alreadyKnown} déjà connu${s(c.alreadyKnown)}`] : []),
        ...(c.beforeStart > 0 ? [`${c.beforeStart} antérieur${s(c.beforeStart)} à la date de départ`] : []),
        ...(c.refused > 0 ? [`${c.refused} refusé${s(c.refused)} (devise)`] : []),
        ...(c.statements > 0
          ? [`${c.statements} relevé${s(c.statements)} enregistré${s(c.statements)}`]
          : []),
        ...(c.statementsKnown > 0
          ? [`${c.statementsKnown} relevé${s(c.statementsKnown)} déjà importé${s(c.statementsKnown)}`]
          : []),
        `${a.entriesGenerated} écriture${s(a.entriesGenerated)} générée${s(a.entriesGenerated)}`,
      ]
    : [
        `${c.added} new movement${s(c.added)}`,
        ...(c.alreadyKnown > 0 ? [`${c.alreadyKnown} already known`] : []),
        ...(c.beforeStart > 0 ? [`${c.beforeStart} before the start date`] : []),
        ...(c.refused > 0 ? [`${c.refused} refused (currency)`] : []),
        ...(c.statements > 0 ? [`${c.statements} statement${s(c.statements)} recorded`] : []),
        ...(c.statementsKnown > 0
          ? [`${c.statementsKnown} statement${s(c.statementsKnown)} already imported`]
          : []),
        `${a.entriesGenerated} entr${a.entriesGenerated === 1 ? 'y' : 'ies'} generated`,
      ]
  const problems = [
    ...(a.refused.length > 0
      ? [
          fr
            ? `${a.refused.length} sans écriture (exercice clos ou absent)`
            : `${a.refused.length} without entry (closed or no fiscal year)`,
        ]
      : []),
    ...(a.entryError === null
      ? []
      : [fr ? `écritures impossibles : ${a.entryError._tag}` : `no entries: ${a.entryError._tag}`]),
  ]
  return `  ${a.dossierCode}/${a.bankAccountId}${fr ? ' :' : ':'} ${[...parts, ...problems].join(', ')}\n`
}

/** The accounts a sync did something on (the others are left out of its outcome). */
const touchedAccounts = (report: SyncReport): ReadonlyArray<AccountSyncReport> =>
  report.accounts.filter((a) => a.decisions.length > 0 || a.entriesGenerated > 0 || a.entryError !== null)

/** The sync's outcome for people, in French (default) or English. */
export const formatSyncReport = (report: SyncReport, locale: Locale): string => {
  const fr = locale === 'fr'
  const touched = touchedAccounts(report)
  const lines: string[] = []
  lines.push(
    fr
      ? `Connexion ${report.connectionId}, le ${report.today} :\n`
      : `Connection ${report.connectionId} on ${report.today}:\n`,
  )
  if (touched.length === 0) lines.push(fr ? '  rien de nouveau\n' : '  nothing new\n')
  for (const a of touched) lines.push(accountLine(a, locale))
  if (report.released > 0)
    lines.push(
      fr
        ? `  ${report.released} mouvement(s) en attente reclassé(s) dans leur dossier\n`
        : `  ${report.released} queued item(s) routed to their dossier\n`,
    )
  for (const u of report.unmatched)
    lines.push(
      fr
        ? `  ✖ ${accountLabel(u.account)} : compte inconnu de tous les dossiers (${u.reason}) — ${u.items.length} élément(s) mis en attente\n`
        : `  ✖ ${accountLabel(u.account)}: no dossier has this account (${u.reason}) — ${u.items.length} item(s) queued\n`,
    )
  for (const n of report.notices) lines.push(`  ✖ ${noticeText(n)}\n`)
  return lines.join('')
}

/** The sync's outcome for machines. */
export const syncReportJson = (report: SyncReport): unknown => ({
  connectionId: report.connectionId,
  today: report.today,
  accounts: touchedAccounts(report).map((a) => ({
    dossierCode: a.dossierCode,
    bankAccountId: a.bankAccountId,
    ...countDecisions(a.decisions),
    entriesGenerated: a.entriesGenerated,
    entriesRefused: a.refused.length,
    entryError: a.entryError?._tag ?? null,
  })),
  unmatched: report.unmatched.map((u) => ({
    account: accountLabel(u.account),
    reason: u.reason,
    items: u.items.length,
  })),
  released: report.released,
  notices: report.notices.map((n) => ({ kind: n._tag, message: noticeText(n) })),
})

/** Why a sync committed nothing, in one line (no secret: core's errors carry none). */
export const syncErrorText = (error: SyncError): string => {
  switch (error._tag) {
    case 'PullFailed':
      return `the files could not be read: ${error.error.message}`
    case 'StoreFailed':
      return `the database refused the import (${error.error._tag}): ${error.error.message}`
    case 'ConnectorThrew':
    case 'StoreThrew':
      return `${error._tag}: ${error.message} (this is a bug in bankfeed; please report it)`
    case 'InvalidRules':
      return `the counterpart rules of dossier ${error.dossierCode} are invalid: ${error.errors.map((e) => `${e.ruleId}: ${e.message}`).join('; ')}`
    case 'UnknownBankAccount':
      return `bank account ${error.dossierCode}/${error.bankAccountId} is unknown or has no valid currency`
  }
}
