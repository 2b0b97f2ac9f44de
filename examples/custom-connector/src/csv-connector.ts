import { ConnectorError, asyncResult, err, ok } from '@bankfeed/core/connector'
import type {
  AsyncResult,
  BankConnector,
  ConnectorCapabilities,
  FeedBatch,
  FeedItem,
  FeedNotice,
  Logger,
  PullRequest,
  Result,
} from '@bankfeed/core/connector'
import { parseCsvStatement } from './csv-statement.js'

/** A file as the inbox holds it. */
export interface CsvFile {
  readonly name: string
  readonly text: string
}

/**
 * Where the statements arrive: a folder, an SFTP drop, a mailbox. The connector only lists; how the
 * inbox authenticates is its own business, and its errors may carry credentials (an SFTP URL), so
 * the connector never repeats them.
 */
export interface CsvInbox {
  readonly list: () => Promise<ReadonlyArray<CsvFile>>
}

/** Options of {@link makeCsvConnector}. */
export interface CsvConnectorOptions {
  readonly inbox: CsvInbox
  readonly logger: Logger
  /** At most this many files per pull (default 10): big backlogs come in several pulls. */
  readonly filesPerPull?: number
}

/** What the format can do: statements with balances, no ids, no pending, no deletions. */
export const CSV_CAPABILITIES: ConnectorCapabilities = {
  statements: true,
  balances: false,
  pending: false,
  stableIds: false,
  deletions: false,
  historyDays: null,
  push: false,
}

/**
 * The ACME CSV connector. Files are taken in name order (banks name them by date); the cursor is the
 * name of the last file delivered, so a pull with the same cursor delivers the same files again
 * (nothing is lost when a commit fails) and the next cursor never goes back. An unreadable file
 * becomes a notice, not a failure: the others still come through.
 */
export const makeCsvConnector = (options: CsvConnectorOptions): BankConnector => {
  const { inbox, logger } = options
  const perPull = options.filesPerPull ?? 10

  // Deliberately not the inbox's own message: it may hold a password or a signed URL.
  const unavailable = ConnectorError.unavailable({
    message: 'the statement inbox could not be read; the next pull will try again',
  })

  const pull = async (request: PullRequest): Promise<Result<ConnectorError, FeedBatch>> => {
    let files: ReadonlyArray<CsvFile>
    try {
      files = await inbox.list()
    } catch {
      logger.warn('csv inbox unavailable', { connection: request.connection.id })
      return err(unavailable)
    }
    const after = request.cursor?.value ?? ''
    const batch = [...files]
      .filter((f) => f.name > after)
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .slice(0, perPull)
    const items: FeedItem[] = []
    const notices: FeedNotice[] = []
    for (const file of batch) {
      const parsed = parseCsvStatement(file.text)
      if (parsed._tag === 'Left')
        notices.push({
          _tag: 'UnreadableFile',
          file: file.name,
          reason: parsed.left.reason,
          line: parsed.left.line,
        })
      else items.push({ _tag: 'Statement', account: parsed.right.account, statement: parsed.right.statement })
    }
    logger.info('csv pull', {
      connection: request.connection.id,
      files: batch.length,
      notices: notices.length,
    })
    return ok({
      items,
      cursor: { value: batch.at(-1)?.name ?? after },
      ...(notices.length === 0 ? {} : { notices }),
    })
  }

  return {
    protocol: 'acme-csv',
    capabilities: CSV_CAPABILITIES,
    // Anything that throws past the inbox (a bug here) still answers an error, never a rejection.
    pull: (request): AsyncResult<ConnectorError, FeedBatch> =>
      asyncResult(
        () => pull(request),
        () => unavailable,
      ),
  }
}
