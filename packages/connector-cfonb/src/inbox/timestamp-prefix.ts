import { left, right } from './either.js'
import type { Either } from './either.js'

/**
 * The `YYYYMMDDTHHMMSSZ` prefix of processed files, in UTC, from an ISO-8601 instant (any offset).
 * Sorting processed names then sorts them by processing time.
 */
export const timestampPrefix = (instant: string): Either<string, string> => {
  const ms = Date.parse(instant)
  if (Number.isNaN(ms)) return left('the clock did not give an ISO-8601 instant')
  const iso = new Date(ms).toISOString() // YYYY-MM-DDTHH:MM:SS.sssZ
  return right(
    `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`,
  )
}
