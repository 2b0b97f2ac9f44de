import { DateTime, Info } from 'luxon'
import type { Frequency } from '../domain/feed-settings.js'
import { PARIS, addDays, localDateOfDateTime } from '../domain/local-date.js'
import type { LocalDate } from '../domain/local-date.js'
import { E } from '../fp.js'
import type { Either } from '../fp.js'
import type { InvalidCollectionWindow, InvalidInstant } from './errors.js'
import { hasExplicitOffset } from './instant.js'

/**
 * The daily time range in which collection runs, as wall-clock times in a zone: an instant is inside
 * when its local time is in `[start, end)`. It must not cross midnight, so each window belongs to one day.
 */
export interface CollectionWindow {
  /** `HH:MM`, included. */
  readonly start: string
  /** `HH:MM`, excluded. */
  readonly end: string
  /** IANA zone. */
  readonly zone: string
}

/**
 * The seed's window: "chaque jour, entre 3h et 4h du matin". In Paris it exists every day: on the last
 * Sunday of March the clocks jump from 02:00 to 03:00, so 03:00 is the first minute after the gap; on
 * the last Sunday of October they go back from 03:00 to 02:00, so 03:00–04:00 happens once.
 */
export const NIGHTLY_WINDOW: CollectionWindow = { start: '03:00', end: '04:00', zone: PARIS }

/** Why an account is or is not collected now. */
export type DueReason =
  /** Inside the window, and never collected. */
  | 'NeverCollected'
  /** Inside the window, and not collected yet in this day, ISO week or month. */
  | 'PeriodNotCollected'
  /** Already collected in this period: wait for the next. */
  | 'AlreadyCollected'
  /** Not collected in this period, but now is outside the window. */
  | 'OutsideWindow'

/** The answer of {@link isDue}. */
export interface DueDecision {
  readonly due: boolean
  readonly reason: DueReason
  /** The day of `now` in the window's zone: record it as `lastCollectedOn` once the pull succeeded. */
  readonly today: LocalDate
  /**
   * The start of the next window, after `now`, in which the account will be due, supposing a due
   * account is collected now: when to look at it again. ISO instant with the zone's offset.
   */
  readonly nextWindowStart: string
}

/** Inputs of {@link isDue}. */
export interface DueInput {
  readonly frequency: Frequency
  /** The day (in the window's zone) of the last successful collection, `null` if none. */
  readonly lastCollectedOn: LocalDate | null
  /** The current instant, ISO 8601 with its offset; core reads no clock. */
  readonly now: string
  /** {@link NIGHTLY_WINDOW} by default. */
  readonly window?: CollectionWindow
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/

const minutesOf = (hhmm: string): number | null => {
  const m = HH_MM.exec(hhmm)
  return m === null ? null : Number(m[1]) * 60 + Number(m[2])
}

/**
 * The period a day belongs to, as a string whose order is the periods' order: the day itself (daily),
 * its ISO week, Monday to Sunday (weekly), or its calendar month (monthly).
 */
export const collectionPeriod = (frequency: Frequency, day: LocalDate): string => {
  if (frequency === 'daily') return day
  if (frequency === 'monthly') return day.slice(0, 7)
  const d = DateTime.fromISO(day, { zone: 'UTC' })
  return `${String(d.weekYear).padStart(4, '0')}-W${String(d.weekNumber).padStart(2, '0')}`
}

/**
 * The first instant of `day`'s window, or `null` when no wall-clock minute of the window exists
 * that day (a window inside the spring-forward gap, e.g. 02:00–03:00 in Paris).
 */
const windowStartOn = (day: LocalDate, startMin: number, endMin: number, zone: string): DateTime | null => {
  const [y, m, d] = day.split('-').map(Number)
  // luxon moves a wall time that falls in the spring gap forward by the gap; a wall time that occurs
  // twice in autumn it reads with the later offset, so look one offset change earlier for the first one.
  const at = DateTime.fromObject(
    { year: y, month: m, day: d, hour: Math.floor(startMin / 60), minute: startMin % 60 },
    { zone },
  )
  const shift = at.minus({ hours: 3 }).offset - at.offset
  const earlier = shift > 0 ? at.minus({ minutes: shift }) : at
  const first = earlier.hour === at.hour && earlier.minute === at.minute ? earlier : at
  const wall = first.hour * 60 + first.minute
  return first.toISODate() === day && wall >= startMin && wall < endMin ? first : null
}

/**
 * Whether an account is to be collected at `now`: only inside the window, and once per period of its
 * frequency. Periods are calendar ones, not rolling ones: a weekly account is collected in the first
 * window of each ISO week (Monday's), a monthly one in the first window of each month (the 1st's),
 * and when that window was missed (server down, pull failed) the next window of the same period
 * catches up. A failed pull does not count as collected, so it is retried every night.
 *
 * Pure: `now` is given. It must carry its offset, or the answer would depend on the machine's zone.
 */
export const isDue = (input: DueInput): Either<InvalidCollectionWindow | InvalidInstant, DueDecision> => {
  const window = input.window ?? NIGHTLY_WINDOW
  const startMin = minutesOf(window.start)
  const endMin = minutesOf(window.end)
  if (startMin === null || endMin === null || startMin >= endMin || !Info.isValidIANAZone(window.zone))
    return E.left({ _tag: 'InvalidCollectionWindow', ...window })
  const parsed = DateTime.fromISO(input.now, { setZone: true })
  if (!hasExplicitOffset(input.now) || !parsed.isValid)
    return E.left({ _tag: 'InvalidInstant', value: input.now })

  const local = parsed.setZone(window.zone)
  const today = localDateOfDateTime(local)
  const wall = local.hour * 60 + local.minute
  const inside = wall >= startMin && wall < endMin
  const period = (d: LocalDate): string => collectionPeriod(input.frequency, d)
  const last = input.lastCollectedOn
  const collected = last !== null && period(last) >= period(today)

  const reason: DueReason = collected
    ? 'AlreadyCollected'
    : !inside
      ? 'OutsideWindow'
      : last === null
        ? 'NeverCollected'
        : 'PeriodNotCollected'
  const due = reason === 'NeverCollected' || reason === 'PeriodNotCollected'

  // Supposing a due account is collected now, the next useful window is the first one after now in a
  // period later than the last collected. 64 days covers a month plus a skipped DST day with room to spare.
  const collectedUpTo = due ? today : last
  let next: DateTime | null = null
  for (let i = 0; i < 64 && next === null; i++) {
    const day = addDays(today, i)
    const start = windowStartOn(day, startMin, endMin, window.zone)
    if (start !== null && start > parsed && (collectedUpTo === null || period(day) > period(collectedUpTo)))
      next = start
  }
  return E.right({
    due,
    reason,
    today,
    // Unreachable fallback: a valid window exists on all but at most one day a year.
    nextWindowStart: (next ?? local.plus({ days: 1 })).toISO() as string,
  })
}
