import fc from 'fast-check'
import { computeIbanCheckDigits, computeRibKey } from '@bankfeed/core/domain'
import type { RibFields } from '@bankfeed/core/domain'

const digits = (n: number): fc.Arbitrary<string> => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`))

/**
 * French RIB parts: 5-digit bank and branch codes, an 11-character account number (digits, and
 * sometimes upper-case letters as some banks use), and by default the correct key.
 */
export const ribFieldsArb = (options: { readonly validKey?: boolean } = {}): fc.Arbitrary<RibFields> =>
  fc
    .tuple(
      digits(5),
      digits(5),
      fc.oneof(digits(11), fc.stringMatching(/^[0-9A-Z]{11}$/)),
      fc.integer({ min: 1, max: 96 }),
    )
    .map(([bankCode, branchCode, accountNumber, shift]) => {
      const good = computeRibKey(bankCode, branchCode, accountNumber)
      const key =
        options.validKey === false ? String(((Number(good) - 1 + shift) % 97) + 1).padStart(2, '0') : good
      return { bankCode, branchCode, accountNumber, key }
    })

/** The French IBAN carrying a RIB, with correct check digits. */
export const ibanOfRib = (rib: RibFields): string => {
  const bban = rib.bankCode + rib.branchCode + rib.accountNumber + rib.key
  return `FR${computeIbanCheckDigits('FR', bban)}${bban}`
}

/** A valid French IBAN and the RIB it carries. */
export const frenchIbanArb = (): fc.Arbitrary<{ readonly rib: RibFields; readonly iban: string }> =>
  ribFieldsArb().map((rib) => ({ rib, iban: ibanOfRib(rib) }))

/** A valid French BIC, 8 or 11 characters. */
export const frenchBicArb = (): fc.Arbitrary<string> =>
  fc.stringMatching(/^[A-Z]{4}FR[A-Z2-9][A-Z0-9]([A-Z0-9]{3})?$/)
