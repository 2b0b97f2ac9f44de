import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { computeRibKey, makeRib, ribDigits, ribFormatProblems } from './rib.js'

describe('computeRibKey', () => {
  // Vectors from ../shared/reference/fr-accounting.md §1.1, checked there with two libraries.
  it.each([
    ['20041', '01005', '0500013M026', '06'],
    ['30006', '00001', '12345678901', '89'],
    ['99999', '99999', '12345678997', '93'],
  ])('%s %s %s → %s', (bank, branch, account, key) => {
    expect(computeRibKey(bank, branch, account)).toBe(key)
  })

  it('gives 97, never 00, when the first 21 digits are already divisible by 97', () => {
    expect(computeRibKey('00000', '00000', '00000000000')).toBe('97')
  })

  it('uses the French letter table, where S is 2 (not the IBAN table, nor a 1..9 cycle)', () => {
    expect(ribDigits('AJS')).toBe('112')
    expect(ribDigits('IRZ')).toBe('999')
    // An account number with S differs from the same with its digit 2 only by notation.
    expect(computeRibKey('30004', '00828', '0001051234S')).toBe(
      computeRibKey('30004', '00828', '00010512342'),
    )
  })
})

describe('makeRib', () => {
  it('refuses the seed key 99 and tells the expected 93', () => {
    expect(
      makeRib({ bankCode: '99999', branchCode: '99999', accountNumber: '12345678997', key: '99' }),
    ).toEqual({
      _tag: 'Left',
      left: { _tag: 'RibKeyMismatch', given: '99', expected: '93' },
    })
  })

  it('lists every malformed part', () => {
    expect(
      ribFormatProblems({ bankCode: '9999', branchCode: '99999', accountNumber: 'abc', key: '' }),
    ).toEqual(['bankCode', 'accountNumber', 'key'])
  })

  const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`))
  const account = fc.stringMatching(/^[0-9A-Z]{11}$/)

  test.prop([digits(5), digits(5), account])(
    'a computed key makes any RIB valid',
    (bankCode, branchCode, accountNumber) => {
      const key = computeRibKey(bankCode, branchCode, accountNumber)
      expect(Number(key)).toBeGreaterThanOrEqual(1)
      expect(Number(key)).toBeLessThanOrEqual(97)
      expect(makeRib({ bankCode, branchCode, accountNumber, key })._tag).toBe('Right')
    },
  )

  test.prop([digits(5), digits(5), account, fc.integer({ min: 1, max: 96 })])(
    'any other key is refused',
    (bankCode, branchCode, accountNumber, shift) => {
      const good = Number(computeRibKey(bankCode, branchCode, accountNumber))
      const key = String(((good - 1 + shift) % 97) + 1).padStart(2, '0')
      expect(makeRib({ bankCode, branchCode, accountNumber, key })._tag).toBe('Left')
    },
  )
})
