import { encodeDossier, noopEventPublisher, parseDossierJson } from '@bankfeed/core'
import type { Dossier } from '@bankfeed/core'
import { flag, parseCommandArgs, stringOption } from '../args.js'
import type { OptionSpec } from '../args.js'
import { EXIT_DATA_ERROR, EXIT_OK } from '../exit-codes.js'
import { jsonText } from '../format/json.js'
import { readAllBytes } from '../io.js'
import type { CliIo } from '../io.js'
import { fileError, usageError } from '../report.js'
import { formatSyncReport, syncErrorText, syncReportJson } from '../format/sync-report.js'
import { DATABASE_OPTIONS, databaseLocation, storeFailure, withDatabase } from '../store/database.js'
import { cliClock, cliLogger } from '../store/engine-deps.js'
import { releaseQueue } from '../store/release-queue.js'
import { readRulesFile } from '../store/rules-file.js'
import { todayOf } from '../today.js'
import { DOSSIER_IMPORT_USAGE, HELP_OPTION } from '../usage.js'

const OPTIONS: Readonly<Record<string, OptionSpec>> = {
  rules: { type: 'string' },
  today: { type: 'string' },
  verbose: { type: 'boolean' },
  en: { type: 'boolean' },
  json: { type: 'boolean' },
  ...DATABASE_OPTIONS,
  ...HELP_OPTION,
}

/** What importing did to one dossier. */
type Outcome = 'added' | 'updated' | 'unchanged'

const OUTCOME_FR: Readonly<Record<Outcome, string>> = {
  added: 'ajouté',
  updated: 'mis à jour',
  unchanged: 'inchangé',
}

/** JSON with object keys sorted: two documents equal in value give the same text, whatever order a database kept. */
const sortedJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  )

/**
 * `bankfeed dossier import FILE…`: decodes every file (dossier JSON v1) first — one invalid file and
 * nothing is saved — then adds each dossier to the database, or replaces the stored one with the
 * same code. Importing the same file again changes nothing. Statements that waited in the unmatched
 * queue for an account the dossier brings are booked by the next import of their connection.
 */
export const runDossierImport = async (args: readonly string[], io: CliIo): Promise<number> => {
  const parsed = parseCommandArgs(args, OPTIONS)
  if (!parsed.ok) return usageError(io, parsed.message, DOSSIER_IMPORT_USAGE)
  if (flag(parsed, 'help')) {
    io.stdout(DOSSIER_IMPORT_USAGE)
    return EXIT_OK
  }
  if (parsed.positionals.length === 0)
    return usageError(io, 'dossier import: missing FILE', DOSSIER_IMPORT_USAGE)
  const location = databaseLocation(parsed, io)
  if (!location.ok) return usageError(io, location.message, DOSSIER_IMPORT_USAGE)
  const json = flag(parsed, 'json')
  const fr = !flag(parsed, 'en')
  const todayText = stringOption(parsed, 'today')
  const today = todayOf(todayText, io.now)
  if (!today.ok) return usageError(io, today.message, DOSSIER_IMPORT_USAGE)
  const rules = await readRulesFile(io, stringOption(parsed, 'rules'), json)
  if (!rules.ok) return rules.exit

  const dossiers: { path: string; dossier: Dossier }[] = []
  const invalid: { path: string; issues: ReadonlyArray<{ path: string; message: string }> }[] = []
  for (const path of parsed.positionals) {
    const opened = await io.openFile(path)
    if (!opened.ok) return fileError(io, opened.error, json)
    const read = await readAllBytes(opened.file)
    if (!read.ok) return fileError(io, read.error, json)
    const decoded = parseDossierJson(new TextDecoder('utf-8').decode(read.bytes))
    if (decoded._tag === 'Left') invalid.push({ path, issues: decoded.left.issues })
    else dossiers.push({ path, dossier: decoded.right })
  }
  const codes = new Map<string, string>()
  for (const { path, dossier } of dossiers) {
    const first = codes.get(dossier.code)
    if (first !== undefined)
      invalid.push({
        path,
        issues: [{ path: 'code', message: `code: ${dossier.code} is also the code of ${first}` }],
      })
    else codes.set(dossier.code, path)
  }
  if (invalid.length > 0) {
    if (json)
      io.stdout(
        jsonText({
          error: {
            code: 'DOSSIER_INVALID',
            message: 'nothing imported: a file is not a valid dossier JSON v1',
            files: invalid.map((f) => ({
              path: f.path,
              issues: f.issues.map((i) => ({ path: i.path, message: i.message })),
            })),
          },
        }),
      )
    else
      for (const f of invalid)
        io.stderr(
          `bankfeed: ${f.path} ${fr ? 'n’est pas un dossier JSON v1 valide (rien n’est importé)' : 'is not a valid dossier JSON v1 (nothing imported)'} :\n` +
            f.issues.map((i) => `  - ${i.message}\n`).join(''),
        )
    return EXIT_DATA_ERROR
  }

  return withDatabase(io, location.location, json, async (store) => {
    const outcomes: { code: string; name: string; outcome: Outcome }[] = []
    for (const { dossier } of dossiers) {
      const stored = await store.dossiers.get(dossier.code)()
      if (stored._tag === 'Left' && stored.left._tag !== 'NotFound')
        return storeFailure(io, stored.left, json)
      const outcome: Outcome =
        stored._tag === 'Left'
          ? 'added'
          : sortedJson(encodeDossier(stored.right)) === sortedJson(encodeDossier(dossier))
            ? 'unchanged'
            : 'updated'
      if (outcome !== 'unchanged') {
        const saved = await store.dossiers.save(dossier)()
        if (saved._tag === 'Left') return storeFailure(io, saved.left, json)
      }
      outcomes.push({ code: dossier.code, name: dossier.name, outcome })
    }
    // Statements that waited for an account these dossiers bring are booked now.
    const all = await store.dossiers.list()()
    if (all._tag === 'Left') return storeFailure(io, all.left, json)
    const released = await releaseQueue(
      store,
      {
        clock: cliClock(todayText === undefined ? undefined : today.today, io.now),
        events: noopEventPublisher,
        logger: cliLogger(io.stderr, flag(parsed, 'verbose')),
      },
      all.right,
      rules.rules,
    )
    if (released._tag === 'Left') {
      const failure = released.left
      if ('store' in failure) return storeFailure(io, failure.store, json)
      const message = `the dossiers are imported, but what waited for their accounts is not booked yet: ${syncErrorText(failure.sync)}`
      if (json)
        io.stdout(jsonText({ dossiers: outcomes, error: { code: `SYNC_${failure.sync._tag}`, message } }))
      else io.stderr(`bankfeed: ${message}\n`)
      return EXIT_DATA_ERROR
    }
    if (json) io.stdout(jsonText({ dossiers: outcomes, released: released.right.map(syncReportJson) }))
    else {
      for (const o of outcomes)
        io.stdout(`${o.code} — ${o.name} : ${fr ? OUTCOME_FR[o.outcome] : o.outcome}\n`)
      for (const r of released.right) io.stdout(formatSyncReport(r, fr ? 'fr' : 'en'))
    }
    return EXIT_OK
  })
}
