/** How serious a diagnostic is: errors stop a strict parse, warnings and infos never do. */
export type CfonbSeverity = 'error' | 'warning' | 'info'

/**
 * Stable diagnostic codes with their severity. The severity is fixed per code so that callers can
 * switch on the code alone; it is listed here once rather than chosen at each call site.
 */
export const CFONB_DIAGNOSTIC_SEVERITY = {
  // Structure
  UNKNOWN_RECORD: 'error',
  MOVEMENT_OUTSIDE_STATEMENT: 'error',
  DETAIL_WITHOUT_MOVEMENT: 'error',
  STATEMENT_NOT_CLOSED: 'error',
  CLOSING_WITHOUT_OPENING: 'error',
  // Fields
  INVALID_DATE: 'error',
  INVALID_AMOUNT: 'error',
  INVALID_DECIMALS: 'error',
  // Physical layout
  BAD_LINE_LENGTH: 'error',
  CFONB240_UNSUPPORTED: 'error',
  // Tolerated deviations
  LINE_PADDED: 'warning',
  DECIMALS_DEFAULTED: 'warning',
  CURRENCY_DEFAULTED: 'warning',
  ACCOUNT_MISMATCH: 'warning',
  BALANCE_MISMATCH: 'warning',
  RECORD_SKIPPED: 'warning',
  INVALID_DETAIL: 'warning',
  // Facts worth knowing
  ENCODING_FALLBACK: 'info',
} as const satisfies Record<string, CfonbSeverity>

/** Every diagnostic code the parser can report. */
export type CfonbDiagnosticCode = keyof typeof CFONB_DIAGNOSTIC_SEVERITY

/**
 * One finding about the input. `line` is the 1-based line of the record once every record sits on
 * its own line: the physical line for ordinary files, the record index for files without separators.
 */
export interface CfonbDiagnostic {
  readonly code: CfonbDiagnosticCode
  readonly severity: CfonbSeverity
  readonly line: number
  /** 1-based character position inside the record, when the finding concerns one field. */
  readonly column?: number
  /** Name of the field concerned (e.g. `amount`, `valueDate`). */
  readonly field?: string
  readonly message: string
}

/** Builds a diagnostic, taking the severity from the code table. */
export const diagnostic = (
  code: CfonbDiagnosticCode,
  line: number,
  message: string,
  column?: number,
  field?: string,
): CfonbDiagnostic => {
  const severity = CFONB_DIAGNOSTIC_SEVERITY[code]
  if (column === undefined) return { code, severity, line, message }
  if (field === undefined) return { code, severity, line, column, message }
  return { code, severity, line, column, field, message }
}
