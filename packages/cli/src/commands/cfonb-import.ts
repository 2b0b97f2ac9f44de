/// <reference types="node" />
import { resolve } from 'node:path'
import { makeContext, noopEventPublisher, syncConnection } from '@bankfeed/core'
import type { BankConnector } from '@bankfeed/core'
import { makeCfonbInboxConnector, makeNodeFileSource } from '@bankfeed/connector-cfonb/inbox'
import { encodingOfOption } from './cfonb-parse.js'
import { flag, parseCommandArgs, stringOption } from '../args.js'
import type { OptionSpec } from '../args.js'
import { EXIT_DATA_ERROR, EXIT_OK } from '../exit-codes.js'
import { jsonText } from '../format/json.js'
import { formatSyncReport, syncErrorText, syncReportJson } from '../format/sync-report.js'
import type { CliIo } from '../io.js'
import { createProgress } from '../progress.js'
import { usageError } from '../report.js'
import { DATABASE_OPTIONS, databaseLocation, storeFailure, withDatabase } from '../store/database.js'
import { makeCfonbFilesConnector } from '../store/cfonb-files-connector.js'
import { cliClock, cliLogger } from '../store/engine-deps.js'
import { accountsOf } from '../store/release-queue.js'
import { readRulesFile } from '../store/rules-file.js'
import { todayOf } from '../today.js'
import { CFONB_IMPORT_USAGE, HELP_OPTION } from '../usage.js'

const OPTIONS: Readonly<Record<string, OptionSpec>> = {
  inbox: { type: 'string' },
  rules: { type: 'string' },
  connection: { type: 'string' },
  lenient: { type: 'boolean' },
  encoding: { type: 'string' },
  today: { type: 'string' },
  en: { type: 'boolean' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
  ...DATABASE_OPTIONS,
  ...HELP_OPTION,
}

/** The connection CFONB imports go through unless `--connection` says otherwise. */
export const DEFAULT_CFONB_CONNECTION = 'cfonb'

/**
 * `bankfeed cfonb import FILE… | --inbox DIR`: reads CFONB 120 statement files (named, or every
 * new file of an inbox folder, which then moves them to `processed/` or `rejected/`), routes each
 * statement to the dossier bank account of its RIB, reconciles it with what the ledger holds
 * (every movement once, whatever the number of imports), generates the entries of the accounts
 * whose feed books automatically, and commits it all in one transaction. Statements of accounts no
 * dossier knows are kept in the unmatched queue and booked once a dossier gains the account. Exit 0
 * when every file was read, 1 when a file was refused, the database failed or nothing was committed.
 */
export const runCfonbImport = async (args: readonly string[], io: CliIo): Promise<number> => {
  const parsed = parseCommandArgs(args, OPTIONS)
  if (!parsed.ok) return usageError(io, parsed.message, CFONB_IMPORT_USAGE)
  if (flag(parsed, 'help')) {
    io.stdout(CFONB_IMPORT_USAGE)
    return EXIT_OK
  }
  const inbox = stringOption(parsed, 'inbox')
  const paths = parsed.positionals
  if (inbox === undefined && paths.length === 0)
    return usageError(io, 'cfonb import: give FILE… or --inbox DIR', CFONB_IMPORT_USAGE)
  if (inbox !== undefined && paths.length > 0)
    return usageError(io, 'cfonb import: give FILE… or --inbox DIR, not both', CFONB_IMPORT_USAGE)
  const encodingName = stringOption(parsed, 'encoding') ?? 'auto'
  const encoding = encodingOfOption(encodingName)
  if (encoding === undefined)
    return usageError(
      io,
      `--encoding must be auto, utf8 or latin1, got '${encodingName}'`,
      CFONB_IMPORT_USAGE,
    )
  const today = todayOf(stringOption(parsed, 'today'), io.now)
  if (!today.ok) return usageError(io, today.message, CFONB_IMPORT_USAGE)
  const location = databaseLocation(parsed, io)
  if (!location.ok) return usageError(io, location.message, CFONB_IMPORT_USAGE)
  const json = flag(parsed, 'json')
  const locale = flag(parsed, 'en') ? 'en' : 'fr'
  const mode = flag(parsed, 'lenient') ? 'lenient' : 'strict'
  const rules = await readRulesFile(io, stringOption(parsed, 'rules'), json)
  if (!rules.ok) return rules.exit
  const connectionId = stringOption(parsed, 'connection') ?? DEFAULT_CFONB_CONNECTION

  // Progress over all the named files' bytes, on a terminal only.
  let total = 0
  for (const path of paths) {
    const opened = await io.openFile(path)
    if (opened.ok) total += opened.file.size
  }
  const progress = createProgress(io, 'bankfeed: reading', total)

  const clock = cliClock(stringOption(parsed, 'today') === undefined ? undefined : today.today, io.now)
  const connector: BankConnector =
    inbox === undefined
      ? makeCfonbFilesConnector(io, { paths, mode, encoding, onBytes: progress.advance, onFile: () => {} })
      : makeCfonbInboxConnector({
          source: makeNodeFileSource(resolve(io.cwd, inbox)),
          mode,
          encoding,
          context: makeContext({ clock }),
        })

  return withDatabase(io, location.location, json, async (store) => {
    const dossiers = await store.dossiers.list()()
    if (dossiers._tag === 'Left') return storeFailure(io, dossiers.left, json)
    if (dossiers.right.length === 0 && !json)
      io.stderr(
        'bankfeed: no dossier in the database yet (bankfeed dossier import FILE): every statement will wait in the unmatched queue\n',
      )
    const synced = await syncConnection(
      {
        connector,
        store: store.ledgers,
        clock,
        events: noopEventPublisher,
        logger: cliLogger(io.stderr, flag(parsed, 'verbose')),
      },
      {
        connection: { id: connectionId, protocol: 'cfonb' },
        dossiers: dossiers.right,
        accounts: accountsOf(dossiers.right),
        rules: rules.rules.rulesOf,
      },
    )()
    progress.finish()
    if (synced._tag === 'Left') {
      const message = syncErrorText(synced.left)
      if (json) io.stdout(jsonText({ error: { code: `SYNC_${synced.left._tag}`, message } }))
      else io.stderr(`bankfeed: nothing imported: ${message}\n`)
      return EXIT_DATA_ERROR
    }
    const report = synced.right
    io.stdout(json ? jsonText(syncReportJson(report)) : formatSyncReport(report, locale))
    const refusedFile = report.notices.some((n) => n._tag === 'UnreadableFile' || n._tag === 'EmptyFile')
    return refusedFile ? EXIT_DATA_ERROR : EXIT_OK
  })
}
