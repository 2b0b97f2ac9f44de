import fc from 'fast-check'
import { localDate, makeLocalDate } from '@bankfeed/core'
import type { LocalDate } from '@bankfeed/core'
import { plusDays } from './calendar.js'

/** A calendar date between `min` and `max` included (defaults: 1990-01-01 to 2069-12-31). */
export const localDateArb = (
  options: { readonly min?: LocalDate; readonly max?: LocalDate } = {},
): fc.Arbitrary<LocalDate> => {
  const min = options.min ?? localDate('1990-01-01')
  const max = options.max ?? localDate('2069-12-31')
  const span = Math.round((Date.parse(`${max}T00:00:00Z`) - Date.parse(`${min}T00:00:00Z`)) / 86_400_000)
  return fc.integer({ min: 0, max: Math.max(0, span) }).map((n) => plusDays(min, n))
}

/** A date written in a test, checked: `day('2026-03-14')`; an impossible one throws at once. */
export const day = (text: string): LocalDate => {
  const d = makeLocalDate(text)
  if (d._tag === 'Left') throw new Error(`${text} is not a calendar date (YYYY-MM-DD)`)
  return d.right
}
