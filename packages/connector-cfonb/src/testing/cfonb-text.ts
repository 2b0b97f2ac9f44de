// fast-check arbitraries for CFONB 120 files: a model of valid statements, a text writer for every
// physical variant, and the canonical JSON the model must parse to. Self-contained: it does not use
// the parser's code, so the parser's round-trip tests check the parser against an independent writer.
import fc from 'fast-check'

// Every runtime has a TextEncoder; declared here because the package's types stay free of DOM and
// Node declarations (like the parser's TextDecoder).
declare const TextEncoder: new () => { encode(text: string): Uint8Array }

/** A calendar date between 1970 and 2069 (the range DDMMYY can express unambiguously). */
export interface ModelDate {
  readonly year: number
  readonly month: number
  readonly day: number
}

/** The account a statement is for. */
export interface ModelAccount {
  readonly bank: string
  readonly branch: string
  readonly account: string
  readonly currency: string
  readonly decimals: 0 | 1 | 2 | 3
}

/** A `05` record. */
export interface ModelDetail {
  /** Three characters written at 46–48 (may contain or be blanks). */
  readonly qualifier: string
  /** Up to 70 characters, no trailing blank. */
  readonly text: string
}

/** A `04` record with its `05`s. Text fields carry no leading or trailing blank. */
export interface ModelMovement {
  readonly internalCode: string
  readonly interbankCode: string
  readonly bookingDate: ModelDate
  readonly rejectCode: string
  readonly valueDate: ModelDate | null
  readonly label: string
  readonly entryNumber: string
  readonly flags: string
  /** Signed minor units. */
  readonly units: bigint
  readonly reference: string
  readonly details: readonly ModelDetail[]
}

/** One `01` … `07` block; the closing balance is opening + Σ movements. */
export interface ModelStatement {
  readonly account: ModelAccount
  readonly openingDate: ModelDate
  readonly openingUnits: bigint
  readonly closingDate: ModelDate
  readonly movements: readonly ModelMovement[]
}

/** How the records are laid out in the file. */
export interface PhysicalVariant {
  readonly separator: '\n' | '\r\n' | '\r' | ''
  readonly finalSeparator: boolean
  /** Insert an empty (or all-blank) line before every record whose index is a multiple of this (0: never). */
  readonly blankLineEvery: number
  /** Remove the trailing blanks of every record (needs a separator). */
  readonly rightTrimmed: boolean
  readonly encoding: 'utf-8' | 'windows-1252'
}

/** A rendered file and the line number of each record. */
export interface RenderedFile {
  readonly text: string
  readonly bytes: Uint8Array
  /** 1-based line of each record, in order. */
  readonly recordLines: readonly number[]
  /** The records themselves (120 characters each). */
  readonly records: readonly string[]
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const DIGITS = '0123456789'
// Characters of real bank files, accented ones included (all in Windows-1252). `€` is left out: in
// Windows-1252 it is byte 0x80, which after `É` forms valid UTF-8 — the one ambiguity of the `auto`
// encoding rule, documented and covered by a golden file instead.
const TEXT_CHARS = `${UPPER}${DIGITS}abcdefxyz /.-*'+:,()ÉÈéèàçô`
const BIG_TEN = BigInt(10)

const charsOf = (alphabet: string, minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength, maxLength })

/** Text without leading or trailing blank, at most `max` characters. */
const trimmedText = (max: number): fc.Arbitrary<string> => charsOf(TEXT_CHARS, 0, max).map((s) => s.trim())

/** A date in 1970–2069. */
export const modelDateArb: fc.Arbitrary<ModelDate> = fc.integer({ min: 0, max: 36_524 }).map((days) => {
  const d = new Date(Date.UTC(1970, 0, 1) + days * 86_400_000)
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }
})

/** An account. */
export const modelAccountArb: fc.Arbitrary<ModelAccount> = fc.record({
  bank: charsOf(DIGITS, 5, 5),
  branch: charsOf(DIGITS, 5, 5),
  account: charsOf(`${DIGITS}${UPPER}`, 11, 11),
  currency: fc.constantFrom('EUR', 'XPF', 'TND', 'USD', 'MAD'),
  decimals: fc.constantFrom(0, 1, 2, 3),
})

const QUALIFIERS = [
  'LIB',
  'NPY',
  'IPY',
  'NBE',
  'IBE',
  'NPO',
  'IPO',
  'NBU',
  'IBU',
  'LCC',
  'LC2',
  'LCS',
  'RCN',
  'REF',
  'MMO',
  'CBE',
  'RUM',
  'CPY',
  'ZZZ',
  'N Y',
  '   ',
  'FEE',
]

/** A well-formed `MMO` zone: currency, decimals, 14-digit amount, 2-digit rate decimals, 11-digit rate. */
const mmoTextArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('USD', 'GBP', 'CHF'),
    charsOf('0123', 1, 1),
    charsOf(DIGITS, 14, 14),
    charsOf('01234567', 2, 2).map((s) => `0${s.charAt(1)}`),
    charsOf(DIGITS, 11, 11),
  )
  .map((parts) => parts.join(''))

/** A `05`. */
export const modelDetailArb: fc.Arbitrary<ModelDetail> = fc.oneof(
  fc.record({
    qualifier: fc.constantFrom(...QUALIFIERS.filter((q) => q !== 'MMO')),
    text: charsOf(TEXT_CHARS, 0, 70).map((s) => s.trimEnd()),
  }),
  fc.record({ qualifier: fc.constant('MMO'), text: mmoTextArb }),
)

/** Largest magnitude used for amounts, so that sums of a statement stay below 10^14. */
const MAX_UNITS = BigInt(10) ** BigInt(11)

const unitsArb: fc.Arbitrary<bigint> = fc.bigInt({ min: -MAX_UNITS, max: MAX_UNITS })

/** A `04` with up to 6 `05`. */
export const modelMovementArb: fc.Arbitrary<ModelMovement> = fc.record({
  internalCode: charsOf(`${DIGITS}${UPPER}`, 0, 4).map((s) => s.trim()),
  interbankCode: charsOf(`${DIGITS}${UPPER}`, 2, 2),
  bookingDate: modelDateArb,
  rejectCode: fc.constantFrom('', '64', '65', 'AC'),
  valueDate: fc.option(modelDateArb, { nil: null }),
  label: trimmedText(31),
  entryNumber: fc.oneof(charsOf(DIGITS, 7, 7), fc.constant('')),
  flags: fc.constantFrom('  ', '00', '10', '01', '11'),
  units: unitsArb,
  reference: trimmedText(16),
  details: fc.array(modelDetailArb, { maxLength: 6 }),
})

/** A statement with up to 8 movements. */
export const modelStatementArb: fc.Arbitrary<ModelStatement> = fc.record({
  account: modelAccountArb,
  openingDate: modelDateArb,
  openingUnits: unitsArb,
  closingDate: modelDateArb,
  movements: fc.array(modelMovementArb, { maxLength: 8 }),
})

/** A file of up to 4 statements. */
export const modelFileArb: fc.Arbitrary<readonly ModelStatement[]> = fc.array(modelStatementArb, {
  maxLength: 4,
})

/** Every physical layout the parser must read. */
export const physicalVariantArb: fc.Arbitrary<PhysicalVariant> = fc
  .record({
    separator: fc.constantFrom('\n' as const, '\r\n' as const, '\r' as const, '' as const),
    finalSeparator: fc.boolean(),
    blankLineEvery: fc.constantFrom(0, 0, 1, 3),
    rightTrimmed: fc.boolean(),
    encoding: fc.constantFrom('utf-8' as const, 'windows-1252' as const),
  })
  .map((v) =>
    v.separator === '' ? { ...v, blankLineEvery: 0, rightTrimmed: false, finalSeparator: false } : v,
  )

// --- writing -------------------------------------------------------------------------------------

const pad = (s: string, n: number): string => (s + ' '.repeat(n)).slice(0, n)
const two = (n: number): string => String(n).padStart(2, '0')
/** DDMMYY. */
export const writeDate = (d: ModelDate): string => `${two(d.day)}${two(d.month)}${two(d.year % 100)}`

/** The 14-character overpunched amount of signed minor units. */
export const writeAmount = (units: bigint): string => {
  const negative = units < BigInt(0)
  const digits = (negative ? -units : units).toString().padStart(14, '0')
  const last = Number(digits.slice(13))
  return digits.slice(0, 13) + (negative ? '}JKLMNOPQR' : '{ABCDEFGHI').charAt(last)
}

const closingUnits = (s: ModelStatement): bigint =>
  s.movements.reduce((sum, m) => sum + m.units, s.openingUnits)

/** The records of a file, 120 characters each. */
export const writeRecords = (statements: readonly ModelStatement[]): string[] => {
  const out: string[] = []
  for (const s of statements) {
    const a = s.account
    const balance = (code: string, date: ModelDate, units: bigint): string =>
      `${code}${a.bank}    ${a.branch}${a.currency}${a.decimals} ${a.account}  ${writeDate(date)}${' '.repeat(50)}${writeAmount(units)}${' '.repeat(16)}`
    out.push(balance('01', s.openingDate, s.openingUnits))
    for (const m of s.movements) {
      const head = `${a.bank}${pad(m.internalCode, 4)}${a.branch}${a.currency}${a.decimals} ${a.account}${m.interbankCode}${writeDate(m.bookingDate)}`
      out.push(
        `04${head}${pad(m.rejectCode, 2)}${m.valueDate === null ? '      ' : writeDate(m.valueDate)}${pad(m.label, 31)}  ` +
          `${pad(m.entryNumber, 7)}${m.flags}${writeAmount(m.units)}${pad(m.reference, 16)}`,
      )
      for (const d of m.details) out.push(`05${head}     ${d.qualifier}${pad(d.text, 70)}  `)
    }
    out.push(balance('07', s.closingDate, closingUnits(s)))
  }
  return out
}

/** Encodes text as Windows-1252 (only Latin-1 characters, which are all this module generates). */
export const encodeWindows1252 = (text: string): Uint8Array => {
  const bytes = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff
  return bytes
}

/** Lays the records out per `variant`. */
export const renderFile = (statements: readonly ModelStatement[], variant: PhysicalVariant): RenderedFile => {
  const records = writeRecords(statements)
  const parts: string[] = []
  const recordLines: number[] = []
  let line = 0
  records.forEach((r, i) => {
    if (variant.blankLineEvery > 0 && i % variant.blankLineEvery === 0) {
      parts.push(i % 2 === 0 ? '' : ' '.repeat(1 + (i % 130)))
      line++
    }
    parts.push(variant.rightTrimmed ? r.trimEnd() : r)
    recordLines.push(++line)
  })
  const text =
    parts.join(variant.separator) + (variant.finalSeparator && parts.length > 0 ? variant.separator : '')
  const bytes = variant.encoding === 'utf-8' ? new TextEncoder().encode(text) : encodeWindows1252(text)
  return { text, bytes, recordLines, records }
}

// --- expected result ---------------------------------------------------------------------------

const iso = (d: ModelDate): string => `${d.year}-${two(d.month)}-${two(d.day)}`

/** Decimal string of signed minor units with exactly `decimals` fraction digits (zero unsigned). */
export const formatMinor = (units: bigint, decimals: number): string => {
  const negative = units < BigInt(0)
  const abs = negative ? -units : units
  const scale = BIG_TEN ** BigInt(decimals)
  const int = (abs / scale).toString()
  const frac = decimals === 0 ? '' : `.${(abs % scale).toString().padStart(decimals, '0')}`
  return `${negative ? '-' : ''}${int}${frac}`
}

/** The canonical JSON statements the model must parse to. */
export const expectedCanonicalStatements = (statements: readonly ModelStatement[]): unknown[] =>
  statements.map((s) => ({
    bankCode: s.account.bank,
    branchCode: s.account.branch,
    accountNumber: s.account.account,
    currency: s.account.currency,
    openingBalance: { date: iso(s.openingDate), amount: formatMinor(s.openingUnits, s.account.decimals) },
    closingBalance: { date: iso(s.closingDate), amount: formatMinor(closingUnits(s), s.account.decimals) },
    movements: s.movements.map((m) => ({
      bookingDate: iso(m.bookingDate),
      valueDate: m.valueDate === null ? null : iso(m.valueDate),
      amount: formatMinor(m.units, s.account.decimals),
      label: m.label,
      interbankCode: m.interbankCode,
      internalCode: m.internalCode,
      rejectCode: m.rejectCode,
      entryNumber: m.entryNumber,
      reference: m.reference,
      details: m.details.map((d) => ({ qualifier: d.qualifier.trim(), text: d.text })),
    })),
  }))
