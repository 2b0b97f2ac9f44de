import type { Clock, EventPublisher, LocalDate, Logger } from '@bankfeed/core'

/**
 * The clock a command gives core: the day asked with `--today` (at noon in Paris, so no time zone
 * moves it), or the system clock.
 */
export const cliClock = (today: LocalDate | undefined, now: () => number): Clock => ({
  now: () => (today === undefined ? new Date(now()).toISOString() : `${today}T11:00:00.000Z`),
})

/**
 * Events need no publishing from the command line: the store writes them to its outbox in the same
 * commit as the data, where downstream applications read them.
 */
export const OUTBOX_ONLY: EventPublisher = {
  publish: () => () => Promise.resolve({ _tag: 'Right', right: undefined }),
}

/**
 * The command's log: warnings and errors on standard error (core logs no secret), the rest only
 * with `--verbose`. The command's own output says what happened.
 */
export const stderrLogger = (write: (text: string) => void, verbose: boolean): Logger => {
  const line =
    (level: string) =>
    (message: string, fields?: Readonly<Record<string, unknown>>): void =>
      write(`bankfeed ${level}: ${message}${fields === undefined ? '' : ` ${JSON.stringify(fields)}`}\n`)
  const quiet = (): void => {}
  return {
    debug: verbose ? line('debug') : quiet,
    info: verbose ? line('info') : quiet,
    warn: line('warning'),
    error: line('error'),
  }
}
