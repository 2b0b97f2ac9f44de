import type {
  CfonbDecodedAs,
  CfonbDiagnostic,
  CfonbDiagnosticCounts,
  CfonbEncoding,
  CfonbStatement,
  CfonbSummary,
} from '@bankfeed/connector-cfonb'
import { groupDigits, leftOutText } from './diagnostic-counts.js'
import { plural, renderTable } from './table.js'

/** What a parse delivered, as the readable output shows it. */
export interface ParsedFile {
  readonly path: string
  readonly statements: readonly CfonbStatement[]
  /** The diagnostics kept (the first ones); `summary.diagnostics` counts every one. */
  readonly diagnostics: readonly CfonbDiagnostic[]
  readonly summary: CfonbSummary
  readonly decodedAs: CfonbDecodedAs
  /** The encoding asked for (`--encoding`), to tell a fallback from a requested Windows-1252. */
  readonly encoding: CfonbEncoding
}

/** `1 statement, 2 movements, 2 details`. */
export const countsLine = (summary: Pick<CfonbSummary, 'statements' | 'movements' | 'details'>): string =>
  `${plural(summary.statements, 'statement')}, ${plural(summary.movements, 'movement')}, ${plural(summary.details, 'detail')}`

/** Number of diagnostics of each severity. */
export interface SeverityCounts {
  readonly error: number
  readonly warning: number
  readonly info: number
}

/** `1 error`, `2,460,000 errors`. */
const countOf = (count: number, singular: string): string =>
  `${groupDigits(count)} ${count === 1 ? singular : `${singular}s`}`

/** `no diagnostics`, `1 error, 2 warnings`, `1 info`, `2,460,000 errors`. */
export const severityCountsText = (counts: SeverityCounts): string => {
  const parts = [
    counts.error > 0 ? countOf(counts.error, 'error') : '',
    counts.warning > 0 ? countOf(counts.warning, 'warning') : '',
    counts.info > 0 ? countOf(counts.info, 'info') : '',
  ].filter((part) => part !== '')
  return parts.length === 0 ? 'no diagnostics' : parts.join(', ')
}

const decodedLabel = (decodedAs: CfonbDecodedAs, encoding: CfonbEncoding): string => {
  if (decodedAs === 'utf-8') return 'UTF-8'
  if (decodedAs === 'windows-1252')
    return encoding === 'auto' ? 'UTF-8 then Windows-1252 (see ENCODING_FALLBACK)' : 'Windows-1252'
  return 'text'
}

const statementBlock = (s: CfonbStatement): string[] => {
  const balances = renderTable(
    [{ header: 'Balance' }, { header: 'Date' }, { header: 'Amount', align: 'right' }],
    [
      ['Opening (ancien solde)', s.openingBalance.date, s.openingBalance.amount.value],
      ['Closing (nouveau solde)', s.closingBalance.date, s.closingBalance.amount.value],
    ],
    '  ',
  )
  const lines = [
    `Account ${s.bankCode} ${s.branchCode} ${s.accountNumber} ${s.currency} (lines ${s.firstLine}–${s.lastLine})`,
    ...balances,
    '',
  ]
  if (s.movements.length === 0) return [...lines, '  No movements.']
  const movements = renderTable(
    [{ header: 'Date' }, { header: 'Value date' }, { header: 'Amount', align: 'right' }, { header: 'Label' }],
    s.movements.map((m) => [m.bookingDate, m.valueDate ?? '', m.amount.value, m.label]),
    '  ',
  )
  return [
    ...lines,
    `  ${plural(s.movements.length, 'movement')}${s.balanced ? '' : ' (do not add up to the closing balance)'}:`,
    ...movements,
  ]
}

// The heading counts every diagnostic from the parser's summary, the table shows the kept ones, and
// a last line counts by code those left out: a cut table never hides that there were more.
const diagnosticsBlock = (
  diagnostics: readonly CfonbDiagnostic[],
  counts: CfonbDiagnosticCounts,
): string[] => {
  if (counts.total === 0 && diagnostics.length === 0) return ['No diagnostics.']
  const table =
    diagnostics.length === 0
      ? []
      : renderTable(
          [
            { header: 'Line', align: 'right' },
            { header: 'Severity' },
            { header: 'Code' },
            { header: 'Message' },
          ],
          diagnostics.map((d) => [String(d.line), d.severity, d.code, d.message]),
          '  ',
        )
  const leftOut = leftOutText(diagnostics, counts)
  return [
    `Diagnostics (${severityCountsText(counts.bySeverity)}):`,
    ...table,
    ...(leftOut === undefined ? [] : [`  ${leftOut}`]),
  ]
}

/**
 * The readable report of a parse: a heading with the counts, each statement (account, opening and
 * closing balances with their dates, movements with right-aligned amounts), then the kept diagnostics
 * with their line numbers, under a heading that counts them all, and a line counting by code those
 * left out. Ends with a newline.
 */
export const formatParsedFile = (file: ParsedFile): string => {
  const heading = `${file.path}: ${countsLine(file.summary)}, decoded as ${decodedLabel(file.decodedAs, file.encoding)}`
  const statements = file.statements.length === 0 ? [['No statement.']] : file.statements.map(statementBlock)
  return [
    heading,
    '',
    ...statements.flatMap((block) => [...block, '']),
    ...diagnosticsBlock(file.diagnostics, file.summary.diagnostics),
  ]
    .join('\n')
    .concat('\n')
}

/** The readable `--summary` line: `FILE: 1 statement, 2 movements, 2 details (no diagnostics)`. */
export const formatSummaryLine = (path: string, summary: CfonbSummary): string =>
  `${path}: ${countsLine(summary)} (${severityCountsText(summary.diagnostics.bySeverity)})\n`
