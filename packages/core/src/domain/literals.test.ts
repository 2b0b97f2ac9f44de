import { describe, expect, it } from 'vitest'
import { currencyCode, localDate, money } from './literals.js'

describe('literal constructors', () => {
  it('make values from good literals', () => {
    expect(localDate('2026-03-15')).toBe('2026-03-15')
    expect(currencyCode('JPY')).toBe('JPY')
    const m = money('-1480.37', 'EUR')
    expect([m.amount.toFixed(2), m.currency]).toEqual(['-1480.37', 'EUR'])
  })

  it('throw a TypeError naming a bad literal', () => {
    expect(() => localDate('2026-02-30')).toThrow(
      new TypeError("localDate: '2026-02-30' is not a calendar date YYYY-MM-DD"),
    )
    expect(() => currencyCode('EURO')).toThrow(TypeError)
    expect(() => money('12.345', 'EUR')).toThrow(
      "money: '12.345' EUR is not an amount of that currency (TooManyDecimals)",
    )
    expect(() => money('1e3', 'EUR')).toThrow(/NotADecimal/)
  })
})
