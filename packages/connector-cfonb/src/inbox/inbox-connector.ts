// The package tsconfig loads no ambient types; these files are the Node-only part of the package.
/// <reference types="node" />
import { createHash } from 'node:crypto'
import { ConnectorError, asyncResult, err, isErr, makeContext, ok } from '@bankfeed/core/connector'
import type {
  AsyncResult,
  BankConnector,
  ConnectorCapabilities,
  Context,
  Cursor,
  FeedBatch,
  FeedItem,
  FeedNotice,
  PullRequest,
  Result,
} from '@bankfeed/core/connector'
import type { CfonbDiagnostic } from '../diagnostics.js'
import { resolveOptions } from '../options.js'
import { parseCfonb120Stream } from '../stream.js'
import { toDomainStatement } from '../to-domain.js'
import type { CfonbDomainStatement } from '../to-domain.js'
import type { CfonbEncoding } from '../types.js'
import type { FileEntry, FileMismatch, FileSource, FileSourceError } from './file-source.js'
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
   * How long, in seconds, a pull waits between its two looks at the files it is about to read: a
   * file is read only when its size, modification time and identity were the same at both, so a file
   * a sender is still writing in place is left for a later pull, not read half-way and rejected.
   * {@link DEFAULT_SETTLE_SECONDS} by default; the wait happens only when there is a new file. 0
   * skips the second look (the checks made while reading remain): safe when every file is written
   * whole before the pull, as in tests.
   */
  readonly settleSeconds?: number
  /**
   * How a pull waits `ms` milliseconds between its two looks; a timer by default. A test may pass a
   * step that changes the inbox meanwhile.
   */
  readonly wait?: (ms: number) => Promise<void>
  /**
   * Files modified less than this many seconds ago (by the clock) are left for a later pull, for
   * senders that pause longer than {@link CfonbInboxOptions.settleSeconds} while writing in place.
   * 0 by default.
   */
  readonly minAgeSeconds?: number
  /**
   * The program's context (core's `makeContext`), given once to every connector and the use cases:
   * its clock names processed files and dates rejections. The system clock by default.
   */
  readonly context?: Context
}

/** Why a file was rejected, as written to its `.error.json`. */
export interface InboxRejection {
  /**
   * `parse`: the CFONB parser refused the file; `mapping`: a value core does not accept; `empty`:
   * the file holds no statement (0 bytes, or only blank lines).
   */
  readonly kind: 'parse' | 'mapping' | 'empty'
  /** The parser's diagnostic code, `UNSUPPORTED_VALUE` for a mapping error, `EMPTY_FILE`. */
  readonly code: string
  /** 1-based line of the record concerned; `null` for an empty file. */
  readonly line: number | null
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
  readonly acknowledge: (cursor: Cursor) => AsyncResult<ConnectorError, void>
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

/**
 * Seconds between a pull's two looks at a new file by default: long enough for a sender writing in
 * place to show progress, short enough for a nightly job serving many inboxes.
 */
export const DEFAULT_SETTLE_SECONDS = 3

type FileReading =
  | { readonly _tag: 'Failed'; readonly error: FileSourceError }
  | { readonly _tag: 'Rejected'; readonly rejection: InboxRejection }
  | { readonly _tag: 'Empty'; readonly bytes: number }
  | {
      readonly _tag: 'Accepted'
      readonly fingerprint: InboxCursorEntry
      readonly statements: ReadonlyArray<CfonbDomainStatement>
      /** Lenient mode: the first error the parser carried on past, if any. */
      readonly firstError: CfonbDiagnostic | null
      /** How many errors there were, and records skipped (counted, not kept). */
      readonly errors: number
      readonly skipped: number
    }

const listFailed = (e: FileSourceError): ConnectorError =>
  e.code === 'ENOENT' || e.code === 'ENOTDIR'
    ? ConnectorError.notFound({ what: 'inbox folder', message: `the inbox folder is missing (${e.code})` })
    : ConnectorError.unavailable({
        message: `the inbox could not be listed${e.code === null ? '' : ` (${e.code})`}`,
      })

const time = (iso: string): number => {
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? 0 : ms
}

// Code-unit order, not locale order: the same files are read in the same order on every machine.
const byName = (a: FileEntry, b: FileEntry): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
const byTime = (a: FileEntry, b: FileEntry): number => time(a.modifiedAt) - time(b.modifiedAt)

/** Whether two looks at a file saw the same file, unchanged. */
const sameFile = (a: FileEntry, b: FileEntry | undefined): boolean =>
  b !== undefined && a.size === b.size && a.modifiedAt === b.modifiedAt && a.id === b.id

/** Hashes the listed file without parsing it. */
const hashFile = async (
  source: FileSource,
  entry: FileEntry,
): Promise<Result<FileSourceError, InboxCursorEntry>> => {
  const hash = createHash('sha256')
  let size = 0
  for await (const chunk of source.read(entry.name, entry)) {
    if (isErr(chunk)) return chunk
    hash.update(chunk.right)
    size += chunk.right.byteLength
  }
  return ok({ name: entry.name, size, sha256: hash.digest('hex') })
}

const defaultWait = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms)
  })

/**
 * Builds the CFONB file-inbox connector: each pull reads the new files of the inbox in order, once
 * they are stable (same size, modification time and identity across two looks), delivers one
 * `Statement` item per statement of every good file, moves unreadable files to `rejected/` with a
 * `<name>.error.json` beside them (reported as `UnreadableFile` notices) and so empty ones
 * (`EmptyFile` notices), and answers a cursor naming the delivered files; `acknowledge`, called
 * once that cursor is committed, moves them to `processed/`. A file is all-or-nothing: any error,
 * from the parser or from the mapping to core values, rejects it whole. Invalid options throw a
 * `TypeError` (programming error).
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
  const settleMs = (options.settleSeconds ?? DEFAULT_SETTLE_SECONDS) * 1000
  if (!Number.isFinite(settleMs) || settleMs < 0)
    throw new TypeError('CFONB inbox: settleSeconds must be a finite number ≥ 0')
  const wait = options.wait ?? defaultWait
  const clock = (options.context ?? makeContext()).clock.now

  /** Parses the listed file while hashing it, in one pass over its bytes. */
  const readFile = async (entry: FileEntry): Promise<FileReading> => {
    const hash = createHash('sha256')
    let size = 0
    let ioError: FileSourceError | null = null
    const chunks = source.read(entry.name, entry)[Symbol.asyncIterator]()
    const nextChunk = async (): Promise<Uint8Array | null> => {
      if (ioError !== null) return null
      const r = await chunks.next()
      if (r.done === true) return null
      if (isErr(r.value)) {
        ioError = r.value.left
        return null
      }
      hash.update(r.value.right)
      size += r.value.right.byteLength
      return r.value.right
    }
    async function* bytes(): AsyncGenerator<Uint8Array, void, undefined> {
      for (let c = await nextChunk(); c !== null; c = await nextChunk()) yield c
    }
    let result
    try {
      // No diagnostic kept: the first error and the counts by code (which the parser keeps whatever
      // the bound) are all a notice needs, so a lenient file of garbage costs no memory per line.
      result = await parseCfonb120Stream(bytes(), { mode, encoding, maxDiagnostics: 0 })
      // A strict parse stops at its first error; the rest is still read (not parsed, memory stays
      // flat) so that the source's end-of-read check can tell a bad file from one still being
      // written, which must be left for a later pull rather than rejected.
      while ((await nextChunk()) !== null);
    } finally {
      // Releases the file even if something threw half-way; a no-op once it was read to its end.
      await chunks.return?.()
    }
    // Read through a variable the closure assigns: TypeScript cannot see that assignment.
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
    // Nothing to ingest, but a bank never sends an empty file on purpose: a person must see it.
    if (error === null && result.statements.length === 0) return { _tag: 'Empty', bytes: size }
    const statements: CfonbDomainStatement[] = []
    for (const s of result.statements) {
      const mapped = toDomainStatement(s)
      if (isErr(mapped))
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
      fingerprint: { name: entry.name, size, sha256: hash.digest('hex') },
      statements,
      firstError: error,
      errors: result.summary.diagnostics.bySeverity.error,
      skipped: result.summary.diagnostics.byCode.RECORD_SKIPPED ?? 0,
    }
  }

  /** Moves a file to `rejected/` with its sidecar; answers what became of it, for the notice. */
  const setAside = async (name: string, rejection: InboxRejection, now: string): Promise<string> => {
    const moved = await source.move(name, 'rejected', name)
    if (isErr(moved))
      return `could not be moved to rejected/${moved.left.code === null ? '' : ` (${moved.left.code})`}, left in the inbox`
    const report: RejectedFileReport = { v: 1, file: name, rejectedAt: now, error: rejection }
    const written = await source.writeSidecar(
      'rejected',
      `${moved.right}${REJECTION_SIDECAR_SUFFIX}`,
      `${JSON.stringify(report, null, 2)}\n`,
    )
    return isErr(written)
      ? `moved to rejected/${moved.right} (its ${REJECTION_SIDECAR_SUFFIX} could not be written)`
      : `moved to rejected/${moved.right}`
  }

  /** Rejects an unreadable file; answers the notice that reports it. */
  const reject = async (name: string, rejection: InboxRejection, now: string): Promise<FeedNotice> => {
    // The reason ends up in error reports and logs: code and line only, never the record's content
    // (which the parser's message may quote; that message stays in the sidecar, beside the file).
    const where = rejection.line === null ? '' : ` at line ${rejection.line}`
    const what =
      rejection.kind === 'parse'
        ? `CFONB ${rejection.code}${where}`
        : `value refused by core (${rejection.field ?? 'unknown field'})${where}`
    return {
      _tag: 'UnreadableFile',
      file: name,
      reason: `${what}; ${await setAside(name, rejection, now)}`,
      line: rejection.line,
    }
  }

  /**
   * Sets an empty file aside in `rejected/` rather than `processed/`: it stays where an accountant
   * looks for files that brought nothing, and, out of the inbox, it is reported once, not nightly.
   */
  const rejectEmpty = async (name: string, bytes: number, now: string): Promise<FeedNotice> => {
    const reason = bytes === 0 ? '0 bytes' : 'no statement'
    const fate = await setAside(
      name,
      {
        kind: 'empty',
        code: 'EMPTY_FILE',
        line: null,
        field: null,
        message:
          bytes === 0
            ? 'the file is empty (0 bytes)'
            : `the file holds no statement (no 01 record) in its ${bytes} bytes`,
      },
      now,
    )
    return {
      _tag: 'EmptyFile',
      file: name,
      bytes,
      reason: fate === `moved to rejected/${name}` ? reason : `${reason}; ${fate}`,
    }
  }

  const pullNow = async (request: PullRequest): Promise<Result<ConnectorError, FeedBatch>> => {
    const previous = decodeInboxCursor(request.cursor)
    if (isErr(previous)) return previous
    const listed = await source.list()
    if (isErr(listed)) return err(listFailed(listed.left))
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
    const noteFailure = (name: string, e: FileSourceError): void => {
      const notice = readFailedNotice(name, e)
      if (notice !== null) notices.push(notice)
    }
    const fresh: FileEntry[] = []
    for (const entry of entries) {
      if (minAgeMs > 0 && !Number.isNaN(nowMs) && nowMs - time(entry.modifiedAt) < minAgeMs) continue
      const known = kept.get(entry.name)
      if (known !== undefined && known.size === entry.size) {
        // Delivered by a committed pull but not yet acknowledged (e.g. a crash after the commit):
        // skipped while its content is unchanged.
        const current = await hashFile(source, entry)
        if (isErr(current)) {
          noteFailure(entry.name, current.left)
          continue
        }
        if (current.right.sha256 === known.sha256) continue
      }
      fresh.push(entry)
    }
    // The second look: a sender writing in place (no partial name) shows as a change of size or time
    // between the two; such a file is left, quietly, for a later pull. One wait serves every file.
    let stable = fresh
    if (fresh.length > 0 && settleMs > 0) {
      await wait(settleMs)
      const again = await source.list()
      if (isErr(again)) return err(listFailed(again.left))
      const seen = new Map(again.right.map((e) => [e.name, e]))
      stable = fresh.filter((e) => sameFile(e, seen.get(e.name)))
    }
    for (const entry of stable) {
      const reading = await readFile(entry)
      if (reading._tag === 'Failed') noteFailure(entry.name, reading.error)
      else if (reading._tag === 'Rejected') notices.push(await reject(entry.name, reading.rejection, now))
      else if (reading._tag === 'Empty') notices.push(await rejectEmpty(entry.name, reading.bytes, now))
      else {
        for (const s of reading.statements)
          items.push({ _tag: 'Statement', account: s.account, statement: s.statement })
        // A new content under a known name replaces the old entry.
        kept.set(entry.name, reading.fingerprint)
        const first = reading.firstError
        if (first !== null)
          notices.push({
            _tag: 'UnreadableFile',
            file: entry.name,
            reason:
              `lenient: ${reading.errors} error(s), first CFONB ${first.code} at line ${first.line}; ` +
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
    return ok(batch)
  }

  const acknowledgeNow = async (cursor: Cursor): Promise<Result<ConnectorError, void>> => {
    const decoded = decodeInboxCursor(cursor)
    if (isErr(decoded)) return decoded
    if (decoded.right.files.length === 0) return ok(undefined)
    const prefix = timestampPrefix(clock())
    if (isErr(prefix)) return err(ConnectorError.invalidData({ message: prefix.left, where: 'clock' }))
    const listed = await source.list()
    if (isErr(listed)) return err(listFailed(listed.left))
    const inInbox = new Map(listed.right.map((e) => [e.name, e]))
    const failures: FileSourceError[] = []
    for (const f of decoded.right.files) {
      // Only the very file that was delivered moves: a newer file dropped under the same name stays
      // for the next pull.
      const listedNow = inInbox.get(f.name)
      if (listedNow?.size !== f.size) continue
      const current = await hashFile(source, listedNow)
      if (isErr(current)) {
        // A file swapped or changed since the listing is not the delivered one: it stays.
        if (current.left.code !== 'ENOENT' && current.left.mismatch === undefined) failures.push(current.left)
        continue
      }
      if (current.right.sha256 !== f.sha256) continue
      const moved = await source.move(f.name, 'processed', `${prefix.right}-${f.name}`)
      // ENOENT: moved by a concurrent acknowledgement of the same cursor; nothing left to do.
      if (isErr(moved) && moved.left.code !== 'ENOENT') failures.push(moved.left)
    }
    const first = failures[0]
    if (first === undefined) return ok(undefined)
    return err(
      ConnectorError.unavailable({
        message:
          `${failures.length} file(s) could not be moved to processed/ (first: ${first.name ?? 'inbox'}` +
          `${first.code === null ? '' : `, ${first.code}`}); the cursor keeps them from being read again`,
      }),
    )
  }

  // The file source never throws by contract; a third-party one might, and a pull must still answer
  // with a value rather than a rejected promise.
  const guard = <A>(run: () => Promise<Result<ConnectorError, A>>): AsyncResult<ConnectorError, A> =>
    asyncResult(run, (e) =>
      ConnectorError.unavailable({
        message: `the CFONB inbox failed unexpectedly (${e instanceof Error ? e.name : typeof e})`,
      }),
    )

  return {
    protocol: 'cfonb',
    capabilities: CFONB_INBOX_CAPABILITIES,
    pull: (request) => guard(() => pullNow(request)),
    acknowledge: (cursor) => guard(() => acknowledgeNow(cursor)),
  }
}

const MISMATCH_REASON: Record<Exclude<FileMismatch, 'changed'>, string> = {
  symlink: 'became a symbolic link after it was listed; not followed, not read',
  'not-regular': 'is no longer a regular file (swapped after it was listed); not read',
  replaced: 'was replaced by another file after it was listed; not read, left for the next pull',
}

/**
 * The notice for a file that could not be read, or `null` for one still being written (it changed
 * between the look that chose it and the end of its read): that one is simply taken by a later pull.
 */
const readFailedNotice = (name: string, e: FileSourceError): FeedNotice | null => {
  if (e.mismatch === 'changed') return null
  return {
    _tag: 'UnreadableFile',
    file: name,
    reason:
      e.mismatch === undefined
        ? `could not be read${e.code === null ? '' : ` (${e.code})`}; left in the inbox for the next pull`
        : MISMATCH_REASON[e.mismatch],
    line: null,
  }
}
