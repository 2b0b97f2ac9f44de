import { localDateOfInstant, makeLocalDate } from '@bankfeed/core'
import type { LocalDate } from '@bankfeed/core'

/**
 * The day a command works on: `--today YYYY-MM-DD`, or the Paris day of the system clock (read here,
 * at the edge, and given to core).
 */
export const todayOf = (
  option: string | undefined,
  now: () => number,
): { readonly ok: true; readonly today: LocalDate } | { readonly ok: false; readonly message: string } => {
  if (option === undefined) return { ok: true, today: localDateOfInstant(now()) }
  const made = makeLocalDate(option)
  return made._tag === 'Left'
    ? { ok: false, message: `--today must be a calendar date YYYY-MM-DD, got '${option}'` }
    : { ok: true, today: made.right }
}

/** A calendar date option (`--from`, `--to`), or the reason it is not one. */
export const dateOption = (
  name: string,
  value: string,
): { readonly ok: true; readonly date: LocalDate } | { readonly ok: false; readonly message: string } => {
  const made = makeLocalDate(value)
  return made._tag === 'Left'
    ? { ok: false, message: `--${name} must be a calendar date YYYY-MM-DD, got '${value}'` }
    : { ok: true, date: made.right }
}
