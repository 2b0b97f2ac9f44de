import type { Clock } from '../ports/clock.js'
import type { Context } from '../ports/context.js'
import type { Logger } from '../ports/logger.js'
import { noopLogger } from './loggers.js'
import { systemClock } from './system-clock.js'

/**
 * A {@link Context}: the system clock and a logger that drops everything unless told otherwise.
 * @example
 * ```ts
 * import { consoleLogger, makeContext } from '@bankfeed/core'
 *
 * const context = makeContext({ logger: consoleLogger({ level: 'info' }) })
 * ```
 */
export const makeContext = (parts: { readonly clock?: Clock; readonly logger?: Logger } = {}): Context => ({
  clock: parts.clock ?? systemClock,
  logger: parts.logger ?? noopLogger,
})
