import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { E } from '../fp.js'
import { EUR, minorUnit } from './currency.js'
import {
  equalsMoney,
  formatMoneyAmount,
  formatMoneyFr,
  makeMoney,
  moneyFromMinorUnits,
  negateMoney,
  sumMoney,
} from './money.js'
import type { Money } from './money.js'
import { currencyCode } from './literals.js'

const must = (m: ReturnType<typeof makeMoney>): Money => {
  if (E.isLeft(m)) throw new Error(JSON.stringify(m.left))
  return m.right
}

describe('makeMoney', () => {
  it('keeps decimal strings exact and formats with the currency decimals', () => {
    expect(formatMoneyAmount(must(makeMoney('-1480.37', 'EUR')))).toBe('-1480.37')
    expect(formatMoneyAmount(must(makeMoney('12', 'EUR')))).toBe('12.00')
    expect(formatMoneyAmount(must(makeMoney('-0', 'EUR')))).toBe('0.00')
    expect(formatMoneyAmount(must(makeMoney('1500', 'JPY')))).toBe('1500')
    expect(formatMoneyAmount(must(makeMoney('1.234', 'TND')))).toBe('1.234')
  })

  it('refuses what is not a plain decimal', () => {
    for (const bad of ['1e3', '1,50', '1 000.00', '', '.5', 'NaN', '0x10'])
      expect(makeMoney(bad, 'EUR')).toEqual(E.left({ _tag: 'NotADecimal', value: bad.trim() }))
  })

  it('refuses more decimals than the currency has, and unknown currencies', () => {
    expect(makeMoney('1.005', 'EUR')).toEqual(
      E.left({ _tag: 'TooManyDecimals', value: '1.005', currency: 'EUR', max: 2 }),
    )
    expect(makeMoney('1.5', 'JPY')._tag).toBe('Left')
    expect(makeMoney('1.00', 'EURO')).toEqual(E.left({ _tag: 'UnknownCurrency', currency: 'EURO' }))
  })

  it('knows minor units from ISO 4217', () => {
    expect([minorUnit(EUR), minorUnit(currencyCode('JPY')), minorUnit(currencyCode('KWD'))]).toEqual([
      2, 0, 3,
    ])
  })
})

describe('makeMoney from a JS number', () => {
  it('takes the shortest decimal text, never rounding to an integer', () => {
    expect(formatMoneyAmount(must(makeMoney(1480.37, 'EUR')))).toBe('1480.37')
    expect(formatMoneyAmount(must(makeMoney(-1480.37, 'EUR')))).toBe('-1480.37')
    expect(formatMoneyAmount(must(makeMoney(0.05, 'EUR')))).toBe('0.05')
    expect(formatMoneyAmount(must(makeMoney(-0, 'EUR')))).toBe('0.00')
    expect(formatMoneyAmount(must(makeMoney(1500, 'JPY')))).toBe('1500')
    expect(formatMoneyAmount(must(makeMoney(1.234, 'TND')))).toBe('1.234')
    // An exponent form is converted exactly from its text.
    expect(must(makeMoney(1e21, 'EUR')).amount.toFixed()).toBe('1000000000000000000000')
  })

  it('refuses a float result that has more decimals than the currency, with its exact text', () => {
    expect(makeMoney(0.1 + 0.2, 'EUR')).toEqual(
      E.left({ _tag: 'TooManyDecimals', value: '0.30000000000000004', currency: 'EUR', max: 2 }),
    )
    expect(makeMoney(1e-7, 'EUR')).toEqual(
      E.left({ _tag: 'TooManyDecimals', value: '1e-7', currency: 'EUR', max: 2 }),
    )
    expect(makeMoney(1.5, 'JPY')._tag).toBe('Left')
  })

  it('refuses non-finite numbers and values of other types without throwing', () => {
    const cases: ReadonlyArray<readonly [unknown, string]> = [
      [Number.NaN, 'NaN'],
      [Number.POSITIVE_INFINITY, 'Infinity'],
      [Number.NEGATIVE_INFINITY, '-Infinity'],
      [null, 'null'],
      [undefined, 'undefined'],
      [{ amount: '1.00' }, 'an object'],
      [['1.00'], 'an array'],
      [true, 'boolean'],
      [10n, 'bigint'],
    ]
    for (const [value, described] of cases)
      expect(makeMoney(value as string, 'EUR')).toEqual(E.left({ _tag: 'NotADecimal', value: described }))
    expect(makeMoney('1.00', null as unknown as string)).toEqual(
      E.left({ _tag: 'UnknownCurrency', currency: 'null' }),
    )
  })

  test.prop([
    fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n }),
    fc.constantFrom(0, 1, 2),
    fc.boolean(),
  ])(
    'for a decimal string with at most 2 decimals that a double holds, makeMoney(Number(s)) equals makeMoney(s)',
    (digits, decimals, padded) => {
      // At most 15 significant digits: every such decimal survives the trip through a double.
      const sign = digits < 0n ? '-' : ''
      const abs = (digits < 0n ? -digits : digits).toString().padStart(decimals + 1, '0')
      const int = abs.slice(0, abs.length - decimals)
      const frac = abs.slice(abs.length - decimals)
      const s = `${sign}${int}${decimals === 0 ? (padded ? '.00' : '') : `.${frac}`}`
      const fromNumber = must(makeMoney(Number(s), 'EUR'))
      expect(equalsMoney(fromNumber, must(makeMoney(s, 'EUR')))).toBe(true)
    },
  )
})

describe('sums', () => {
  it('adds ten times 0.10 to exactly 1.00, where floats give 0.9999999999999999', () => {
    const dime = must(makeMoney('0.10', 'EUR'))
    const total = sumMoney(
      EUR,
      Array.from({ length: 10 }, () => dime),
    )
    expect(E.isRight(total) && formatMoneyAmount(total.right)).toBe('1.00')
  })

  it('refuses to add another currency', () => {
    expect(sumMoney(EUR, [must(makeMoney('1', 'USD'))])._tag).toBe('Left')
  })

  test.prop([fc.array(fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }), { maxLength: 200 })])(
    'a sum of amounts equals the sum of their cents',
    (cents) => {
      const total = sumMoney(
        EUR,
        cents.map((c) => moneyFromMinorUnits(c, EUR)),
      )
      const expected = cents.reduce((a, b) => a + b, 0n)
      expect(E.isRight(total) && formatMoneyAmount(total.right)).toBe(
        formatMoneyAmount(moneyFromMinorUnits(expected, EUR)),
      )
    },
  )

  it('negates and formats for a French reader', () => {
    expect(formatMoneyFr(negateMoney(must(makeMoney('1480.37', 'EUR'))))).toBe('-1\u202f480,37\u00a0€')
    expect(formatMoneyFr(must(makeMoney('1234567.5', 'USD')))).toBe('1\u202f234\u202f567,50\u00a0USD')
  })
})
