/** One column of a text table. */
export interface Column {
  readonly header: string
  /** `right` for amounts and counts; `left` by default. */
  readonly align?: 'left' | 'right'
}

/** Width of a string as shown in a terminal, counting code points (accented letters are one). */
export const displayWidth = (text: string): number => Array.from(text).length

/** Longest rule drawn under a left-aligned last column. */
const RULE_CAP = 40

const pad = (text: string, width: number, align: 'left' | 'right'): string => {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)))
  return align === 'right' ? fill + text : text + fill
}

/**
 * Lays out rows under a header and a dashed rule, columns separated by two spaces, each line prefixed
 * by `indent`. A left-aligned last column is not padded, so no line ends with spaces, and its rule
 * stops at 40 characters.
 */
export const renderTable = (
  columns: readonly Column[],
  rows: ReadonlyArray<readonly string[]>,
  indent = '',
): string[] => {
  // A loop, not Math.max(...rows): a statement may hold more movements than a call has arguments.
  const widths = columns.map((column, c) =>
    rows.reduce((max, row) => Math.max(max, displayWidth(row[c] ?? '')), displayWidth(column.header)),
  )
  const line = (cells: readonly string[]): string =>
    indent +
    columns
      .map((column, c) => {
        const align = column.align ?? 'left'
        const last = c === columns.length - 1
        const cell = cells[c] ?? ''
        return last && align === 'left' ? cell : pad(cell, widths[c] ?? 0, align)
      })
      .join('  ')
      .trimEnd()
  // A long free-text last column (messages) gets a short rule rather than a line as long as its longest cell.
  const rule =
    indent +
    widths
      .map((w, c) => {
        const lastText = c === columns.length - 1 && (columns[c]?.align ?? 'left') === 'left'
        return '-'.repeat(
          lastText ? Math.min(w, Math.max(RULE_CAP, displayWidth(columns[c]?.header ?? ''))) : w,
        )
      })
      .join('  ')
  return [line(columns.map((c) => c.header)), rule, ...rows.map(line)]
}

/** `1 movement`, `2 movements`. */
export const plural = (count: number, singular: string, pluralForm = `${singular}s`): string =>
  `${count} ${count === 1 ? singular : pluralForm}`
