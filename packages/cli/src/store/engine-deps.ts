import { lineLogger } from '@bankfeed/core'
import type { Clock, LocalDate, Logger } from '@bankfeed/core'

/**
 * The clock a command gives core: the day asked with `--today` (at noon in Paris, so no time zone
 * moves it), or the system clock.
 */
export const cliClock = (today: LocalDate | undefined, now: () => number): Clock => ({
  now: () => (today === undefined ? new Date(now()).toISOString() : `${today}T11:00:00.000Z`),
})

/**
 * The command's log on standard error: warnings and errors (core logs no secret), everything with
 * `--verbose`. The command's own output says what happened.
 */
export const cliLogger = (write: (text: string) => void, verbose: boolean): Logger =>
  lineLogger((line) => write(`bankfeed ${line}\n`), { level: verbose ? 'debug' : 'warn' })
