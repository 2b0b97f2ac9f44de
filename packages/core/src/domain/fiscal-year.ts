import type { LocalDate } from './local-date.js'

/** An accounting year (exercice): any start and end, not only calendar years; a closed one takes no entry. */
export interface FiscalYear {
  readonly start: LocalDate
  readonly end: LocalDate
  readonly closed: boolean
}

/** True when `date` falls in the fiscal year, both ends included. */
export const fiscalYearContains = (year: FiscalYear, date: LocalDate): boolean =>
  year.start <= date && date <= year.end

/** The fiscal year containing `date` (the first one listed if several overlap), or `undefined`. */
export const fiscalYearOf = (years: ReadonlyArray<FiscalYear>, date: LocalDate): FiscalYear | undefined =>
  years.find((y) => fiscalYearContains(y, date))

/** True when two fiscal years share at least one day. */
export const fiscalYearsOverlap = (a: FiscalYear, b: FiscalYear): boolean =>
  a.start <= b.end && b.start <= a.end
