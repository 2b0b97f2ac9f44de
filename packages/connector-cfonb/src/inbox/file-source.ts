import type { Either } from './either.js'

/** A complete file waiting at the top level of an inbox. */
export interface FileEntry {
  /** The plain file name (no folder part). */
  readonly name: string
  /** Size in bytes when listed. */
  readonly size: number
  /** Last modification, ISO-8601 UTC. */
  readonly modifiedAt: string
}

/** The two folders inside an inbox that files leave to. */
export type InboxFolder = 'processed' | 'rejected'

/** Why a file-source operation failed. Carries names and system codes, never file contents. */
export interface FileSourceError {
  readonly _tag: 'FileSourceError'
  readonly operation: 'list' | 'read' | 'move' | 'write'
  /** The file concerned, when there is one. */
  readonly name: string | null
  /** The system error code (`ENOENT`, `EACCES`…) when known. */
  readonly code: string | null
  readonly message: string
}

/** The outcome of a file-source operation. */
export type FileSourceResult<A> = Either<FileSourceError, A>

/**
 * Where an inbox connector finds files: a local folder, an SFTP drop, a bucket… Implementations
 * never throw nor reject: every failure is a `Left`.
 */
export interface FileSource {
  /**
   * The files ready to be read: regular files at the top level only, without dot-files, the
   * `processed/` and `rejected/` folders, or files still being written (see {@link isInboxCandidate}).
   */
  list(): Promise<FileSourceResult<ReadonlyArray<FileEntry>>>
  /**
   * The bytes of a file, chunk by chunk, so that large files are never held whole. A failure ends
   * the iteration with one `Left` item.
   */
  read(name: string): AsyncIterable<FileSourceResult<Uint8Array>>
  /**
   * Moves a file of the inbox to `folder` under `newName`, or a free variant of it when that name
   * is taken; answers the name it got.
   */
  move(name: string, folder: InboxFolder, newName: string): Promise<FileSourceResult<string>>
  /** Writes (or replaces) a small text file in `folder`, e.g. the `.error.json` beside a rejected file. */
  writeSidecar(folder: InboxFolder, name: string, text: string): Promise<FileSourceResult<string>>
}

/**
 * Suffixes of files that are still being transferred: senders (curl, browsers, WinSCP, rsync-like
 * tools, EBICS clients) write under such a name and rename once complete.
 */
export const PARTIAL_FILE_SUFFIXES: ReadonlyArray<string> = [
  '.part',
  '.partial',
  '.tmp',
  '.temp',
  '.crdownload',
  '.download',
  '.filepart',
]

/**
 * Whether a top-level name is a file to read: not a dot-file (hidden, or rsync's `.name.XXXXXX`
 * temporaries), not one of the inbox's own folders, and not a partially written file (a name ending
 * in one of {@link PARTIAL_FILE_SUFFIXES}, compared case-insensitively).
 */
export const isInboxCandidate = (name: string): boolean => {
  if (name === '' || name.startsWith('.') || name === 'processed' || name === 'rejected') return false
  const lower = name.toLowerCase()
  return !PARTIAL_FILE_SUFFIXES.some((suffix) => lower.endsWith(suffix))
}

/** Whether a name is a plain file name that cannot reach outside its folder. */
export const isPlainFileName = (name: string): boolean =>
  name !== '' &&
  name !== '.' &&
  name !== '..' &&
  !name.includes('/') &&
  !name.includes('\\') &&
  !name.includes('\0')
