import type { Clock } from '../ports/clock.js'

/**
 * The system clock, for production: the instant the machine says. Use cases take a `Clock` and never
 * read the time themselves, so tests give a fixed one instead.
 */
export const systemClock: Clock = { now: () => new Date().toISOString() }
