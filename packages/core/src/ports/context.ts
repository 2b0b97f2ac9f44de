import type { Clock } from './clock.js'
import type { Logger } from './logger.js'

/**
 * What every part of bankfeed shares in one program: the time and where logs go. Made once
 * (`makeContext`) and given to a client, its connector and the use cases alike, so they cannot
 * disagree about what day it is.
 */
export interface Context {
  readonly clock: Clock
  readonly logger: Logger
}
