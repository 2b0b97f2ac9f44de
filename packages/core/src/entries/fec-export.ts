/**
 * The FEC (Fichier des Écritures Comptables) export of journal entries, per LPF art. L47 A-I and
 * A47 A-1 (reference: `shared/reference/fr-accounting.md` §4).
 *
 * Rules this exporter applies (the FEC checker verifies the same ones):
 * - Selection: entries whose `date` lies in `[from, to]`, both ends included.
 * - Order: by `date` (EcritureDate), then `journalCode`, then entry `id`, each compared by UTF-16
 *   code units so the order never depends on a locale; lines keep their order inside an entry. The
 *   law asks for chronological order; the date is the only chronology an entry carries.
 * - EcritureNum: one per entry, a per-file decimal sequence `1, 2, 3…` with no padding and no
 *   journal prefix, so it is continuous and increasing across the whole file whatever the journals.
 *   The numbers depend on the selection: export a whole fiscal year for the official file.
 * - One EcritureDate per EcritureNum holds by construction: an entry has one date.
 * - Amounts: EUR only, decimal comma, exactly 2 decimals, no thousands separator, `0,00` on the
 *   zero side. Entries in another currency are refused (no exchange rate is known here), as are
 *   amounts with more than 2 decimals (rounding would unbalance the entry).
 * - ValidDate: `validatedOn`. An official FEC holds validated entries only, so unvalidated entries
 *   are refused unless `allowUnvalidated` is set; then ValidDate is left empty and the file is a
 *   preview that `checkFec` reports (FEC_REQUIRED on ValidDate).
 * - CompteLib: the dossier's GL account label, else `options.accountLabels`, else "Compte d'attente"
 *   for the dossier's waiting account (471000 when it names none). Any other account without a label
 *   is an error listing them all: inventing a label would mislead the tax auditor.
 * - CompAuxNum/CompAuxLib: the line's auxiliary code; its label from `options.auxiliaryLabels`, else
 *   the code itself, because the FEC requires CompAuxLib whenever CompAuxNum is filled.
 * - Text fields are sanitised ({@link sanitizeFecText}). Empty texts fall back: JournalLib → the
 *   journal code; EcritureLib → the entry label → `/`; PieceRef → the entry id → `-` (the last two
 *   placeholders are Odoo's).
 * - EcritureLet, DateLet, Montantdevise and Idevise are empty (no lettering here; EUR only).
 * - Tab separator, header line of the 18 exact column names, CRLF between records and no line break
 *   after the last one (Odoo notes the DGFiP tool dislikes an empty final line).
 * - File name `<SIREN>FEC<AAAAMMJJ of to>.txt`; a missing SIREN or one failing Luhn is an error.
 * - Encoding: the content is a JS string; write it as ISO-8859-15 with `encodeFecLatin9`, or as
 *   UTF-8 without BOM.
 */
import { E } from '../fp.js'
import type { Either } from '../fp.js'
import type { Dossier } from '../domain/dossier.js'
import { DEFAULT_WAITING_ACCOUNT, makeGlAccountNumber } from '../domain/gl-account.js'
import { isLocalDate } from '../domain/local-date.js'
import type { LocalDate } from '../domain/local-date.js'
import { Dec } from '../domain/money.js'
import {
  FEC_COLUMNS,
  FEC_FIELD_SEPARATOR,
  FEC_LINE_SEPARATOR,
  fecFileName,
  formatFecAmount,
  formatFecDate,
  isValidSiren,
  sanitizeFecText,
} from './fec-format.js'
import type { FecColumn } from './fec-format.js'
import type { EntryLine, JournalEntry } from '../domain/journal-entry.js'

/** The label written for the waiting account when the dossier's chart does not name it. */
export const WAITING_ACCOUNT_FALLBACK_LABEL = "Compte d'attente"

/** What to export and the labels the dossier itself does not hold. */
export interface FecExportOptions {
  /** First day of the exported period (included). */
  readonly from: LocalDate
  /** Last day of the exported period (included), normally the fiscal year's closing date; names the file. */
  readonly to: LocalDate
  /** Labels of general accounts missing from `dossier.glAccounts` (the dossier's labels win). */
  readonly accountLabels?: ReadonlyMap<string, string>
  /** Labels of auxiliary (third-party) accounts, by code; an unknown code is its own label. */
  readonly auxiliaryLabels?: ReadonlyMap<string, string>
  /** Write unvalidated entries with an empty ValidDate (a preview, not an official FEC). */
  readonly allowUnvalidated?: boolean
}

/** The FEC file: its name and its text. */
export interface FecFile {
  /** `<SIREN>FEC<AAAAMMJJ>.txt`. */
  readonly fileName: string
  /** Header and records separated by CRLF, no final line break. Write as Latin-9 or UTF-8 without BOM. */
  readonly content: string
  /** The EcritureNum given to each exported entry, in file order. */
  readonly numbering: ReadonlyArray<{ readonly entryId: string; readonly ecritureNum: string }>
}

/** Why one entry cannot be written; `lineIndex` is 0-based in `entry.lines`. */
export type FecEntryProblem =
  | { readonly _tag: 'NoLines' }
  | { readonly _tag: 'Unbalanced'; readonly debit: string; readonly credit: string }
  /** Not exactly one strictly positive side and one zero side. */
  | { readonly _tag: 'LineSides'; readonly lineIndex: number }
  | { readonly _tag: 'TooManyDecimals'; readonly lineIndex: number }
  | { readonly _tag: 'InvalidAccount'; readonly lineIndex: number; readonly account: string }
  | { readonly _tag: 'EmptyJournalCode' }
  | {
      readonly _tag: 'InvalidDate'
      readonly field: 'date' | 'pieceDate' | 'validatedOn'
      readonly value: string
    }
  /** Another selected entry has the same id: the same entry would be booked twice. */
  | { readonly _tag: 'DuplicateId' }
  | { readonly _tag: 'OtherDossier'; readonly dossierCode: string }

/**
 * Why no FEC was produced. Checked in this order, the first failing one is returned with every
 * offender it concerns.
 */
export type FecExportError =
  | { readonly _tag: 'FecInvalidSiren'; readonly siren: string | null }
  | { readonly _tag: 'FecInvalidPeriod'; readonly from: string; readonly to: string }
  | { readonly _tag: 'FecNoEntries'; readonly from: LocalDate; readonly to: LocalDate }
  | {
      readonly _tag: 'FecNonEuroEntries'
      readonly entries: ReadonlyArray<{ readonly entryId: string; readonly currency: string }>
    }
  | {
      readonly _tag: 'FecInvalidEntries'
      readonly entries: ReadonlyArray<{
        readonly entryId: string
        readonly problems: ReadonlyArray<FecEntryProblem>
      }>
    }
  | { readonly _tag: 'FecUnvalidatedEntries'; readonly entryIds: ReadonlyArray<string> }
  | { readonly _tag: 'FecMissingAccountLabels'; readonly accounts: ReadonlyArray<string> }

const isExact2 = (d: Dec): boolean => d.isFinite() && d.decimalPlaces() <= 2
const oneSide = (l: EntryLine): boolean =>
  l.debit.isFinite() &&
  l.credit.isFinite() &&
  ((l.debit.gt(0) && l.credit.isZero()) || (l.credit.gt(0) && l.debit.isZero()))

const entryProblems = (entry: JournalEntry, dossier: Dossier, duplicated: boolean): FecEntryProblem[] => {
  const out: FecEntryProblem[] = []
  if (entry.dossierCode !== dossier.code) out.push({ _tag: 'OtherDossier', dossierCode: entry.dossierCode })
  if (duplicated) out.push({ _tag: 'DuplicateId' })
  if (sanitizeFecText(entry.journalCode) === '') out.push({ _tag: 'EmptyJournalCode' })
  if (!isLocalDate(entry.pieceDate))
    out.push({ _tag: 'InvalidDate', field: 'pieceDate', value: entry.pieceDate })
  if (entry.validatedOn !== null && !isLocalDate(entry.validatedOn))
    out.push({ _tag: 'InvalidDate', field: 'validatedOn', value: entry.validatedOn })
  if (entry.lines.length === 0) out.push({ _tag: 'NoLines' })
  let debit = new Dec(0)
  let credit = new Dec(0)
  entry.lines.forEach((line, lineIndex) => {
    if (E.isLeft(makeGlAccountNumber(line.account)))
      out.push({ _tag: 'InvalidAccount', lineIndex, account: line.account })
    if (!oneSide(line)) out.push({ _tag: 'LineSides', lineIndex })
    else if (!isExact2(line.debit) || !isExact2(line.credit)) out.push({ _tag: 'TooManyDecimals', lineIndex })
    else {
      debit = debit.plus(line.debit)
      credit = credit.plus(line.credit)
    }
  })
  // Only meaningful when every line is readable; otherwise the line problems say it already.
  if (!out.some((p) => p._tag === 'LineSides' || p._tag === 'TooManyDecimals') && !debit.equals(credit))
    out.push({ _tag: 'Unbalanced', debit: debit.toFixed(2), credit: credit.toFixed(2) })
  return out
}

/** Code-unit comparison: deterministic, unlike `localeCompare`. */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** The export order: date, then journal code, then entry id. */
const compareEntries = (a: JournalEntry, b: JournalEntry): number =>
  compareText(a.date, b.date) || compareText(a.journalCode, b.journalCode) || compareText(a.id, b.id)

const firstNonEmpty = (...candidates: ReadonlyArray<string>): string =>
  candidates.map(sanitizeFecText).find((c) => c !== '') ?? ''

/** Account number → label: the dossier's chart first, then the caller's labels, then the waiting fallback. */
const accountLabelOf = (dossier: Dossier, options: FecExportOptions): ((account: string) => string) => {
  const labels = new Map<string, string>()
  const add = (number: string, label: string): void => {
    const clean = sanitizeFecText(label)
    if (clean !== '' && !labels.has(number)) labels.set(number, clean)
  }
  for (const gl of dossier.glAccounts) add(gl.number, gl.label)
  for (const [number, label] of options.accountLabels ?? []) add(number, label)
  add(dossier.waitingAccount ?? DEFAULT_WAITING_ACCOUNT, WAITING_ACCOUNT_FALLBACK_LABEL)
  return (account) => labels.get(account) ?? ''
}

type Row = Readonly<Record<FecColumn, string>>

const entryRows = (
  entry: JournalEntry,
  ecritureNum: string,
  accountLabel: (account: string) => string,
  auxiliaryLabels: ReadonlyMap<string, string>,
): Row[] => {
  const journalCode = sanitizeFecText(entry.journalCode)
  return entry.lines.map((line) => {
    const auxiliary = sanitizeFecText(line.auxiliary ?? '')
    return {
      JournalCode: journalCode,
      JournalLib: firstNonEmpty(entry.journalLabel, journalCode),
      EcritureNum: ecritureNum,
      EcritureDate: formatFecDate(entry.date),
      CompteNum: line.account,
      CompteLib: accountLabel(line.account),
      CompAuxNum: auxiliary,
      CompAuxLib: auxiliary === '' ? '' : firstNonEmpty(auxiliaryLabels.get(auxiliary) ?? '', auxiliary),
      PieceRef: firstNonEmpty(entry.pieceRef, entry.id, '-'),
      PieceDate: formatFecDate(entry.pieceDate),
      EcritureLib: firstNonEmpty(line.label, entry.label, '/'),
      Debit: formatFecAmount(line.debit),
      Credit: formatFecAmount(line.credit),
      EcritureLet: '',
      DateLet: '',
      ValidDate: entry.validatedOn === null ? '' : formatFecDate(entry.validatedOn),
      Montantdevise: '',
      Idevise: '',
    }
  })
}

const writeRecord = (fields: ReadonlyArray<string>): string => fields.join(FEC_FIELD_SEPARATOR)

/**
 * Writes the FEC of the entries dated in `[options.from, options.to]` (see the module comment for
 * every rule). Never throws: bad input is a {@link FecExportError}.
 */
export const toFec = (
  entries: ReadonlyArray<JournalEntry>,
  dossier: Dossier,
  options: FecExportOptions,
): Either<FecExportError, FecFile> => {
  const { from, to } = options
  if (dossier.siren === null || !isValidSiren(dossier.siren))
    return E.left({ _tag: 'FecInvalidSiren', siren: dossier.siren })
  if (!isLocalDate(from) || !isLocalDate(to) || from > to)
    return E.left({ _tag: 'FecInvalidPeriod', from, to })

  // An entry with an unreadable date cannot be placed in or out of the period: it is reported.
  const undated = entries.filter((e) => !isLocalDate(e.date))
  const selected = entries.filter((e) => isLocalDate(e.date) && from <= e.date && e.date <= to)
  if (selected.length === 0 && undated.length === 0) return E.left({ _tag: 'FecNoEntries', from, to })

  // Before the entry checks: a foreign amount may well have more than 2 decimals (TND, CLF).
  const foreign = selected.filter((e) => e.currency !== 'EUR')
  if (foreign.length > 0)
    return E.left({
      _tag: 'FecNonEuroEntries',
      entries: foreign.map((e) => ({ entryId: e.id, currency: e.currency })),
    })

  const idCounts = new Map<string, number>()
  for (const e of selected) idCounts.set(e.id, (idCounts.get(e.id) ?? 0) + 1)
  const invalid = [
    ...undated.map((e) => ({
      entryId: e.id,
      problems: [{ _tag: 'InvalidDate', field: 'date', value: e.date } as const],
    })),
    ...selected.map((e) => ({
      entryId: e.id,
      problems: entryProblems(e, dossier, (idCounts.get(e.id) ?? 0) > 1),
    })),
  ].filter((p) => p.problems.length > 0)
  if (invalid.length > 0) return E.left({ _tag: 'FecInvalidEntries', entries: invalid })

  const unvalidated = selected.filter((e) => e.validatedOn === null)
  if (unvalidated.length > 0 && options.allowUnvalidated !== true)
    return E.left({ _tag: 'FecUnvalidatedEntries', entryIds: unvalidated.map((e) => e.id) })

  const accountLabel = accountLabelOf(dossier, options)
  const unlabelled = [
    ...new Set(selected.flatMap((e) => e.lines.map((l) => l.account)).filter((a) => accountLabel(a) === '')),
  ].sort(compareText)
  if (unlabelled.length > 0) return E.left({ _tag: 'FecMissingAccountLabels', accounts: unlabelled })

  const ordered = [...selected].sort(compareEntries)
  const auxiliaryLabels = options.auxiliaryLabels ?? new Map<string, string>()
  const numbering = ordered.map((e, i) => ({ entryId: e.id, ecritureNum: String(i + 1) }))
  const records = ordered.flatMap((entry, i) =>
    entryRows(entry, String(i + 1), accountLabel, auxiliaryLabels).map((row) =>
      writeRecord(FEC_COLUMNS.map((c) => row[c])),
    ),
  )
  return E.right({
    fileName: fecFileName(dossier.siren, to),
    content: [writeRecord(FEC_COLUMNS), ...records].join(FEC_LINE_SEPARATOR),
    numbering,
  })
}
