/**
 * @bankfeed/core/fec — the FEC (fichier des écritures comptables, article A47 A-1 of the LPF) in
 * full: the export and its options, the independent checker, the file name rule, the Latin-9
 * encoding, the column formats, and the French and English texts of every export error and checker
 * issue. The root entry has `toFec`, `checkFec`, `fecFileName` and `fecErrorMessage` for the main
 * flow; this entry is for tools that read or repair FEC files.
 *
 * @example
 * ```ts
 * import { checkFec, encodeFecLatin9, fecFileName, toFec } from '@bankfeed/core/fec'
 * ```
 * @module @bankfeed/core/fec
 */
export { WAITING_ACCOUNT_FALLBACK_LABEL, toFec } from '../entries/fec-export.js'
export type { FecEntryProblem, FecExportError, FecExportOptions, FecFile } from '../entries/fec-export.js'
export { FEC_ISSUE_CODES, checkFec, checkFecFileName } from '../entries/fec-check.js'
export type {
  FecCheck,
  FecCheckOptions,
  FecFileName,
  FecIssue,
  FecIssueCode,
  FecIssueParamsByCode,
  InvalidFecFileName,
} from '../entries/fec-check.js'
export {
  FEC_ENTRY_PROBLEM_CATALOG,
  FEC_ERROR_CATALOG,
  FEC_ISSUE_CATALOG,
  fecEntryProblemMessage,
  fecErrorMessage,
  fecIssueMessage,
} from '../entries/fec-messages.js'
export {
  FEC_COLUMNS,
  encodeFecLatin9,
  fecFileName,
  formatFecAmount,
  formatFecDate,
  isValidSiren,
  parseFecAmount,
  parseFecDate,
} from '../entries/fec-format.js'
export type {
  FecColumn,
  FecEncodingError,
  Latin9Options,
  UnmappableCharacter,
} from '../entries/fec-format.js'
export { validateEntries } from '../entries/validate-entries.js'
export type { EntryLine, JournalEntry, MovementLink } from '../domain/journal-entry.js'
