import type { Clock } from '@bankfeed/core'

/** A {@link Clock} the test moves by hand. */
export interface TestClock extends Clock {
  /** Jumps to an instant (ISO-8601). An unparsable instant is a bug in the test and throws. */
  readonly set: (instant: string) => void
  /** Moves forward (or back, with negative values) by the given duration. */
  readonly advance: (by: {
    readonly days?: number
    readonly hours?: number
    readonly minutes?: number
    readonly seconds?: number
    readonly milliseconds?: number
  }) => void
}

const parse = (instant: string): number => {
  const ms = Date.parse(instant)
  if (Number.isNaN(ms)) throw new TypeError(`not an ISO-8601 instant: ${instant}`)
  return ms
}

/**
 * A controllable clock, standing still until told otherwise, so that "today" in a use case is the
 * test's choice. `now()` returns UTC ISO-8601 with milliseconds, like `new Date().toISOString()`.
 */
export const makeTestClock = (start = '2026-03-15T08:00:00.000Z'): TestClock => {
  let ms = parse(start)
  return {
    now: () => new Date(ms).toISOString(),
    set: (instant) => {
      ms = parse(instant)
    },
    advance: (by) => {
      ms +=
        (by.days ?? 0) * 86_400_000 +
        (by.hours ?? 0) * 3_600_000 +
        (by.minutes ?? 0) * 60_000 +
        (by.seconds ?? 0) * 1000 +
        (by.milliseconds ?? 0)
    },
  }
}
