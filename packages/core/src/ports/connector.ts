import type { TaskEither } from '../fp.js'
import type { ConnectorError } from '../domain/connector-error.js'
import type { ConnectorCapabilities, Cursor, FeedBatch, PullRequest } from '../domain/feed.js'

/**
 * The collection port: every protocol answers "what is new on these accounts since my cursor?".
 * Implemented by one factory per connector package.
 */
export interface BankConnector {
  /** `cfonb`, `bankin`, `dsp2`, `sobank` or a third party's id. */
  readonly protocol: string
  readonly capabilities: ConnectorCapabilities
  pull(request: PullRequest): TaskEither<ConnectorError, FeedBatch>
  /**
   * Called once the batch that came with `cursor` is committed, for housekeeping that must wait for
   * the commit (a file inbox moves its files to `processed/`). Optional; failures are only logged,
   * since the committed cursor already keeps the next pull from taking the same data again.
   */
  acknowledge?(cursor: Cursor): TaskEither<ConnectorError, void>
}
