import { validateBIC } from 'ibantools'
import { E } from '../fp.js'
import type { Either } from '../fp.js'
import { FRENCH_ZONE } from './french-zone.js'

declare const bicBrand: unique symbol
/** A BIC (ISO 9362), upper case, 8 or 11 characters, with a known country. */
export type Bic = string & { readonly [bicBrand]: 'Bic' }

/** What is wrong with a BIC. */
export type BicProblem = 'WRONG_FORMAT' | 'UNKNOWN_COUNTRY'

/** Why a string is not a valid {@link Bic}. */
export interface InvalidBic {
  readonly _tag: 'InvalidBic'
  readonly value: string
  readonly problem: BicProblem
}

const BIC_FORMAT = /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/

/**
 * Makes a {@link Bic}: 4 letters of institution, the 2-letter ISO 3166 country, 2 characters of
 * location and an optional 3-character branch. Spaces are removed and letters upper-cased first.
 */
export const makeBic = (value: string): Either<InvalidBic, Bic> => {
  const bic = value.replace(/\s+/g, '').toUpperCase()
  if (!BIC_FORMAT.test(bic)) return E.left({ _tag: 'InvalidBic', value, problem: 'WRONG_FORMAT' })
  return validateBIC(bic).valid
    ? E.right(bic as Bic)
    : E.left({ _tag: 'InvalidBic', value, problem: 'UNKNOWN_COUNTRY' })
}

/** The ISO 3166 country of a BIC (characters 5 and 6). */
export const bicCountry = (bic: Bic): string => bic.slice(4, 6)

/**
 * True when a BIC's country and an IBAN's country belong together: equal, or both in the French zone
 * (a French bank's BIC says FR for accounts whose IBAN says MC, GP, RE…).
 */
export const bicMatchesIbanCountry = (bic: Bic, ibanCountryCode: string): boolean => {
  const country = bicCountry(bic)
  return country === ibanCountryCode || (FRENCH_ZONE.has(country) && FRENCH_ZONE.has(ibanCountryCode))
}
