import { E } from '../fp.js'
import type { Either } from '../fp.js'

declare const glAccountNumberBrand: unique symbol
/**
 * A general-ledger account number: three digits of PCG root then digits or upper-case letters
 * (`512100`, `51210000`, `512BNP`), 3 to 20 characters. The FEC requires the first three to be digits.
 */
export type GlAccountNumber = string & { readonly [glAccountNumberBrand]: 'GlAccountNumber' }

/** Why a string is not a {@link GlAccountNumber}. */
export interface InvalidGlAccountNumber {
  readonly _tag: 'InvalidGlAccountNumber'
  readonly value: string
}

const GL_ACCOUNT_NUMBER = /^[0-9]{3}[0-9A-Z]{0,17}$/

/** Makes a {@link GlAccountNumber}. */
export const makeGlAccountNumber = (value: string): Either<InvalidGlAccountNumber, GlAccountNumber> =>
  GL_ACCOUNT_NUMBER.test(value)
    ? E.right(value as GlAccountNumber)
    : E.left({ _tag: 'InvalidGlAccountNumber', value })

/** True when the account belongs to PCG root 512, Banques. */
export const isBankGlAccount = (number: string): boolean =>
  GL_ACCOUNT_NUMBER.test(number) && number.startsWith('512')

/** True when the account belongs to class 47, the waiting and transit accounts (471 compte d'attente). */
export const isWaitingGlAccount = (number: string): boolean =>
  GL_ACCOUNT_NUMBER.test(number) && number.startsWith('47')

/** A general-ledger account of the dossier; bank accounts (512) name the bank account they follow. */
export interface GlAccount {
  readonly number: string
  readonly label: string
  /** The bank account this 512 account follows, or `null` for other accounts. */
  readonly bankAccountId: string | null
}

/** The waiting account used when a dossier names none: 471000, compte d'attente. */
export const DEFAULT_WAITING_ACCOUNT = '471000' as GlAccountNumber
