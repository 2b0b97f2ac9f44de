import { fc, test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { isLocalDate } from '@bankfeed/core'
import { isCalendarDay } from './rows.js'

// The store reads days with its own check (no luxon on the hot path): it must accept exactly what
// core's isLocalDate accepts.
const digits = (n: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n })
describe('isCalendarDay', () => {
  test.prop([digits(4), digits(2), digits(2)], { numRuns: 2000 })(
    'agrees with core on YYYY-MM-DD shapes',
    (y, m, d) => {
      expect(isCalendarDay(`${y}-${m}-${d}`)).toBe(isLocalDate(`${y}-${m}-${d}`))
    },
  )
  test.prop([
    fc.integer({ min: 1, max: 9999 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 31 }),
  ])('agrees with core on plausible days', (y, m, d) => {
    const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
    expect(isCalendarDay(text)).toBe(isLocalDate(text))
  })
  test.each([
    '2024-02-29',
    '2023-02-29',
    '1900-02-29',
    '2000-02-29',
    '2024-13-01',
    '2024-00-10',
    '2024-1-01',
    ' 2024-01-01',
    'infinity',
  ])('%s as core reads it', (text) => {
    expect(isCalendarDay(text)).toBe(isLocalDate(text))
  })
})
