import { feedErrorReport } from '@bankfeed/core'
import { ledgerOfSlice } from '@bankfeed/core/reconcile'
import type { FeedErrorReport } from '@bankfeed/core'
import type { QueuedItem } from '@bankfeed/core/store'
import { flag, parseCommandArgs, stringOption } from '../args.js'
import type { OptionSpec } from '../args.js'
import { EXIT_DATA_ERROR, EXIT_OK } from '../exit-codes.js'
import { jsonText } from '../format/json.js'
import { accountLabel } from '../format/sync-report.js'
import type { CliIo } from '../io.js'
import { usageError } from '../report.js'
import { DATABASE_OPTIONS, databaseLocation, storeFailure, withDatabase } from '../store/database.js'
import { readDossierLedgers } from '../store/read-ledgers.js'
import { selectDossiers } from '../store/select-dossiers.js'
import { todayOf } from '../today.js'
import { HELP_OPTION, REPORT_USAGE } from '../usage.js'

const OPTIONS: Readonly<Record<string, OptionSpec>> = {
  dossier: { type: 'string' },
  today: { type: 'string' },
  en: { type: 'boolean' },
  json: { type: 'boolean' },
  ...DATABASE_OPTIONS,
  ...HELP_OPTION,
}

/** The unmatched queue by account, for people: what waits, since when. */
interface QueuedAccount {
  readonly account: string
  readonly reason: string
  readonly items: number
  readonly since: string
  readonly connections: ReadonlyArray<string>
}

const byAccount = (queue: ReadonlyArray<QueuedItem>): ReadonlyArray<QueuedAccount> => {
  const groups = new Map<string, { reason: string; items: number; since: string; connections: Set<string> }>()
  for (const q of queue) {
    const key = accountLabel(q.item.account)
    const group = groups.get(key)
    if (group === undefined)
      groups.set(key, {
        reason: q.reason,
        items: 1,
        since: q.queuedOn,
        connections: new Set([q.connectionId]),
      })
    else {
      group.items++
      if (q.queuedOn < group.since) group.since = q.queuedOn
      group.connections.add(q.connectionId)
    }
  }
  return [...groups].map(([account, g]) => ({
    account,
    reason: g.reason,
    items: g.items,
    since: g.since,
    connections: [...g.connections].sort(),
  }))
}

const formatDossier = (report: FeedErrorReport, name: string, fr: boolean): string => {
  const head = `Dossier ${report.dossierCode} — ${name} : `
  if (report.items.length === 0) return `${head}${fr ? 'aucune anomalie' : 'no issue'}\n`
  const errors = report.items.filter((i) => i.severity === 'error').length
  const lines = report.items.map(
    (i) => `  ${i.severity === 'error' ? '✖' : '!'} ${i.bankAccountId ?? '-'} ${i.code} : ${i.message}\n`,
  )
  return `${head}${errors} ${fr ? 'erreur(s)' : 'error(s)'}, ${report.items.length - errors} ${fr ? 'avertissement(s)' : 'warning(s)'}\n${lines.join('')}`
}

/**
 * `bankfeed report [--dossier CODE]`: the error report ("relevés en erreur") of every dossier (or
 * one) from what the database holds — balance differences and missing statements, proven against
 * each statement's balances — and the unmatched queue: statements of accounts no dossier knows,
 * waiting to be booked. French by default. Exit 0 when nothing is an error, 1 otherwise.
 */
export const runReport = async (args: readonly string[], io: CliIo): Promise<number> => {
  const parsed = parseCommandArgs(args, OPTIONS)
  if (!parsed.ok) return usageError(io, parsed.message, REPORT_USAGE)
  if (flag(parsed, 'help')) {
    io.stdout(REPORT_USAGE)
    return EXIT_OK
  }
  if (parsed.positionals.length > 0)
    return usageError(io, `report: unexpected argument '${parsed.positionals[0] ?? ''}'`, REPORT_USAGE)
  const today = todayOf(stringOption(parsed, 'today'), io.now)
  if (!today.ok) return usageError(io, today.message, REPORT_USAGE)
  const location = databaseLocation(parsed, io)
  if (!location.ok) return usageError(io, location.message, REPORT_USAGE)
  const json = flag(parsed, 'json')
  const fr = !flag(parsed, 'en')
  const dossierCode = stringOption(parsed, 'dossier')

  return withDatabase(io, location.location, json, async (store) => {
    const selected = await selectDossiers(io, store, dossierCode, json)
    if (!selected.ok) return selected.exit
    const reports: { report: FeedErrorReport; name: string }[] = []
    for (const dossier of selected.dossiers) {
      const ledgers = await readDossierLedgers(store, dossier)
      if (ledgers._tag === 'Left') return storeFailure(io, ledgers.left, json)
      const report = feedErrorReport({
        dossier,
        today: today.today,
        locale: fr ? 'fr' : 'en',
        accounts: ledgers.right.map((records) => ({
          bankAccountId: records.key.bankAccountId,
          ledger: ledgerOfSlice(records),
        })),
      })
      reports.push({ report, name: dossier.name })
    }
    // The queue belongs to the firm, not to a dossier: shown in full, or not with --dossier.
    let queue: ReadonlyArray<QueuedAccount> = []
    if (dossierCode === undefined) {
      const queued = await store.ledgers.loadUnmatched(null)()
      if (queued._tag === 'Left') return storeFailure(io, queued.left, json)
      queue = byAccount(queued.right)
    }
    const ok = reports.every((r) => r.report.ok) && queue.length === 0
    if (json)
      io.stdout(
        jsonText({ today: today.today, ok, dossiers: reports.map((r) => r.report), unmatched: queue }),
      )
    else {
      const out: string[] = [
        fr ? `Relevés en erreur au ${today.today}\n` : `Feed error report on ${today.today}\n`,
      ]
      if (reports.length === 0)
        out.push(fr ? '  aucun dossier dans la base\n' : '  no dossier in the database\n')
      for (const r of reports) out.push(formatDossier(r.report, r.name, fr))
      if (queue.length > 0) {
        out.push(
          fr
            ? `En attente, comptes inconnus de tous les dossiers (${queue.length}) :\n`
            : `Waiting, accounts no dossier knows (${queue.length}):\n`,
        )
        for (const q of queue)
          out.push(
            fr
              ? `  ✖ ${q.account} : ${q.items} élément(s) depuis le ${q.since} (${q.connections.join(', ')}) — ajoutez ce compte à son dossier, ils seront comptabilisés au prochain import\n`
              : `  ✖ ${q.account}: ${q.items} item(s) since ${q.since} (${q.connections.join(', ')}) — add the account to its dossier; the next import books them\n`,
          )
      }
      io.stdout(out.join(''))
    }
    return ok ? EXIT_OK : EXIT_DATA_ERROR
  })
}
