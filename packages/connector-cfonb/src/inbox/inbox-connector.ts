// The package tsconfig loads no ambient types; these files are the Node-only part of the package.
/// <reference types="node" />
import { createHash } from 'node:crypto'
import type {
  BankConnector,
  ConnectorCapabilities,
  ConnectorError,
  Cursor,
  FeedBatch,
  FeedItem,
  FeedNotice,
  PullRequest,
} from '@bankfeed/core'
import type { CfonbDiagnostic } from '../diagnostics.js'
import { resolveOptions } from '../options.js'
import { parseCfonb120Stream } from '../stream.js'
import { toDomainStatement } from '../to-domain.js'
import type { CfonbDomainStatement } from '../to-domain.js'
import type { CfonbEncoding } from '../types.js'
import { left, right } from './either.js'
import type { Either } from './either.js'
import type { FileEntry, FileSource, FileSourceError } from './file-source.js'
import { decodeInboxCursor, encodeInboxCursor } from './inbox-cursor.js'
import type { InboxCursorEntry } from './inbox-cursor.js'
import { timestampPrefix } from './timestamp-prefix.js'

/** Options of {@link makeCfonbInboxConnector}. */
export interface CfonbInboxOptions {
  /** Where the files are. */
  readonly source: FileSource
  /** Passed to the parser; `auto` by default. */
  readonly encoding?: CfonbEncoding
  /**
   * `strict` (default): a file with any parse error is rejected whole. `lenient`: a file keeps the
   * statements the parser could trust and its errors are reported as a notice; it is rejected only
   * when nothing could be trusted (or it is a CFONB 240 file).
   */
  readonly mode?: 'strict' | 'lenient'
  /**
   * Reading order: by `name` (default; bank file names usually carry the date), or by `modifiedAt`
   * (arrival). The other key breaks ties.
   */
  readonly order?: 'name' | 'modifiedAt'
  /**
   * Files modified less than this many seconds ago are left for a later pull, for senders that
   * write in place instead of renaming a partial file. 0 by default.
   */
  readonly minAgeSeconds?: number
  /** The current instant, ISO-8601; names processed files and dates rejections. System clock by default. */
  readonly clock?: () => string
}

/** Why a file was rejected, as written to its `.error.json`. */
export interface InboxRejection {
  /** `parse`: the CFONB parser refused the file; `mapping`: a value core does not accept. */
  readonly kind: 'parse' | 'mapping'
  /** The parser's diagnostic code, or `UNSUPPORTED_VALUE` for a mapping error. */
  readonly code: string
  /** 1-based line of the record concerned. */
  readonly line: number
  readonly field: string | null
  readonly message: string
}

/** The content of a rejected file's `<name>.error.json`. */
export interface RejectedFileReport {
  readonly v: 1
  /** The name the file had in the inbox. */
  readonly file: string
  /** ISO-8601 instant of the rejection. */
  readonly rejectedAt: string
  readonly error: InboxRejection
}

/** A CFONB inbox connector: {@link BankConnector} with its acknowledgement always present. */
export interface CfonbInboxConnector extends BankConnector {
  /**
   * Moves the files the committed `cursor` names that are still in the inbox, unchanged, to
   * `processed/` as `YYYYMMDDTHHMMSSZ-<name>`. Idempotent: files already gone are skipped.
   */
  readonly acknowledge: (cursor: Cursor) => () => Promise<Either<ConnectorError, void>>
}

/** What CFONB files give: booked statements with balances, no ids, no pending, no deletions. */
export const CFONB_INBOX_CAPABILITIES: ConnectorCapabilities = {
  statements: true,
  balances: false,
  pending: false,
  stableIds: false,
  deletions: false,
  historyDays: null,
  push: false,
}

/** The sidecar written beside a rejected file. */
export const REJECTION_SIDECAR_SUFFIX = '.error.json'

type FileReading =
  | { readonly _tag: 'Failed'; readonly error: FileSourceError }
  | { readonly _tag: 'Rejected'; readonly rejection: InboxRejection }
  | {
      readonly _tag: 'Accepted'
      readonly fingerprint: InboxCursorEntry
      readonly statements: ReadonlyArray<CfonbDomainStatement>
      /** Lenient mode: the errors the parser carried on past. */
      readonly errors: ReadonlyArray<CfonbDiagnostic>
      readonly skipped: number
    }

const invalidData = (where: string, message: string): ConnectorError => ({
  _tag: 'InvalidData',
  retryable: false,
  where,
  message,
})

const unavailable = (message: string): ConnectorError => ({
  _tag: 'Unavailable',
  retryable: true,
  retryAfterSeconds: null,
  message,
})

const listFailed = (e: FileSourceError): ConnectorError =>
  e.code === 'ENOENT' || e.code === 'ENOTDIR'
    ? {
        _tag: 'NotFound',
        retryable: false,
        what: 'inbox folder',
        message: `the inbox folder is missing (${e.code})`,
      }
    : unavailable(`the inbox could not be listed${e.code === null ? '' : ` (${e.code})`}`)

const time = (iso: string): number => {
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? 0 : ms
}

// Code-unit order, not locale order: the same files are read in the same order on every machine.
const byName = (a: FileEntry, b: FileEntry): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
const byTime = (a: FileEntry, b: FileEntry): number => time(a.modifiedAt) - time(b.modifiedAt)

/** Hashes a file without parsing it. */
const hashFile = async (
  source: FileSource,
  name: string,
): Promise<Either<FileSourceError, InboxCursorEntry>> => {
  const hash = createHash('sha256')
  let size = 0
  for await (const chunk of source.read(name)) {
    if (chunk._tag === 'Left') return left(chunk.left)
    hash.update(chunk.right)
    size += chunk.right.byteLength
  }
  return right({ name, size, sha256: hash.digest('hex') })
}

/**
 * Builds the CFONB file-inbox connector: each pull reads the new files of the inbox in order,
 * delivers one `Statement` item per statement of every good file, moves unreadable files to
 * `rejected/` with a `<name>.error.json` beside them (reported as `UnreadableFile` notices), and
 * answers a cursor naming the delivered files; `acknowledge`, called once that cursor is committed,
 * moves them to `processed/`. A file is all-or-nothing: any error, from the parser or from the
 * mapping to core values, rejects it whole. Invalid options throw a `TypeError` (programming error).
 */
export const makeCfonbInboxConnector = (options: CfonbInboxOptions): CfonbInboxConnector => {
  const { source } = options
  const mode = options.mode ?? 'strict'
  const encoding = options.encoding ?? 'auto'
  resolveOptions({ mode, encoding })
  const order = options.order ?? 'name'
  if (order !== 'name' && order !== 'modifiedAt')
    throw new TypeError('CFONB inbox: order must be "name" or "modifiedAt"')
  const minAgeMs = (options.minAgeSeconds ?? 0) * 1000
  if (!Number.isFinite(minAgeMs) || minAgeMs < 0)
    throw new TypeError('CFONB inbox: minAgeSeconds must be a finite number ≥ 0')
  const clock = options.clock ?? (() => new Date().toISOString())

  /** Parses a file while hashing it, in one pass over its bytes. */
  const readFile = async (name: string): Promise<FileReading> => {
    const hash = createHash('sha256')
    let size = 0
    let ioError: FileSourceError | null = null
    async function* bytes(): AsyncGenerator<Uint8Array, void, undefined> {
      for await (const chunk of source.read(name)) {
        if (chunk._tag === 'Left') {
          ioError = chunk.left
          return
        }
        hash.update(chunk.right)
        size += chunk.right.byteLength
        yield chunk.right
      }
    }
    const result = await parseCfonb120Stream(bytes(), { mode, encoding })
    // Read through a variable the generator assigns: TypeScript cannot see that assignment.
    const failed = ioError as FileSourceError | null
    if (failed !== null) return { _tag: 'Failed', error: failed }
    const error = result.ok ? null : result.error
    if (
      error !== null &&
      (mode === 'strict' || error.code === 'CFONB240_UNSUPPORTED' || result.statements.length === 0)
    )
      return {
        _tag: 'Rejected',
        rejection: {
          kind: 'parse',
          code: error.code,
          line: error.line,
          field: error.field ?? null,
          message: error.message,
        },
      }
    const statements: CfonbDomainStatement[] = []
    for (const s of result.statements) {
      const mapped = toDomainStatement(s)
      if (mapped._tag === 'Left')
        return {
          _tag: 'Rejected',
          rejection: {
            kind: 'mapping',
            code: 'UNSUPPORTED_VALUE',
            line: mapped.left.line,
            field: mapped.left.field,
            message: mapped.left.message,
          },
        }
      statements.push(mapped.right)
    }
    return {
      _tag: 'Accepted',
      fingerprint: { name, size, sha256: hash.digest('hex') },
      statements,
      errors: result.diagnostics.filter((d) => d.severity === 'error'),
      skipped: result.diagnostics.filter((d) => d.code === 'RECORD_SKIPPED').length,
    }
  }

  /** Moves a rejected file aside with its sidecar; answers the notice that reports it. */
  const reject = async (name: string, rejection: InboxRejection, now: string): Promise<FeedNotice> => {
    // The reason ends up in error reports and logs: code and line only, never the record's content
    // (which the parser's message may quote; that message stays in the sidecar, beside the file).
    const what =
      rejection.kind === 'parse'
        ? `CFONB ${rejection.code} at line ${rejection.line}`
        : `value refused by core (${rejection.field ?? 'unknown field'}) at line ${rejection.line}`
    const notice = (reason: string): FeedNotice => ({
      _tag: 'UnreadableFile',
      file: name,
      reason,
      line: rejection.line,
    })
    const moved = await source.move(name, 'rejected', name)
    if (moved._tag === 'Left')
      return notice(
        `${what}; could not be moved to rejected/${moved.left.code === null ? '' : ` (${moved.left.code})`}, left in the inbox`,
      )
    const report: RejectedFileReport = { v: 1, file: name, rejectedAt: now, error: rejection }
    const written = await source.writeSidecar(
      'rejected',
      `${moved.right}${REJECTION_SIDECAR_SUFFIX}`,
      `${JSON.stringify(report, null, 2)}\n`,
    )
    return notice(
      written._tag === 'Left'
        ? `${what}; moved to rejected/${moved.right} (its ${REJECTION_SIDECAR_SUFFIX} could not be written)`
        : `${what}; moved to rejected/${moved.right}`,
    )
  }

  const pullNow = async (request: PullRequest): Promise<Either<ConnectorError, FeedBatch>> => {
    const previous = decodeInboxCursor(request.cursor)
    if (previous._tag === 'Left') return left(invalidData('cursor', previous.left))
    const listed = await source.list()
    if (listed._tag === 'Left') return left(listFailed(listed.left))
    const now = clock()
    const nowMs = Date.parse(now)
    const entries = [...listed.right].sort(
      order === 'name' ? (a, b) => byName(a, b) || byTime(a, b) : (a, b) => byTime(a, b) || byName(a, b),
    )
    // Entries of files no longer in the inbox were acknowledged (or taken away): dropping them keeps
    // the cursor as small as the set of files awaiting acknowledgement.
    const present = new Set(entries.map((e) => e.name))
    const kept = new Map(previous.right.files.filter((f) => present.has(f.name)).map((f) => [f.name, f]))
    const items: FeedItem[] = []
    const notices: FeedNotice[] = []
    for (const entry of entries) {
      if (minAgeMs > 0 && !Number.isNaN(nowMs) && nowMs - time(entry.modifiedAt) < minAgeMs) continue
      const known = kept.get(entry.name)
      if (known !== undefined && known.size === entry.size) {
        // Delivered by a committed pull but not yet acknowledged (e.g. a crash after the commit):
        // skipped while its content is unchanged.
        const current = await hashFile(source, entry.name)
        if (current._tag === 'Left') {
          notices.push(readFailedNotice(entry.name, current.left))
          continue
        }
        if (current.right.sha256 === known.sha256) continue
      }
      const reading = await readFile(entry.name)
      if (reading._tag === 'Failed') notices.push(readFailedNotice(entry.name, reading.error))
      else if (reading._tag === 'Rejected') notices.push(await reject(entry.name, reading.rejection, now))
      else {
        for (const s of reading.statements)
          items.push({ _tag: 'Statement', account: s.account, statement: s.statement })
        // A new content under a known name replaces the old entry.
        kept.set(entry.name, reading.fingerprint)
        const first = reading.errors[0]
        if (first !== undefined)
          notices.push({
            _tag: 'UnreadableFile',
            file: entry.name,
            reason:
              `lenient: ${reading.errors.length} error(s), first CFONB ${first.code} at line ${first.line}; ` +
              `${reading.skipped} record(s) skipped, the other statements were delivered`,
            line: first.line,
          })
      }
    }
    const batch: FeedBatch = {
      items,
      cursor: encodeInboxCursor({ v: 1, files: [...kept.values()] }),
      ...(notices.length === 0 ? {} : { notices }),
    }
    return right(batch)
  }

  const acknowledgeNow = async (cursor: Cursor): Promise<Either<ConnectorError, void>> => {
    const decoded = decodeInboxCursor(cursor)
    if (decoded._tag === 'Left') return left(invalidData('cursor', decoded.left))
    if (decoded.right.files.length === 0) return right(undefined)
    const prefix = timestampPrefix(clock())
    if (prefix._tag === 'Left') return left(invalidData('clock', prefix.left))
    const listed = await source.list()
    if (listed._tag === 'Left') return left(listFailed(listed.left))
    const inInbox = new Map(listed.right.map((e) => [e.name, e]))
    const failures: FileSourceError[] = []
    for (const f of decoded.right.files) {
      // Only the very file that was delivered moves: a newer file dropped under the same name stays
      // for the next pull.
      if (inInbox.get(f.name)?.size !== f.size) continue
      const current = await hashFile(source, f.name)
      if (current._tag === 'Left') {
        if (current.left.code !== 'ENOENT') failures.push(current.left)
        continue
      }
      if (current.right.sha256 !== f.sha256) continue
      const moved = await source.move(f.name, 'processed', `${prefix.right}-${f.name}`)
      // ENOENT: moved by a concurrent acknowledgement of the same cursor; nothing left to do.
      if (moved._tag === 'Left' && moved.left.code !== 'ENOENT') failures.push(moved.left)
    }
    const first = failures[0]
    if (first === undefined) return right(undefined)
    return left(
      unavailable(
        `${failures.length} file(s) could not be moved to processed/ (first: ${first.name ?? 'inbox'}` +
          `${first.code === null ? '' : `, ${first.code}`}); the cursor keeps them from being read again`,
      ),
    )
  }

  // The file source never throws by contract; a third-party one might, and a pull must still answer
  // with a value rather than a rejected promise.
  const guard =
    <A>(run: () => Promise<Either<ConnectorError, A>>) =>
    (): Promise<Either<ConnectorError, A>> =>
      run().catch((e: unknown) =>
        left(unavailable(`the CFONB inbox failed unexpectedly (${e instanceof Error ? e.name : typeof e})`)),
      )

  return {
    protocol: 'cfonb',
    capabilities: CFONB_INBOX_CAPABILITIES,
    pull: (request) => guard(() => pullNow(request)),
    acknowledge: (cursor) => guard(() => acknowledgeNow(cursor)),
  }
}

const readFailedNotice = (name: string, e: FileSourceError): FeedNotice => ({
  _tag: 'UnreadableFile',
  file: name,
  reason: `could not be read${e.code === null ? '' : ` (${e.code})`}; left in the inbox for the next pull`,
  line: null,
})
