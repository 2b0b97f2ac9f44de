/** Why a file could not be opened or read. */
export interface FileError {
  readonly code: 'FILE_NOT_FOUND' | 'FILE_IS_DIRECTORY' | 'FILE_UNREADABLE' | 'FILE_UNWRITABLE'
  /** The path as given on the command line. */
  readonly path: string
  /** One readable sentence, e.g. `releve.cfonb: no such file`. */
  readonly message: string
}

/** A file opened for reading: its size, and its bytes as a stream of chunks. */
export interface CliFile {
  readonly path: string
  /** Size in bytes (0 when unknown, e.g. a pipe). */
  readonly size: number
  /**
   * The file's bytes, chunk by chunk; call once. The iteration may throw on an I/O error (the CLI
   * turns that into a {@link FileError} with {@link toFileError}); stopping early releases the file.
   */
  read(): AsyncIterable<Uint8Array>
}

/** Outcome of opening a file: a value, never a throw. */
export type OpenFileResult =
  { readonly ok: true; readonly file: CliFile } | { readonly ok: false; readonly error: FileError }

/**
 * Everything the CLI does to the outside world, so that {@link runCli} can run against real files
 * and streams (`createNodeIo`) or in memory (tests).
 */
export interface CliIo {
  /** Writes text to standard output (the command's result). */
  stdout(text: string): void
  /** Writes text to standard error (errors, usage, progress). */
  stderr(text: string): void
  /** Whether standard error is a terminal: progress is shown only then. */
  readonly stderrIsTTY: boolean
  /** Opens a file for reading. */
  openFile(path: string): Promise<OpenFileResult>
  /** The current instant in epoch milliseconds (default `--today`, progress throttling). */
  now(): number
  /** The current folder: relative paths (the default database folder) are taken from it. */
  readonly cwd: string
  /** An environment variable (`BANKFEED_DATABASE_URL`…), `undefined` when unset. */
  env(name: string): string | undefined
  /** Whether something exists at `path`. */
  exists(path: string): boolean
  /** Whether `path` is a directory. */
  isDirectory(path: string): boolean
  /**
   * Writes a whole file (a FEC export) so that it is either the new content or untouched: written
   * beside it, flushed, then renamed over it.
   */
  writeFile(path: string, content: string): Promise<WriteFileResult>
}

/** Outcome of writing a file: a value, never a throw. */
export type WriteFileResult = { readonly ok: true } | { readonly ok: false; readonly error: FileError }

const errnoOf = (cause: unknown): string | undefined => {
  if (typeof cause !== 'object' || cause === null || !('code' in cause)) return undefined
  const code = (cause as { readonly code: unknown }).code
  return typeof code === 'string' ? code : undefined
}

/** Turns an error thrown while writing `path` into a {@link FileError}. */
export const toWriteError = (path: string, cause: unknown): FileError => {
  const errno = errnoOf(cause)
  const why =
    errno === 'ENOENT'
      ? 'its folder does not exist'
      : errno === 'EISDIR'
        ? 'it is a directory'
        : errno === 'EACCES' || errno === 'EPERM'
          ? 'permission denied'
          : errno === 'ENOSPC'
            ? 'the disk is full'
            : `${cause instanceof Error ? cause.message : String(cause)}`
  return { code: 'FILE_UNWRITABLE', path, message: `${path}: cannot be written (${why})` }
}

/** Turns an error thrown by the file system (`ENOENT`, `EISDIR`, `EACCES`, …) into a {@link FileError}. */
export const toFileError = (path: string, cause: unknown): FileError => {
  const errno = errnoOf(cause)
  switch (errno) {
    case 'ENOENT':
      return { code: 'FILE_NOT_FOUND', path, message: `${path}: no such file` }
    case 'EISDIR':
      return { code: 'FILE_IS_DIRECTORY', path, message: `${path}: is a directory, not a file` }
    case 'EACCES':
    case 'EPERM':
      return { code: 'FILE_UNREADABLE', path, message: `${path}: permission denied` }
    default: {
      const detail = cause instanceof Error ? cause.message : String(cause)
      return { code: 'FILE_UNREADABLE', path, message: `${path}: cannot be read (${detail})` }
    }
  }
}

/** Reads a whole file into memory (for small files such as dossiers); I/O errors become values. */
export const readAllBytes = async (
  file: CliFile,
): Promise<
  { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly error: FileError }
> => {
  const chunks: Uint8Array[] = []
  let length = 0
  try {
    for await (const chunk of file.read()) {
      chunks.push(chunk)
      length += chunk.length
    }
  } catch (cause) {
    return { ok: false, error: toFileError(file.path, cause) }
  }
  const bytes = new Uint8Array(length)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.length
  }
  return { ok: true, bytes }
}
