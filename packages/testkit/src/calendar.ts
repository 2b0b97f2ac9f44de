import { addDays } from '@bankfeed/core/domain'
import type { LocalDate } from '@bankfeed/core'

/**
 * `date` moved by `days`, for generators: core's `addDays` (plain integer day arithmetic, cheap
 * enough for the thousands of dates a property draws).
 */
export const plusDays = (date: LocalDate, days: number): LocalDate => addDays(date, days)
