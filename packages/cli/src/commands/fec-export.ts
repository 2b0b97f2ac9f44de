/// <reference types="node" />
import { isAbsolute, join, relative, resolve } from 'node:path'
import { checkFec, fecErrorMessage, toFec, validateEntries } from '@bankfeed/core'
import { flag, parseCommandArgs, stringOption } from '../args.js'
import type { OptionSpec } from '../args.js'
import { EXIT_DATA_ERROR, EXIT_OK } from '../exit-codes.js'
import { jsonText } from '../format/json.js'
import type { CliIo } from '../io.js'
import { fileError, usageError } from '../report.js'
import { DATABASE_OPTIONS, databaseLocation, storeFailure, withDatabase } from '../store/database.js'
import { readDossierLedgers } from '../store/read-ledgers.js'
import { readRulesFile } from '../store/rules-file.js'
import { selectDossiers } from '../store/select-dossiers.js'
import { dateOption, todayOf } from '../today.js'
import { FEC_EXPORT_USAGE, HELP_OPTION } from '../usage.js'

const OPTIONS: Readonly<Record<string, OptionSpec>> = {
  dossier: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  out: { type: 'string' },
  rules: { type: 'string' },
  preview: { type: 'boolean' },
  today: { type: 'string' },
  json: { type: 'boolean' },
  ...DATABASE_OPTIONS,
  ...HELP_OPTION,
}

/**
 * `bankfeed fec export --dossier CODE --from DATE --to DATE [--out PATH]`: writes the dossier's
 * entries of the period as a FEC (fichier des écritures comptables, article A47 A-1 of the LPF),
 * checks it with core's `checkFec` and writes it only when it passes, atomically, under its legal
 * name (`<SIREN>FEC<AAAAMMJJ>.txt`) in the current folder, or at `--out`. Entries are exported
 * validated on the export day (`--today`); `--preview` leaves ValidDate empty instead. The same
 * ledger and day give the same bytes.
 */
export const runFecExport = async (args: readonly string[], io: CliIo): Promise<number> => {
  const parsed = parseCommandArgs(args, OPTIONS)
  if (!parsed.ok) return usageError(io, parsed.message, FEC_EXPORT_USAGE)
  if (flag(parsed, 'help')) {
    io.stdout(FEC_EXPORT_USAGE)
    return EXIT_OK
  }
  if (parsed.positionals.length > 0)
    return usageError(
      io,
      `fec export: unexpected argument '${parsed.positionals[0] ?? ''}'`,
      FEC_EXPORT_USAGE,
    )
  const code = stringOption(parsed, 'dossier')
  const fromText = stringOption(parsed, 'from')
  const toText = stringOption(parsed, 'to')
  if (code === undefined || fromText === undefined || toText === undefined)
    return usageError(io, 'fec export: --dossier, --from and --to are required', FEC_EXPORT_USAGE)
  const from = dateOption('from', fromText)
  if (!from.ok) return usageError(io, from.message, FEC_EXPORT_USAGE)
  const to = dateOption('to', toText)
  if (!to.ok) return usageError(io, to.message, FEC_EXPORT_USAGE)
  const today = todayOf(stringOption(parsed, 'today'), io.now)
  if (!today.ok) return usageError(io, today.message, FEC_EXPORT_USAGE)
  const location = databaseLocation(parsed, io)
  if (!location.ok) return usageError(io, location.message, FEC_EXPORT_USAGE)
  const json = flag(parsed, 'json')
  const preview = flag(parsed, 'preview')
  const rules = await readRulesFile(io, stringOption(parsed, 'rules'), json)
  if (!rules.ok) return rules.exit

  const fail = (code: string, message: string): number => {
    if (json) io.stdout(jsonText({ error: { code, message } }))
    else io.stderr(`bankfeed: FEC non écrit. ${message}\n`)
    return EXIT_DATA_ERROR
  }

  return withDatabase(io, location.location, json, async (store) => {
    const selected = await selectDossiers(io, store, code, json)
    if (!selected.ok) return selected.exit
    const dossier = selected.dossiers[0]
    if (dossier === undefined) return EXIT_DATA_ERROR
    const ledgers = await readDossierLedgers(store, dossier)
    if (ledgers._tag === 'Left') return storeFailure(io, ledgers.left, json)
    const entries = ledgers.right.flatMap((l) => l.entries)
    const fec = toFec(preview ? entries : validateEntries(entries, today.today), dossier, {
      from: from.date,
      to: to.date,
      accountLabels: rules.rules.accountLabels,
      auxiliaryLabels: rules.rules.auxiliaryLabels,
      allowUnvalidated: preview,
    })
    // Core's texts, in French like the rest of this command's output.
    if (fec._tag === 'Left') return fail(fec.left._tag, fecErrorMessage(fec.left))
    const check = checkFec(fec.right.content)
    if (!check.ok)
      return fail(
        'FEC_CHECK_FAILED',
        `Le FEC ne passe pas son contrôle (${check.issues.length} anomalie(s) ; la première, ligne ${check.issues[0]?.line ?? '?'} : ${check.issues[0]?.message ?? ''}) : c’est un bogue de bankfeed, merci de le signaler.`,
      )
    const outOption = stringOption(parsed, 'out')
    const target =
      outOption === undefined
        ? join(io.cwd, fec.right.fileName)
        : outOption.endsWith('/') || io.isDirectory(resolve(io.cwd, outOption))
          ? join(resolve(io.cwd, outOption), fec.right.fileName)
          : resolve(io.cwd, outOption)
    const written = await io.writeFile(target, fec.right.content)
    if (!written.ok) return fileError(io, written.error, json)
    const near = relative(io.cwd, target)
    const shown = near.startsWith('..') || isAbsolute(near) ? target : near
    const exported = fec.right.numbering.length
    const lines = fec.right.content.split('\r\n').length - 1
    if (json)
      io.stdout(
        jsonText({
          file: target,
          fileName: fec.right.fileName,
          entries: exported,
          lines,
          preview,
          checked: true,
        }),
      )
    else
      io.stdout(
        `FEC ${fec.right.fileName} : ${exported} écriture(s), ${lines} ligne(s), ${preview ? 'aperçu non validé' : `validé au ${today.today}`}, contrôle conforme → ${shown}\n`,
      )
    return EXIT_OK
  })
}
