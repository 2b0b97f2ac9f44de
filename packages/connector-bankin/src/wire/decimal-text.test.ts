import { describe, expect, test } from 'vitest'
import { decimalTextOfNumber } from './decimal-text.js'

describe('decimalTextOfNumber', () => {
  test.each([
    [-9.39, '-9.39'],
    [140200, '140200'],
    [0.1, '0.1'],
    [-0, '0'],
    [-1234567.89, '-1234567.89'],
    [1234567890123.45, '1234567890123.45'],
  ])('%d is %s, exactly', (n, text) => expect(decimalTextOfNumber(n)).toBe(text))

  test.each([[1e21], [1e-7], [Number.NaN], [Number.POSITIVE_INFINITY], [2 ** 60], [0.1 + 0.2]])(
    '%d cannot be an exact amount',
    (n) => expect(decimalTextOfNumber(n)).toBeNull(),
  )
})
