import { fc, test } from '@fast-check/vitest'
import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import {
  addDays,
  addMonths,
  daysBetween,
  isLocalDate,
  localDateOfInstant,
  makeLocalDate,
} from './local-date.js'
import type { LocalDate } from './local-date.js'

// Not `localDate`: the tests forge values the constructors must refuse.
const d = (s: string) => s as LocalDate

describe('LocalDate', () => {
  it('refuses impossible days and other shapes', () => {
    for (const bad of ['2026-02-29', '2026-13-01', '2026-1-01', '01/03/2026', '2026-03-01T00:00:00Z'])
      expect(isLocalDate(bad)).toBe(false)
    expect(makeLocalDate('2028-02-29')._tag).toBe('Right')
    for (const good of ['2000-02-29', '0000-01-01', '9999-12-31']) expect(isLocalDate(good)).toBe(true)
    for (const bad of ['1900-02-29', '2026-00-10', '2026-04-31', '2026-04-00'])
      expect(isLocalDate(bad)).toBe(false)
  })

  test.prop([
    fc.integer({ min: 0, max: 9999 }),
    fc.integer({ min: 0, max: 13 }),
    fc.integer({ min: 0, max: 32 }),
  ])('says what a date library says of any YYYY-MM-DD', (y, m, day) => {
    const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`
    expect(isLocalDate(text)).toBe(DateTime.fromISO(text, { zone: 'UTC' }).isValid)
  })

  it('does calendar arithmetic across the DST change without losing a day', () => {
    expect(addDays(d('2026-03-28'), 2)).toBe('2026-03-30')
    expect(addDays(d('2026-10-24'), 2)).toBe('2026-10-26')
    expect(addDays(d('2026-01-01'), -180)).toBe('2025-07-05')
    expect(daysBetween(d('2026-03-01'), d('2026-04-01'))).toBe(31)
    expect(addMonths(d('2026-01-31'), 1)).toBe('2026-02-28')
  })

  it('takes the Paris calendar day of an instant, not the UTC one', () => {
    expect(localDateOfInstant('2026-03-28T23:30:00Z')).toBe('2026-03-29')
    expect(localDateOfInstant('2026-07-14T21:59:59Z')).toBe('2026-07-14')
    expect(localDateOfInstant('2026-07-14T22:00:00Z')).toBe('2026-07-15')
    expect(localDateOfInstant('2026-07-14T22:00:00Z', 'UTC')).toBe('2026-07-14')
  })
})
