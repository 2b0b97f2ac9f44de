import {
  CFONB_INBOX_CAPABILITIES,
  EMPTY_INBOX_CURSOR,
  encodeInboxCursor,
} from '@bankfeed/connector-cfonb/inbox'
import { parseCfonb120Stream, toDomainStatement } from '@bankfeed/connector-cfonb'
import type { CfonbEncoding } from '@bankfeed/connector-cfonb'
import type { BankConnector, ConnectorError, FeedBatch, FeedItem, FeedNotice } from '@bankfeed/core'
import { toFileError } from '../io.js'
import type { CliIo } from '../io.js'
import { countingBytes } from '../progress.js'

/** How {@link makeCfonbFilesConnector} reads the files named on the command line. */
export interface CfonbFilesOptions {
  readonly paths: ReadonlyArray<string>
  readonly mode: 'strict' | 'lenient'
  readonly encoding: CfonbEncoding
  /** Told the bytes read, for a progress display. */
  readonly onBytes: (bytes: number) => void
  /** Told when a file is opened, with its position (1-based). */
  readonly onFile: (path: string, index: number) => void
}

type Either<L, R> =
  { readonly _tag: 'Left'; readonly left: L } | { readonly _tag: 'Right'; readonly right: R }

/**
 * A connector over CFONB 120 files named on the command line: one pull reads them all, in the order
 * given, and delivers a `Statement` item per statement of each good file. A file that cannot be
 * read, or that a strict parse (the default) or the mapping to core values refuses, delivers
 * nothing and is reported as an `UnreadableFile` notice with the line concerned; an empty one as an
 * `EmptyFile` notice. Files are left where they are, and the cursor is given back unchanged (the
 * connection's inbox, if it has one, keeps its own): importing a file twice is safe because the
 * ledger knows what it holds — every statement and movement is booked once, whatever the number
 * of imports.
 */
export const makeCfonbFilesConnector = (io: CliIo, options: CfonbFilesOptions): BankConnector => {
  const readOne = async (path: string): Promise<{ items: FeedItem[]; notice: FeedNotice | null }> => {
    const opened = await io.openFile(path)
    if (!opened.ok)
      return {
        items: [],
        notice: { _tag: 'UnreadableFile', file: path, reason: opened.error.message, line: null },
      }
    let size = 0
    const bytes = countingBytes(opened.file.read(), (n) => {
      size += n
      options.onBytes(n)
    })
    let result
    try {
      result = await parseCfonb120Stream(bytes, {
        mode: options.mode,
        encoding: options.encoding,
        maxDiagnostics: 0,
      })
    } catch (cause) {
      const error = toFileError(path, cause)
      return { items: [], notice: { _tag: 'UnreadableFile', file: path, reason: error.message, line: null } }
    }
    const error = result.ok ? null : result.error
    if (error !== null && (options.mode === 'strict' || result.statements.length === 0))
      return {
        items: [],
        notice: {
          _tag: 'UnreadableFile',
          file: path,
          // Code and line, never the record's content (which may be a client's data).
          reason: `CFONB ${error.code} at line ${error.line}${error.field === undefined ? '' : ` (${error.field})`}`,
          line: error.line,
        },
      }
    if (result.statements.length === 0)
      return {
        items: [],
        notice: {
          _tag: 'EmptyFile',
          file: path,
          bytes: size,
          reason: size === 0 ? '0 bytes' : 'no statement',
        },
      }
    const items: FeedItem[] = []
    for (const s of result.statements) {
      const mapped = toDomainStatement(s)
      if (mapped._tag === 'Left')
        return {
          items: [],
          notice: {
            _tag: 'UnreadableFile',
            file: path,
            reason: `value refused by core (${mapped.left.field}) at line ${mapped.left.line}`,
            line: mapped.left.line,
          },
        }
      items.push({ _tag: 'Statement', account: mapped.right.account, statement: mapped.right.statement })
    }
    const notice: FeedNotice | null =
      error === null
        ? null
        : {
            _tag: 'UnreadableFile',
            file: path,
            reason:
              `lenient: ${result.summary.diagnostics.bySeverity.error} error(s), first CFONB ${error.code} at line ${error.line}; ` +
              'the other statements were delivered',
            line: error.line,
          }
    return { items, notice }
  }

  return {
    protocol: 'cfonb',
    capabilities: CFONB_INBOX_CAPABILITIES,
    pull: (request) => async (): Promise<Either<ConnectorError, FeedBatch>> => {
      const items: FeedItem[] = []
      const notices: FeedNotice[] = []
      for (const [i, path] of options.paths.entries()) {
        options.onFile(path, i + 1)
        const read = await readOne(path)
        items.push(...read.items)
        if (read.notice !== null) notices.push(read.notice)
      }
      const batch: FeedBatch = {
        items,
        // An inbox's cursor (files delivered, awaiting their move) is kept as it is; a first one is
        // an inbox's empty cursor, so that the connection can later read an inbox too.
        cursor: request.cursor ?? encodeInboxCursor(EMPTY_INBOX_CURSOR),
        ...(notices.length === 0 ? {} : { notices }),
      }
      return { _tag: 'Right', right: batch }
    },
  }
}
