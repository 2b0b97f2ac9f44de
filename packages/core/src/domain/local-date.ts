import { DateTime } from 'luxon'
import { E } from '../fp.js'
import type { Either } from '../fp.js'

declare const localDateBrand: unique symbol
/**
 * A calendar date, `YYYY-MM-DD`, with no time and no zone: a booking date is a day on the bank's
 * calendar, never derived from a UTC timestamp. ISO order equals string order.
 */
export type LocalDate = string & { readonly [localDateBrand]: 'LocalDate' }

/** The zone in which instants become calendar days. */
export const PARIS = 'Europe/Paris'

/** Why a string is not a {@link LocalDate}. */
export interface InvalidLocalDate {
  readonly _tag: 'InvalidLocalDate'
  readonly value: string
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** Makes a {@link LocalDate} from `YYYY-MM-DD`, refusing impossible days such as `2026-02-30`. */
export const makeLocalDate = (value: string): Either<InvalidLocalDate, LocalDate> =>
  isLocalDate(value) ? E.right(value) : E.left({ _tag: 'InvalidLocalDate', value })

/** Days in `month` (1–12) of the proleptic Gregorian `year`. */
const daysInMonth = (year: number, month: number): number =>
  month === 2
    ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
      ? 29
      : 28
    : month === 4 || month === 6 || month === 9 || month === 11
      ? 30
      : 31

/**
 * True when `value` is a real calendar date written `YYYY-MM-DD`. Plain arithmetic, not a date
 * library: every date a store reads back or a file carries is checked here, and building a date-time
 * object for each cost a fifth of a sync.
 */
export const isLocalDate = (value: unknown): value is LocalDate => {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false
  const month = Number(value.slice(5, 7))
  const day = Number(value.slice(8, 10))
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(value.slice(0, 4)), month)
}

/** Makes a {@link LocalDate} from year, month (1–12) and day, or `Left` when the day does not exist. */
export const localDateOf = (year: number, month: number, day: number): Either<InvalidLocalDate, LocalDate> =>
  makeLocalDate(
    `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  )

const toDateTime = (d: LocalDate): DateTime => DateTime.fromISO(d, { zone: 'UTC' })
const fromDateTime = (dt: DateTime): LocalDate => dt.toISODate() as LocalDate

/** The calendar day a luxon date-time shows in its own zone (its wall date). */
export const localDateOfDateTime = (dt: DateTime): LocalDate => fromDateTime(dt)

/** The calendar day of an instant (ISO-8601 string or epoch milliseconds) in `zone` (Paris by default). */
export const localDateOfInstant = (instant: string | number, zone: string = PARIS): LocalDate =>
  fromDateTime(
    (typeof instant === 'number'
      ? DateTime.fromMillis(instant)
      : DateTime.fromISO(instant, { setZone: true })
    )
      .setZone(zone)
      .startOf('day')
      .setZone('UTC', { keepLocalTime: true }),
  )

// Day numbers of the proleptic Gregorian calendar (0 = 1970-01-01), by plain arithmetic: the
// matchers move and compare dates for every incoming movement, and a date library's objects cost
// a hundred times more than these few integer operations.
const dayNumber = (d: LocalDate): number => {
  const y0 = Number(d.slice(0, 4))
  const m = Number(d.slice(5, 7))
  const day = Number(d.slice(8, 10))
  const y = m <= 2 ? y0 - 1 : y0
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

const ofDayNumber = (n: number): LocalDate => {
  const z = n + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  )
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0)
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${day < 10 ? '0' : ''}${day}` as LocalDate
}

/** `date` moved by `days` (negative goes back). */
export const addDays = (date: LocalDate, days: number): LocalDate =>
  days === 0 ? date : ofDayNumber(dayNumber(date) + days)

/** `date` moved by `months`, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export const addMonths = (date: LocalDate, months: number): LocalDate =>
  fromDateTime(toDateTime(date).plus({ months }))

/** Whole days from `from` to `to` (positive when `to` is later). */
export const daysBetween = (from: LocalDate, to: LocalDate): number => dayNumber(to) - dayNumber(from)

/** -1, 0 or 1, for sorting. */
export const compareLocalDate = (a: LocalDate, b: LocalDate): -1 | 0 | 1 => (a < b ? -1 : a > b ? 1 : 0)

/** The earlier of two dates. */
export const minLocalDate = (a: LocalDate, b: LocalDate): LocalDate => (a <= b ? a : b)

/** The later of two dates. */
export const maxLocalDate = (a: LocalDate, b: LocalDate): LocalDate => (a >= b ? a : b)

/** `DD/MM/YYYY`, the way French users read a date. */
export const formatLocalDateFr = (d: LocalDate): string =>
  `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`

/**
 * A date held as text (a message's parameters) the way French users read it: `DD/MM/YYYY` when it is
 * a calendar date, the text as it is otherwise.
 */
export const formatDateTextFr = (text: string): string => (isLocalDate(text) ? formatLocalDateFr(text) : text)
