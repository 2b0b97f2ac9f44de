/**
 * Formatting rules shared by the FEC export and the FEC checker (LPF art. A47 A-1; see
 * `shared/reference/fr-accounting.md` §4). Both sides read the same constants so that a change of
 * rule cannot make the exporter and its own checker disagree silently.
 */
import { E } from '../fp.js'
import type { Either } from '../fp.js'
import { isLocalDate } from '../domain/local-date.js'
import type { LocalDate } from '../domain/local-date.js'
import { Dec } from '../domain/money.js'

/** The 18 columns of a FEC (BIC/IS and general case), in their mandatory order and exact spelling. */
export const FEC_COLUMNS = [
  'JournalCode',
  'JournalLib',
  'EcritureNum',
  'EcritureDate',
  'CompteNum',
  'CompteLib',
  'CompAuxNum',
  'CompAuxLib',
  'PieceRef',
  'PieceDate',
  'EcritureLib',
  'Debit',
  'Credit',
  'EcritureLet',
  'DateLet',
  'ValidDate',
  'Montantdevise',
  'Idevise',
] as const

/** One FEC column name. */
export type FecColumn = (typeof FEC_COLUMNS)[number]

/** The field separator the exporter writes: tabulation (the DGFiP also accepts `|`). */
export const FEC_FIELD_SEPARATOR = '\t'

/** The record separator the exporter writes: CRLF, which every reader of A47 A-1 "CR and/or LF" accepts. */
export const FEC_LINE_SEPARATOR = '\r\n'

/** True when `siren` is 9 digits whose Luhn checksum is valid (`123456782` passes, `123456789` fails). */
export const isValidSiren = (siren: string): boolean => {
  if (!/^\d{9}$/.test(siren)) return false
  let sum = 0
  for (let i = 0; i < 9; i++) {
    // Luhn from the right: the 2nd, 4th… digits from the right (odd indexes here) are doubled.
    const digit = Number(siren[i])
    const doubled = i % 2 === 1 ? digit * 2 : digit
    sum += doubled > 9 ? doubled - 9 : doubled
  }
  return sum % 10 === 0
}

/** The FEC file name `<SIREN>FEC<AAAAMMJJ>.txt`, the date being the closing date of the exported period. */
export const fecFileName = (siren: string, closingDate: LocalDate): string =>
  `${siren}FEC${formatFecDate(closingDate)}.txt`

/** A date as the FEC writes it: `AAAAMMJJ`. */
export const formatFecDate = (date: LocalDate): string => date.replaceAll('-', '')

/**
 * Reads a FEC date `AAAAMMJJ`, or `null` when it is not a calendar day of 1900–2099 (the years the
 * DGFiP tool accepts).
 */
export const parseFecDate = (text: string): LocalDate | null => {
  if (!/^(19|20)\d{6}$/.test(text)) return null
  const iso = `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`
  return isLocalDate(iso) ? iso : null
}

/**
 * An amount as the FEC writes it: decimal comma, exactly 2 decimals, no thousands separator, `0,00`
 * for zero. The caller must have checked the amount has at most 2 decimals: this never rounds
 * silently in practice because the exporter refuses amounts with more.
 */
export const formatFecAmount = (amount: Dec): string => {
  const text = amount.toFixed(2)
  // decimal.js writes "-0.00" for negative zero; the FEC has no signed zero.
  return (text === '-0.00' ? '0.00' : text).replace('.', ',')
}

/**
 * Reads a FEC amount: optional sign, digits, optional decimal comma and digits (`1234,5`, `-10`,
 * `0000000069,60`). Thousands separators, decimal points and exponents give `null`.
 */
export const parseFecAmount = (text: string): Dec | null =>
  /^[+-]?\d+(,\d+)?$/.test(text) ? new Dec(text.replace(',', '.')) : null

// Tab, CR and LF would break records and fields; `|` is the other separator A47 A-1 readers accept and
// sniff from the header, so a tool converting or re-detecting the separator would split on it too.
// Other C0/C1 controls and the Unicode line/paragraph separators are invisible line breakers in some
// readers. Each run becomes one space, so words stay apart. Matching control characters is the point.
// eslint-disable-next-line no-control-regex
const UNSAFE_TEXT = /[\u0000-\u001f\u007f-\u009f|\u2028\u2029]+/g

/**
 * A text field made safe for the FEC: tabs, line breaks, `|` and other control characters replaced
 * by a space, then trimmed (a blank field is empty, as the checker reads it).
 */
export const sanitizeFecText = (text: string): string => text.replace(UNSAFE_TEXT, ' ').trim()

/** A character of FEC content that ISO-8859-15 cannot encode, with its first position and count. */
export interface UnmappableCharacter {
  readonly character: string
  readonly codePoint: number
  /** Index (UTF-16 code units) of its first occurrence in the content. */
  readonly firstIndex: number
  readonly count: number
}

/** The content holds characters ISO-8859-15 (Latin-9) has no code for. */
export interface FecEncodingError {
  readonly _tag: 'FecUnmappableCharacters'
  readonly characters: ReadonlyArray<UnmappableCharacter>
}

// The 8 places where ISO-8859-15 differs from ISO-8859-1; the rest of Latin-9 is U+0000–U+00FF.
const LATIN9_SPECIALS: ReadonlyMap<number, number> = new Map([
  [0x20ac, 0xa4], // €
  [0x0160, 0xa6], // Š
  [0x0161, 0xa8], // š
  [0x017d, 0xb4], // Ž
  [0x017e, 0xb8], // ž
  [0x0152, 0xbc], // Œ
  [0x0153, 0xbd], // œ
  [0x0178, 0xbe], // Ÿ
])
const LATIN1_REPLACED = new Set([0xa4, 0xa6, 0xa8, 0xb4, 0xb8, 0xbc, 0xbd, 0xbe])

const latin9Byte = (codePoint: number): number | undefined => {
  const special = LATIN9_SPECIALS.get(codePoint)
  if (special !== undefined) return special
  return codePoint <= 0xff && !LATIN1_REPLACED.has(codePoint) ? codePoint : undefined
}

/** Options of {@link encodeFecLatin9}. */
export interface Latin9Options {
  /**
   * One Latin-9 character written instead of each unmappable one (e.g. `?`). Without it (or when
   * it is not a single Latin-9 character), any unmappable character is an error, so nothing is lost
   * silently.
   */
  readonly replacement?: string
}

/**
 * Encodes FEC content as ISO-8859-15, the charset A47 A-1 III names (with ASCII and EBCDIC). `toFec`
 * returns a JS string: write it either through this function or as UTF-8 without BOM (the DGFiP
 * tool converts UTF-8; never UTF-16). Characters Latin-9 lacks (`’`, emoji…) are reported, or
 * replaced by `options.replacement` when given.
 */
export const encodeFecLatin9 = (
  content: string,
  options: Latin9Options = {},
): Either<FecEncodingError, Uint8Array> => {
  const replacementByte =
    options.replacement === undefined || options.replacement.length !== 1
      ? undefined
      : latin9Byte(options.replacement.charCodeAt(0))
  const bytes: number[] = []
  const unmappable = new Map<string, { codePoint: number; firstIndex: number; count: number }>()
  let index = 0
  for (const character of content) {
    const codePoint = character.codePointAt(0) ?? 0
    const byte = latin9Byte(codePoint)
    if (byte !== undefined) bytes.push(byte)
    else if (replacementByte !== undefined) bytes.push(replacementByte)
    else {
      const seen = unmappable.get(character)
      if (seen === undefined) unmappable.set(character, { codePoint, firstIndex: index, count: 1 })
      else seen.count += 1
    }
    index += character.length
  }
  if (unmappable.size > 0)
    return E.left({
      _tag: 'FecUnmappableCharacters',
      characters: [...unmappable].map(([character, u]) => ({ character, ...u })),
    })
  return E.right(Uint8Array.from(bytes))
}
