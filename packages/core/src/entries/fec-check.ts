/**
 * A FEC checker in the spirit of the public ones (DGFiP Test-Compta-Demat, fec-validator; reference
 * `shared/reference/fr-accounting.md` §4.2–4.3). It reads the 18-column Debit/Credit form `toFec`
 * writes (not the Montant/Sens variant nor the 21/22-column BA/BNC forms) and reports every issue,
 * so tests can assert the exporter's output is structurally valid.
 */
import { E } from '../fp.js'
import type { Either } from '../fp.js'
import type { LocalDate } from '../domain/local-date.js'
import { Dec } from '../domain/money.js'
import type { CatalogItem, Locale } from '../messages/catalog.js'
import { FEC_COLUMNS, isValidSiren, parseFecAmount, parseFecDate } from './fec-format.js'
import type { FecColumn } from './fec-format.js'
import { FEC_ISSUE_CATALOG } from './fec-messages.js'

/**
 * Stable issue codes; they never change meaning within a major version.
 * - `FEC_EMPTY`: no text, or a header and no record (line 1).
 * - `FEC_HEADER`: no tab or `|` separator on line 1, or not the 18 names in order, exact spelling.
 * - `FEC_EMPTY_LINE`: a blank line, including one left by a final line break.
 * - `FEC_FIELD_COUNT`: a record without exactly 18 fields (its other checks are skipped).
 * - `FEC_REQUIRED`: an empty mandatory field (JournalCode, JournalLib, EcritureNum, EcritureDate,
 *   CompteNum, CompteLib, PieceRef, PieceDate, EcritureLib, ValidDate; fec-validator L002).
 * - `FEC_DATE`: EcritureDate, PieceDate, ValidDate or DateLet not a real `AAAAMMJJ` day of 1900–2099.
 * - `FEC_AMOUNT`: Debit, Credit or Montantdevise not digits with an optional decimal comma (an empty
 *   Debit or Credit reads as 0, as the DGFiP tool does).
 * - `FEC_BOTH_SIDES`: Debit and Credit both non-zero.
 * - `FEC_ACCOUNT`: CompteNum not starting with 3 digits.
 * - `FEC_AUX_LABEL`: CompAuxNum filled, CompAuxLib empty.
 * - `FEC_NUMBERING`: EcritureNum without a trailing sequence number, an entry whose lines are not
 *   contiguous, or a gap or inversion in the sequence (see {@link checkFec}).
 * - `FEC_MULTIPLE_DATES`: several EcritureDate in one entry (reported on the first differing line).
 * - `FEC_UNBALANCED`: Σ Debit ≠ Σ Credit in one entry (reported on its first line).
 * - `FEC_TOTAL_UNBALANCED`: Σ Debit ≠ Σ Credit over the file (reported on the last record).
 */
export const FEC_ISSUE_CODES = [
  'FEC_EMPTY',
  'FEC_HEADER',
  'FEC_EMPTY_LINE',
  'FEC_FIELD_COUNT',
  'FEC_REQUIRED',
  'FEC_DATE',
  'FEC_AMOUNT',
  'FEC_BOTH_SIDES',
  'FEC_ACCOUNT',
  'FEC_AUX_LABEL',
  'FEC_NUMBERING',
  'FEC_MULTIPLE_DATES',
  'FEC_UNBALANCED',
  'FEC_TOTAL_UNBALANCED',
] as const

/** One stable FEC issue code (see {@link FEC_ISSUE_CODES}). */
export type FecIssueCode = (typeof FEC_ISSUE_CODES)[number]

/**
 * The structured parameters of each FEC issue code, for software that shows its own texts. Amounts
 * are decimal strings in euros (`"999.5"`), field values are the file's text.
 */
export interface FecIssueParamsByCode {
  /** `headerOnly`: a header line and no record; otherwise no text at all. */
  readonly FEC_EMPTY: { readonly headerOnly: boolean }
  /** No separator, not the 18 names (`fields` read), or the name at 1-based `position` is wrong. */
  readonly FEC_HEADER:
    | { readonly problem: 'NoSeparator' }
    | { readonly problem: 'FieldCount'; readonly fields: number; readonly expected: number }
    | {
        readonly problem: 'FieldName'
        readonly position: number
        readonly found: string
        readonly expected: FecColumn
      }
  readonly FEC_EMPTY_LINE: Record<string, never>
  readonly FEC_FIELD_COUNT: { readonly fields: number; readonly expected: number }
  readonly FEC_REQUIRED: { readonly field: FecColumn }
  readonly FEC_DATE: { readonly field: FecColumn; readonly value: string }
  readonly FEC_AMOUNT: { readonly field: FecColumn; readonly value: string }
  readonly FEC_BOTH_SIDES: { readonly debit: string; readonly credit: string }
  readonly FEC_ACCOUNT: { readonly account: string }
  readonly FEC_AUX_LABEL: { readonly auxiliary: string }
  /**
   * `NotContiguous`: the entry's lines are split; `NoSequenceNumber`: EcritureNum has no trailing
   * number; `Break`: a gap or inversion, `expected` being the number that should come, within the
   * numbers of `journal` (`null` when the file has one sequence) sharing `prefix`.
   */
  readonly FEC_NUMBERING:
    | { readonly problem: 'NotContiguous'; readonly journal: string; readonly entry: string }
    | { readonly problem: 'NoSequenceNumber'; readonly entry: string }
    | {
        readonly problem: 'Break'
        readonly entry: string
        readonly expected: string
        readonly journal: string | null
        readonly prefix: string
      }
  /** `first`: the entry's first EcritureDate; `other`: the one that differs (AAAAMMJJ as written). */
  readonly FEC_MULTIPLE_DATES: {
    readonly journal: string
    readonly entry: string
    readonly first: string
    readonly other: string
  }
  readonly FEC_UNBALANCED: {
    readonly journal: string
    readonly entry: string
    readonly debit: string
    readonly credit: string
  }
  readonly FEC_TOTAL_UNBALANCED: { readonly debit: string; readonly credit: string }
}

/**
 * One problem found in a FEC text; `line` is 1-based, the header being line 1; `message` is its text
 * in the locale of the check (French by default).
 */
export type FecIssue = {
  readonly [C in FecIssueCode]: {
    readonly code: C
    readonly line: number
    readonly field?: FecColumn
    readonly params: FecIssueParamsByCode[C]
    readonly message: string
  }
}[FecIssueCode]

/** Options of {@link checkFec}. */
export interface FecCheckOptions {
  /** The language of the issues' messages: `fr` (default) or `en`. */
  readonly locale?: Locale
}

/** The result of {@link checkFec}: `ok` exactly when there is no issue; issues sorted by line. */
export interface FecCheck {
  readonly ok: boolean
  /** The separator read from the header, or `null` when none was found. */
  readonly separator: '\t' | '|' | null
  readonly issues: ReadonlyArray<FecIssue>
}

const REQUIRED: ReadonlyArray<FecColumn> = [
  'JournalCode',
  'JournalLib',
  'EcritureNum',
  'EcritureDate',
  'CompteNum',
  'CompteLib',
  'PieceRef',
  'PieceDate',
  'EcritureLib',
  'ValidDate',
]
const DATES: ReadonlyArray<FecColumn> = ['EcritureDate', 'PieceDate', 'ValidDate', 'DateLet']

type Fields = Readonly<Record<FecColumn, string>>
interface DataRecord {
  readonly line: number
  readonly f: Fields
  /** `null` when an amount was unreadable (then balances are not checked). */
  readonly debit: Dec | null
  readonly credit: Dec | null
}

/** The DGFiP tool's rule: 9 or more fields split on tab, else on `|`. */
const detectSeparator = (header: string): '\t' | '|' | null =>
  header.split('\t').length >= 9 ? '\t' : header.split('|').length >= 9 ? '|' : null

const fieldsOf = (values: ReadonlyArray<string>): Fields =>
  Object.fromEntries(FEC_COLUMNS.map((c, i) => [c, (values[i] ?? '').trim()])) as Fields

const amountOrZero = (text: string): Dec | null => (text === '' ? new Dec(0) : parseFecAmount(text))

/** Records an issue: its line, the field at fault if any, and its code with its parameters. */
type Report = (line: number, field: FecColumn | undefined, item: CatalogItem<FecIssueParamsByCode>) => void

/** Checks one record's own fields (everything that does not need other lines). */
const checkRecordFields = (r: DataRecord, report: Report): void => {
  const { f, line } = r
  for (const field of REQUIRED)
    if (f[field] === '') report(line, field, { code: 'FEC_REQUIRED', params: { field } })
  for (const field of DATES)
    if (f[field] !== '' && parseFecDate(f[field]) === null)
      report(line, field, { code: 'FEC_DATE', params: { field, value: f[field] } })
  for (const field of ['Debit', 'Credit', 'Montantdevise'] as const)
    if (f[field] !== '' && parseFecAmount(f[field]) === null)
      report(line, field, { code: 'FEC_AMOUNT', params: { field, value: f[field] } })
  if (r.debit !== null && r.credit !== null && !r.debit.isZero() && !r.credit.isZero())
    report(line, 'Credit', {
      code: 'FEC_BOTH_SIDES',
      params: { debit: r.debit.toFixed(), credit: r.credit.toFixed() },
    })
  if (f.CompteNum !== '' && !/^\d{3}/.test(f.CompteNum))
    report(line, 'CompteNum', { code: 'FEC_ACCOUNT', params: { account: f.CompteNum } })
  if (f.CompAuxNum !== '' && f.CompAuxLib === '')
    report(line, 'CompAuxLib', { code: 'FEC_AUX_LABEL', params: { auxiliary: f.CompAuxNum } })
}

interface Entry {
  readonly journal: string
  readonly num: string
  readonly records: DataRecord[]
}

/** Groups contiguous records of one (JournalCode, EcritureNum); an entry split in two is an issue. */
const groupEntries = (records: ReadonlyArray<DataRecord>, report: Report): Entry[] => {
  const entries: Entry[] = []
  const seen = new Set<string>()
  let current: Entry | undefined
  let currentKey = ''
  for (const r of records) {
    if (r.f.EcritureNum === '') continue // FEC_REQUIRED says it; it belongs to no entry
    const key = `${r.f.JournalCode}\u0000${r.f.EcritureNum}`
    if (current !== undefined && key === currentKey) {
      current.records.push(r)
      continue
    }
    if (seen.has(key)) {
      report(r.line, 'EcritureNum', {
        code: 'FEC_NUMBERING',
        params: { problem: 'NotContiguous', journal: r.f.JournalCode, entry: r.f.EcritureNum },
      })
      // Its lines still count for its balance and dates.
      const earlier = entries.find((e) => e.journal === r.f.JournalCode && e.num === r.f.EcritureNum)
      earlier?.records.push(r)
      current = earlier
    } else {
      current = { journal: r.f.JournalCode, num: r.f.EcritureNum, records: [r] }
      entries.push(current)
      seen.add(key)
    }
    currentKey = key
  }
  return entries
}

const firstLine = (e: Entry): number => e.records[0]?.line ?? 0

/** Consecutive-number breaks of a run of (entry, number): each number must be the previous one + 1. */
const breaksOf = (
  run: ReadonlyArray<{ readonly entry: Entry; readonly n: bigint }>,
): Array<{ readonly entry: Entry; readonly expected: bigint }> =>
  run.flatMap((x, i) => {
    const previous = run[i - 1]
    return previous === undefined || x.n === previous.n + 1n
      ? []
      : [{ entry: x.entry, expected: previous.n + 1n }]
  })

const groupBy = <T>(items: ReadonlyArray<T>, key: (item: T) => string): Map<string, T[]> => {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const group = groups.get(key(item))
    if (group === undefined) groups.set(key(item), [item])
    else group.push(item)
  }
  return groups
}

/**
 * Continuity of EcritureNum. Each is read as a prefix and a trailing decimal number (`BQ-0042` →
 * `BQ-`, 42). In file order, the numbers sharing a prefix must follow each other without gap or
 * inversion (the first one may be anything). When no number repeats within a prefix, that is one
 * sequence across the whole file (what `toFec` writes); when some repeat, the journals number their
 * entries separately and each journal's numbers must follow each other.
 */
const checkNumbering = (entries: ReadonlyArray<Entry>, report: Report): void => {
  const numbered: Array<{ entry: Entry; prefix: string; n: bigint }> = []
  for (const entry of entries) {
    const m = /^(.*?)(\d+)$/.exec(entry.num)
    if (m === null)
      report(firstLine(entry), 'EcritureNum', {
        code: 'FEC_NUMBERING',
        params: { problem: 'NoSequenceNumber', entry: entry.num },
      })
    else numbered.push({ entry, prefix: m[1] ?? '', n: BigInt(m[2] ?? '0') })
  }
  for (const [prefix, run] of groupBy(numbered, (x) => x.prefix)) {
    const perJournal = new Set(run.map((x) => x.n)).size < run.length
    const sequences = perJournal ? [...groupBy(run, (x) => x.entry.journal).values()] : [run]
    for (const sequence of sequences)
      for (const b of breaksOf(sequence))
        report(firstLine(b.entry), 'EcritureNum', {
          code: 'FEC_NUMBERING',
          params: {
            problem: 'Break',
            entry: b.entry.num,
            expected: b.expected.toString(),
            journal: perJournal ? b.entry.journal : null,
            prefix,
          },
        })
  }
}

const checkEntries = (entries: ReadonlyArray<Entry>, report: Report): void => {
  for (const entry of entries) {
    const date = entry.records[0]?.f.EcritureDate ?? ''
    const other = entry.records.find((r) => r.f.EcritureDate !== date)
    const { journal, num } = entry
    if (other !== undefined)
      report(other.line, 'EcritureDate', {
        code: 'FEC_MULTIPLE_DATES',
        params: { journal, entry: num, first: date, other: other.f.EcritureDate },
      })
    const totals = sums(entry.records)
    if (totals !== null && !totals.debit.equals(totals.credit))
      report(firstLine(entry), undefined, {
        code: 'FEC_UNBALANCED',
        params: { journal, entry: num, debit: totals.debit.toFixed(), credit: totals.credit.toFixed() },
      })
  }
}

/** Σ Debit and Σ Credit, or `null` when an amount is unreadable (already reported as FEC_AMOUNT). */
const sums = (records: ReadonlyArray<DataRecord>): { debit: Dec; credit: Dec } | null => {
  let debit = new Dec(0)
  let credit = new Dec(0)
  for (const r of records) {
    if (r.debit === null || r.credit === null) return null
    debit = debit.plus(r.debit)
    credit = credit.plus(r.credit)
  }
  return { debit, credit }
}

/**
 * Checks a FEC text (a JS string: decode the file first; a leading BOM is ignored). Records may be
 * separated by CRLF, LF or CR; the separator is detected from the header. Returns every issue, sorted
 * by line, each with its parameters and a message in French, or in English with `locale: 'en'`;
 * never throws.
 */
export const checkFec = (text: string, options: FecCheckOptions = {}): FecCheck => {
  const locale = options.locale ?? 'fr'
  const issues: FecIssue[] = []
  const report: Report = (line, field, item) => {
    issues.push({
      ...item,
      line,
      ...(field === undefined ? {} : { field }),
      message: FEC_ISSUE_CATALOG.messageOf(item, locale),
    })
  }
  const done = (separator: '\t' | '|' | null): FecCheck => {
    const sorted = issues
      .map((issue, i) => ({ issue, i }))
      .sort((a, b) => a.issue.line - b.issue.line || a.i - b.i)
    return { ok: issues.length === 0, separator, issues: sorted.map((x) => x.issue) }
  }
  const body = text.startsWith('\ufeff') ? text.slice(1) : text
  if (body.trim() === '') {
    report(1, undefined, { code: 'FEC_EMPTY', params: { headerOnly: false } })
    return done(null)
  }
  const lines = body.split(/\r\n|\r|\n/)
  const header = lines[0] ?? ''
  const separator = detectSeparator(header)
  if (separator === null) {
    report(1, undefined, { code: 'FEC_HEADER', params: { problem: 'NoSeparator' } })
    return done(null)
  }
  const names = header.split(separator).map((n) => n.trim())
  const wrong = FEC_COLUMNS.findIndex((c, i) => names[i] !== c)
  if (wrong >= 0 || names.length !== FEC_COLUMNS.length) {
    const at = wrong >= 0 ? wrong : FEC_COLUMNS.length
    const expected = FEC_COLUMNS[at]
    report(1, expected, {
      code: 'FEC_HEADER',
      params:
        names.length !== FEC_COLUMNS.length || expected === undefined
          ? { problem: 'FieldCount', fields: names.length, expected: FEC_COLUMNS.length }
          : { problem: 'FieldName', position: at + 1, found: names[at] ?? '', expected },
    })
    // Without the 18 columns nothing can be located; with them misnamed, positions still hold.
    if (names.length !== FEC_COLUMNS.length) return done(separator)
  }

  const records: DataRecord[] = []
  let dataLines = 0
  lines.slice(1).forEach((raw, i) => {
    const line = i + 2
    if (raw.trim() === '') {
      report(line, undefined, { code: 'FEC_EMPTY_LINE', params: {} })
      return
    }
    dataLines += 1
    const values = raw.split(separator)
    if (values.length !== FEC_COLUMNS.length) {
      report(line, undefined, {
        code: 'FEC_FIELD_COUNT',
        params: { fields: values.length, expected: FEC_COLUMNS.length },
      })
      return
    }
    const f = fieldsOf(values)
    records.push({ line, f, debit: amountOrZero(f.Debit), credit: amountOrZero(f.Credit) })
  })
  if (dataLines === 0) {
    report(1, undefined, { code: 'FEC_EMPTY', params: { headerOnly: true } })
    return done(separator)
  }

  for (const r of records) checkRecordFields(r, report)
  const entries = groupEntries(records, report)
  checkNumbering(entries, report)
  checkEntries(entries, report)
  const total = sums(records)
  const last = records[records.length - 1]
  if (total !== null && last !== undefined && !total.debit.equals(total.credit))
    report(last.line, undefined, {
      code: 'FEC_TOTAL_UNBALANCED',
      params: { debit: total.debit.toFixed(), credit: total.credit.toFixed() },
    })
  return done(separator)
}

/** A FEC file name's parts. */
export interface FecFileName {
  readonly siren: string
  readonly closingDate: LocalDate
}

/** Why a name is not a FEC file name. */
export interface InvalidFecFileName {
  readonly _tag: 'InvalidFecFileName'
  readonly name: string
  /** `Pattern`: not `<9 digits>FEC<8 digits>.txt|.xml`; `Siren`: Luhn fails; `ClosingDate`: not a day. */
  readonly reason: 'Pattern' | 'Siren' | 'ClosingDate'
}

/**
 * Checks a FEC file name `<SIREN>FEC<AAAAMMJJ>.txt` (or `.xml`), case-insensitive as the DGFiP tool
 * upper-cases it: 9-digit SIREN with a valid Luhn key, and a real closing date.
 */
export const checkFecFileName = (name: string): Either<InvalidFecFileName, FecFileName> => {
  const m = /^(\d{9})FEC(\d{8})\.(txt|xml)$/i.exec(name)
  const siren = m?.[1]
  const date = m?.[2]
  if (siren === undefined || date === undefined)
    return E.left({ _tag: 'InvalidFecFileName', name, reason: 'Pattern' })
  if (!isValidSiren(siren)) return E.left({ _tag: 'InvalidFecFileName', name, reason: 'Siren' })
  const closingDate = parseFecDate(date)
  if (closingDate === null) return E.left({ _tag: 'InvalidFecFileName', name, reason: 'ClosingDate' })
  return E.right({ siren, closingDate })
}
