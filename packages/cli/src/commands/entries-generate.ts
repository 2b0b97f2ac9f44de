import { generateEntriesOnDemand, noopEventPublisher } from '@bankfeed/core'
import { flag, parseCommandArgs, stringOption } from '../args.js'
import type { OptionSpec } from '../args.js'
import { EXIT_DATA_ERROR, EXIT_OK } from '../exit-codes.js'
import { jsonText } from '../format/json.js'
import type { CliIo } from '../io.js'
import { usageError } from '../report.js'
import { DATABASE_OPTIONS, databaseLocation, storeErrorText, withDatabase } from '../store/database.js'
import { cliClock, cliLogger } from '../store/engine-deps.js'
import { readRulesFile } from '../store/rules-file.js'
import { selectDossiers } from '../store/select-dossiers.js'
import { todayOf } from '../today.js'
import { ENTRIES_GENERATE_USAGE, HELP_OPTION } from '../usage.js'

const OPTIONS: Readonly<Record<string, OptionSpec>> = {
  dossier: { type: 'string' },
  account: { type: 'string' },
  rules: { type: 'string' },
  today: { type: 'string' },
  en: { type: 'boolean' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
  ...DATABASE_OPTIONS,
  ...HELP_OPTION,
}

/** What generation did on one bank account. */
interface AccountOutcome {
  readonly dossierCode: string
  readonly bankAccountId: string
  readonly generated: number
  /** Movements left waiting: their day is in a closed fiscal year, or in none. */
  readonly refused: number
  /** Why nothing could be generated, when so. */
  readonly error: string | null
}

/**
 * `bankfeed entries generate [--dossier CODE] [--account ID] [--rules FILE]`: generates the entries
 * of every movement that has none yet (accounts whose feed does not book automatically, or
 * movements refused before), one commit per bank account; a movement never gets two entries, so
 * running it again generates nothing new. Exit 1 when an account could not be booked.
 */
export const runEntriesGenerate = async (args: readonly string[], io: CliIo): Promise<number> => {
  const parsed = parseCommandArgs(args, OPTIONS)
  if (!parsed.ok) return usageError(io, parsed.message, ENTRIES_GENERATE_USAGE)
  if (flag(parsed, 'help')) {
    io.stdout(ENTRIES_GENERATE_USAGE)
    return EXIT_OK
  }
  if (parsed.positionals.length > 0)
    return usageError(
      io,
      `entries generate: unexpected argument '${parsed.positionals[0] ?? ''}'`,
      ENTRIES_GENERATE_USAGE,
    )
  const dossierCode = stringOption(parsed, 'dossier')
  const accountId = stringOption(parsed, 'account')
  if (accountId !== undefined && dossierCode === undefined)
    return usageError(io, '--account needs --dossier', ENTRIES_GENERATE_USAGE)
  const todayText = stringOption(parsed, 'today')
  const today = todayOf(todayText, io.now)
  if (!today.ok) return usageError(io, today.message, ENTRIES_GENERATE_USAGE)
  const location = databaseLocation(parsed, io)
  if (!location.ok) return usageError(io, location.message, ENTRIES_GENERATE_USAGE)
  const json = flag(parsed, 'json')
  const fr = !flag(parsed, 'en')
  const rules = await readRulesFile(io, stringOption(parsed, 'rules'), json)
  if (!rules.ok) return rules.exit
  const deps = {
    clock: cliClock(todayText === undefined ? undefined : today.today, io.now),
    events: noopEventPublisher,
    logger: cliLogger(io.stderr, flag(parsed, 'verbose')),
  }

  return withDatabase(io, location.location, json, async (store) => {
    const selected = await selectDossiers(io, store, dossierCode, json)
    if (!selected.ok) return selected.exit
    const outcomes: AccountOutcome[] = []
    const work = selected.dossiers.flatMap((dossier) =>
      dossier.bankAccounts
        .filter((b) => accountId === undefined || b.id === accountId)
        .map((b) => ({ dossier, bankAccountId: b.id })),
    )
    if (accountId !== undefined && work.length === 0)
      return usageError(
        io,
        `dossier ${dossierCode ?? ''} has no bank account ${accountId}`,
        ENTRIES_GENERATE_USAGE,
      )
    for (const [i, { dossier, bankAccountId }] of work.entries()) {
      if (io.stderrIsTTY && work.length > 1)
        io.stderr(`\rbankfeed: ${i + 1}/${work.length} ${dossier.code}/${bankAccountId}\u001b[K`)
      const generated = await generateEntriesOnDemand(
        { store: store.ledgers, ...deps },
        { dossier, bankAccountId, rules: rules.rules.rulesOf(dossier.code) },
      )()
      const base = { dossierCode: dossier.code, bankAccountId }
      if (generated._tag === 'Right')
        outcomes.push({
          ...base,
          generated: generated.right.entries.length,
          refused: generated.right.refused.length,
          error: null,
        })
      else {
        const e = generated.left
        const error =
          e._tag === 'StoreFailed'
            ? storeErrorText(e.error)
            : e._tag === 'EntrySetupMissing'
              ? e.error._tag === 'NoGlAccount'
                ? 'no 512 account is linked to this bank account'
                : `no bank journal has ${e.error.glAccount} as counterpart`
              : e._tag === 'InvalidRules'
                ? `invalid counterpart rules: ${e.errors.map((r) => `${r.ruleId}: ${r.message}`).join('; ')}`
                : 'unknown bank account or currency'
        outcomes.push({ ...base, generated: 0, refused: 0, error })
      }
    }
    if (io.stderrIsTTY && work.length > 1) io.stderr('\r\u001b[2K')
    if (json) io.stdout(jsonText({ accounts: outcomes }))
    else
      for (const o of outcomes)
        io.stdout(
          o.error !== null
            ? `  ✖ ${o.dossierCode}/${o.bankAccountId} : ${o.error}\n`
            : fr
              ? `  ${o.dossierCode}/${o.bankAccountId} : ${o.generated} écriture(s) générée(s)${o.refused > 0 ? `, ${o.refused} mouvement(s) sans écriture (exercice clos ou absent)` : ''}\n`
              : `  ${o.dossierCode}/${o.bankAccountId}: ${o.generated} entr${o.generated === 1 ? 'y' : 'ies'} generated${o.refused > 0 ? `, ${o.refused} movement(s) left (closed or no fiscal year)` : ''}\n`,
        )
    return outcomes.some((o) => o.error !== null) ? EXIT_DATA_ERROR : EXIT_OK
  })
}
