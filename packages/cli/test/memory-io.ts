import { toFileError } from '../src/io.js'
import type { CliIo, OpenFileResult } from '../src/io.js'

/** An in-memory file: its bytes, how they are cut into chunks, and an optional I/O failure. */
export interface MemoryFile {
  readonly bytes: Uint8Array
  /** Chunk size when read (default 64 KiB). */
  readonly chunkSize?: number
  /** Throw an `EIO` error after this many chunks. */
  readonly failAfterChunks?: number
}

/** A {@link CliIo} over in-memory files that records what was written and how much was read. */
export interface MemoryIo extends CliIo {
  readonly out: () => string
  readonly err: () => string
  /** Chunks handed to the reader so far, per path. */
  readonly chunksRead: (path: string) => number
  /** What was written, by path. */
  readonly written: () => ReadonlyMap<string, string>
}

const toBytes = (content: string | Uint8Array): Uint8Array =>
  typeof content === 'string' ? new TextEncoder().encode(content) : content

/** Builds an in-memory io; a path absent from `files` is `FILE_NOT_FOUND`. */
export const memoryIo = (
  files: Readonly<Record<string, string | Uint8Array | MemoryFile>>,
  options: { readonly stderrIsTTY?: boolean; readonly now?: () => number } = {},
): MemoryIo => {
  let out = ''
  let err = ''
  const reads = new Map<string, number>()
  const writes = new Map<string, string>()
  return {
    stdout: (text) => {
      out += text
    },
    stderr: (text) => {
      err += text
    },
    stderrIsTTY: options.stderrIsTTY ?? false,
    now: options.now ?? (() => Date.parse('2026-03-15T10:00:00Z')),
    out: () => out,
    err: () => err,
    chunksRead: (path) => reads.get(path) ?? 0,
    cwd: '/memory',
    env: () => undefined,
    exists: (path) => Object.hasOwn(files, path) || writes.has(path),
    isDirectory: () => false,
    writeFile: (path, content) => {
      writes.set(path, content)
      return Promise.resolve({ ok: true })
    },
    written: () => writes,
    openFile: (path): Promise<OpenFileResult> => {
      const entry = Object.hasOwn(files, path) ? files[path] : undefined
      if (entry === undefined)
        return Promise.resolve({ ok: false, error: toFileError(path, { code: 'ENOENT' }) })
      const file: MemoryFile =
        typeof entry === 'string' || entry instanceof Uint8Array ? { bytes: toBytes(entry) } : entry
      const chunkSize = file.chunkSize ?? 64 * 1024
      async function* read(): AsyncGenerator<Uint8Array> {
        for (let offset = 0, n = 0; offset < file.bytes.length; offset += chunkSize, n++) {
          if (file.failAfterChunks !== undefined && n >= file.failAfterChunks)
            throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' })
          reads.set(path, (reads.get(path) ?? 0) + 1)
          yield file.bytes.subarray(offset, offset + chunkSize)
        }
      }
      return Promise.resolve({ ok: true, file: { path, size: file.bytes.length, read } })
    },
  }
}
