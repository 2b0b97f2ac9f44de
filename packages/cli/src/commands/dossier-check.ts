import type { DecodeIssue } from '@bankfeed/core'
import { checkDossier, parseDossierJson } from '@bankfeed/core'
import { flag, parseCommandArgs, stringOption } from '../args.js'
import type { OptionSpec } from '../args.js'
import { EXIT_DATA_ERROR, EXIT_OK } from '../exit-codes.js'
import { checklistJson, formatChecklist } from '../format/checklist.js'
import type { Locale } from '../format/checklist.js'
import { jsonText } from '../format/json.js'
import { readAllBytes } from '../io.js'
import type { CliIo } from '../io.js'
import { fileError, usageError } from '../report.js'
import { todayOf } from '../today.js'
import { DOSSIER_CHECK_USAGE, HELP_OPTION } from '../usage.js'

const OPTIONS: Readonly<Record<string, OptionSpec>> = {
  today: { type: 'string' },
  en: { type: 'boolean' },
  json: { type: 'boolean' },
  ...HELP_OPTION,
}

/** Reports a file that is not a dossier JSON v1: every failing path; exit 1. */
const decodeError = (
  io: CliIo,
  path: string,
  issues: readonly DecodeIssue[],
  json: boolean,
  locale: Locale,
): number => {
  if (json) {
    io.stdout(
      jsonText({
        error: {
          code: 'DOSSIER_INVALID',
          message: `${path} is not a valid dossier JSON v1`,
          path,
          issues: issues.map((issue) => ({ path: issue.path, message: issue.message })),
        },
      }),
    )
  } else {
    const n = issues.length
    const heading =
      locale === 'fr'
        ? `${path} n’est pas un dossier JSON v1 valide (${n} erreur${n > 1 ? 's' : ''}) :`
        : `${path} is not a valid dossier JSON v1 (${n} issue${n > 1 ? 's' : ''}):`
    io.stderr(`bankfeed: ${heading}\n${issues.map((issue) => `  - ${issue.message}\n`).join('')}`)
  }
  return EXIT_DATA_ERROR
}

/**
 * `bankfeed dossier check FILE [--today YYYY-MM-DD] [--en] [--json]`: decodes the dossier, runs the
 * prerequisite checklist of every bank account on `today` (default: the Paris day of the system
 * clock, read here at the edge and passed to core). Exit 0 when the dossier is ready (warnings
 * allowed), 1 when a finding is blocking, the dossier has no bank account, or the file is unreadable
 * or does not decode, 2 on a usage error.
 */
export const runDossierCheck = async (args: readonly string[], io: CliIo): Promise<number> => {
  const parsed = parseCommandArgs(args, OPTIONS)
  if (!parsed.ok) return usageError(io, parsed.message, DOSSIER_CHECK_USAGE)
  if (flag(parsed, 'help')) {
    io.stdout(DOSSIER_CHECK_USAGE)
    return EXIT_OK
  }
  const [path, ...extra] = parsed.positionals
  if (path === undefined) return usageError(io, 'dossier check: missing FILE', DOSSIER_CHECK_USAGE)
  if (extra.length > 0)
    return usageError(io, `dossier check: unexpected argument '${extra[0] ?? ''}'`, DOSSIER_CHECK_USAGE)
  const day = todayOf(stringOption(parsed, 'today'), io.now)
  if (!day.ok) return usageError(io, day.message, DOSSIER_CHECK_USAGE)
  const today = day.today
  const json = flag(parsed, 'json')
  const locale: Locale = flag(parsed, 'en') ? 'en' : 'fr'

  const opened = await io.openFile(path)
  if (!opened.ok) return fileError(io, opened.error, json)
  const read = await readAllBytes(opened.file)
  if (!read.ok) return fileError(io, read.error, json)
  const decoded = parseDossierJson(new TextDecoder('utf-8').decode(read.bytes))
  if (decoded._tag === 'Left') return decodeError(io, path, decoded.left.issues, json, locale)

  const dossier = decoded.right
  const result = checkDossier(dossier, { today, locale })
  io.stdout(json ? jsonText(checklistJson(result)) : formatChecklist(dossier, result, today, locale))
  return result.ok ? EXIT_OK : EXIT_DATA_ERROR
}
