import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { E } from '../fp.js'
import { computeIbanCheckDigits, formatIbanPrint, makeIban, ribFieldsOfIban, ribToIban } from './iban.js'
import { computeRibKey, makeRib } from './rib.js'

const problemsOf = (iban: string) => {
  const r = makeIban(iban)
  return E.isLeft(r) ? [...r.left.problems].sort() : []
}

describe('makeIban', () => {
  it('refuses the seed IBAN for both its check digits and its RIB key', () => {
    expect(problemsOf('FR7699999999991234567899799')).toEqual(['WRONG_CHECK_DIGITS', 'WRONG_NATIONAL_CHECK'])
  })

  it('accepts the seed IBAN once its key is corrected to 93', () => {
    expect(makeIban('FR7699999999991234567899793')).toEqual(E.right('FR7699999999991234567899793'))
  })

  it('accepts the ISO registry example with a letter in the account, written with spaces', () => {
    expect(makeIban('fr14 2004 1010 0505 0001 3M02 606')).toEqual(E.right('FR1420041010050500013M02606'))
  })

  it('accepts a valid German IBAN (no RIB inside)', () => {
    expect(makeIban('DE89370400440532013000')._tag).toBe('Right')
  })

  it('reports a wrong length and an unknown country', () => {
    expect(problemsOf('FR76300060000112345678901')).toContain('WRONG_LENGTH')
    expect(problemsOf('ZZ7630006000011234567890189')).toContain('UNKNOWN_COUNTRY')
    expect(problemsOf('')).toContain('EMPTY')
  })

  it('catches a wrong RIB key in an overseas IBAN, which carries a French RIB too', () => {
    // Same BBAN as the corrected seed under the Réunion code, check digits recomputed: only the key is wrong.
    const bban = '99999999991234567899799'
    expect(problemsOf(`RE${computeIbanCheckDigits('RE', bban)}${bban}`)).toEqual(['WRONG_NATIONAL_CHECK'])
  })
})

describe('RIB ↔ IBAN', () => {
  const rib = fc
    .tuple(
      fc.stringMatching(/^[0-9]{5}$/),
      fc.stringMatching(/^[0-9]{5}$/),
      fc.stringMatching(/^[0-9A-Z]{11}$/),
    )
    .map(([bankCode, branchCode, accountNumber]) => ({
      bankCode,
      branchCode,
      accountNumber,
      key: computeRibKey(bankCode, branchCode, accountNumber),
    }))

  test.prop([rib])('a valid RIB makes a valid IBAN that gives the same RIB back', (fields) => {
    const valid = makeRib(fields)
    if (E.isLeft(valid)) throw new Error('generator made an invalid RIB')
    const iban = ribToIban(valid.right)
    expect(iban).toMatch(/^FR\d{2}/)
    expect(makeIban(iban)._tag).toBe('Right')
    expect(ribFieldsOfIban(iban)).toEqual(fields)
  })

  test.prop([rib, fc.integer({ min: 1, max: 96 })])(
    'changed check digits are always caught',
    (fields, shift) => {
      const valid = makeRib(fields)
      if (E.isLeft(valid)) throw new Error('generator made an invalid RIB')
      const iban = ribToIban(valid.right)
      const check = String(((Number(iban.slice(2, 4)) - 2 + shift) % 97) + 2).padStart(2, '0')
      expect(problemsOf(`FR${check}${iban.slice(4)}`)).toEqual(['WRONG_CHECK_DIGITS'])
    },
  )

  it('prints in groups of four', () => {
    expect(formatIbanPrint('FR7630006000011234567890189')).toBe('FR76 3000 6000 0112 3456 7890 189')
  })
})
