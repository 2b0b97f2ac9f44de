import { decodeUnsignedAmount, formatUnits, readDigits } from './amount.js'
import type { CfonbDiagnostic } from './diagnostics.js'
import { diagnostic } from './diagnostics.js'
import type { ZoneSpec } from './fields.js'
import { isBlank, position21Only, reservedZones, sliceTrim, sliceTrimEnd } from './fields.js'
import type { CfonbDetail, CfonbReservedZone } from './types.js'

// `05` complement records, decoded per the qualifier table of the March 2010 CFONB brochure
// (positions are record positions, 1-based). Offsets below are 0-based from the record start.

const DETAIL_RESERVED: readonly ZoneSpec[] = [
  [21, 21],
  [41, 45],
  [119, 120],
]

/** Reserved zones of a `05`; the usual case (only position 21, or nothing, filled) is checked inline. */
const detailReserved = (src: string, off: number): CfonbReservedZone[] | readonly CfonbReservedZone[] =>
  isBlank(src, off + 40, off + 45) && src.charCodeAt(off + 118) === 32 && src.charCodeAt(off + 119) === 32
    ? position21Only(src.charCodeAt(off + 20))
    : reservedZones(src, off, DETAIL_RESERVED)

type Kind = Exclude<CfonbDetail['kind'], 'raw'>

const QUALIFIERS: readonly Kind[] = [
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
]

// Qualifiers are looked up from their character codes (first letter, then the other two packed in
// one integer) so the hot path allocates no 3-character string and hashes nothing: this runs for
// every `05`, the most frequent record.
const BY_FIRST_LETTER: (readonly (readonly [rest: number, kind: Kind])[] | undefined)[] = []
for (const q of QUALIFIERS) {
  const list = (BY_FIRST_LETTER[q.charCodeAt(0)] ??= []) as (readonly [number, Kind])[]
  list.push([(q.charCodeAt(1) << 8) | q.charCodeAt(2), q])
}

const knownKind = (src: string, at: number): Kind | undefined => {
  const candidates = BY_FIRST_LETTER[src.charCodeAt(at)]
  if (candidates === undefined) return undefined
  const rest = (src.charCodeAt(at + 1) << 8) | src.charCodeAt(at + 2)
  for (const [r, kind] of candidates) if (r === rest) return kind
  return undefined
}

const first35 = (src: string, off: number): string => sliceTrim(src, off + 48, off + 83)
const second35 = (src: string, off: number): string => sliceTrim(src, off + 83, off + 118)

/** Decodes the `05` record at `off`; a malformed `MMO` sub-field is reported through `warn`. */
export const decodeDetail = (
  src: string,
  off: number,
  line: number,
  warn: (d: CfonbDiagnostic) => void,
): CfonbDetail => {
  const kind = knownKind(src, off + 45)
  const text = sliceTrimEnd(src, off + 48, off + 118)
  const reserved = detailReserved(src, off)
  switch (kind) {
    case undefined:
      return { line, qualifier: sliceTrim(src, off + 45, off + 48), kind: 'raw', text, reserved }
    case 'IPY':
    case 'IBE':
    case 'IPO':
    case 'IBU':
      return {
        line,
        qualifier: kind,
        kind,
        text,
        reserved,
        identifier: first35(src, off),
        identifierType: second35(src, off),
      }
    case 'LCS':
      return { line, qualifier: kind, kind, text, reserved, creditorReference: first35(src, off) }
    case 'RCN':
      return {
        line,
        qualifier: kind,
        kind,
        text,
        reserved,
        endToEndReference: first35(src, off),
        purpose: second35(src, off),
      }
    case 'REF':
      return {
        line,
        qualifier: kind,
        kind,
        text,
        reserved,
        remittanceReference: first35(src, off),
        transactionReference: second35(src, off),
      }
    case 'CBE':
    case 'CPY':
      return { line, qualifier: kind, kind, text, reserved, account: first35(src, off) }
    case 'RUM':
      return {
        line,
        qualifier: kind,
        kind,
        text,
        reserved,
        mandateReference: first35(src, off),
        sequenceType: sliceTrim(src, off + 83, off + 87),
      }
    case 'MMO':
      return decodeOriginalAmount(src, off, line, text, reserved, warn)
    default:
      return { line, qualifier: kind, kind, text, reserved }
  }
}

const decodeOriginalAmount = (
  src: string,
  off: number,
  line: number,
  text: string,
  reserved: CfonbDetail['reserved'],
  warn: (d: CfonbDiagnostic) => void,
): CfonbDetail => {
  // Currency 49–51, decimals 52, unsigned amount 53–66 (14), rate decimals 67–68, rate 69–79 (11).
  let originalAmount = null
  if (!isBlank(src, off + 51, off + 66)) {
    const decimals = readDigits(src, off + 51, 1)
    originalAmount = decimals < 0 ? null : decodeUnsignedAmount(src, off + 52, 14, decimals)
    if (originalAmount === null) {
      warn(
        diagnostic(
          'INVALID_DETAIL',
          line,
          'MMO original amount (positions 52–66) is not numeric',
          52,
          'originalAmount',
        ),
      )
    }
  }
  let exchangeRate = null
  if (!isBlank(src, off + 66, off + 79)) {
    const decimals = readDigits(src, off + 66, 2)
    const units = readDigits(src, off + 68, 11)
    if (decimals < 0 || units < 0) {
      warn(
        diagnostic(
          'INVALID_DETAIL',
          line,
          'MMO exchange rate (positions 67–79) is not numeric',
          67,
          'exchangeRate',
        ),
      )
    } else exchangeRate = formatUnits(units, decimals, false)
  }
  return {
    line,
    qualifier: 'MMO',
    kind: 'MMO',
    text,
    reserved,
    originalCurrency: sliceTrim(src, off + 48, off + 51),
    originalAmount,
    exchangeRate,
  }
}
