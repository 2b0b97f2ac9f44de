import { E } from '../fp.js'
import type { Either } from '../fp.js'
import { mod97 } from './mod97.js'

/** The four parts of a French RIB as entered by a person: nothing about them is checked yet. */
export interface RibFields {
  /** Code banque: 5 digits. */
  readonly bankCode: string
  /** Code guichet: 5 digits. */
  readonly branchCode: string
  /** Numéro de compte: 11 digits or upper-case letters. */
  readonly accountNumber: string
  /** Clé RIB: 2 digits, 01 to 97. */
  readonly key: string
}

declare const ribBrand: unique symbol
/** A French RIB whose parts have the right format and whose key is correct. */
export type Rib = RibFields & { readonly [ribBrand]: 'Rib' }

/** A part of the RIB whose format is wrong (missing, wrong length, wrong characters). */
export type RibField = keyof RibFields

/** Why {@link RibFields} are not a valid {@link Rib}. */
export type InvalidRib =
  | { readonly _tag: 'RibFormat'; readonly fields: ReadonlyArray<RibField> }
  | { readonly _tag: 'RibKeyMismatch'; readonly given: string; readonly expected: string }

const FORMATS: Readonly<Record<RibField, RegExp>> = {
  bankCode: /^\d{5}$/,
  branchCode: /^\d{5}$/,
  accountNumber: /^[0-9A-Z]{11}$/,
  key: /^\d{2}$/,
}

/**
 * The French letter table of the RIB key (A/J → 1, B/K/S → 2 … I/R/Z → 9). It is not the IBAN's
 * A = 10 … Z = 35, and S is 2, not 1: the third group starts one place later.
 */
const RIB_LETTER_DIGITS = '12345678912345678923456789'

/** Replaces each letter of a RIB part by its digit from the French RIB letter table. */
export const ribDigits = (part: string): string =>
  part.replace(/[A-Z]/g, (letter) => RIB_LETTER_DIGITS[letter.charCodeAt(0) - 65] ?? '')

/** The RIB parts whose format is wrong, in RIB order (empty when the format is right). */
export const ribFormatProblems = (fields: Partial<RibFields>): ReadonlyArray<RibField> =>
  (Object.keys(FORMATS) as RibField[]).filter((f) => !FORMATS[f].test(fields[f] ?? ''))

/**
 * The clé RIB of bank, branch and account (formats assumed right): the two digits K, 01 to 97, that
 * make the 23-digit RIB divisible by 97. When the first 21 digits already are, the key is 97, never 00.
 */
export const computeRibKey = (bankCode: string, branchCode: string, accountNumber: string): string => {
  const key = 97 - mod97(ribDigits(bankCode + branchCode + accountNumber) + '00')
  return String(key).padStart(2, '0')
}

/** Makes a {@link Rib}: every part well formed and the key correct. */
export const makeRib = (fields: RibFields): Either<InvalidRib, Rib> => {
  const problems = ribFormatProblems(fields)
  if (problems.length > 0) return E.left({ _tag: 'RibFormat', fields: problems })
  const expected = computeRibKey(fields.bankCode, fields.branchCode, fields.accountNumber)
  return expected === fields.key
    ? E.right({ ...fields } as Rib)
    : E.left({ _tag: 'RibKeyMismatch', given: fields.key, expected })
}

/** The 23-character BBAN of a French IBAN: bank, branch, account, key. */
export const ribToBban = (rib: RibFields): string =>
  rib.bankCode + rib.branchCode + rib.accountNumber + rib.key

/** Splits a 23-character French BBAN into its RIB parts (formats not checked). */
export const bbanToRibFields = (bban: string): RibFields => ({
  bankCode: bban.slice(0, 5),
  branchCode: bban.slice(5, 10),
  accountNumber: bban.slice(10, 21),
  key: bban.slice(21, 23),
})
