import { err, ok } from '@bankfeed/core/connector'
import type { Result } from '@bankfeed/core/connector'

/**
 * The `YYYYMMDDTHHMMSSZ` prefix of processed files, in UTC, from an ISO-8601 instant (any offset).
 * Sorting processed names then sorts them by processing time.
 */
export const timestampPrefix = (instant: string): Result<string, string> => {
  const ms = Date.parse(instant)
  if (Number.isNaN(ms)) return err('the clock did not give an ISO-8601 instant')
  const iso = new Date(ms).toISOString() // YYYY-MM-DDTHH:MM:SS.sssZ
  return ok(
    `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`,
  )
}
