import { ValidationErrorsIBAN, validateIBAN } from 'ibantools'
import { E } from '../fp.js'
import type { Either } from '../fp.js'
import { FRENCH_ZONE } from './french-zone.js'
import { mod97 } from './mod97.js'
import { bbanToRibFields, ribDigits, ribToBban } from './rib.js'
import type { Rib, RibFields } from './rib.js'

declare const ibanBrand: unique symbol
/** An IBAN in electronic form (upper case, no spaces) that passed every ISO 13616 and national check. */
export type Iban = string & { readonly [ibanBrand]: 'Iban' }

/** What is wrong with an IBAN; several may hold at once. */
export type IbanProblem =
  | 'EMPTY'
  | 'UNKNOWN_COUNTRY'
  | 'WRONG_LENGTH'
  | 'WRONG_BBAN_FORMAT'
  | 'CHECK_DIGITS_NOT_NUMERIC'
  | 'WRONG_CHECK_DIGITS'
  | 'WRONG_NATIONAL_CHECK'

/** Why a string is not a valid {@link Iban}. */
export interface InvalidIban {
  readonly _tag: 'InvalidIban'
  readonly value: string
  readonly problems: ReadonlyArray<IbanProblem>
}

const PROBLEM_OF: Readonly<Partial<Record<ValidationErrorsIBAN, IbanProblem>>> = {
  [ValidationErrorsIBAN.NoIBANProvided]: 'EMPTY',
  [ValidationErrorsIBAN.NoIBANCountry]: 'UNKNOWN_COUNTRY',
  [ValidationErrorsIBAN.WrongBBANLength]: 'WRONG_LENGTH',
  [ValidationErrorsIBAN.WrongBBANFormat]: 'WRONG_BBAN_FORMAT',
  [ValidationErrorsIBAN.ChecksumNotNumber]: 'CHECK_DIGITS_NOT_NUMERIC',
  [ValidationErrorsIBAN.WrongIBANChecksum]: 'WRONG_CHECK_DIGITS',
  [ValidationErrorsIBAN.WrongAccountBankBranchChecksum]: 'WRONG_NATIONAL_CHECK',
}

/** The electronic form of an IBAN as typed: spaces removed, upper case. */
export const electronicIban = (value: string): string => value.replace(/\s+/g, '').toUpperCase()

/** True when the IBAN's country uses the French RIB as BBAN. */
export const isRibCountry = (countryCode: string): boolean => FRENCH_ZONE.has(countryCode)

/**
 * Validates an IBAN (ISO 13616: country, length, BBAN format, mod-97 check digits) and, for the
 * French zone, the RIB key inside it — an IBAN can pass mod-97 with a wrong RIB key and the reverse.
 */
export const makeIban = (value: string): Either<InvalidIban, Iban> => {
  const iban = electronicIban(value)
  const result = validateIBAN(iban)
  const problems = new Set<IbanProblem>()
  for (const code of result.errorCodes) {
    const problem = PROBLEM_OF[code]
    if (problem !== undefined) problems.add(problem)
  }
  // ibantools checks the RIB key for FR and MC only; the overseas territories share the same BBAN.
  if (isRibCountry(iban.slice(0, 2)) && !problems.has('WRONG_BBAN_FORMAT') && !problems.has('WRONG_LENGTH')) {
    if (mod97(ribDigits(iban.slice(4))) !== 0) problems.add('WRONG_NATIONAL_CHECK')
  }
  if (!result.valid && problems.size === 0) problems.add('WRONG_BBAN_FORMAT')
  return problems.size === 0
    ? E.right(iban as Iban)
    : E.left({ _tag: 'InvalidIban', value, problems: [...problems] })
}

/** Replaces letters by two digits (A = 10 … Z = 35), the ISO 13616 substitution. */
const isoDigits = (s: string): string => s.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55))

/** The two ISO 13616 check digits for a country and BBAN: `98 − (BBAN + country + "00" mod 97)`. */
export const computeIbanCheckDigits = (countryCode: string, bban: string): string =>
  String(98 - mod97(isoDigits(electronicIban(bban) + countryCode.toUpperCase() + '00'))).padStart(2, '0')

/** The IBAN of a French RIB (country FR unless another French-zone country is given). */
export const ribToIban = (rib: Rib, countryCode = 'FR'): Iban => {
  const bban = ribToBban(rib)
  return `${countryCode}${computeIbanCheckDigits(countryCode, bban)}${bban}` as Iban
}

/** The two-letter country of an IBAN. */
export const ibanCountry = (iban: string): string => electronicIban(iban).slice(0, 2)

/**
 * The RIB parts carried by a French-zone IBAN (any string of the right length; nothing checked), or
 * `null` when the IBAN is of another country or has the wrong length.
 */
export const ribFieldsOfIban = (iban: string): RibFields | null => {
  const e = electronicIban(iban)
  return isRibCountry(e.slice(0, 2)) && e.length === 27 ? bbanToRibFields(e.slice(4)) : null
}

/** The IBAN in groups of four for printing: `FR76 3000 6000 0112 3456 7890 189`. */
export const formatIbanPrint = (iban: string): string => electronicIban(iban).replace(/(.{4})(?=.)/g, '$1 ')
