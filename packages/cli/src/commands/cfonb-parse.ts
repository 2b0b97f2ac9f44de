import type {
  CfonbDiagnostic,
  CfonbEncoding,
  CfonbEvent,
  CfonbParseOptions,
  CfonbStatement,
} from '@bankfeed/connector-cfonb'
import { streamCfonb120, toCanonicalJson } from '@bankfeed/connector-cfonb'
import { flag, parseCommandArgs, stringOption } from '../args.js'
import type { OptionSpec } from '../args.js'
import { DEFAULT_MAX_DIAGNOSTICS, maxDiagnosticsOfOption } from '../diagnostics-bound.js'
import { EXIT_DATA_ERROR, EXIT_OK } from '../exit-codes.js'
import { diagnosticCountsJson, groupDigits } from '../format/diagnostic-counts.js'
import { jsonText } from '../format/json.js'
import { formatParsedFile, formatSummaryLine } from '../format/statements.js'
import { toFileError } from '../io.js'
import type { CliFile, CliIo, FileError } from '../io.js'
import { countingBytes, createProgress } from '../progress.js'
import { fileError, usageError } from '../report.js'
import { CFONB_PARSE_USAGE, HELP_OPTION } from '../usage.js'

const OPTIONS: Readonly<Record<string, OptionSpec>> = {
  json: { type: 'boolean' },
  lenient: { type: 'boolean' },
  summary: { type: 'boolean' },
  encoding: { type: 'string' },
  'max-diagnostics': { type: 'string' },
  ...HELP_OPTION,
}

/** `--encoding` values (case-insensitive) and the parser encoding each means. */
const ENCODINGS: ReadonlyMap<string, CfonbEncoding> = new Map([
  ['auto', 'auto'],
  ['utf8', 'utf-8'],
  ['utf-8', 'utf-8'],
  ['latin1', 'windows-1252'],
  ['windows-1252', 'windows-1252'],
])

/**
 * The parser encoding an `--encoding` value means: `auto`; `utf8` (or `utf-8`) → `utf-8`; `latin1`
 * (or `windows-1252`) → `windows-1252`, the superset of Latin-1 French banks actually write.
 * `undefined` for anything else.
 */
export const encodingOfOption = (value: string): CfonbEncoding | undefined =>
  ENCODINGS.get(value.toLowerCase())

type EndEvent = Extract<CfonbEvent, { readonly kind: 'end' }>

/**
 * What streaming the file gave: the statements when `keep`, the first `maxDiagnostics` diagnostics
 * (none without `keep`), and the end event, whose summary counts every diagnostic.
 */
interface Streamed {
  readonly statements: readonly CfonbStatement[]
  readonly diagnostics: readonly CfonbDiagnostic[]
  readonly end: EndEvent
}

/**
 * Streams the file through the parser, with progress. Diagnostics beyond `maxDiagnostics` are
 * dropped as they come (the end event's summary still counts them); with `keep` false (`--summary`)
 * statements and diagnostics all are, so memory does not grow with the file.
 */
const streamFile = async (
  io: CliIo,
  file: CliFile,
  options: CfonbParseOptions & { readonly maxDiagnostics: number },
  keep: boolean,
): Promise<
  { readonly ok: true; readonly value: Streamed } | { readonly ok: false; readonly error: FileError }
> => {
  const progress = createProgress(io, file.path, file.size)
  const statements: CfonbStatement[] = []
  const diagnostics: CfonbDiagnostic[] = []
  const maxKept = keep ? options.maxDiagnostics : 0
  let end: EndEvent | undefined
  try {
    for await (const event of streamCfonb120(countingBytes(file.read(), progress.advance), options)) {
      if (event.kind === 'statement') {
        if (keep) statements.push(event.statement)
      } else if (event.kind === 'diagnostic') {
        if (diagnostics.length < maxKept) diagnostics.push(event.diagnostic)
      } else end = event
    }
  } catch (cause) {
    return { ok: false, error: toFileError(file.path, cause) }
  } finally {
    progress.finish()
  }
  if (end === undefined) throw new Error('the CFONB stream ended without its end event')
  return { ok: true, value: { statements, diagnostics, end } }
}

/** `line 2, column 91: INVALID_AMOUNT — …` */
const describeError = (error: CfonbDiagnostic): string =>
  `line ${error.line}${error.column === undefined ? '' : `, column ${error.column}`}: ${error.code} — ${error.message}`

/**
 * `bankfeed cfonb parse FILE [--json] [--lenient] [--encoding auto|utf8|latin1] [--summary]
 * [--max-diagnostics N]`. Keeps the first N diagnostics (1,000 by default) and counts the others.
 * Exit 0 when the file has no error-severity diagnostic, 1 when it has one (strict or lenient) or
 * cannot be read, 2 on a usage error.
 */
export const runCfonbParse = async (args: readonly string[], io: CliIo): Promise<number> => {
  const parsed = parseCommandArgs(args, OPTIONS)
  if (!parsed.ok) return usageError(io, parsed.message, CFONB_PARSE_USAGE)
  if (flag(parsed, 'help')) {
    io.stdout(CFONB_PARSE_USAGE)
    return EXIT_OK
  }
  const [path, ...extra] = parsed.positionals
  if (path === undefined) return usageError(io, 'cfonb parse: missing FILE', CFONB_PARSE_USAGE)
  if (extra.length > 0)
    return usageError(io, `cfonb parse: unexpected argument '${extra[0] ?? ''}'`, CFONB_PARSE_USAGE)
  const encodingValue = stringOption(parsed, 'encoding') ?? 'auto'
  const encoding = encodingOfOption(encodingValue)
  if (encoding === undefined)
    return usageError(
      io,
      `--encoding must be auto, utf8 or latin1, got '${encodingValue}'`,
      CFONB_PARSE_USAGE,
    )
  const maxValue = stringOption(parsed, 'max-diagnostics')
  const maxDiagnostics = maxValue === undefined ? DEFAULT_MAX_DIAGNOSTICS : maxDiagnosticsOfOption(maxValue)
  if (maxDiagnostics === undefined)
    return usageError(
      io,
      `--max-diagnostics must be a whole number (0 or more), got '${maxValue ?? ''}'`,
      CFONB_PARSE_USAGE,
    )
  const json = flag(parsed, 'json')
  const summary = flag(parsed, 'summary')
  const strict = !flag(parsed, 'lenient')

  const opened = await io.openFile(path)
  if (!opened.ok) return fileError(io, opened.error, json)
  const streamed = await streamFile(
    io,
    opened.file,
    { mode: strict ? 'strict' : 'lenient', encoding, maxDiagnostics },
    !summary,
  )
  if (!streamed.ok) return fileError(io, streamed.error, json)
  const { statements, diagnostics, end } = streamed.value
  const counts = end.summary.diagnostics
  const exit = end.ok ? EXIT_OK : EXIT_DATA_ERROR

  if (json) {
    if (strict && end.error !== null) {
      const { line, code, message } = end.error
      io.stdout(jsonText({ error: { line, code, message } }))
    } else if (summary) {
      const { statements: s, movements, details } = end.summary
      io.stdout(jsonText({ statements: s, movements, details }))
    } else {
      // The canonical document, plus `diagnosticCounts` only when diagnostics were left out: a
      // consumer of the canonical form keeps working, and one that sees no counts has them all.
      const document = toCanonicalJson({ statements, diagnostics })
      const diagnosticCounts = diagnosticCountsJson(diagnostics, counts)
      io.stdout(jsonText(diagnosticCounts === undefined ? document : { ...document, diagnosticCounts }))
    }
    return exit
  }

  io.stdout(
    summary
      ? formatSummaryLine(path, end.summary)
      : formatParsedFile({
          path,
          statements,
          diagnostics,
          summary: end.summary,
          decodedAs: end.decodedAs,
          encoding,
        }),
  )
  if (end.error !== null) {
    io.stderr(
      strict
        ? `bankfeed: ${path}, ${describeError(end.error)}\n` +
            '(strict mode stops at the first error; --lenient reports every error and keeps what can be trusted)\n'
        : `bankfeed: ${path}: ${groupDigits(counts.bySeverity.error)} ${counts.bySeverity.error === 1 ? 'error' : 'errors'} ` +
            '(lenient: kept what could be trusted); ' +
            `first at ${describeError(end.error)}\n`,
    )
  }
  return exit
}
