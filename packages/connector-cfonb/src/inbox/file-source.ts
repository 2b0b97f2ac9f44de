import type { Result } from '@bankfeed/core/connector'

/** A complete file waiting at the top level of an inbox. */
export interface FileEntry {
  /** The plain file name (no folder part). */
  readonly name: string
  /** Size in bytes when listed. */
  readonly size: number
  /** Last modification, ISO-8601 UTC. */
  readonly modifiedAt: string
  /**
   * What the file is, beyond its name, when the source knows it (device and inode for a local
   * folder): a read checks that the file it opens is this very one, not another swapped in since.
   */
  readonly id?: string
}

/**
 * Why the file a read opened is not the file that was listed; the read stops before yielding any
 * byte (or, for `changed`, fails at its end):
 * - `symlink`: the name is now a symbolic link, which is never followed;
 * - `not-regular`: the name is now a folder, a FIFO, a device…;
 * - `replaced`: another regular file now has the name (a different `id`);
 * - `changed`: the same file, but its size or modification time differ from the listing, or changed
 *   while it was read: it is still being written.
 */
export type FileMismatch = 'symlink' | 'not-regular' | 'replaced' | 'changed'

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
  /** Set when a read found another file than the one listed (see {@link FileMismatch}). */
  readonly mismatch?: FileMismatch
}

/** The outcome of a file-source operation: core's {@link Result}, so `ok` / `err` from `@bankfeed/core/connector` build it. */
export type FileSourceResult<A> = Result<FileSourceError, A>

/**
 * Where an inbox connector finds files: a local folder, an SFTP drop, a bucket… Implementations
 * never throw nor reject: every failure is a `Left`.
 */
export interface FileSource {
  /**
   * The files ready to be read: regular files at the top level only (never symbolic links, folders
   * or other kinds of file), without dot-files, the `processed/` and `rejected/` folders, or files
   * still being transferred (see {@link isInboxCandidate}).
   */
  list(): Promise<FileSourceResult<ReadonlyArray<FileEntry>>>
  /**
   * The bytes of a file, chunk by chunk, so that large files are never held whole. A failure ends
   * the iteration with one `Left` item. Given the `expected` entry of a listing, a source that can
   * checks that the file it opened is that one (same `id`, size and modification time) and that it
   * did not change while read, and fails with a {@link FileMismatch} otherwise.
   */
  read(name: string, expected?: FileEntry): AsyncIterable<FileSourceResult<Uint8Array>>
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
